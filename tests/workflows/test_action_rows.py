"""An action is one row: every part it names exists, every registry entry has its row, rules meet actions."""

import inspect

import pytest
from marshmallow import Schema

from caseflow.config import PROJECT_ROOT
from caseflow.deadlines.rules import RuleBook
from caseflow.labels import ACTIONS
from caseflow.services.cases.deadlines import document_event
from caseflow.services.cases.effects import EFFECTS
from caseflow.services.documents.issuing import KINDS
from caseflow.services.notices.notifications import ACTION_NOTICES, SUBJECTS
from caseflow.workflows import WORKFLOWS, guards

ROWS = [(workflow, spec) for workflow in WORKFLOWS.values() for spec in workflow.actions]
ROW_IDS = [f"{w.kind.value if w.kind else 'unclassified'}:{spec.name}" for w, spec in ROWS]
GUARDS = {fn for _, fn in inspect.getmembers(guards, inspect.isfunction) if fn.__module__ == guards.__name__}
BOOK = RuleBook.load(PROJECT_ROOT / "config" / "rules")
# A notice or publication duty is met by issuing its document to its addressee.
DOCUMENT_EVENTS = {document_event(kind.code, to) for kind in KINDS.values() for to in kind.addressees}


@pytest.mark.parametrize(("workflow", "spec"), ROWS, ids=ROW_IDS)
def test_every_part_a_row_names_exists(workflow, spec):
    """Label, parameter schema, guards, effect and notice of each row are real."""
    assert spec.name in ACTIONS, f"{spec.name} has no label in caseflow/labels.py"
    assert issubclass(spec.params, Schema)
    assert spec.roles and spec.sources
    assert set(spec.guards) <= GUARDS, f"{spec.name} names a guard outside workflows/guards.py"
    assert spec.effect is None or spec.effect in EFFECTS, f"{spec.name}: no effect {spec.effect!r}"
    assert spec.notice is None or spec.notice in ACTION_NOTICES, f"{spec.name}: no notice {spec.notice!r}"


def test_every_registry_entry_belongs_to_a_row():
    """No effect or notice is left that no action names."""
    assert {spec.effect for _w, spec in ROWS if spec.effect} == set(EFFECTS)
    assert {spec.notice for _w, spec in ROWS if spec.notice} == set(ACTION_NOTICES)
    assert {subject for _kind, subject, _who in ACTION_NOTICES.values()} <= set(SUBJECTS)


def test_an_action_means_the_same_in_every_workflow():
    """An action of one name has the same effect, notice and inspector watch in every workflow."""
    parts: dict[str, set] = {}
    for _workflow, spec in ROWS:
        parts.setdefault(spec.name, set()).add((spec.effect, spec.notice, spec.watched_by_inspector))
    assert {name: seen for name, seen in parts.items() if len(seen) > 1} == {}


@pytest.mark.parametrize("rule_id", BOOK.ids())
def test_every_rule_is_met_by_actions_of_its_kinds(rule_id):
    """Each version of each rule stops on actions of the workflows of its kinds, or on issuing a document."""
    for rule in BOOK.history[rule_id]:
        kinds = [w for w in WORKFLOWS.values() if w.kind and {"any", w.kind.value} & set(rule.kinds)]
        assert kinds, f"{rule_id} applies to no kind"
        known = {spec.name for workflow in kinds for spec in workflow.actions} | DOCUMENT_EVENTS
        assert set(rule.stop_on) <= known, f"{rule_id} ({rule.version}) stops on {set(rule.stop_on) - known}"


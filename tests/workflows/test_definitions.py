"""Every workflow definition is sound, and its diagram in docs/ is the one the code draws."""

from pathlib import Path

import pytest

from caseflow.models import OPEN_STATUSES, TERMINAL_STATUSES, CaseStatus
from caseflow.workflows import DRAWABLE, WORKFLOWS
from caseflow.workflows.diagram import mermaid

DOCS = Path(__file__).resolve().parents[2] / "docs" / "workflows"
PRODUCT_ACTIONS = {
    "classify",
    "propose_acceptance",
    "guide",
    "forward",
    "return_to_forwarder",
    "file",
    "accept",
    "reject",
    "assign",
    "submit_report",
    "schedule_dialogue",
    "record_dialogue",
    "decide",
    "answer",
    "close",
    "extend",
    "suspend",
    "resume",
    "withdraw",
    "terminate",
    "appeal",
    "record_delivery",
    "record_waiver",
    "request_report",
    "review_redenunciation",
}


def reachable(definition) -> set[str]:
    """States reachable from the initial state."""
    seen, frontier = {definition.initial}, [definition.initial]
    while frontier:
        state = frontier.pop()
        for action in definition.actions_from(state):
            target = action.dest or state
            if target not in seen:
                seen.add(target)
                frontier.append(target)
    return {s.value for s in seen}


@pytest.mark.parametrize("definition", WORKFLOWS.values(), ids=lambda d: d.title)
def test_every_state_is_reachable_and_terminal_states_have_no_exit(definition):
    assert set(definition.states) == reachable(definition)
    for action in definition.actions:
        exits = {s for s in action.sources if s in TERMINAL_STATUSES}
        after_closing = ("appeal", "record_delivery", "record_waiver", "review_redenunciation")
        keeps_status_after_closing = action.name in after_closing and action.keeps_status
        assert not exits or (keeps_status_after_closing and exits == {CaseStatus.CLOSED})


@pytest.mark.parametrize("definition", WORKFLOWS.values(), ids=lambda d: d.title)
def test_every_action_has_roles_and_a_parameter_schema(definition):
    for action in definition.actions:
        assert action.roles and action.params is not None


def test_the_action_names_are_those_of_the_product_contract():
    assert {a.name for w in WORKFLOWS.values() for a in w.actions} == PRODUCT_ACTIONS
    assert {a.name for a in WORKFLOWS[None].actions} <= PRODUCT_ACTIONS


def test_every_open_status_can_be_terminated_and_only_a_resolution_suspended():
    complaint = DRAWABLE["complaint"]
    assert set(complaint.action("terminate").sources) == set(OPEN_STATUSES)
    resolving = {
        CaseStatus.ACCEPTED, CaseStatus.VERIFYING, CaseStatus.REPORTED, CaseStatus.DIALOGUE_SCHEDULED
    }
    for workflow in WORKFLOWS.values():
        suspend = workflow.action("suspend")
        assert suspend is None or set(suspend.sources) <= resolving, workflow.title
    assert WORKFLOWS[None].action("suspend") is None


def test_one_machine_per_workflow_and_no_model_is_left_attached(world):
    machines = {id(w.machine) for w in WORKFLOWS.values()}
    case = world.new_case_at("complaint", CaseStatus.REPORTED)
    assert case.status == CaseStatus.REPORTED
    assert {id(w.machine) for w in WORKFLOWS.values()} == machines
    assert all(w.machine.models == [] for w in WORKFLOWS.values())


@pytest.mark.parametrize("kind", sorted(DRAWABLE))
def test_docs_diagram_matches_the_code(kind):
    assert (DOCS / f"{kind}.mmd").read_text() == mermaid(DRAWABLE[kind])


def test_cli_draws_the_same_diagram(runner):
    result = runner.invoke(args=["workflows", "draw", "denunciation"])
    assert result.exit_code == 0 and result.output == mermaid(DRAWABLE["denunciation"])

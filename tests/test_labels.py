"""Every audit action and every code a page shows has words for it."""

import re
from pathlib import Path

from caseflow.labels import ACTIONS, LABELS
from caseflow.models import CaseField, CaseKind, CaseStatus, Channel, Complexity, PartyRole, Role
from caseflow.workflows import ALL_ACTIONS

SERVICES = Path(__file__).resolve().parent.parent / "caseflow" / "services"


def recorded_actions() -> set[str]:
    """The audit actions the services write besides workflow transitions."""
    pattern = re.compile(r'(?:action=|_event\(case, )"([a-z_]+)"')
    return {m for path in SERVICES.rglob("*.py") for m in pattern.findall(path.read_text())}


def test_every_workflow_action_and_recorded_event_has_a_name():
    assert set(ALL_ACTIONS) | recorded_actions() <= set(ACTIONS)


def test_every_enum_value_has_a_word():
    for enum in (CaseStatus, CaseKind, CaseField, Complexity, Role, PartyRole):
        assert {member.value for member in enum} <= set(LABELS), enum
    assert {c.value for c in Channel} - {"forwarded"} <= set(LABELS)

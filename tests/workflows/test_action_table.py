"""Every row of the action table: allowed for the right role, status and scope; refused otherwise."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from caseflow.errors import NotFound, PermissionDenied, StaleCase, TransitionNotAllowed
from caseflow.models import CaseEvent, CaseKind, CaseStatus
from caseflow.services.cases.actions import perform_action
from caseflow.workflows import WORKFLOWS

ROWS = [
    (wf.kind.value, spec, source)
    for wf in WORKFLOWS.values()
    if wf.kind
    for spec in wf.actions
    for source in spec.sources
]
FIRST_ROWS = {(kind, spec.name): (kind, spec, source) for kind, spec, source in reversed(ROWS)}.values()


def _row_id(row) -> str:
    kind, spec, source = row
    return f"{kind}-{spec.name}-from-{source.value}"


def _ready(world, kind, spec, source):
    """A case in `source`, set up so that the action's guards pass."""
    case = world.new_case_at(kind, source, purpose=spec.name)
    if spec.name == "resume":
        world.act(case, "suspend")
    return case


def _when(world, spec, source) -> dict:
    """An undecided complaint is appealed, and a report on a denunciation requested, after its resolution
    period (30 days from acceptance) ended."""
    if spec.name == "request_report":
        return {"now": world.now + timedelta(days=40)}
    if spec.name != "appeal" or source in (CaseStatus.DECIDED, CaseStatus.CLOSED):
        return {}
    later = world.now + timedelta(days=40)
    return {"now": later, "received_on": later.date().isoformat()}


def _events(db, case) -> list[str]:
    return db.session.scalars(
        sa.select(CaseEvent.action).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)
    ).all()


ROLE_ROWS = [(row, role.value) for row in ROWS for role in sorted(row[1].roles)]


@pytest.mark.parametrize(("row", "role"), ROLE_ROWS, ids=lambda v: v if isinstance(v, str) else _row_id(v))
def test_action_allowed_for_its_roles_from_its_statuses(world, db, row, role):
    kind, spec, source = row
    case = _ready(world, kind, spec, source)
    version, events_before = case.version, _events(db, case)
    superior = spec.name in ("request_report", "review_redenunciation")
    actor = "city_leader" if superior else role  # a leader of the superior unit
    result = world.act(case, spec.name, actor=actor, **_when(world, spec, source))
    assert result.case.status == (spec.dest or source)
    assert result.case.version == version + 1
    assert _events(db, case) == [*events_before, spec.name]
    assert result.event.from_status == source.value and result.event.to_status == (spec.dest or source).value


@pytest.mark.parametrize("row", FIRST_ROWS, ids=_row_id)
@pytest.mark.parametrize("intruder", ["inspector", "admin"])
def test_action_refused_to_other_roles(world, row, intruder):
    kind, spec, source = row
    case = _ready(world, kind, spec, source)
    with pytest.raises(PermissionDenied):
        world.act(case, spec.name, actor=intruder)
    assert case.status == source


@pytest.mark.parametrize("row", FIRST_ROWS, ids=_row_id)
def test_action_refused_from_other_statuses(world, row):
    kind, spec, _source = row
    case = world.new_case_at(kind, CaseStatus.FILED)
    with pytest.raises(TransitionNotAllowed):
        world.act(case, spec.name)
    assert case.status == CaseStatus.FILED


@pytest.mark.parametrize("row", FIRST_ROWS, ids=_row_id)
def test_action_on_a_case_out_of_scope_is_not_found(world, row):
    kind, spec, source = row
    case = _ready(world, kind, spec, source)
    with pytest.raises(NotFound):
        world.act(case, spec.name, actor="stranger")


@pytest.mark.parametrize("row", FIRST_ROWS, ids=_row_id)
def test_action_with_a_stale_version_conflicts(world, db, row):
    kind, spec, source = row
    case = _ready(world, kind, spec, source)
    events_before = _events(db, case)
    with pytest.raises(StaleCase):
        world.act(case, spec.name, version=case.version - 1)
    assert _events(db, case) == events_before


def _suspendable(kind, source) -> bool:
    """Whether a case of `kind` can be suspended in `source` (a resolving status)."""
    return source in WORKFLOWS[CaseKind(kind)].action("suspend").sources


SUSPENDABLE_ROWS = {
    (kind, spec.name): (kind, spec, source)
    for kind, spec, source in reversed(ROWS)
    if _suspendable(kind, source) and spec.name not in ("suspend", "resume")
}.values()


@pytest.mark.parametrize("row", SUSPENDABLE_ROWS, ids=_row_id)
def test_suspended_case_refuses_every_action_but_resume(world, row):
    kind, spec, source = row
    case = _ready(world, kind, spec, source)
    world.act(case, "suspend")
    with pytest.raises(TransitionNotAllowed, match="suspended"):
        world.act(case, spec.name)


def test_unknown_action_is_not_found(world):
    case = world.intake()
    with pytest.raises(NotFound, match="approve"):
        perform_action(case.id, "approve", actor=world.users["leader"], now=world.now, expected_version=1)


def test_action_of_another_kind_is_not_allowed(world):
    case = world.new_case_at("petition", CaseStatus.REPORTED)
    with pytest.raises(TransitionNotAllowed, match="petition"):
        world.act(case, "schedule_dialogue")

"""The whole life of a complaint, through the action service."""

import sqlalchemy as sa

from caseflow.models import CaseEvent, CaseStatus, ClockState
from caseflow.services.cases.audit import verify_chains


def test_complaint_from_intake_to_closure(world, db):
    case = world.new_case_at("complaint", CaseStatus.CLOSED)
    actions = db.session.scalars(
        sa.select(CaseEvent.action).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)
    ).all()
    assert actions == [
        "intake",
        "classify",
        "propose_acceptance",
        "accept",
        "assign",
        "submit_report",
        "decide",
        "close",
    ]
    assert case.status == CaseStatus.CLOSED and not case.is_open and case.closed_dt is not None
    assert case.version == len(actions)
    assert all(clock.state == ClockState.MET for clock in case.deadlines)
    assert verify_chains().broken is None


def test_events_record_old_and_new_values(world, db):
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    assign = db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.action == "assign")
    ).one()
    assert assign.changes == {
        "status": ["accepted", "verifying"],
        "assignee_id": [None, world.users["handler"].id],
    }
    assert (assign.from_status, assign.to_status, assign.actor) == ("accepted", "verifying", "user:leader")

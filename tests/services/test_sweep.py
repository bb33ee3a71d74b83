"""The sweep marks overdue clocks once, writes one event each, warns once; a second run changes nothing."""

from datetime import UTC, datetime

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.jobs.sweep import sweep
from caseflow.models import CaseEvent, CaseStatus, ClockState, Notification
from caseflow.services.cases.audit import verify_chains
from caseflow.services.documents.issuing import issue_document


def _overdue_events() -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(CaseEvent.action == "clock_overdue"))


def test_sweep_marks_overdue_clocks_once_and_is_idempotent(world):
    old = world.intake(now=datetime(2026, 11, 2, 2, tzinfo=UTC), received_on="2026-11-02")
    world.bring_to(old, CaseStatus.CLASSIFIED)  # starts accept_complaint, also overdue by 2027-01-04
    fresh = world.intake()
    first = sweep(now=world.now)
    assert (first.cases, first.overdue) == (1, 2)
    assert old.is_overdue and not fresh.is_overdue
    assert {c.rule_id for c in old.deadlines if c.state == ClockState.OVERDUE} == {
        "process_letter",
        "accept_complaint",
    }
    events, notes = _overdue_events(), db.session.scalar(sa.select(sa.func.count()).select_from(Notification))
    second = sweep(now=world.now)
    assert (second.cases, second.overdue) == (0, 0)
    assert _overdue_events() == events == 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == notes
    assert verify_chains().broken is None


def test_sweep_does_not_change_the_case_version(world):
    old = world.intake(now=datetime(2026, 11, 2, 2, tzinfo=UTC), received_on="2026-11-02")
    version = old.version
    sweep(now=world.now)
    assert old.version == version  # a form opened before the sweep still submits
    world.act(old, "classify")


def test_overdue_clock_met_later_is_late(world):
    old = world.intake(now=datetime(2026, 11, 2, 2, tzinfo=UTC), received_on="2026-11-02")
    sweep(now=world.now)
    world.act(old, "file", reason="ineligible")
    process = next(c for c in old.deadlines if c.rule_id == "process_letter")
    assert process.state == ClockState.MET and process.is_late and not old.is_overdue


def test_paused_clocks_are_not_swept(world):
    case = world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    world.act(case, "accept", now=datetime(2026, 11, 2, 2, tzinfo=UTC))
    world.act(case, "suspend", now=datetime(2026, 11, 3, 2, tzinfo=UTC))
    issue_document(case.id, "suspension", addressee="citizen", actor=world.users["officer"], now=world.now)
    db.session.commit()  # the suspension decision is sent (R19), so only the paused clock is left
    assert sweep(now=world.now).overdue == 0  # the resolution clock (due 2026-12-02) is paused


def test_overdue_notifies_the_unit_leaders(world):
    world.intake(now=datetime(2026, 11, 2, 2, tzinfo=UTC), received_on="2026-11-02")
    sweep(now=world.now)
    users = db.session.scalars(sa.select(Notification.user_id).where(Notification.kind == "overdue")).all()
    assert world.users["leader"].id in users

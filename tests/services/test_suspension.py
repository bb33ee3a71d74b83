"""Suspension pauses the resolution clock only, never after a decision; complaints only from 2026-07-01."""

from datetime import UTC, date, datetime

import pytest

from caseflow.errors import GuardFailed, TransitionNotAllowed
from caseflow.models import CaseStatus, ClockState


def morning(day: str) -> datetime:
    """09:00 in Hà Nội on an ISO day, as UTC."""
    return datetime.fromisoformat(day).replace(hour=2, tzinfo=UTC)


def clock(case, rule_id):
    return next(c for c in case.deadlines if c.rule_id == rule_id)


def test_a_denunciation_in_initial_processing_cannot_be_suspended_and_its_due_date_stays(world):
    # Received Mon 2026-02-09: 7 working days skip Tết (14–22 Feb), so initial processing is due 02-25.
    case = world.intake("denunciation", now=morning("2026-02-09"), received_on="2026-02-09")
    world.act(case, "classify", now=morning("2026-02-10"))
    assert clock(case, "denunciation_initial").due_on == date(2026, 2, 25)
    with pytest.raises(TransitionNotAllowed, match="Cannot suspend a case that is classified"):
        world.act(case, "suspend", now=morning("2026-02-10"))
    assert clock(case, "denunciation_initial").due_on == date(2026, 2, 25)
    assert clock(case, "denunciation_initial").state == ClockState.RUNNING


def test_suspending_a_denunciation_pauses_its_resolution_only(world):
    case = world.intake("denunciation", now=morning("2026-02-09"), received_on="2026-02-09")
    for action in ("classify", "propose_acceptance", "accept"):
        world.act(case, action, now=morning("2026-02-10"))
    assert clock(case, "resolve_denunciation").due_on == date(2026, 3, 12)
    world.act(case, "suspend", now=morning("2026-02-10"))
    assert clock(case, "resolve_denunciation").state == ClockState.PAUSED
    world.act(case, "resume", now=morning("2026-02-20"))
    # 10 days suspended: the 30th counted day moves from 03-12 to Sun 03-22, so it ends Mon 03-23.
    assert clock(case, "resolve_denunciation").due_on == date(2026, 3, 23)
    assert clock(case, "denunciation_initial").due_on == date(2026, 2, 25)


def test_a_decided_case_cannot_be_suspended(world):
    case = world.new_case_at("complaint", CaseStatus.DECIDED)
    with pytest.raises(TransitionNotAllowed, match="decided"):
        world.act(case, "suspend")
    assert not case.is_suspended
    assert clock(case, "send_decision_l1").state == ClockState.RUNNING


@pytest.mark.parametrize(("accepted_on", "allowed"), [("2026-06-30", False), ("2026-07-01", True)])
def test_complaints_are_suspended_only_when_accepted_from_2026_07_01(world, accepted_on, allowed):
    case = world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    world.act(case, "accept", now=morning(accepted_on))
    if allowed:
        world.act(case, "suspend", now=morning("2026-07-10"))
        assert clock(case, "resolve_complaint_l1").state == ClockState.PAUSED
        return
    with pytest.raises(GuardFailed, match="only for cases accepted from 2026-07-01"):
        world.act(case, "suspend", now=morning("2026-07-10"))
    assert clock(case, "resolve_complaint_l1").state == ClockState.RUNNING


def test_an_unclassified_letter_has_no_suspension(world):
    case = world.intake()
    with pytest.raises(TransitionNotAllowed, match="does not exist"):
        world.act(case, "suspend")

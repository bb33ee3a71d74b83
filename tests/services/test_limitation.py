"""R7: a first complaint lodged more than 90 days after the complainant learned of the act is time-barred."""

from datetime import UTC, date, datetime

import pytest

from caseflow.errors import GuardFailed
from caseflow.models import CaseStatus
from caseflow.services.cases.deadlines import limitation_end


def at(day: date) -> datetime:
    """10:00 in Hà Nội on `day`."""
    return datetime(day.year, day.month, day.day, 3, tzinfo=UTC)


def complaint_received(world, received: date, **classify):
    """A first complaint received on `received`, classified with the limitation facts, proposed."""
    case = world.intake("complaint", now=at(received), received_on=received.isoformat())
    world.act(case, "classify", now=at(received), **classify)
    world.act(case, "propose_acceptance", now=at(received))
    return case


def test_ninety_days_from_5_january_end_on_monday_6_april_because_day_90_is_a_sunday(world):
    case = complaint_received(world, date(2026, 4, 6), learned_on="2026-01-05")
    assert limitation_end(case) == date(2026, 4, 6)
    world.act(case, "accept", now=at(date(2026, 4, 7)))
    assert case.status == CaseStatus.ACCEPTED


def test_a_complaint_received_the_day_after_is_refused_with_the_computation(world):
    case = complaint_received(world, date(2026, 4, 7), learned_on="2026-01-05")
    with pytest.raises(GuardFailed, match="time-barred") as refusal:
        world.act(case, "accept", now=at(date(2026, 4, 8)))
    assert "2026-01-05" in str(refusal.value) and "2026-04-06" in str(refusal.value)
    assert case.status == CaseStatus.PENDING_ACCEPTANCE


def test_obstacle_days_are_not_counted(world):
    case = complaint_received(world, date(2026, 4, 7), learned_on="2026-01-05", obstacle_days=10)
    assert limitation_end(case) == date(2026, 4, 15)
    world.act(case, "accept", now=at(date(2026, 4, 8)))
    assert case.status == CaseStatus.ACCEPTED


def test_without_the_date_learned_nothing_is_refused(world):
    case = complaint_received(world, date(2026, 4, 7))
    world.act(case, "accept", now=at(date(2026, 4, 8)))
    assert case.status == CaseStatus.ACCEPTED


def terminated_complaint(world, on: date):
    """A first complaint accepted and then terminated on `on`."""
    world.now = at(date(2026, 3, 2))
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    world.act(case, "terminate", actor="leader", now=at(on))
    return case


def test_a_complaint_lodged_again_within_thirty_days_of_its_termination_is_accepted(world):
    """Terminated Monday 2026-03-09: day 30 is Wednesday 08/04, the last day to lodge it again."""
    terminated_complaint(world, date(2026, 3, 9))
    again = complaint_received(world, date(2026, 4, 8))
    world.act(again, "accept", now=at(date(2026, 4, 9)))
    assert again.status == CaseStatus.ACCEPTED


def test_after_thirty_days_the_same_complaint_is_barred(world):
    earlier = terminated_complaint(world, date(2026, 3, 9))
    again = complaint_received(world, date(2026, 4, 9))
    with pytest.raises(GuardFailed, match="terminated on 2026-03-09") as refusal:
        world.act(again, "accept", now=at(date(2026, 4, 10)))
    assert earlier.tracking_code in str(refusal.value) and "2026-04-08" in str(refusal.value)

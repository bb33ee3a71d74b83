"""R18: the dialogue invitation goes out at least 5 days ahead; a dialogue is recorded on or after its day."""

from datetime import UTC, datetime

import pytest

from caseflow.errors import GuardFailed
from caseflow.models import CaseStatus


def morning(day: str) -> datetime:
    """09:00 in Hà Nội on an ISO day, as UTC."""
    return datetime.fromisoformat(day).replace(hour=2, tzinfo=UTC)


@pytest.mark.parametrize(
    ("at", "refusal"),
    [
        ("2027-03-09T08:00:00+07:00", "in the past"),
        ("2027-03-14T08:00:00+07:00", "on 2027-03-15 or later"),
    ],
)
def test_a_dialogue_too_soon_or_in_the_past_is_refused(world, at, refusal):
    case = world.new_case_at("complaint", CaseStatus.REPORTED)
    with pytest.raises(GuardFailed, match=refusal):
        world.act(case, "schedule_dialogue", at=at, now=morning("2027-03-10"))
    assert case.status == CaseStatus.REPORTED


def test_a_dialogue_five_days_ahead_is_scheduled_and_recorded_on_its_day(world):
    case = world.new_case_at("complaint", CaseStatus.REPORTED)
    world.act(case, "schedule_dialogue", at="2027-03-15T08:00:00+07:00", now=morning("2027-03-10"))
    with pytest.raises(GuardFailed, match="scheduled for 2027-03-15"):
        world.act(case, "record_dialogue", now=morning("2027-03-14"))
    world.act(case, "record_dialogue", now=morning("2027-03-15"))
    assert case.dialogue_held and case.status == CaseStatus.REPORTED

"""Extensions: before the due date only, for up to (not exactly) the legal maximum, with the criterion."""

from datetime import UTC, date, datetime

import pytest

from caseflow.errors import GuardFailed, InvalidInput
from caseflow.models import CaseStatus
from caseflow.services.cases import deadlines


def morning(day: str) -> datetime:
    """09:00 in Hà Nội on an ISO day, as UTC."""
    return datetime.fromisoformat(day).replace(hour=2, tzinfo=UTC)


def accepted(world, kind: str, on: str):
    case = world.new_case_at(kind, CaseStatus.PENDING_ACCEPTANCE)
    world.act(case, "accept", now=morning(on))
    return case


def resolution(case):
    return next(c for c in case.deadlines if c.rule_id.startswith("resolve_"))


def test_an_extension_after_the_due_date_is_refused(world):
    case = accepted(world, "denunciation", "2027-03-01")
    assert resolution(case).due_on == date(2027, 3, 31)
    with pytest.raises(GuardFailed, match="ended on 2027-03-31"):
        world.act(case, "extend", days=30, now=morning("2027-04-01"))
    assert resolution(case).days == 30


def test_a_denunciation_is_extended_by_the_days_asked_up_to_thirty(world):
    case = accepted(world, "denunciation", "2027-03-01")
    with pytest.raises(GuardFailed, match="at most 30 days"):
        world.act(case, "extend", days=31, now=morning("2027-03-20"))
    world.act(case, "extend", days=20, criterion="many_people", now=morning("2027-03-20"))
    clock = resolution(case)
    assert (clock.days, clock.due_on) == (50, date(2027, 4, 20))
    explanation = deadlines.explain_clock(clock)
    assert explanation["extensions"][0]["criterion"] == "many_people"
    assert "vụ việc phức tạp: có nhiều người liên quan" in explanation["text_vi"]
    assert "complex: many people concerned" in explanation["text"]


def test_a_complaint_is_extended_up_to_the_complex_limit(world):
    case = accepted(world, "complaint", "2027-03-01")
    with pytest.raises(GuardFailed, match="at most 15 days"):
        world.act(case, "extend", days=16, now=morning("2027-03-20"))
    world.act(case, "extend", days=10, now=morning("2027-03-20"))
    clock = resolution(case)
    # 40 days from 2027-03-01 is Saturday 2027-04-10, so the period ends on Monday 2027-04-12.
    assert (clock.days, clock.variant, clock.due_on) == (40, "complex", date(2027, 4, 12))


def test_the_criterion_must_be_one_of_the_seven(world):
    case = accepted(world, "denunciation", "2027-03-01")
    with pytest.raises(InvalidInput) as refused:
        world.act(case, "extend", criterion="busy_officials", now=morning("2027-03-20"))
    assert set(refused.value.errors) == {"criterion"}

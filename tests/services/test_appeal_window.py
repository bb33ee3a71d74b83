"""The appeal window runs from the complainant's receipt of the decision, or from the end of the L1 period."""

from datetime import UTC, date, datetime

import pytest

from caseflow.errors import GuardFailed
from caseflow.models import CaseStatus, ClockState
from caseflow.services.cases import deadlines
from caseflow.services.cases.matching import child_case


def morning(day: str) -> datetime:
    """09:00 in Hà Nội on an ISO day, as UTC."""
    return datetime.fromisoformat(day).replace(hour=2, tzinfo=UTC)


def decided_on(world, signed_on: str):
    """A level-1 complaint accepted on 2027-01-04 and decided by a decision signed on `signed_on`."""
    case = world.new_case_at("complaint", CaseStatus.REPORTED)
    world.act(case, "decide", now=morning(signed_on), signed_on=signed_on)
    return case


def appeal_window(case):
    return next(c for c in case.deadlines if c.rule_id == "appeal_window")


def test_the_window_runs_from_receipt_not_signature(world):
    case = decided_on(world, "2027-02-12")
    world.act(case, "record_delivery", now=morning("2027-02-23"), received_on="2027-02-22")
    window = appeal_window(case)
    assert (window.start_on, window.due_on) == (date(2027, 2, 22), date(2027, 3, 24))
    world.act(case, "appeal", now=morning("2027-03-22"), received_on="2027-03-22")
    assert child_case(case).level == 2
    assert appeal_window(case).state == ClockState.MET


def test_an_appeal_after_the_window_from_receipt_is_refused(world):
    case = decided_on(world, "2027-02-12")
    world.act(case, "record_delivery", now=morning("2027-02-23"), received_on="2027-02-22")
    with pytest.raises(GuardFailed, match="ended on 2027-03-24"):
        world.act(case, "appeal", now=morning("2027-03-25"), received_on="2027-03-25")


def test_before_any_receipt_is_recorded_a_decided_case_can_be_appealed(world):
    case = decided_on(world, "2027-02-12")
    world.act(case, "appeal", now=morning("2027-04-20"), received_on="2027-04-20")
    assert child_case(case) is not None


def test_receipt_of_a_decision_by_someone_else_does_not_start_the_window(world):
    case = decided_on(world, "2027-02-12")
    world.act(
        case, "record_delivery", now=morning("2027-02-15"), received_on="2027-02-15", party="respondent"
    )
    assert not [c for c in case.deadlines if c.rule_id == "appeal_window"]


def test_a_receipt_before_the_signature_or_in_the_future_is_refused(world):
    case = decided_on(world, "2027-02-12")
    with pytest.raises(GuardFailed, match="before it was signed"):
        world.act(case, "record_delivery", now=morning("2027-02-15"), received_on="2027-02-11")
    with pytest.raises(GuardFailed, match="future"):
        world.act(case, "record_delivery", now=morning("2027-02-15"), received_on="2027-02-16")


def test_an_undecided_complaint_can_be_appealed_once_its_period_ended(world):
    case = world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    world.act(case, "accept", now=morning("2027-03-01"))
    world.act(case, "assign", now=morning("2027-03-02"))
    assert deadlines.explain_clock(next(c for c in case.deadlines if c.rule_id == "resolve_complaint_l1"))[
        "due_on"
    ] == "2027-03-31"
    with pytest.raises(GuardFailed, match="still running"):
        world.act(case, "appeal", now=morning("2027-03-20"), received_on="2027-03-20")
    world.act(case, "appeal", now=morning("2027-04-05"), received_on="2027-04-05")
    assert child_case(case).level == 2 and case.status == CaseStatus.VERIFYING


def test_the_window_after_an_unanswered_period_ends_after_the_may_holidays(world):
    # 30 days from 2027-03-31 is Friday 2027-04-30 (Liberation Day); 1 May and Sunday 2 May are off and
    # 3 May is the observed Labour Day, so the window ends on Tuesday 2027-05-04.
    case = world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    world.act(case, "accept", now=morning("2027-03-01"))
    with pytest.raises(GuardFailed, match="ended on 2027-05-04"):
        world.act(case, "appeal", now=morning("2027-05-05"), received_on="2027-05-05")
    world.act(case, "appeal", now=morning("2027-05-04"), received_on="2027-05-04")

"""Actions recorded after the fact (effective_on): who may, which dates, the audit trail, clocks, reports."""

from datetime import UTC, date, datetime, timedelta

import pytest

from caseflow.errors import GuardFailed, InvalidInput, PermissionDenied
from caseflow.extensions import db
from caseflow.models import CaseStatus
from caseflow.services.cases.actions import perform_action
from caseflow.services.cases.audit import verify_chains
from caseflow.services.reports import build_report
from caseflow.services.reports.periods import Period
from caseflow.timeutil import local_date
from tests.factories import ACTORS, default_params

MAY = datetime(2027, 5, 10, 3, 0, tzinfo=UTC)  # when the agency enters its paper register


def act(world, case, action, effective_on, who=None, **params):
    """One action entered in May with the date it actually happened."""
    merged = {**default_params(action, case, world, world.kinds.get(case.id, "complaint")), **params}
    result = perform_action(
        case.id, action, actor=world.users[who or ACTORS[action]], now=MAY, params=merged,
        expected_version=case.version, effective_on=effective_on,
    )  # fmt: skip
    db.session.commit()
    return result


def clock(case, rule_id):
    """The case's clock of `rule_id`."""
    return next(c for c in case.deadlines if c.rule_id == rule_id)


def letter_of_march(world):
    """A complaint received on 2 March 2027 and entered on 10 May."""
    return world.intake("complaint", now=MAY, received_on="2027-03-02")


def test_a_letter_of_march_entered_in_may_counts_as_processed_in_march(world):
    case = letter_of_march(world)
    act(world, case, "classify", date(2027, 3, 4))
    act(world, case, "propose_acceptance", date(2027, 3, 8))
    result = act(world, case, "accept", date(2027, 3, 12))
    assert local_date(result.event.created_dt) == date(2027, 3, 12)
    late = result.event.params["recorded_late"]
    assert late["effective_on"] == "2027-03-12" and late["recorded_at"].startswith("2027-05-10")
    assert late["entered_by"] and result.event.actor_user_id == world.users["leader"].id
    processing = clock(case, "process_letter")
    assert processing.met_on == date(2027, 3, 8) and not processing.is_late
    resolve = clock(case, "resolve_complaint_l1")
    assert resolve.start_on == date(2027, 3, 12) and resolve.rule_version == "2026-07-01"
    assert case.updated_dt == MAY  # the record itself changed in May
    march, may = Period(date(2027, 3, 1), date(2027, 3, 31)), Period(date(2027, 5, 1), date(2027, 5, 31))
    assert build_report("processing", unit=case.unit, period=march).totals["accepted"] == 1
    assert build_report("processing", unit=case.unit, period=may).totals["accepted"] == 0
    assert verify_chains().broken is None  # the chain holds with both dates in it


def test_dates_in_the_future_or_before_the_previous_step_are_refused(world):
    case = letter_of_march(world)
    with pytest.raises(InvalidInput) as future:
        act(world, case, "classify", date(2027, 5, 11))
    assert "effective_on" in future.value.errors
    db.session.rollback()
    with pytest.raises(InvalidInput):
        act(world, case, "classify", date(2027, 3, 1))  # before the letter was received
    db.session.rollback()
    act(world, case, "classify", date(2027, 3, 10))
    with pytest.raises(InvalidInput):
        act(world, case, "propose_acceptance", date(2027, 3, 9))  # before the classification
    db.session.rollback()
    proposed = act(world, case, "propose_acceptance", date(2027, 3, 10))
    assert proposed.case.status == CaseStatus.PENDING_ACCEPTANCE


def test_the_same_day_keeps_the_steps_in_order(world):
    case = letter_of_march(world)
    first = act(world, case, "classify", date(2027, 3, 10))
    second = act(world, case, "propose_acceptance", date(2027, 3, 10))
    assert second.event.created_dt > first.event.created_dt
    assert local_date(second.event.created_dt) == date(2027, 3, 10)


def test_only_officers_leaders_and_administrators_record_late(world):
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    with pytest.raises(PermissionDenied):
        perform_action(
            case.id, "submit_report", actor=world.users["handler"], now=world.now + timedelta(days=2),
            params={"findings": "Đúng", "matches_request": True}, expected_version=case.version,
            effective_on=local_date(world.now),
        )  # fmt: skip


def test_today_is_not_late(world):
    case = letter_of_march(world)
    result = act(world, case, "classify", local_date(MAY))
    assert result.event.created_dt == MAY and "recorded_late" not in result.event.params


def test_guards_read_the_effective_date(world):
    case = letter_of_march(world)
    act(world, case, "classify", date(2027, 3, 4))
    act(world, case, "propose_acceptance", date(2027, 3, 8))
    act(world, case, "accept", date(2027, 3, 12))
    due = clock(case, "resolve_complaint_l1").due_on
    assert due < local_date(MAY)
    extend = {"reason": "Vụ việc phức tạp", "complexity": "complex", "criterion": "several_places"}
    with pytest.raises(GuardFailed):  # on the wall clock the due date has passed
        act(world, case, "extend", None, **extend)
    db.session.rollback()
    extended = act(world, case, "extend", due - timedelta(days=3), **extend)  # before it, as it happened
    assert clock(extended.case, "resolve_complaint_l1").due_on > due

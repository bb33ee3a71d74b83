"""Notice duties (R3, R16, R19, R28, R30, R31, R34, R37): clocks on real dates, met by their documents."""

from datetime import UTC, date, datetime

import pytest

from caseflow.errors import GuardFailed, TransitionNotAllowed
from caseflow.extensions import db
from caseflow.models import CaseStatus, ClockState
from caseflow.services.cases.deadlines import explain_clock
from caseflow.services.documents import issuing


def at(day: date) -> datetime:
    """10:00 in Hà Nội on `day`."""
    return datetime(day.year, day.month, day.day, 3, tzinfo=UTC)


def clock(case, rule_id: str):
    """The case's clock of that rule."""
    return next(c for c in case.deadlines if c.rule_id == rule_id)


def issue(world, case, kind: str, addressee: str, day: date):
    """Issue a document on `day` as the officer, and commit."""
    officer = world.users["officer"]
    document = issuing.issue_document(case.id, kind, addressee=addressee, actor=officer, now=at(day))
    db.session.commit()
    return document


def test_acceptance_notices_are_due_five_working_days_later_across_the_new_year_swap(world):
    """Accepted Monday 2025-12-29: 1/1 is a holiday and Friday 2/1/2026 was swapped off, so day 5 is 7/1."""
    world.now = at(date(2025, 12, 29))
    case = world.new_case_at("denunciation", CaseStatus.ACCEPTED)
    denouncer, denounced = clock(case, "notify_denouncer_acceptance"), clock(case, "notify_denounced_content")
    assert denouncer.due_on == denounced.due_on == date(2026, 1, 7)
    issue(world, case, "acceptance", "respondent", date(2026, 1, 6))
    assert (denounced.state, denounced.is_late, denounced.met_on) == (ClockState.MET, False, date(2026, 1, 6))
    assert denouncer.state == ClockState.RUNNING
    assert case.due_on == date(2026, 1, 7)
    issue(world, case, "acceptance", "citizen", date(2026, 1, 8))
    assert (denouncer.state, denouncer.is_late) == (ClockState.MET, True)
    assert case.due_on == clock(case, "resolve_denunciation").due_on


def test_an_anonymous_denouncer_has_no_notice_clock_but_the_denounced_does(world):
    world.now = at(date(2025, 12, 29))
    case = world.new_case_at("denunciation", CaseStatus.ACCEPTED, is_anonymous=True, petitioner=None)
    rules = {c.rule_id for c in case.deadlines}
    assert "notify_denounced_content" in rules and "notify_denouncer_acceptance" not in rules


def test_a_conclusion_is_published_within_seven_working_days_across_tet(world):
    """Signed Thursday 2026-02-12, Tết 14–22/02: day 1 is 13/02, days 2–6 are 23–27/02, day 7 is 02/03."""
    world.now = at(date(2026, 2, 12))
    case = world.new_case_at("denunciation", CaseStatus.DECIDED)
    publish = clock(case, "publish_conclusion")
    assert publish.due_on == date(2026, 3, 2)
    assert clock(case, "send_conclusion_denounced").due_on == date(2026, 2, 26)
    assert clock(case, "notify_denouncer_conclusion").due_on == date(2026, 2, 26)
    issue(world, case, "conclusion", "public", date(2026, 3, 3))
    assert (publish.state, publish.is_late, publish.met_on) == (ClockState.MET, True, date(2026, 3, 3))
    assert "Khoản 1 Điều 40 Luật Tố cáo 2018" in explain_clock(publish)["text_vi"]


def test_a_second_time_decision_is_published_within_fifteen_days_and_says_its_basis_is_unverified(world):
    """Signed Friday 2026-10-02: day 15 is Saturday 17/10, so the period ends on Monday 19/10."""
    world.now = at(date(2026, 9, 21))
    case = world.intake("complaint")
    world.act(case, "classify", level=2)
    world.bring_to(case, CaseStatus.REPORTED)
    world.act(case, "schedule_dialogue")
    world.act(case, "record_dialogue")
    world.act(case, "decide", now=at(date(2026, 10, 2)), signed_on="2026-10-02")
    publish = clock(case, "publish_decision_l2")
    assert publish.due_on == date(2026, 10, 19)
    assert "(căn cứ pháp lý chưa được xác minh)" in explain_clock(publish)["text_vi"]
    issue(world, case, "decision", "public", date(2026, 10, 19))
    assert (publish.state, publish.is_late) == (ClockState.MET, False)


def test_a_first_time_decision_has_no_publication_clock(world):
    world.now = at(date(2026, 10, 2))
    case = world.new_case_at("complaint", CaseStatus.DECIDED)
    assert "publish_decision_l2" not in {c.rule_id for c in case.deadlines}


FORWARDED = {"channel": "forwarded", "forwarded_by": "Ban Dân nguyện của Ủy ban Thường vụ Quốc hội"}


def test_a_forwarded_denunciation_tells_its_forwarder_how_it_was_handled_within_twenty_days(world):
    """Received Monday 2026-04-13: day 20 is Sunday 03/05, after the 30/4–1/5 holidays, so Monday 04/05."""
    world.now = at(date(2026, 4, 13))
    case = world.new_case_at("denunciation", CaseStatus.ACCEPTED, **FORWARDED)
    handling = clock(case, "handling_to_forwarder")
    assert (handling.start_on, handling.due_on) == (date(2026, 4, 13), date(2026, 5, 4))
    document = issue(world, case, "acceptance", "forwarder", date(2026, 4, 20))
    assert (handling.state, handling.is_late) == (ClockState.MET, False)
    assert document.addressee == "forwarder"


def test_the_result_goes_back_to_the_forwarding_body_within_seven_working_days(world):
    """Decided Wed 2026-08-26: days 1–2 are 27–28/08, 31/08 was swapped off, 01–02/09 are National Day,
    days 3–7 are 03/09 to 09/09."""
    world.now = at(date(2026, 8, 26))
    case = world.new_case_at("complaint", CaseStatus.DECIDED, **FORWARDED)
    result = clock(case, "result_to_forwarder")
    assert result.due_on == date(2026, 9, 9)
    issue(world, case, "decision", "forwarder", date(2026, 9, 10))
    assert (result.state, result.is_late) == (ClockState.MET, True)


def test_a_letter_not_forwarded_has_no_forwarder_clock_nor_document(world):
    world.now = at(date(2026, 8, 26))
    case = world.new_case_at("complaint", CaseStatus.DECIDED)
    assert "result_to_forwarder" not in {c.rule_id for c in case.deadlines}
    with pytest.raises(TransitionNotAllowed, match="not forwarded"):
        issue(world, case, "decision", "forwarder", date(2026, 8, 27))


def test_a_denunciations_suspension_decision_is_sent_within_five_working_days(world):
    """Suspended Tuesday 2026-04-28: day 1 is 29/04, 30/04 and 01/05 are holidays, days 2–5 are 04–07/05."""
    world.now = at(date(2026, 4, 20))
    case = world.new_case_at("denunciation", CaseStatus.VERIFYING)
    world.act(case, "suspend", now=at(date(2026, 4, 28)))
    send = clock(case, "send_suspension_denunciation")
    assert (send.start_on, send.due_on) == (date(2026, 4, 28), date(2026, 5, 7))
    assert clock(case, "resolve_denunciation").state == ClockState.PAUSED
    issue(world, case, "suspension", "citizen", date(2026, 5, 5))
    assert (send.state, send.is_late) == (ClockState.MET, False)


def test_a_complaints_suspension_and_continuation_decisions_are_sent_within_three_working_days(world):
    """Accepted from 2026-07-01 (NĐ 155/2026): suspended Fri 10/07, due 15/07; resumed 20/07, due 23/07."""
    world.now = at(date(2026, 7, 6))
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    world.act(case, "suspend", now=at(date(2026, 7, 10)))
    suspension = clock(case, "send_suspension_complaint")
    assert suspension.due_on == date(2026, 7, 15)
    assert "(căn cứ pháp lý chưa được xác minh)" in explain_clock(suspension)["text_vi"]
    with pytest.raises(TransitionNotAllowed):
        issue(world, case, "continuation", "citizen", date(2026, 7, 13))
    issue(world, case, "suspension", "citizen", date(2026, 7, 16))
    assert (suspension.state, suspension.is_late) == (ClockState.MET, True)
    world.act(case, "resume", now=at(date(2026, 7, 20)))
    continuation = clock(case, "send_continuation_complaint")
    assert continuation.due_on == date(2026, 7, 23)
    issue(world, case, "continuation", "citizen", date(2026, 7, 21))
    assert continuation.state == ClockState.MET


def test_a_superior_requests_a_report_on_an_overdue_denunciation_due_five_working_days_later(world):
    """Accepted Mon 2026-03-02: resolution due 01/04; requested 02/04 (overdue), report due Thu 09/04."""
    world.now = at(date(2026, 3, 2))
    case = world.new_case_at("denunciation", CaseStatus.VERIFYING)
    assert clock(case, "resolve_denunciation").due_on == date(2026, 4, 1)
    with pytest.raises(GuardFailed, match="not overdue"):
        world.act(case, "request_report", now=at(date(2026, 4, 1)))
    with pytest.raises(GuardFailed, match="superior unit"):
        world.act(case, "request_report", actor="leader", now=at(date(2026, 4, 2)))
    world.act(case, "request_report", now=at(date(2026, 4, 2)))
    report = clock(case, "report_to_superior")
    assert (report.start_on, report.due_on) == (date(2026, 4, 2), date(2026, 4, 9))
    document = issue(world, case, "progress_report", "superior", date(2026, 4, 9))
    assert (report.state, report.is_late) == (ClockState.MET, False)
    assert document.number.startswith("1/BC")


def test_a_superior_reviews_a_re_denunciation_within_twenty_days_of_its_receipt(world):
    """Re-denunciation received Friday 2026-04-17: day 20 is Thursday 07/05; reviewed on 08/05, late."""
    world.now = at(date(2026, 4, 6))
    case = world.new_case_at("denunciation", CaseStatus.CLOSED)
    with pytest.raises(GuardFailed, match="superior unit"):
        world.act(
            case, "review_redenunciation", actor="leader", received_on="2026-04-17", now=at(date(2026, 5, 8))
        )
    world.act(
        case,
        "review_redenunciation",
        received_on="2026-04-17",
        outcome="re_resolve",
        now=at(date(2026, 5, 8)),
    )
    review = clock(case, "review_redenunciation")
    assert (review.start_on, review.due_on, review.met_on) == (
        date(2026, 4, 17),
        date(2026, 5, 7),
        date(2026, 5, 8),
    )
    assert review.is_late and case.status == CaseStatus.CLOSED


def test_a_re_denunciation_is_not_received_before_the_conclusion(world):
    world.now = at(date(2026, 4, 6))
    case = world.new_case_at("denunciation", CaseStatus.DECIDED)
    with pytest.raises(GuardFailed, match="before the conclusion was signed"):
        world.act(case, "review_redenunciation", received_on="2026-04-05", now=at(date(2026, 4, 20)))

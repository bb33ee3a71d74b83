"""Tests for due-date computation and explanations."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caseflow.calendar import WorkingCalendar
from caseflow.deadlines.clock import PAUSED, UNVERIFIED_NOTE, compute_due, explain
from caseflow.deadlines.counts import Extension, Pause
from caseflow.deadlines.rules import RuleBook

RULES_DIR = Path(__file__).resolve().parents[2] / "config" / "rules"
CALENDAR = WorkingCalendar()
BOOK = RuleBook.load(RULES_DIR)


def _due(start_on, rule, pauses=(), calendar=CALENDAR, **variant):
    """Compute the due date of `rule` started on `start_on`."""
    days, _ = rule.days_for(**variant)
    return compute_due(start_on=start_on, days=days, day_kind=rule.day_kind, calendar=calendar, pauses=pauses)


# -- the required cases --


def test_calendar_period_ending_in_tet_rolls_over_to_the_first_working_day():
    accepted = date(2027, 1, 6)
    rule = BOOK.rule("resolve_complaint_l1", accepted)
    assert rule.days_for() == (30, "standard")
    due = _due(accepted, rule)
    last_counted = accepted + timedelta(days=30)
    assert last_counted == date(2027, 2, 5)
    assert due.due_on == date(2027, 2, 11) == CALENDAR.next_working_day(last_counted)
    assert due.rolled_over and due.counted_days == 30
    assert [item.day for item in due.skipped] == [last_counted + timedelta(days=i) for i in range(6)]
    assert all(item.reason == CALENDAR.day_off_reason(item.day) for item in due.skipped)
    assert due.skipped[0].reason == "Lunar New Year's Eve"


def test_working_days_count_the_make_up_saturday():
    received = date(2026, 8, 20)
    rule = BOOK.rule("process_letter", received)
    due = _due(received, rule)
    assert due.due_on == date(2026, 9, 7)
    assert date(2026, 8, 22) not in {item.day for item in due.skipped}
    assert CALENDAR.working_days_between(received, due.due_on) == 10
    assert not due.rolled_over
    without_swap = WorkingCalendar(extra_days_off={date(2026, 8, 22): "no make-up day"})
    assert _due(received, rule, calendar=without_swap).due_on == date(2026, 9, 8)


@pytest.mark.parametrize(
    ("start_on", "days"), [(date(2027, 1, 5), 15), (date(2027, 1, 4), 10), (date(2027, 1, 8), 20)]
)
def test_five_day_suspension_moves_a_calendar_due_date_by_five_days(start_on, days):
    pause = Pause(date(2027, 1, 10), date(2027, 1, 15))
    plain = compute_due(start_on=start_on, days=days, day_kind="calendar", calendar=CALENDAR)
    paused = compute_due(start_on=start_on, days=days, day_kind="calendar", calendar=CALENDAR, pauses=[pause])
    assert not plain.rolled_over and not paused.rolled_over  # no holiday interferes with these dates
    assert paused.due_on == plain.due_on + timedelta(days=5)
    assert [item.day for item in paused.skipped if item.reason == PAUSED] == [
        date(2027, 1, 10) + timedelta(days=i) for i in range(5)
    ]


@pytest.mark.parametrize(
    ("received", "version", "days"),
    [(date(2026, 6, 30), "2021-11-15", 10), (date(2026, 7, 1), "2026-07-01", 7)],
)
def test_accept_complaint_uses_the_version_in_force_on_the_start_date(received, version, days):
    rule = BOOK.rule("accept_complaint", received)
    assert (rule.version, rule.days) == (version, days)
    due = _due(received, rule)
    assert CALENDAR.working_days_between(received, due.due_on) == days
    assert explain(rule=rule, start_on=received, variant="standard", days=days, due=due)["version"] == version


def test_versions_give_different_due_dates_a_day_apart():
    old = _due(date(2026, 6, 30), BOOK.rule("accept_complaint", date(2026, 6, 30)))
    new = _due(date(2026, 7, 1), BOOK.rule("accept_complaint", date(2026, 7, 1)))
    assert new.due_on < old.due_on


# -- counting details --


def test_suspension_on_working_days_skips_only_the_paused_days():
    start = date(2027, 3, 1)
    pause = Pause(date(2027, 3, 10), date(2027, 3, 15))  # Wed..Sun: three working days
    due = compute_due(start_on=start, days=10, day_kind="working", calendar=CALENDAR, pauses=[pause])
    assert due.due_on == CALENDAR.add_working_days(start, 13)
    assert sum(item.reason == PAUSED for item in due.skipped) == 5


def test_open_pause_is_ignored_in_the_computation():
    start = date(2027, 3, 1)
    plain = compute_due(start_on=start, days=30, day_kind="calendar", calendar=CALENDAR)
    open_pause = compute_due(
        start_on=start, days=30, day_kind="calendar", calendar=CALENDAR, pauses=[Pause(date(2027, 3, 5))]
    )
    assert open_pause == plain


def test_pause_before_the_start_changes_nothing():
    start = date(2027, 3, 1)
    plain = compute_due(start_on=start, days=10, day_kind="calendar", calendar=CALENDAR)
    early = Pause(date(2027, 2, 20), date(2027, 3, 1))
    paused = compute_due(start_on=start, days=10, day_kind="calendar", calendar=CALENDAR, pauses=[early])
    assert paused == plain


def test_working_day_rule_lists_weekends_and_holidays_it_skipped():
    due = compute_due(start_on=date(2026, 8, 27), days=3, day_kind="working", calendar=CALENDAR)
    assert due.due_on == date(2026, 9, 4)
    assert [(item.day, item.reason) for item in due.skipped] == [
        (date(2026, 8, 29), "Saturday"),
        (date(2026, 8, 30), "Sunday"),
        (date(2026, 8, 31), CALENDAR.day_off_reason(date(2026, 8, 31))),
        (date(2026, 9, 1), "National Day"),
        (date(2026, 9, 2), "National Day"),
    ]


def test_a_pause_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match="before it starts"):
        Pause(date(2027, 3, 10), date(2027, 3, 9))


@pytest.mark.parametrize(("days", "day_kind"), [(0, "working"), (-1, "calendar"), (5, "lunar")])
def test_invalid_periods_are_refused(days, day_kind):
    with pytest.raises(ValueError):
        compute_due(start_on=date(2027, 3, 1), days=days, day_kind=day_kind, calendar=CALENDAR)


# -- explanations --


def test_explanation_of_a_tet_roll_over():
    accepted = date(2027, 1, 6)
    rule = BOOK.rule("resolve_complaint_l1", accepted)
    due = _due(accepted, rule)
    data = explain(rule=rule, start_on=accepted, variant="standard", days=30, due=due)
    assert json.loads(json.dumps(data)) == data
    assert (data["rule"], data["version"], data["due_on"], data["day_kind"]) == (
        "resolve_complaint_l1",
        "2026-07-01",
        "2027-02-11",
        "calendar",
    )
    assert data["skipped"][0] == {
        "day": "2027-02-05",
        "reason": "Lunar New Year's Eve",
        "reason_vi": "Giao thừa Tết Nguyên Đán",
    }
    text = data["text"]
    assert text.startswith("Rule resolve_complaint_l1 (version 2026-07-01): Resolve a first-time complaint")
    assert rule.basis in text
    assert "30 calendar days from the day after 2027-01-06 (accepted)." in text
    assert "The 30th day, 2027-02-05, is not a working day (Lunar New Year's Eve)" in text
    assert "next working day, 2027-02-11 (Civil Code Art 148(5))" in text
    assert text.endswith("Due on 2027-02-11.")
    assert "not yet verified" not in text


def test_explanation_of_an_unverified_working_day_rule():
    received = date(2026, 8, 20)
    rule = BOOK.rule("process_letter", received)
    due = _due(received, rule)
    data = explain(rule=rule, start_on=received, variant="standard", days=10, due=due)
    assert data["verified"] is False
    assert data["text"].endswith(UNVERIFIED_NOTE)
    assert data["text"].endswith("(legal basis not yet verified)")
    assert "domain.md" not in data["text"]
    assert "Skipped: 5 weekend days; holidays: 2026-08-31 " in data["text"]
    assert "2026-09-01 National Day, 2026-09-02 National Day." in data["text"]
    assert len(data["skipped"]) == len(due.skipped) == 8


def test_explanation_lists_pauses_extensions_and_variant():
    accepted = date(2027, 3, 1)
    rule = BOOK.rule("resolve_complaint_l1", accepted)
    pauses = [Pause(date(2027, 3, 10), date(2027, 3, 15)), Pause(date(2027, 5, 3))]
    extension = Extension(date(2027, 3, 20), 15, "complex case")
    days, variant = rule.days_after_extensions(count=1)
    due = _due(accepted, rule, pauses=pauses, complexity="complex")
    data = explain(
        rule=rule,
        start_on=accepted,
        variant=variant,
        days=days,
        due=due,
        pauses=pauses,
        extensions=[extension],
    )
    assert json.loads(json.dumps(data)) == data
    assert data["pauses"] == [
        {"start_on": "2027-03-10", "end_on": "2027-03-15", "days": 5},
        {"start_on": "2027-05-03", "end_on": None, "days": None},
    ]
    assert data["extensions"] == [{"on": "2027-03-20", "days": 15, "reason": "complex case", "criterion": ""}]
    assert "45 calendar days (complex variant)" in data["text"]
    assert "Suspended 2027-03-10 to 2027-03-15: 5 days not counted." in data["text"]
    assert "Suspended since 2027-05-03 and not yet resumed" in data["text"]
    assert "extension of 15 days granted on 2027-03-20: complex case." in data["text"]


def test_explanation_of_a_citizen_window():
    decided = date(2027, 3, 1)
    rule = BOOK.rule("appeal_window", decided)
    due = _due(decided, rule, remote=True)
    data = explain(rule=rule, start_on=decided, variant="remote", days=45, due=due)
    assert data["obligation"] is False
    assert "never overdue" in data["text"]
    assert "45 calendar days (remote variant)" in data["text"]


# -- properties --


@settings(deadline=None, max_examples=300)
@given(
    start=st.dates(date(2024, 1, 1), date(2028, 12, 31)),
    days=st.integers(1, 60),
    day_kind=st.sampled_from(["working", "calendar"]),
)
def test_due_date_is_a_working_day_after_the_start(start, days, day_kind):
    due = compute_due(start_on=start, days=days, day_kind=day_kind, calendar=CALENDAR)
    assert due.due_on > start
    assert CALENDAR.is_working_day(due.due_on)
    assert due.counted_days == days
    if day_kind == "working":
        assert CALENDAR.working_days_between(start, due.due_on) == days
    else:
        last = start + timedelta(days=days)
        assert due.rolled_over is (due.due_on != last)
        assert due.due_on == (last if CALENDAR.is_working_day(last) else CALENDAR.next_working_day(last))


@settings(deadline=None, max_examples=200)
@given(
    start=st.dates(date(2024, 1, 1), date(2028, 12, 31)),
    days=st.integers(1, 60),
    offset=st.integers(1, 60),
    length=st.integers(1, 20),
)
def test_calendar_pause_inside_the_period_adds_its_length(start, days, offset, length):
    offset = min(offset, days)
    pause = Pause(start + timedelta(days=offset), start + timedelta(days=offset + length))
    paused = compute_due(start_on=start, days=days, day_kind="calendar", calendar=CALENDAR, pauses=[pause])
    longer = compute_due(start_on=start, days=days + length, day_kind="calendar", calendar=CALENDAR)
    assert paused.due_on == longer.due_on


def test_vietnamese_explanation_of_a_tet_roll_over():
    accepted = date(2027, 1, 6)
    rule = BOOK.rule("resolve_complaint_l1", accepted)
    data = explain(rule=rule, start_on=accepted, variant="standard", days=30, due=_due(accepted, rule))
    text = data["text_vi"]
    assert data["title_vi"] == "Giải quyết khiếu nại lần đầu"
    assert text.startswith(
        "Quy định resolve_complaint_l1 (phiên bản 2026-07-01): Giải quyết khiếu nại lần đầu"
    )
    assert "30 ngày, tính từ ngày tiếp theo sau 06/01/2027 (ngày thụ lý)." in text
    assert "Ngày thứ 30 là 05/02/2027, không phải ngày làm việc (Giao thừa Tết Nguyên Đán)" in text
    assert text.endswith("Hạn giải quyết: 11/02/2027.")


def test_vietnamese_explanation_of_a_working_day_rule_with_a_pause():
    received = date(2026, 8, 20)
    rule = BOOK.rule("process_letter", received)
    pauses = [Pause(date(2026, 8, 24), date(2026, 8, 26))]
    due = compute_due(start_on=received, days=10, day_kind="working", calendar=CALENDAR, pauses=pauses)
    text = explain(rule=rule, start_on=received, variant="standard", days=10, due=due, pauses=pauses)[
        "text_vi"
    ]
    assert "10 ngày làm việc, tính từ ngày tiếp theo sau 20/08/2026 (ngày tiếp nhận)." in text
    assert "Tạm đình chỉ từ 24/08/2026 đến 26/08/2026: 2 ngày không tính." in text
    assert "ngày nghỉ lễ: 31/08/2026" in text and "Quốc khánh" in text
    assert text.endswith("(căn cứ pháp lý chưa được xác minh)")
    assert "domain.md" not in text and "TTHC-XLD" not in text

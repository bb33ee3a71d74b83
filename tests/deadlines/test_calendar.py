"""Tests for the Vietnamese working-day calendar."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caseflow.calendar import ADMIN_DAY_OFF, WorkingCalendar

CALENDAR = WorkingCalendar()
TET_2027 = [date(2027, 2, 4) + timedelta(days=i) for i in range(7)]
DAYS_OFF_2026 = [
    date(2026, 2, 16),
    date(2026, 2, 17),
    date(2026, 2, 18),
    date(2026, 2, 19),
    date(2026, 2, 20),
    date(2026, 4, 26),
    date(2026, 4, 27),
    date(2026, 4, 30),
    date(2026, 5, 1),
    date(2026, 8, 31),
    date(2026, 9, 1),
    date(2026, 9, 2),
    date(2026, 11, 24),
]


@pytest.mark.parametrize("day", TET_2027 + DAYS_OFF_2026)
def test_public_holidays_are_days_off_with_a_reason(day):
    assert not CALENDAR.is_working_day(day)
    reason = CALENDAR.day_off_reason(day)
    assert reason and reason not in {"Saturday", "Sunday"}


def test_tet_2027_ends_on_thursday_11_february():
    assert CALENDAR.next_working_day(date(2027, 2, 3)) == date(2027, 2, 11)
    assert date(2027, 2, 11).weekday() == 3
    assert CALENDAR.day_off_reason(date(2027, 2, 5)) == "Lunar New Year's Eve"


def test_make_up_saturday_is_a_working_day_and_its_swap_is_off():
    saturday = date(2026, 8, 22)
    assert saturday.weekday() == 5
    assert CALENDAR.is_working_day(saturday)
    assert CALENDAR.day_off_reason(saturday) is None
    assert "substituted" in CALENDAR.day_off_reason(date(2026, 8, 31))


@pytest.mark.parametrize(
    ("day", "reason"),
    [(date(2026, 8, 29), "Saturday"), (date(2026, 8, 30), "Sunday"), (date(2026, 8, 28), None)],
)
def test_ordinary_weekends_are_off_and_weekdays_work(day, reason):
    assert CALENDAR.day_off_reason(day) == reason
    assert CALENDAR.is_working_day(day) is (reason is None)


def test_administrator_day_off_wins_over_a_weekday():
    day = date(2026, 8, 28)
    calendar = WorkingCalendar(extra_days_off={day: "Provincial flood closure"})
    assert not calendar.is_working_day(day)
    assert calendar.day_off_reason(day) == "Provincial flood closure"


def test_administrator_day_off_without_note_gets_a_default_reason():
    day = date(2026, 8, 28)
    assert WorkingCalendar(extra_days_off={day: ""}).day_off_reason(day) == ADMIN_DAY_OFF


@pytest.mark.parametrize("day", [date(2026, 9, 2), date(2026, 8, 30), date(2027, 2, 8)])
def test_administrator_working_day_wins_over_holidays_and_weekends(day):
    assert not CALENDAR.is_working_day(day)
    calendar = WorkingCalendar(extra_working_days={day: "Year-end backlog"})
    assert calendar.is_working_day(day)
    assert calendar.day_off_reason(day) is None


def test_the_same_date_cannot_be_both_off_and_working():
    day = date(2026, 8, 28)
    with pytest.raises(ValueError, match="2026-08-28"):
        WorkingCalendar(extra_days_off={day: "a"}, extra_working_days={day: "b"})


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 8, 21), 1, date(2026, 8, 22)),  # Friday -> make-up Saturday
        (date(2026, 8, 28), 1, date(2026, 9, 3)),  # across the weekend, the swap day and National Day
        (date(2027, 2, 3), 1, date(2027, 2, 11)),  # across Tết
        (date(2026, 8, 20), 10, date(2026, 9, 7)),
        (date(2026, 8, 20), 0, date(2026, 8, 20)),
        (date(2027, 2, 11), -1, date(2027, 2, 3)),
    ],
)
def test_add_working_days(start, n, expected):
    assert CALENDAR.add_working_days(start, n) == expected


def test_working_days_between_counts_the_half_open_interval():
    assert CALENDAR.working_days_between(date(2026, 8, 20), date(2026, 9, 7)) == 10
    assert CALENDAR.working_days_between(date(2026, 9, 7), date(2026, 8, 20)) == -10
    assert CALENDAR.working_days_between(date(2026, 8, 21), date(2026, 8, 21)) == 0


def test_calendar_without_make_up_saturday_when_admin_cancels_it():
    calendar = WorkingCalendar(extra_days_off={date(2026, 8, 22): "swap cancelled"})
    assert calendar.add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 24)


@settings(deadline=None, max_examples=150)
@given(start=st.dates(date(2024, 1, 1), date(2028, 12, 31)), n=st.integers(-40, 40))
def test_add_and_count_working_days_are_inverse(start, n):
    end = CALENDAR.add_working_days(start, n)
    assert CALENDAR.working_days_between(start, end) == n
    assert n == 0 or CALENDAR.is_working_day(end)

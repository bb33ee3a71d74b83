"""Reporting periods on the 15th→14th cut-off (TT 02/2021 Art 7), custom ranges and their UTC instants."""

from datetime import UTC, date, datetime

import pytest

from caseflow.errors import InvalidInput
from caseflow.services.reports.periods import (
    Period,
    current_period_code,
    custom_period,
    named_period,
    parse_period_code,
    resolve_period,
)


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("q1-2026", date(2025, 12, 15), date(2026, 3, 14)),
        ("q2-2026", date(2026, 3, 15), date(2026, 6, 14)),
        ("q3-2026", date(2026, 6, 15), date(2026, 9, 14)),
        ("q4-2026", date(2026, 9, 15), date(2026, 12, 14)),
        ("6m-2026", date(2025, 12, 15), date(2026, 6, 14)),
        ("9m-2026", date(2025, 12, 15), date(2026, 9, 14)),
        ("12m-2026", date(2025, 12, 15), date(2026, 12, 14)),
        ("Q1-2024", date(2023, 12, 15), date(2024, 3, 14)),
    ],
)
def test_named_periods_follow_the_cut_off(code, start, end):
    period = parse_period_code(code)
    assert (period.start, period.end) == (start, end)
    assert period.code == code.lower()


def test_quarters_tile_the_year_without_gap_or_overlap():
    quarters = [named_period(q, 2027) for q in ("q1", "q2", "q3", "q4")]
    for before, after in zip(quarters, quarters[1:], strict=False):
        assert (after.start - before.end).days == 1
    assert sum(q.days for q in quarters) == named_period("12m", 2027).days == 365
    assert named_period("q1", 2028).start == date(2027, 12, 15)  # the next year starts the day after


def test_leap_year_q1_has_91_days():
    assert named_period("q1", 2028).days == 91  # 15 Dec 2027 … 14 Mar 2028 with 29 February


@pytest.mark.parametrize(
    ("today", "code"),
    [
        (date(2026, 12, 14), "q4-2026"),
        (date(2026, 12, 15), "q1-2027"),
        (date(2027, 1, 1), "q1-2027"),
        (date(2027, 3, 14), "q1-2027"),
        (date(2027, 3, 15), "q2-2027"),
        (date(2027, 9, 14), "q3-2027"),
        (date(2027, 9, 15), "q4-2027"),
    ],
)
def test_current_period_respects_the_boundaries(today, code):
    assert current_period_code(today) == code


def test_instants_are_local_midnights_in_utc():
    first, after = Period(date(2026, 12, 15), date(2027, 3, 14)).instants("Asia/Ho_Chi_Minh")
    assert first == datetime(2026, 12, 14, 17, 0, tzinfo=UTC)
    assert after == datetime(2027, 3, 14, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize("code", ["", "q5-2026", "h1-2026", "q1-26", "2026", "q1-0000"])
def test_unknown_codes_are_refused(code):
    with pytest.raises(InvalidInput) as raised:
        parse_period_code(code)
    assert "period" in raised.value.errors


def test_custom_period_checks_its_dates():
    assert custom_period(date(2026, 1, 1), date(2026, 1, 1)).days == 1
    with pytest.raises(InvalidInput):
        custom_period(date(2026, 2, 1), date(2026, 1, 31))
    with pytest.raises(InvalidInput):
        custom_period(date(2000, 1, 1), date(2026, 1, 1))


def test_resolve_period_needs_a_code_or_both_dates():
    assert resolve_period(code="q2-2026").start == date(2026, 3, 15)
    assert resolve_period(start=date(2026, 1, 1), end=date(2026, 1, 31)).code == ""
    with pytest.raises(InvalidInput):
        resolve_period(start=date(2026, 1, 1))

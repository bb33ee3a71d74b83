"""The Government's yearly announcements (config/calendar/YYYY.toml) over holidays.VN, one test per swap."""

from datetime import date

import pytest

from caseflow.calendar import CalendarError, WorkingCalendar, load_official_calendar
from caseflow.config import PROJECT_ROOT

OFFICIAL = load_official_calendar(PROJECT_ROOT / "config" / "calendar")
CALENDAR = WorkingCalendar(official=OFFICIAL)


def test_every_year_the_rule_sets_cover_has_its_file_and_2027_has_none():
    assert sorted(OFFICIAL) == [2021, 2022, 2023, 2024, 2025, 2026]
    assert CALENDAR.unconfirmed_years(date(2026, 12, 20), date(2027, 1, 20)) == [2027]
    assert CALENDAR.unconfirmed_years(date(2021, 1, 4), date(2026, 12, 31)) == []


def test_five_working_days_from_2025_12_29_end_on_2026_01_07():
    # Thu 1 Jan is New Year's Day and Fri 2 Jan was given off in exchange for Sat 10 Jan.
    assert CALENDAR.add_working_days(date(2025, 12, 29), 5) == date(2026, 1, 7)
    assert "Saturday 2026-01-10" in CALENDAR.day_off_reason(date(2026, 1, 2))
    assert CALENDAR.day_off_reason_vi(date(2026, 1, 2)) == "Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)"


def test_saturday_2026_01_10_is_worked():
    assert CALENDAR.add_working_days(date(2026, 1, 8), 2) == date(2026, 1, 10)


def test_2024_monday_29_april_off_and_saturday_4_may_worked():
    assert CALENDAR.add_working_days(date(2024, 4, 26), 1) == date(2024, 5, 2)
    assert CALENDAR.add_working_days(date(2024, 5, 3), 1) == date(2024, 5, 4)


def test_2025_friday_2_may_off_and_saturday_26_april_worked():
    assert CALENDAR.add_working_days(date(2025, 4, 25), 1) == date(2025, 4, 26)
    assert CALENDAR.add_working_days(date(2025, 4, 29), 1) == date(2025, 5, 5)


def test_2026_monday_31_august_off_and_saturday_22_august_worked():
    assert CALENDAR.add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 22)
    assert CALENDAR.add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)


@pytest.mark.parametrize("year", sorted(OFFICIAL))
def test_every_announced_tet_day_is_off_and_the_next_day_is_worked(year):
    announced = OFFICIAL[year]
    assert announced.tet_days() and announced.tet_source
    assert not any(CALENDAR.is_working_day(day) for day in announced.tet_days())
    assert CALENDAR.next_working_day(announced.tet_last) > announced.tet_last


@pytest.mark.parametrize("year", sorted(OFFICIAL))
def test_every_year_says_what_was_announced_with_sources(year):
    announced = OFFICIAL[year]
    assert announced.note.strip()
    assert all(item.source.strip() for item in (*announced.days_off, *announced.working_days))


def test_a_working_day_on_a_weekday_is_refused(tmp_path):
    entry = 'day = 2030-01-02\nname = "x"\nname_vi = "x"\nsource = "x"\n'
    text = f'year = 2030\nnote = "x"\n[[working_days]]\n{entry}'
    (tmp_path / "2030.toml").write_text(text, encoding="utf-8")
    with pytest.raises(CalendarError, match="Saturday or Sunday"):
        load_official_calendar(tmp_path)


def test_a_file_named_after_another_year_is_refused(tmp_path):
    (tmp_path / "2030.toml").write_text('year = 2031\nnote = "x"\n', encoding="utf-8")
    with pytest.raises(CalendarError, match="named after its year"):
        load_official_calendar(tmp_path)

"""Working-day calendar: weekends, public holidays, make-up working Saturdays and administrator overrides."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import holidays

WEEKEND_NAMES = {5: "Saturday", 6: "Sunday"}
WEEKEND_NAMES_VI = {5: "Thứ Bảy", 6: "Chủ Nhật"}
HOLIDAY_LANGUAGE = "en_US"
ADMIN_DAY_OFF = "day off (set by the administrator)"
ADMIN_DAY_OFF_VI = "ngày nghỉ do quản trị viên ấn định"
_ONE_DAY = timedelta(days=1)
_MAX_SEARCH_DAYS = 366


class WorkingCalendar:
    """Tells which days are working days for an agency (Mon–Fri minus holidays, plus make-up Saturdays)."""

    def __init__(
        self,
        extra_days_off: Mapping[date, str] | None = None,
        extra_working_days: Mapping[date, str] | None = None,
        country: str = "VN",
    ) -> None:
        """Build a calendar; administrator overrides win over weekends and public holidays."""
        self.extra_days_off = dict(extra_days_off or {})
        self.extra_working_days = dict(extra_working_days or {})
        self.country = country
        clash = sorted(set(self.extra_days_off) & set(self.extra_working_days))
        if clash:
            raise ValueError(f"dates both added as day off and as working day: {', '.join(map(str, clash))}")
        self._holidays: dict[date, str] = {}
        self._holidays_vi: dict[date, str] = {}
        self._make_up_days: set[date] = set()
        self._loaded_years: set[int] = set()

    def is_working_day(self, day: date) -> bool:
        """Whether officials work on `day`."""
        return self.day_off_reason(day) is None

    def day_off_reason(self, day: date) -> str | None:
        """Say why `day` is off ("Saturday", a holiday name, an admin note); None on working days."""
        if day in self.extra_working_days:
            return None
        if day in self.extra_days_off:
            return self.extra_days_off[day] or ADMIN_DAY_OFF
        self._load_around(day)
        if day in self._holidays:
            return self._holidays[day]
        if day.weekday() in WEEKEND_NAMES and day not in self._make_up_days:
            return WEEKEND_NAMES[day.weekday()]
        return None

    def day_off_reason_vi(self, day: date) -> str | None:
        """The same reason in Vietnamese ("Chủ Nhật", "Tết Nguyên Đán", the admin note); None if working."""
        reason = self.day_off_reason(day)
        if reason is None or day in self.extra_days_off:
            return reason if reason != ADMIN_DAY_OFF else ADMIN_DAY_OFF_VI
        if day in self._holidays:
            return self._holidays_vi.get(day, reason)
        return WEEKEND_NAMES_VI[day.weekday()]

    def next_working_day(self, day: date) -> date:
        """Return the first working day strictly after `day`."""
        for _ in range(_MAX_SEARCH_DAYS):
            day += _ONE_DAY
            if self.is_working_day(day):
                return day
        raise ValueError(f"no working day within {_MAX_SEARCH_DAYS} days after {day}")

    def previous_working_day(self, day: date) -> date:
        """Return the last working day strictly before `day`."""
        for _ in range(_MAX_SEARCH_DAYS):
            day -= _ONE_DAY
            if self.is_working_day(day):
                return day
        raise ValueError(f"no working day within {_MAX_SEARCH_DAYS} days before {day}")

    def add_working_days(self, start: date, n: int) -> date:
        """Return the n-th working day after `start` (not counted); negative n counts backwards."""
        step = self.next_working_day if n >= 0 else self.previous_working_day
        day = start
        for _ in range(abs(n)):
            day = step(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; when end is before start, minus the working days in [end, start)."""
        if end < start:
            return -self.working_days_between(end - _ONE_DAY, start - _ONE_DAY)
        days = (start + _ONE_DAY * i for i in range(1, (end - start).days + 1))
        return sum(1 for day in days if self.is_working_day(day))

    def _load_around(self, day: date) -> None:
        """Make sure the holidays of `day`'s year (and the year before, for spill-overs) are loaded."""
        for year in (day.year - 1, day.year):
            if year not in self._loaded_years:
                self._load_year(year)

    def _load_year(self, year: int) -> None:
        """Load one year of public holidays and official make-up working Saturdays."""
        official = holidays.country_holidays(self.country, years=year, language=HOLIDAY_LANGUAGE)
        self._holidays.update(official.items())
        self._holidays_vi.update(holidays.country_holidays(self.country, years=year, language="vi").items())
        self._make_up_days.update(getattr(official, "weekend_workdays", ()))
        self._loaded_years.add(year)

"""Working-day calendar: weekends, public holidays, the yearly announcements, the administrator's days.

Layers, the later winning: holidays.VN (statutory holidays, observed days, the swaps the package knows), the
Government's announcements for a year (config/calendar/YYYY.toml: Tết range, days off and make-up working
days, each with its source), then the administrator's overrides. A year without an announcement file is
"unconfirmed": its days off are the package's computation, and explanations say so.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import holidays

WEEKEND_NAMES = {5: "Saturday", 6: "Sunday"}
WEEKEND_NAMES_VI = {5: "Thứ Bảy", 6: "Chủ Nhật"}
HOLIDAY_LANGUAGE = "en_US"
ADMIN_DAY_OFF = "day off (set by the administrator)"
ADMIN_DAY_OFF_VI = "ngày nghỉ do quản trị viên ấn định"
TET_NAME = "Lunar New Year (Tết) holiday"
TET_NAME_VI = "Nghỉ Tết Nguyên Đán"
_ONE_DAY = timedelta(days=1)
_MAX_SEARCH_DAYS = 366
_YEAR_KEYS = frozenset({"year", "note", "tet", "days_off", "working_days"})
_DAY_KEYS = frozenset({"day", "name", "name_vi", "source"})
_TET_KEYS = frozenset({"first", "last", "source"})


class CalendarError(ValueError):
    """An official calendar file is invalid."""


@dataclass(frozen=True)
class OfficialDay:
    """A day the Government announced as off, or as a make-up working day, and where it was announced."""

    day: date
    name: str
    name_vi: str
    source: str


@dataclass(frozen=True)
class OfficialYear:
    """One year's announcements: the Tết range, days off and working days (none when none were announced)."""

    year: int
    note: str
    tet_first: date | None = None
    tet_last: date | None = None
    tet_source: str = ""
    days_off: tuple[OfficialDay, ...] = ()
    working_days: tuple[OfficialDay, ...] = ()

    def tet_days(self) -> list[date]:
        """Every day of the announced Tết range."""
        if self.tet_first is None or self.tet_last is None:
            return []
        return [self.tet_first + _ONE_DAY * i for i in range((self.tet_last - self.tet_first).days + 1)]


def load_official_calendar(directory: Path | str) -> dict[int, OfficialYear]:
    """Read and check every YYYY.toml of `directory` (an absent directory has no announcements)."""
    path = Path(directory)
    years = [_load_year_file(item) for item in sorted(path.glob("*.toml"))] if path.is_dir() else []
    return {year.year: year for year in years}


def _load_year_file(path: Path) -> OfficialYear:
    """Parse one year file and check it."""
    try:
        with path.open("rb") as stream:
            data = tomllib.load(stream)
    except tomllib.TOMLDecodeError as error:
        raise CalendarError(f"{path.name}: invalid TOML: {error}") from error
    _check_keys(data, {"year", "note"}, _YEAR_KEYS, path.name)
    if path.stem != str(data["year"]):
        raise CalendarError(f"{path.name}: the file must be named after its year ({data['year']}.toml)")
    tet = data.get("tet") or {}
    if tet:
        _check_keys(tet, _TET_KEYS, _TET_KEYS, f"{path.name}: tet")
    year = OfficialYear(
        year=data["year"],
        note=data["note"],
        tet_first=tet.get("first"),
        tet_last=tet.get("last"),
        tet_source=tet.get("source", ""),
        days_off=tuple(_official_day(entry, f"{path.name}: days_off") for entry in data.get("days_off", [])),
        working_days=tuple(
            _official_day(entry, f"{path.name}: working_days") for entry in data.get("working_days", [])
        ),
    )
    _check_year(year, path.name)
    return year


def _official_day(entry: Mapping, where: str) -> OfficialDay:
    """One announced day, with its names and source."""
    _check_keys(entry, _DAY_KEYS, _DAY_KEYS, where)
    if not isinstance(entry["day"], date) or isinstance(entry["day"], datetime):
        raise CalendarError(f"{where}: day must be a TOML date such as 2026-01-02")
    return OfficialDay(entry["day"], entry["name"], entry["name_vi"], entry["source"])


def _check_year(year: OfficialYear, where: str) -> None:
    """Days in their year; working days on weekends, days off on weekdays; a Tết range in order."""
    announced = [*year.days_off, *year.working_days]
    if any(item.day.year != year.year for item in announced):
        raise CalendarError(f"{where}: every day must fall in {year.year}")
    if any(item.day.weekday() not in WEEKEND_NAMES for item in year.working_days):
        raise CalendarError(f"{where}: a make-up working day must be a Saturday or Sunday")
    if any(item.day.weekday() in WEEKEND_NAMES for item in year.days_off):
        raise CalendarError(f"{where}: an announced day off must be a weekday")
    if year.tet_first and (year.tet_last is None or year.tet_last < year.tet_first):
        raise CalendarError(f"{where}: tet.last must be on or after tet.first")
    if not all(str(item.source).strip() for item in announced) or (year.tet_first and not year.tet_source):
        raise CalendarError(f"{where}: every announced day and the Tết range need a source")


def _check_keys(mapping: Mapping, required: Iterable[str], allowed: Iterable[str], where: str) -> None:
    """CalendarError for missing or unknown keys."""
    unknown = sorted(set(mapping) - set(allowed))
    missing = sorted(set(required) - set(mapping))
    if unknown or missing:
        raise CalendarError(f"{where}: unknown keys {unknown}, missing keys {missing}")


class WorkingCalendar:
    """Tells which days are working days for an agency (Mon–Fri minus holidays, plus make-up Saturdays)."""

    def __init__(
        self,
        extra_days_off: Mapping[date, str] | None = None,
        extra_working_days: Mapping[date, str] | None = None,
        country: str = "VN",
        official: Mapping[int, OfficialYear] | None = None,
        confirmed_years: Iterable[int] = (),
    ) -> None:
        """Build a calendar; the announcements win over holidays.VN, administrator overrides over both."""
        self.extra_days_off = dict(extra_days_off or {})
        self.extra_working_days = dict(extra_working_days or {})
        self.country = country
        self.official = dict(official or {})
        self.confirmed_years = frozenset(confirmed_years)
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

    def is_confirmed(self, year: int) -> bool:
        """Whether the Government's announcements for `year` are loaded, or an administrator confirmed it."""
        return year in self.official or year in self.confirmed_years

    def unconfirmed_years(self, first: date, last: date) -> list[int]:
        """The years from `first` to `last` whose announcements are not loaded."""
        return [year for year in range(first.year, last.year + 1) if not self.is_confirmed(year)]

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
        if year in self.official:
            self._apply_announcements(self.official[year])
        self._loaded_years.add(year)

    def _apply_announcements(self, announced: OfficialYear) -> None:
        """Lay one year's announcements over the package: Tết range, days off, make-up working days."""
        for day in announced.tet_days():
            if day not in self._holidays and day.weekday() not in WEEKEND_NAMES:
                self._holidays[day], self._holidays_vi[day] = TET_NAME, TET_NAME_VI
        for item in announced.days_off:
            self._holidays[item.day], self._holidays_vi[item.day] = item.name, item.name_vi
        for item in announced.working_days:
            self._holidays.pop(item.day, None)
            self._holidays_vi.pop(item.day, None)
            self._make_up_days.add(item.day)

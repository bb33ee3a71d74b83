"""Reporting periods: custom dates, or the quarter / 6 / 9 / 12 months of a year on the 15th→14th cut-off.

TT 02/2021/TT-TTCP Art 7 (domain.md §6.1): Q1 runs from 15 December of the previous year to 14 March; Q2–Q4
from the 15th of the last month of the previous quarter to the 14th of the quarter's last month; the 6-, 9-
and 12-month periods start on 15 December of the previous year and end on 14 June, September, December.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from caseflow.errors import InvalidInput
from caseflow.i18n import N_

CUT_OFF_DAY = 15
# The months (of the report's year) in which each named period ends on the 14th.
PERIOD_END_MONTHS = {"q1": 3, "q2": 6, "q3": 9, "q4": 12, "6m": 6, "9m": 9, "12m": 12}
PERIOD_CODE = re.compile(r"^(q[1-4]|6m|9m|12m)-(\d{4})$")
MAX_DAYS = 3660
MIN_YEAR, MAX_YEAR = 1900, 9000


@dataclass(frozen=True)
class Period:
    """A closed range of calendar dates [start, end] in the agency's time zone, with its code if named."""

    start: date
    end: date
    code: str = ""

    @property
    def days(self) -> int:
        """How many days the period covers."""
        return (self.end - self.start).days + 1

    def instants(self, timezone: str) -> tuple[datetime, datetime]:
        """The UTC instants of the period's first moment and of the moment just after its last day."""
        zone = ZoneInfo(timezone)
        first = datetime.combine(self.start, time.min, zone)
        after = datetime.combine(self.end + timedelta(days=1), time.min, zone)
        return first.astimezone(UTC), after.astimezone(UTC)


def named_period(name: str, year: int) -> Period:
    """A quarter (q1–q4) or the 6 / 9 / 12 months (6m, 9m, 12m) of `year` with the 15th→14th cut-off."""
    end_month = PERIOD_END_MONTHS[name]
    end = date(year, end_month, CUT_OFF_DAY - 1)
    if name.startswith("q") and name != "q1":
        start = date(year, end_month - 3, CUT_OFF_DAY)
    else:
        start = date(year - 1, 12, CUT_OFF_DAY)
    return Period(start, end, f"{name}-{year}")


def parse_period_code(code: str) -> Period:
    """A period named like q1-2026, 6m-2026, 9m-2026 or 12m-2026; InvalidInput otherwise."""
    match = PERIOD_CODE.match((code or "").strip().lower())
    if match is None:
        raise InvalidInput(
            N_("Unknown period."),
            errors={"period": [N_("Use q1-2026 … q4-2026, 6m-2026, 9m-2026 or 12m-2026.")]},
        )
    year = int(match.group(2))
    if not MIN_YEAR < year <= MAX_YEAR:
        raise InvalidInput(N_("Unknown period."), errors={"period": [N_("The year is out of range.")]})
    return named_period(match.group(1), year)


def custom_period(start: date, end: date) -> Period:
    """A period of any dates (thematic and ad-hoc reports); InvalidInput when reversed, too long or absurd."""
    if not (MIN_YEAR <= start.year and end.year <= MAX_YEAR):
        raise InvalidInput(
            N_("The dates are out of range."), errors={"from": [N_("Use years 1900 to 9000.")]}
        )
    if end < start:
        raise InvalidInput(
            N_("The period ends before it starts."), errors={"to": [N_("The end is before the start.")]}
        )
    if (end - start).days >= MAX_DAYS:
        raise InvalidInput(
            N_("The period is too long."), errors={"to": [N_("A report covers at most ten years.")]}
        )
    return Period(start, end)


def resolve_period(*, code: str | None = None, start: date | None = None, end: date | None = None) -> Period:
    """The period a request names: a code, or both dates; InvalidInput when neither or only one date."""
    if code:
        return parse_period_code(code)
    if start is None or end is None:
        raise InvalidInput(
            N_("Choose a period."), errors={"period": [N_("Give a period such as q1-2026, or both dates.")]}
        )
    return custom_period(start, end)


def current_period_code(today: date) -> str:
    """The code of the quarter the 15th→14th cut-off puts `today` in."""
    year = today.year + 1 if (today.month, today.day) >= (12, CUT_OFF_DAY) else today.year
    for quarter in ("q1", "q2", "q3", "q4"):
        if named_period(quarter, year).end >= today:
            return f"{quarter}-{year}"
    raise AssertionError("unreachable: q4 ends on 14 December")

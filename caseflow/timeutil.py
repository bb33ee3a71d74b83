"""Time helpers: UTC now and the agency's local calendar date."""

from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"


def now_utc() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    """A cached ZoneInfo."""
    return ZoneInfo(name)


def agency_timezone() -> str:
    """The agency's time zone from the app config (Asia/Ho_Chi_Minh by default)."""
    if has_app_context():
        return current_app.config.get("CASEFLOW_TIMEZONE", DEFAULT_TIMEZONE)
    return DEFAULT_TIMEZONE


def local_date(moment: datetime) -> date:
    """The calendar date of `moment` in the agency's time zone."""
    return moment.astimezone(_zone(agency_timezone())).date()


def local_noon(day: date) -> datetime:
    """Noon of `day` in the agency's time zone, as an aware UTC instant."""
    return datetime.combine(day, time(12), _zone(agency_timezone())).astimezone(UTC)

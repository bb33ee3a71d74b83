"""Due dates of legal time limits (Civil Code 2015 Arts 147–148) and their plain-language explanations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from types import ModuleType
from typing import Any

from caseflow.calendar import WorkingCalendar
from caseflow.deadlines import english, vietnamese
from caseflow.deadlines.counts import DueDate, Extension, Pause, SkippedDay
from caseflow.deadlines.rules import DAY_KINDS, Rule

PAUSED = "paused (suspended)"
PAUSED_VI = "tạm đình chỉ"
UNVERIFIED_NOTE = english.UNVERIFIED
CITIZEN_WINDOW_NOTE = english.WINDOW
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Notes:
    """What an explanation must admit about its inputs: calendar years not confirmed by an announcement."""

    unconfirmed_years: list[int]


def compute_due(
    *, start_on: date, days: int, day_kind: str, calendar: WorkingCalendar, pauses: Sequence[Pause] = ()
) -> DueDate:
    """Count `days` days from the day after `start_on` and return the due date; open pauses are ignored."""
    _check_period(days, day_kind)
    closed = [pause for pause in pauses if not pause.is_open]
    day, counted, skipped = start_on, 0, []
    while counted < days:
        day += _ONE_DAY
        reason = _not_counted_reason(day, day_kind, calendar, closed)
        if reason:
            skipped.append(SkippedDay(day, reason, _vietnamese_reason(day, reason, calendar)))
        else:
            counted += 1
    moved_over = _moved_over(day, calendar) if day_kind == "calendar" else []
    due_on = calendar.next_working_day(day) if moved_over else day
    return DueDate(due_on, counted, tuple(skipped + moved_over), bool(moved_over))


def _check_period(days: int, day_kind: str) -> None:
    """ValueError for a non-positive number of days or an unknown day kind."""
    if days <= 0:
        raise ValueError(f"days must be > 0, not {days}")
    if day_kind not in DAY_KINDS:
        raise ValueError(f"day_kind must be one of {sorted(DAY_KINDS)}, not {day_kind!r}")


def _not_counted_reason(
    day: date, day_kind: str, calendar: WorkingCalendar, pauses: Sequence[Pause]
) -> str | None:
    """Say why `day` is not counted (suspension, or a day off for working-day limits), or None."""
    if any(pause.covers(day) for pause in pauses):
        return PAUSED
    return calendar.day_off_reason(day) if day_kind == "working" else None


def _moved_over(last_day: date, calendar: WorkingCalendar) -> list[SkippedDay]:
    """List the days off from `last_day` up to the next working day (Civil Code Art 148(5))."""
    if calendar.is_working_day(last_day):
        return []
    span = (calendar.next_working_day(last_day) - last_day).days
    days = [last_day + _ONE_DAY * i for i in range(span)]
    return [
        SkippedDay(
            day, calendar.day_off_reason(day) or "day off", calendar.day_off_reason_vi(day) or "ngày nghỉ"
        )
        for day in days
    ]


def _vietnamese_reason(day: date, reason: str, calendar: WorkingCalendar) -> str:
    """The Vietnamese for a reason a day was not counted."""
    return PAUSED_VI if reason == PAUSED else (calendar.day_off_reason_vi(day) or reason)


def explain(
    *,
    rule: Rule,
    start_on: date,
    variant: str,
    days: int,
    due: DueDate,
    pauses: Sequence[Pause] = (),
    extensions: Sequence[Extension] = (),
    unconfirmed_years: Sequence[int] = (),
) -> dict[str, Any]:
    """Explain a due date as JSON-serialisable data; `days` is the total counted, extensions included.

    `unconfirmed_years`: years of the count whose official calendar of days off is not loaded.
    """
    notes = Notes(list(unconfirmed_years))
    return {
        "rule": rule.id,
        "title": rule.title,
        "version": rule.version,
        "basis": rule.basis,
        "basis_vi": rule.basis_vi,
        "verified": rule.verified,
        "unconfirmed_years": list(unconfirmed_years),
        "obligation": rule.obligation,
        "start_event": rule.start_event,
        "start_on": start_on.isoformat(),
        "days": days,
        "day_kind": rule.day_kind,
        "variant": variant,
        "pauses": [_pause_row(pause, due) for pause in pauses],
        "extensions": [_extension_row(extension) for extension in extensions],
        "skipped": [
            {"day": item.day.isoformat(), "reason": item.reason, "reason_vi": item.reason_vi}
            for item in due.skipped
        ],
        "due_on": due.due_on.isoformat(),
        "rolled_over": due.rolled_over,
        "text": compose(english, rule, start_on, variant, days, due, pauses, extensions, notes),
        "title_vi": rule.title_vi,
        "text_vi": compose(vietnamese, rule, start_on, variant, days, due, pauses, extensions, notes),
    }


def _pause_row(pause: Pause, due: DueDate) -> dict[str, Any]:
    """One suspension, with the number of days it kept from being counted (None while still open)."""
    return {
        "start_on": pause.start_on.isoformat(),
        "end_on": pause.end_on.isoformat() if pause.end_on else None,
        "days": None if pause.is_open else _paused_days(pause, due),
    }


def _paused_days(pause: Pause, due: DueDate) -> int:
    """How many days of the counting were left out because of `pause`."""
    return sum(1 for item in due.skipped if item.reason == PAUSED and pause.covers(item.day))


def _extension_row(extension: Extension) -> dict[str, Any]:
    """One extension as plain data."""
    return {
        "on": extension.on.isoformat(),
        "days": extension.days,
        "reason": extension.reason,
        "criterion": extension.criterion,
    }


def compose(
    phrases: ModuleType,
    rule: Rule,
    start_on: date,
    variant: str,
    days: int,
    due: DueDate,
    pauses: Sequence[Pause],
    extensions: Sequence[Extension],
    notes: Notes | None = None,
) -> str:
    """The explanation in one language, from that language's phrasebook module, in reading order."""
    days_off = [item for item in due.skipped if item.reason != PAUSED]
    sentences = [phrases.header(rule), phrases.period(rule, days, variant, start_on)]
    sentences += [phrases.extension(extension) for extension in extensions]
    sentences += [
        phrases.pause(pause, None if pause.is_open else _paused_days(pause, due)) for pause in pauses
    ]
    sentences += phrases.skipped(rule, days, due, days_off) if days_off else []
    sentences.append(phrases.due(due.due_on))
    sentences += [] if rule.obligation else [phrases.WINDOW]
    sentences += [] if rule.verified else [phrases.UNVERIFIED]
    years = notes.unconfirmed_years if notes else []
    return " ".join(sentences + ([phrases.unconfirmed(years)] if years else []))

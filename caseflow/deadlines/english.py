"""The English phrasebook of due-date explanations (the composer is caseflow.deadlines.clock.compose)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from caseflow.calendar import WEEKEND_NAMES

if TYPE_CHECKING:
    from caseflow.deadlines.counts import DueDate, Extension, Pause, SkippedDay
    from caseflow.deadlines.rules import Rule

UNVERIFIED = "(legal basis not yet verified)"
WINDOW = "This is a time limit for the citizen, not a duty of the agency; it is never overdue."
_WEEKEND_REASONS = frozenset(WEEKEND_NAMES.values())


def unconfirmed(years: list[int]) -> str:
    """The years whose official calendar of days off is not confirmed yet."""
    return f"(the {', '.join(map(str, years))} calendar of days off is not yet confirmed)"


def header(rule: Rule) -> str:
    """Which rule, which version, on what legal basis."""
    return f"Rule {rule.id} (version {rule.version}): {rule.title} — {rule.basis.rstrip('.')}."


def period(rule: Rule, days: int, variant: str, start_on: date) -> str:
    """How many days of which kind, counted from when."""
    variant_note = "" if variant == "standard" else f" ({variant.replace('_', ' ')} variant)"
    return (
        f"{days} {rule.day_kind} days{variant_note} from the day after {start_on.isoformat()}"
        f" ({rule.start_event})."
    )


CRITERIA = {
    "several_places": "verification in several places",
    "several_contents": "several contents",
    "many_people": "many people concerned",
    "foreign_element": "a foreign element",
    "several_bodies": "the management responsibility of several bodies",
    "bodies_disagree": "bodies that still disagree",
    "contradictory_evidence": "contradictory evidence needing time or expert opinion",
}


def extension(granted: Extension) -> str:
    """How one extension changed the period."""
    why = f" (complex: {CRITERIA.get(granted.criterion, granted.criterion)})" if granted.criterion else ""
    reason = f": {granted.reason}" if granted.reason else ""
    return f"Includes an extension of {_days(granted.days)} granted on {granted.on.isoformat()}{why}{reason}."


def pause(suspension: Pause, paused_days: int | None) -> str:
    """How one suspension changed the period (paused_days is None while it lasts)."""
    if paused_days is None:
        return (
            f"Suspended since {suspension.start_on.isoformat()} and not yet resumed: the clock is paused, "
            "and the due date below will move by the time it stays suspended."
        )
    return (
        f"Suspended {suspension.start_on.isoformat()} to {suspension.end_on.isoformat()}: "
        f"{_days(paused_days)} not counted."
    )


def skipped(rule: Rule, days: int, due: DueDate, days_off: list[SkippedDay]) -> list[str]:
    """The days off skipped (working-day limits) or moved over (calendar-day limits)."""
    if rule.day_kind == "working":
        weekend = sum(1 for item in days_off if item.reason in _WEEKEND_REASONS)
        holidays = [f"{i.day.isoformat()} {i.reason}" for i in days_off if i.reason not in _WEEKEND_REASONS]
        parts = [f"{weekend} weekend day{'s' if weekend != 1 else ''}"] if weekend else []
        parts += [f"holidays: {', '.join(holidays)}"] if holidays else []
        return [f"Skipped: {'; '.join(parts)}."]
    last = days_off[0]
    return [
        f"The {_ordinal(days)} day, {last.day.isoformat()}, is not a working day ({last.reason}), so the "
        f"period ends on the next working day, {due.due_on.isoformat()} (Civil Code Art 148(5))."
    ]


def due(due_on: date) -> str:
    """The result."""
    return f"Due on {due_on.isoformat()}."


def _days(count: int) -> str:
    """Format a count of days: "1 day" or "n days"."""
    return f"{count} day" if count == 1 else f"{count} days"


def _ordinal(number: int) -> str:
    """Spell `number` as an English ordinal: 1st, 2nd, 3rd, 4th, 11th, 21st and so on."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"

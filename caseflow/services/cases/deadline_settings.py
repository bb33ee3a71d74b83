"""What administrators set for the legal clocks: calendar overrides and the agency's rule overrides."""

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from caseflow.calendar import OfficialYear, WorkingCalendar
from caseflow.deadlines.rules import DAY_KINDS, Rule, RuleError
from caseflow.errors import ConflictError, InvalidInput, NotFound
from caseflow.extensions import db
from caseflow.i18n import N_
from caseflow.models import CalendarConfirmation, CalendarOverride, Deadline, RuleOverride, User
from caseflow.services.accounts.admin import REQUIRED, audit, require_admin
from caseflow.services.cases import deadlines

# Calendar overrides


def calendar_overrides() -> list[CalendarOverride]:
    """Every extra day off and extra working day, newest first."""
    return list(db.session.scalars(sa.select(CalendarOverride).order_by(CalendarOverride.day.desc())))


def add_calendar_override(
    actor: User, *, day: date | None, is_working: bool, note: str, now: datetime
) -> CalendarOverride:
    """Declare an extra day off or working day; the view commits, then forgets the cached calendar.

    :raises InvalidInput: no date, a date already declared, or one that is already that kind of day (422)
    """
    require_admin(actor)
    if day is None:
        raise InvalidInput(REQUIRED, errors={"day": [REQUIRED]})
    if db.session.get(CalendarOverride, day) is not None:
        message = N_("This date already has an override; delete it first.")
        raise InvalidInput(message, errors={"day": [message]})
    if WorkingCalendar(official=deadlines.official_years()).is_working_day(day) == is_working:
        message = N_("This is already a working day.") if is_working else N_("This is already a day off.")
        raise InvalidInput(message, errors={"day": [message]})
    row = CalendarOverride(day=day, is_working=is_working, note=(note or "").strip(), created_dt=now)
    db.session.add(row)
    db.session.flush()
    deadlines.settings_changed()
    audit(actor, "calendar_day_added", now=now, day=day.isoformat(), working=is_working, note=row.note)
    return row


def delete_calendar_override(actor: User, day: date) -> None:
    """Remove an override; the view commits, then forgets the cached calendar."""
    require_admin(actor)
    row = db.session.get(CalendarOverride, day)
    if row is None:
        raise NotFound(N_("No override on that date."))
    db.session.delete(row)
    db.session.flush()
    deadlines.settings_changed()
    audit(actor, "calendar_day_deleted", day=day.isoformat())


@dataclass
class CalendarYear:
    """One year of the calendar: the Government's announcements when loaded, None while unconfirmed."""

    year: int
    announced: OfficialYear | None
    confirmation: CalendarConfirmation | None = None

    @property
    def confirmed(self) -> bool:
        """Whether the year's announcements are loaded, or an administrator confirmed it."""
        return self.announced is not None or self.confirmation is not None


def calendar_years(today: date) -> list[CalendarYear]:
    """Every year from the first announcement file to next year, each confirmed or not."""
    official = deadlines.official_years()
    confirmations = {row.year: row for row in db.session.scalars(sa.select(CalendarConfirmation))}
    first = min(official, default=today.year)
    years = range(first, today.year + 2)
    return [CalendarYear(year, official.get(year), confirmations.get(year)) for year in years]


def confirm_calendar_year(actor: User, year: int, *, today: date, now: datetime) -> CalendarConfirmation:
    """An administrator confirms a year's days off as the calendar has them (who and when are kept).

    :raises InvalidInput: a year already confirmed, or not among those the page lists (422)
    """
    require_admin(actor)
    listed = {item.year: item for item in calendar_years(today)}
    if year not in listed or listed[year].confirmed:
        message = N_("That year's calendar cannot be confirmed: it is already confirmed or not listed.")
        raise InvalidInput(message, errors={"year": [message]})
    row = CalendarConfirmation(year=year, confirmed_by_id=actor.id, confirmed_dt=now)
    db.session.add(row)
    db.session.flush()
    deadlines.settings_changed()
    audit(actor, "calendar_year_confirmed", now=now, year=year)
    return row


# Rules


@dataclass
class RuleVersions:
    """A rule's versions, the one in force today, and those scheduled."""

    rule_id: str
    versions: list[Rule]
    current: Rule | None


def rules_in_force(today: date) -> list[RuleVersions]:
    """Every rule with all its versions (files and agency overrides) and the one in force today."""
    book = deadlines.rulebook()
    found = []
    for rule_id in book.ids():
        versions = list(book.history[rule_id])
        current = next((r for r in reversed(versions) if r.effective_from <= today), None)
        found.append(RuleVersions(rule_id, versions, current))
    return found


def rule_overrides() -> list[RuleOverride]:
    """The agency's rule overrides, by rule and date."""
    return list(
        db.session.scalars(
            sa.select(RuleOverride).order_by(RuleOverride.rule_id, RuleOverride.effective_from)
        )
    )


def add_rule_override(
    actor: User,
    *,
    rule_id: str,
    effective_from: date | None,
    days: int | None,
    day_kind: str | None,
    note: str,
    today: date,
    now: datetime,
) -> RuleOverride:
    """A new version of one rule from a date on (today or later); checked as the rule book checks rules.

    :raises InvalidInput: unknown rule, no change, a past date, a clash or an invalid rule (422)
    """
    require_admin(actor)
    errors = _override_errors(rule_id, effective_from, days, day_kind, today)
    if errors:
        raise InvalidInput(N_("The override cannot be saved."), errors=errors)
    mapping = {"rule": rule_id, "effective_from": effective_from, "note": note}
    mapping |= {key: value for key, value in (("days", days), ("day_kind", day_kind)) if value}
    try:
        deadlines.rulebook().with_overrides([mapping])
    except RuleError as error:
        raise InvalidInput(
            str(error), errors={"days": [N_("The rule would not be valid with these values.")]}
        ) from error
    row = RuleOverride(
        rule_id=rule_id,
        effective_from=effective_from,
        days=days or None,
        day_kind=day_kind or None,
        note=(note or "").strip(),
        created_dt=now,
    )
    db.session.add(row)
    db.session.flush()
    deadlines.settings_changed()
    since = effective_from.isoformat()
    audit(actor, "rule_override_added", now=now, rule=rule_id, effective_from=since, days=days)
    return row


def _override_errors(rule_id, effective_from, days, day_kind, today) -> dict:
    """Field errors of a rule override form."""
    errors = {}
    if rule_id not in deadlines.rulebook().history:
        errors["rule_id"] = [N_("Choose a rule from the list.")]
    if effective_from is None:
        errors["effective_from"] = [REQUIRED]
    elif effective_from < today:
        errors["effective_from"] = [N_("An override cannot take effect in the past.")]
    elif db.session.scalar(
        sa.select(RuleOverride.id).where(
            RuleOverride.rule_id == rule_id, RuleOverride.effective_from == effective_from
        )
    ):
        errors["effective_from"] = [N_("This rule already has an override from that date.")]
    if not days and not day_kind:
        errors["days"] = [N_("Change the number of days, the kind of days, or both.")]
    if day_kind and day_kind not in DAY_KINDS:
        errors["day_kind"] = [N_("Choose working or calendar days.")]
    return errors


def delete_rule_override(actor: User, override_id: int) -> None:
    """Remove an override no clock has started under yet.

    :raises ConflictError: clocks already run under it (409)
    """
    require_admin(actor)
    row = db.session.get(RuleOverride, override_id)
    if row is None:
        raise NotFound(N_("No such override."))
    version = f"{row.effective_from.isoformat()} (override)"
    used = sa.select(Deadline.id).where(Deadline.rule_id == row.rule_id, Deadline.rule_version == version)
    if db.session.scalar(used.limit(1)) is not None:
        raise ConflictError(N_("Deadlines already run under this override; it cannot be deleted."))
    db.session.delete(row)
    db.session.flush()
    deadlines.settings_changed()
    audit(actor, "rule_override_deleted", rule=row.rule_id, effective_from=row.effective_from.isoformat())

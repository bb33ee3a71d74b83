"""Heads' reception schedules: recurring days, publication 5 working days ahead, held or missed, sessions."""

import calendar as monthcal
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from caseflow.errors import InvalidInput, NotFound, PermissionDenied
from caseflow.extensions import begin_write, db
from caseflow.i18n import N_
from caseflow.models import ReceptionDay, ReceptionSchedule, ReceptionSession, Role, SessionKind, Unit, User
from caseflow.services.cases.deadlines import working_calendar
from caseflow.services.cases.scope import subtree_unit_ids
from caseflow.timeutil import local_date
from caseflow.validation import BoundedDate, load_args

HEAD_KINDS = ("agency_head", "commune_chair")
DAY_STATES = ("planned", "held", "missed", "cancelled")
MARKS = ("held", "missed", "cancelled")
COUNTED_STATES = ("planned", "held")
MANAGERS = (Role.LEADER, Role.RECEPTION)
PUBLISH_LEAD_WORKING_DAYS = 5
MONTHS_AHEAD = 3
BACKFILL_MONTHS = 12  # a schedule that started long ago is planned back at most this far
MAX_DAYS_PER_REQUEST = 100  # one request plans at most this many days, so no write holds the lock for long
MANAGE_REFUSED = N_("Only leaders and reception officers manage reception schedules.")


class ScheduleArgs(Schema):
    """A head's recurring reception days."""

    head = fields.Int(required=True)
    head_kind = fields.Str(load_default="agency_head", validate=validate.OneOf(HEAD_KINDS))
    days_of_month = fields.List(
        fields.Int(validate=validate.Range(min=1, max=31)),
        required=True,
        validate=validate.Length(min=1, max=8),
    )
    place = fields.Str(required=True, validate=validate.Length(min=3, max=300))
    valid_from = BoundedDate(required=True)
    valid_to = BoundedDate(load_default=None, allow_none=True)
    unit = fields.Int(load_default=None, allow_none=True)

    @validates_schema
    def _consistent(self, data, **_):
        if data.get("valid_to") and data["valid_to"] < data["valid_from"]:
            raise ValidationError("The schedule cannot end before it starts.", "valid_to")
        if len(set(data["days_of_month"])) != len(data["days_of_month"]):
            raise ValidationError("Give each day of the month once.", "days_of_month")


class MarkArgs(Schema):
    """Held, missed or cancelled, with a note."""

    state = fields.Str(required=True, validate=validate.OneOf(MARKS))
    note = fields.Str(load_default="", validate=validate.Length(max=300))


def require_manager(actor: User) -> None:
    """Leaders and reception officers manage schedules; raises PermissionDenied."""
    if not actor.has_role(*MANAGERS):
        raise PermissionDenied(MANAGE_REFUSED)


def create_schedule(data: dict, *, actor: User, now: datetime) -> ReceptionSchedule:
    """Record a head's schedule and plan its coming days; raises InvalidInput, PermissionDenied."""
    begin_write()
    require_manager(actor)
    args = load_args(ScheduleArgs, data)
    unit = _schedule_unit(args.get("unit"), actor)
    head = db.session.get(User, args["head"])
    if head is None or not head.is_active or head.unit_id != unit.id:
        raise InvalidInput(N_("Unknown head."), errors={"head": [N_("Choose an official of the unit.")]})
    schedule = ReceptionSchedule(
        unit_id=unit.id,
        head_id=head.id,
        head_kind=args["head_kind"],
        days_of_month=sorted(args["days_of_month"]),
        place=args["place"].strip(),
        valid_from=args["valid_from"],
        valid_to=args["valid_to"],
        created_by_id=actor.id,
        created_dt=now,
    )
    db.session.add(schedule)
    db.session.flush()
    generate_days(schedule, until=planning_horizon(local_date(now)), now=now)
    return schedule


def _schedule_unit(unit_id: int | None, actor: User) -> Unit:
    """The actor's unit or one below it."""
    if unit_id is None:
        return actor.unit
    unit = db.session.get(Unit, unit_id)
    if unit is None or not actor.unit.contains(unit):
        raise InvalidInput(N_("Unknown unit."), errors={"unit": [N_("Choose your unit or a unit below it.")]})
    return unit


def _months_after(day: date, months: int) -> date:
    """The last day of the month `months` after `day`'s month."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, monthcal.monthrange(year, month + 1)[1])


def scheduled_date(year: int, month: int, day_of_month: int) -> date:
    """The reception day for `day_of_month` in a month.

    A day past the month's end (31 in April) is the month's last day; a day off moves to the next working day,
    or, when that falls in the next month, to the previous working day, so the day stays in its month.
    """
    cal = working_calendar()
    wanted = date(year, month, min(day_of_month, monthcal.monthrange(year, month)[1]))
    if cal.is_working_day(wanted):
        return wanted
    later = cal.next_working_day(wanted)
    return later if later.month == month else cal.previous_working_day(wanted)


def generate_days(schedule: ReceptionSchedule, *, until: date, now: datetime) -> list[ReceptionDay]:
    """Plan the schedule's days from its start (at most 12 months back) to `until` (or its end), at most 100
    days a call; days already planned stay."""
    last = min(until, schedule.valid_to) if schedule.valid_to else until
    first = max(schedule.valid_from, backfill_start(local_date(now)))
    existing = set(
        db.session.scalars(sa.select(ReceptionDay.day).where(ReceptionDay.schedule_id == schedule.id))
    )
    added = []
    for day in _occurrences(schedule, first, last):
        if len(added) == MAX_DAYS_PER_REQUEST:
            break
        if day in existing:
            continue
        existing.add(day)
        added.append(_new_day(schedule, day, now))
    db.session.add_all(added)
    db.session.flush()
    return added


def backfill_start(today: date) -> date:
    """The first day planned back for a schedule that started long ago: 12 months before today's month."""
    return _months_after(today, -BACKFILL_MONTHS - 1) + timedelta(days=1)


def planning_horizon(today: date) -> date:
    """How far ahead schedules are planned: the end of the month 3 months after today's."""
    return _months_after(today, MONTHS_AHEAD)


def schedules_to_roll(today: date) -> list[int]:
    """Ids of the schedules that may have days to plan: started by the horizon, not ended before the
    back-fill start."""
    statement = (
        sa.select(ReceptionSchedule.id)
        .where(ReceptionSchedule.valid_from <= planning_horizon(today))
        .where(
            sa.or_(ReceptionSchedule.valid_to.is_(None), ReceptionSchedule.valid_to >= backfill_start(today))
        )
        .order_by(ReceptionSchedule.id)
    )
    return list(db.session.scalars(statement))


def roll_forward(schedule_id: int, *, now: datetime) -> list[ReceptionDay]:
    """One sweep step: plan at most 100 more days of the schedule, up to 3 months ahead (back-filled at
    most 12 months); days already planned, held, missed or cancelled stay, and nothing is published."""
    begin_write()
    schedule = db.session.get(ReceptionSchedule, schedule_id, with_for_update=True)  # one sweep at a time
    if schedule is None:
        return []
    return generate_days(schedule, until=planning_horizon(local_date(now)), now=now)


def _occurrences(schedule: ReceptionSchedule, first: date, last: date):
    """Every reception day of the schedule between `first` and `last`, in order."""
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        for day_of_month in sorted(schedule.days_of_month):
            day = scheduled_date(year, month, day_of_month)
            if first <= day <= last:
                yield day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _new_day(schedule: ReceptionSchedule, day: date, now: datetime) -> ReceptionDay:
    """A planned, unpublished day."""
    return ReceptionDay(
        schedule_id=schedule.id,
        unit_id=schedule.unit_id,
        head_id=schedule.head_id,
        day=day,
        state="planned",
        updated_dt=now,
    )


def publish_days(schedule: ReceptionSchedule, *, actor: User, now: datetime) -> list[ReceptionDay]:
    """Publish the schedule's planned days from today on that are not published yet."""
    begin_write()
    require_manager(actor)
    statement = sa.select(ReceptionDay).where(
        ReceptionDay.schedule_id == schedule.id,
        ReceptionDay.state == "planned",
        ReceptionDay.published_dt.is_(None),
        ReceptionDay.day >= local_date(now),
    )
    days = list(db.session.scalars(statement))
    for day in days:
        day.published_dt, day.updated_dt = now, now
    db.session.flush()
    return days


def publication_deadline(day: date) -> date:
    """The last date the day may be published on: 5 working days before it (Citizen Reception Law Art 24)."""
    return working_calendar().add_working_days(day, -PUBLISH_LEAD_WORKING_DAYS)


def published_in_time(day: ReceptionDay) -> bool:
    """Whether the day was published at least 5 working days ahead."""
    return day.published_dt is not None and local_date(day.published_dt) <= publication_deadline(day.day)


def public_days(today: date, *, unit_id: int | None = None) -> list[ReceptionDay]:
    """Planned days from today on, published at least 5 working days ahead: what the public page shows."""
    statement = (
        sa.select(ReceptionDay)
        .where(
            ReceptionDay.day >= today, ReceptionDay.state == "planned", ReceptionDay.published_dt.is_not(None)
        )
        .order_by(ReceptionDay.day, ReceptionDay.id)
    )
    if unit_id is not None:
        statement = statement.where(ReceptionDay.unit_id == unit_id)
    return [day for day in db.session.scalars(statement) if published_in_time(day)]


def mark_day(day: ReceptionDay, data: dict, *, actor: User, now: datetime) -> ReceptionDay:
    """Mark a day held, missed or cancelled; raises InvalidInput, PermissionDenied."""
    begin_write()
    require_manager(actor)
    args = load_args(MarkArgs, data)
    if args["state"] in ("held", "missed") and day.day > local_date(now):
        raise InvalidInput(
            N_("A day in the future cannot be held or missed yet."),
            errors={"state": [N_("A day in the future cannot be held or missed yet.")]},
        )
    if args["state"] == "missed" and _sessions_count(day):
        raise InvalidInput(
            N_("Sessions were held on this day."), errors={"state": [N_("Sessions were held on this day.")]}
        )
    day.state, day.note, day.updated_dt = args["state"], args["note"].strip(), now
    db.session.flush()
    return day


def link_session(session: ReceptionSession, day: ReceptionDay, *, actor: User, now: datetime) -> None:
    """Link a desk session to the head's reception day of the same unit and date; the day is then held."""
    begin_write()
    require_manager(actor)
    if session.unit_id != day.unit_id or session.received_on != day.day:
        raise InvalidInput(
            N_("The session is not on this reception day."),
            errors={"session": [N_("Choose a session of the same unit and date.")]},
        )
    if day.state in ("missed", "cancelled"):
        raise InvalidInput(
            N_("This reception day was not held."),
            errors={"session": [N_("This reception day was not held.")]},
        )
    session.reception_day_id, session.kind = day.id, SessionKind.PERIODIC_HEAD
    day.state, day.updated_dt = "held", now
    db.session.flush()


def sessions_of(day: ReceptionDay) -> list[ReceptionSession]:
    """The reception sessions linked to the day."""
    statement = sa.select(ReceptionSession).where(ReceptionSession.reception_day_id == day.id)
    return list(db.session.scalars(statement.order_by(ReceptionSession.id)))


def linkable_sessions(day: ReceptionDay) -> list[ReceptionSession]:
    """Sessions of the day's unit and date not linked to a reception day yet."""
    statement = sa.select(ReceptionSession).where(
        ReceptionSession.unit_id == day.unit_id,
        ReceptionSession.received_on == day.day,
        ReceptionSession.reception_day_id.is_(None),
    )
    return list(db.session.scalars(statement.order_by(ReceptionSession.id)))


def _sessions_count(day: ReceptionDay) -> int:
    """How many sessions are linked to the day."""
    statement = sa.select(sa.func.count()).where(ReceptionSession.reception_day_id == day.id)
    return db.session.scalar(statement)


def visible_schedules(viewer: User) -> list[ReceptionSchedule]:
    """Schedules of the viewer's unit and below."""
    statement = sa.select(ReceptionSchedule).where(
        ReceptionSchedule.unit_id.in_(subtree_unit_ids(viewer.unit))
    )
    return list(db.session.scalars(statement.order_by(ReceptionSchedule.unit_id, ReceptionSchedule.id)))


def get_schedule(schedule_id: int, viewer: User) -> ReceptionSchedule:
    """A schedule the viewer may see; raises NotFound otherwise."""
    schedule = db.session.get(ReceptionSchedule, schedule_id)
    if schedule is None or not viewer.unit.contains(schedule.unit):
        raise NotFound(N_("No such reception schedule."))
    return schedule


def get_day(day_id: int, viewer: User) -> ReceptionDay:
    """A reception day the viewer may see; raises NotFound otherwise."""
    day = db.session.get(ReceptionDay, day_id)
    if day is None or not viewer.unit.contains(db.session.get(Unit, day.unit_id)):
        raise NotFound(N_("No such reception day."))
    return day


def days_of(schedule: ReceptionSchedule) -> list[ReceptionDay]:
    """The schedule's days in date order."""
    statement = sa.select(ReceptionDay).where(ReceptionDay.schedule_id == schedule.id)
    return list(db.session.scalars(statement.order_by(ReceptionDay.day)))


def unit_heads(unit: Unit) -> list[User]:
    """Active officials of the unit who may head a reception (its leaders)."""
    statement = (
        sa.select(User).where(User.unit_id == unit.id, User.is_active_user.is_(True)).order_by(User.id)
    )
    return [user for user in db.session.scalars(statement) if user.has_role(Role.LEADER)]

"""Heads' reception days (GET/POST /reception-schedule) and public dialogues (GET/POST /dialogues, issues)."""

from datetime import date, timedelta

import sqlalchemy as sa
from marshmallow import Schema, fields, validate

from caseflow.api.auth import api_user, require_user
from caseflow.api.bodies import unit_ref, user_ref
from caseflow.api.core import API_PREFIX, IDEMPOTENCY_KEY, ApiBlueprint
from caseflow.api.schemas import UnitRefSchema, UserRefSchema
from caseflow.api.writes import json_body, json_response, write_once
from caseflow.errors import InvalidInput
from caseflow.extensions import db
from caseflow.i18n import N_
from caseflow.models import PublicDialogue, ReceptionDay, ReceptionSchedule, ReceptionSession, User
from caseflow.services.cases.scope import subtree_unit_ids
from caseflow.services.engagement import public_dialogues as dialogue_service
from caseflow.services.engagement import schedule as schedule_service
from caseflow.timeutil import local_date, now_utc
from caseflow.validation import BoundedDate

MAX_ROWS = 500
DIALOGUE, ISSUE = "<int(max=2147483647):dialogue_id>", "<int(max=2147483647):issue_id>"  # beyond: unknown
SCHEDULE, DAY = "<int(max=2147483647):schedule_id>", "<int(max=2147483647):day_id>"
IDEMPOTENCY = [IDEMPOTENCY_KEY]

blp = ApiBlueprint(
    "api_engagement",
    __name__,
    url_prefix=API_PREFIX,
    description="Heads' reception days and public dialogues",
)
blp.before_request(require_user)


class DayListArgs(Schema):
    """A date range (default: the last month and the coming three)."""

    day_from = BoundedDate(data_key="from")
    day_to = BoundedDate(data_key="to")


class DaySchema(Schema):
    """One reception day of a head."""

    id = fields.Int(required=True)
    schedule_id = fields.Int(required=True)
    unit = fields.Nested(UnitRefSchema, required=True)
    head = fields.Nested(UserRefSchema, required=True)
    head_kind = fields.Str(required=True)
    day = BoundedDate(required=True)
    state = fields.Str(required=True)
    place = fields.Str(required=True)
    note = fields.Str(required=True)
    published_at = fields.DateTime(allow_none=True, required=True)
    published_in_time = fields.Bool(required=True)
    session_ids = fields.List(fields.Int(), required=True)


class DayPageSchema(Schema):
    """Reception days in date order."""

    items = fields.List(fields.Nested(DaySchema), required=True)


class ScheduleSchema(Schema):
    """A head's schedule with its planned days."""

    id = fields.Int(required=True)
    unit = fields.Nested(UnitRefSchema, required=True)
    head = fields.Nested(UserRefSchema, required=True)
    head_kind = fields.Str(required=True)
    days_of_month = fields.List(fields.Int(), required=True)
    place = fields.Str(required=True)
    valid_from = BoundedDate(required=True)
    valid_to = BoundedDate(allow_none=True, required=True)
    days = fields.List(fields.Nested(DaySchema), required=True)


class IssueSchema(Schema):
    """An issue raised at a dialogue and where it stands."""

    id = fields.Int(required=True)
    seq = fields.Int(required=True)
    text = fields.Str(required=True)
    raised_by = fields.Str(required=True)
    answer_due_on = BoundedDate(allow_none=True, required=True)
    state = fields.Str(required=True)
    case_id = fields.Int(allow_none=True, required=True)
    tracking_code = fields.Str(allow_none=True, required=True)
    due_on = BoundedDate(allow_none=True, required=True)


class DialogueSchema(Schema):
    """A public dialogue with its issues."""

    id = fields.Int(required=True)
    unit = fields.Nested(UnitRefSchema, required=True)
    held_on = BoundedDate(required=True)
    place = fields.Str(required=True)
    host_name = fields.Str(required=True)
    audience = fields.Str(required=True, validate=validate.OneOf(list(dialogue_service.AUDIENCES)))
    audience_note = fields.Str(required=True)
    participants = fields.Int(required=True)
    minutes = fields.Str(required=True)
    issues = fields.List(fields.Nested(IssueSchema), required=True)


class DialoguePageSchema(Schema):
    """Dialogues, newest first."""

    items = fields.List(fields.Nested(DialogueSchema), required=True)


class IssueCreateArgs(dialogue_service.IssueArgs):
    """An issue, and whether to make it a petition case at once."""

    as_case = fields.Bool(load_default=False)


class DialogueListArgs(Schema):
    """How many dialogues."""

    limit = fields.Int(load_default=50, validate=validate.Range(min=1, max=200))


def day_body(day: ReceptionDay, session_ids: list[int]) -> dict:
    """A reception day as the API answers it."""
    schedule = day.schedule
    return DaySchema().dump(
        {
            "id": day.id,
            "schedule_id": schedule.id,
            "unit": unit_ref(schedule.unit),
            "head": user_ref(schedule.head),
            "head_kind": schedule.head_kind,
            "day": day.day,
            "state": day.state,
            "place": schedule.place,
            "note": day.note,
            "published_at": day.published_dt,
            "published_in_time": schedule_service.published_in_time(day),
            "session_ids": session_ids,
        }
    )


def _sessions_by_day(day_ids: list[int]) -> dict[int, list[int]]:
    """Linked session ids per day, in one statement."""
    found: dict[int, list[int]] = {}
    if day_ids:
        rows = db.session.execute(
            sa.select(ReceptionSession.reception_day_id, ReceptionSession.id)
            .where(ReceptionSession.reception_day_id.in_(day_ids))
            .order_by(ReceptionSession.id)
        )
        for day_id, session_id in rows:
            found.setdefault(day_id, []).append(session_id)
    return found


def _days_body(days: list[ReceptionDay]) -> list[dict]:
    """Day bodies with their sessions."""
    sessions = _sessions_by_day([d.id for d in days])
    return [day_body(d, sessions.get(d.id, [])) for d in days]


@blp.route("/reception-schedule")
@blp.arguments(DayListArgs, location="query")
@blp.response(200, DayPageSchema)
@blp.problems(401)
def list_days(args):
    """Heads' reception days of the caller's unit and below in a date range, and whether each was held."""
    user, today = api_user(), local_date(now_utc())
    first = args.get("day_from") or today - timedelta(days=31)
    last = args.get("day_to") or today + timedelta(days=92)
    statement = (
        sa.select(ReceptionDay)
        .where(ReceptionDay.unit_id.in_(subtree_unit_ids(user.unit)))
        .where(ReceptionDay.day >= first, ReceptionDay.day <= last)
        .order_by(ReceptionDay.day, ReceptionDay.id)
        .limit(MAX_ROWS)
    )
    return json_response(200, {"items": _days_body(list(db.session.scalars(statement)))})


@blp.route("/reception-schedule", methods=["POST"])
@blp.arguments(schedule_service.ScheduleArgs, as_kwargs=True)
@blp.response(201, ScheduleSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 413, 415)
def create_schedule(**_validated):
    """Record a head's schedule and plan its days (leaders, reception officers); honours Idempotency-Key."""
    user, payload = api_user(), json_body()
    return write_once(user, lambda: _create_schedule(user, payload), payload)


def _create_schedule(user: User, payload: dict):
    """Create through the service; 201 with the schedule and its days."""
    item = schedule_service.create_schedule(payload, actor=user, now=now_utc())
    return 201, schedule_body(item), {}


@blp.route(f"/reception-schedule/days/{DAY}/state", methods=["POST"])
@blp.arguments(schedule_service.MarkArgs, as_kwargs=True)
@blp.response(200, DaySchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 409, 413, 415)
def mark_day(day_id: int, **_validated):
    """Mark a reception day held, missed or cancelled, with a note (leaders, reception officers)."""
    user, payload = api_user(), json_body()
    day = schedule_service.get_day(day_id, user)
    return write_once(user, lambda: _mark_day(user, day, payload), payload)


def _mark_day(user: User, day: ReceptionDay, payload: dict):
    """Mark through the service; 200 with the day."""
    schedule_service.mark_day(day, payload, actor=user, now=now_utc())
    return 200, _days_body([day])[0], {}


class LinkArgs(Schema):
    """A reception session of the day's unit and date, not linked to a day yet."""

    session = fields.Int(required=True, validate=validate.Range(min=1, max=2**31 - 1))


@blp.route(f"/reception-schedule/days/{DAY}/sessions", methods=["POST"])
@blp.arguments(LinkArgs)
@blp.response(200, DaySchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 413, 415)
def link_session(args, day_id: int):
    """Link a reception session of the same unit and date to the head's day, which is then held."""
    user, payload = api_user(), json_body()
    day = schedule_service.get_day(day_id, user)
    return write_once(user, lambda: _link(user, day, args["session"]), payload)


def _link(user: User, day: ReceptionDay, session_id: int):
    """Link through the service; 200 with the day and its sessions."""
    schedule_service.require_manager(user)
    session = next((s for s in schedule_service.linkable_sessions(day) if s.id == session_id), None)
    if session is None:
        message = N_("Choose a session of the same unit and date.")
        raise InvalidInput(message, errors={"session": [message]})
    schedule_service.link_session(session, day, actor=user, now=now_utc())
    return 200, _days_body([day])[0], {}


@blp.route(f"/reception-schedule/{SCHEDULE}/publish", methods=["POST"])
@blp.response(200, DayPageSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 409)
def publish_schedule(schedule_id: int):
    """Publish the schedule's planned days from today on (publishing twice publishes nothing new)."""
    user = api_user()
    item = schedule_service.get_schedule(schedule_id, user)
    return write_once(user, lambda: _publish(user, item), {})


def _publish(user: User, item: ReceptionSchedule):
    """Publish through the service; 200 with the days published now."""
    days = schedule_service.publish_days(item, actor=user, now=now_utc())
    return 200, {"items": _days_body(days)}, {}


def schedule_body(item: ReceptionSchedule) -> dict:
    """A schedule as the API answers it."""
    body = {
        "id": item.id,
        "unit": unit_ref(item.unit),
        "head": user_ref(item.head),
        "head_kind": item.head_kind,
        "days_of_month": item.days_of_month,
        "place": item.place,
        "valid_from": item.valid_from,
        "valid_to": item.valid_to,
    }
    return {
        **ScheduleSchema(exclude=("days",)).dump(body),
        "days": _days_body(schedule_service.days_of(item)),
    }


def dialogue_body(item: PublicDialogue, today: date) -> dict:
    """A dialogue with its issues and where each stands."""
    body = DialogueSchema(exclude=("issues",)).dump(
        {name: getattr(item, name) for name in DialogueSchema().fields if name not in ("unit", "issues")}
        | {"unit": unit_ref(item.unit)}
    )
    return {**body, "issues": [issue_body(s) for s in dialogue_service.issues_of(item, today)]}


def issue_body(state: dialogue_service.IssueState) -> dict:
    """An issue and where it stands."""
    issue, case = state.issue, state.case
    return IssueSchema().dump(
        {
            "id": issue.id,
            "seq": issue.seq,
            "text": issue.text,
            "raised_by": issue.raised_by,
            "answer_due_on": issue.answer_due_on,
            "state": state.state,
            "case_id": case.id if case else None,
            "tracking_code": case.tracking_code if case else None,
            "due_on": state.due_on,
        }
    )


@blp.route("/dialogues")
@blp.arguments(DialogueListArgs, location="query")
@blp.response(200, DialoguePageSchema)
@blp.problems(401)
def list_dialogues(args):
    """Public dialogues of the caller's unit and below, newest first, with their issues."""
    user, today = api_user(), local_date(now_utc())
    items = db.session.scalars(dialogue_service.visible_dialogues(user).limit(args["limit"]))
    return json_response(200, {"items": [dialogue_body(d, today) for d in items]})


@blp.route("/dialogues", methods=["POST"])
@blp.arguments(dialogue_service.DialogueArgs, as_kwargs=True)
@blp.response(201, DialogueSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 413, 415)
def create_dialogue(**_validated):
    """Record a dialogue and its issues (leaders and reception officers); honours Idempotency-Key."""
    user, payload = api_user(), json_body()
    return write_once(user, lambda: _create_dialogue(user, payload), payload)


def _create_dialogue(user: User, payload: dict):
    """Record through the service; 201 with the dialogue."""
    item = dialogue_service.record_dialogue(payload, actor=user, now=now_utc())
    return 201, dialogue_body(item, local_date(now_utc())), {}


@blp.route(f"/dialogues/{DIALOGUE}/issues", methods=["POST"])
@blp.arguments(IssueCreateArgs, as_kwargs=True)
@blp.response(201, IssueSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 409, 413, 415)
def add_issue(dialogue_id: int, **_validated):
    """Add an issue to a dialogue; with as_case, make it a petition case (channel dialogue) at once."""
    user, payload = api_user(), json_body()
    item = dialogue_service.get_dialogue(dialogue_id, user)
    return write_once(user, lambda: _add_issue(user, item, payload), payload)


@blp.route(f"/dialogues/{DIALOGUE}/issues/{ISSUE}/case", methods=["POST"])
@blp.response(201, IssueSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 409)
def open_case(dialogue_id: int, issue_id: int):
    """Make an existing issue a petition case (reception and processing officers), once."""
    user = api_user()
    issue = dialogue_service.get_issue(dialogue_service.get_dialogue(dialogue_id, user), issue_id)
    return write_once(user, lambda: _open_case(user, issue), {})


def _add_issue(user: User, item: PublicDialogue, payload: dict):
    """Add through the service, then the case when asked; 201 with the issue."""
    as_case = bool(payload.get("as_case"))
    issue = dialogue_service.add_issue(
        item, {k: v for k, v in payload.items() if k != "as_case"}, actor=user, now=now_utc()
    )
    if as_case:
        return _open_case(user, issue)
    return 201, issue_body(dialogue_service.issue_state(issue, None, local_date(now_utc()))), {}


def _open_case(user: User, issue):
    """The case through the service; 201 with the issue and its case."""
    case = dialogue_service.open_case(issue, actor=user, now=now_utc())
    return 201, issue_body(dialogue_service.issue_state(issue, case, local_date(now_utc()))), {}

"""The caller's own notifications (/notifications): read them, mark them read, choose the daily digest."""

from flask import request
from marshmallow import Schema, fields, validate

from caseflow.api.auth import api_user, require_user
from caseflow.api.core import API_PREFIX, ApiBlueprint
from caseflow.api.writes import json_body, json_response, write_once
from caseflow.models import Notification, User
from caseflow.services.notices import inbox as service
from caseflow.timeutil import now_utc

NOTIFICATION = "<int(max=2147483647):notification_id>"

blp = ApiBlueprint(
    "api_notifications", __name__, url_prefix=f"{API_PREFIX}/notifications", description="Own notifications"
)
blp.before_request(require_user)


class NotificationListArgs(Schema):
    """Paging: pass the answer's `next_cursor` as `cursor`."""

    cursor = fields.Str(validate=validate.Regexp(r"^[0-9]{1,10}$"))


class NotificationSchema(Schema):
    """One notification; `read_at` null while unread."""

    id = fields.Int(required=True)
    kind = fields.Str(required=True)
    subject = fields.Str(required=True)
    body = fields.Str(required=True)
    case_id = fields.Int(allow_none=True, required=True)
    tracking_code = fields.Str(allow_none=True, required=True)
    created_at = fields.DateTime(required=True)
    read_at = fields.DateTime(allow_none=True, required=True)


class NotificationPageSchema(Schema):
    """The caller's notifications, newest first."""

    items = fields.List(fields.Nested(NotificationSchema), required=True)
    next_cursor = fields.Str(allow_none=True, required=True)


class ReadAllSchema(Schema):
    """How many notifications were marked read."""

    marked = fields.Int(required=True)


class DigestArgs(Schema):
    """One e-mail a day (true) or one e-mail per notification (false)."""

    wants_digest = fields.Bool(required=True)


def notification_body(item: Notification, tracking_code: str | None) -> dict:
    """A notification as the API answers it."""
    return NotificationSchema().dump(
        {"id": item.id, "kind": item.kind, "subject": service.localized_subject(item.subject),
         "body": item.body, "case_id": item.case_id, "tracking_code": tracking_code,
         "created_at": item.created_dt, "read_at": item.read_dt}
    )  # fmt: skip


@blp.route("")
@blp.arguments(NotificationListArgs, location="query")
@blp.response(200, NotificationPageSchema)
@blp.problems(401)
def list_notifications(args):
    """The caller's notifications, newest first, 50 at a time."""
    page = service.inbox_page(api_user(), cursor=request.args.get("cursor"))
    items = [notification_body(row.notification, row.tracking_code) for row in page.rows]
    cursor = str(page.next_cursor) if page.next_cursor else None
    return json_response(200, {"items": items, "next_cursor": cursor})


@blp.route(f"/{NOTIFICATION}/read", methods=["POST"])
@blp.response(200, NotificationSchema)
@blp.problems(401, 404)
def read(notification_id: int):
    """Mark one of the caller's notifications read (again is harmless); someone else's is 404."""
    user = api_user()
    return write_once(user, lambda: _read(user, notification_id), {})


def _read(user: User, notification_id: int):
    """Mark through the service."""
    item = service.mark_read(user, notification_id, now=now_utc())
    return 200, notification_body(item, None), {}


@blp.route("/read-all", methods=["POST"])
@blp.response(200, ReadAllSchema)
@blp.problems(401)
def read_all():
    """Mark every unread notification of the caller read."""
    user = api_user()
    return write_once(user, lambda: (200, {"marked": service.mark_all_read(user, now=now_utc())}, {}), {})


@blp.route("/digest", methods=["POST"])
@blp.arguments(DigestArgs)
@blp.response(200, DigestArgs)
@blp.problems(401, 413, 415)
def digest(args):
    """Choose one daily digest e-mail or one e-mail per notification."""
    user, payload = api_user(), json_body()
    return write_once(user, lambda: _digest(user, args["wants_digest"]), payload)


def _digest(user: User, wants: bool):
    """Set through the service."""
    service.set_digest(user, wants)
    return 200, {"wants_digest": wants}, {}

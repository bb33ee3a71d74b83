"""Inspections of single cases (/inspections): open one on a case, urge the unit, close it.

The same services as the inspector's pages (`services.oversight.inspection`); inspectors only, within their
subtree; each step is an audit event on the case and notifies the unit's leaders and the handler.
"""

from marshmallow import Schema, fields, validate

from caseflow.api.auth import api_user, require_user
from caseflow.api.core import API_PREFIX, CASE_ID, IDEMPOTENCY_KEY, ApiBlueprint
from caseflow.api.writes import json_body, request_id, write_once
from caseflow.models import Inspection, User
from caseflow.services.oversight import inspection as service
from caseflow.timeutil import now_utc
from caseflow.validation import BoundedDate

INSPECTION = "/<int(max=2147483647):inspection_id>"
IDEMPOTENCY = [IDEMPOTENCY_KEY]
MAX_TEXT = 5000

blp = ApiBlueprint("api_inspections", __name__, url_prefix=API_PREFIX, description="Inspections of cases")
blp.before_request(require_user)


class InspectionOpenArgs(Schema):
    """What the inspector found, what the unit should do, and by when."""

    findings = fields.Str(required=True, validate=validate.Length(min=1, max=MAX_TEXT))
    recommendation = fields.Str(load_default="", validate=validate.Length(max=MAX_TEXT))
    due_on = BoundedDate(load_default=None, allow_none=True)


class InspectionUrgeArgs(Schema):
    """The message sent to the unit's leaders and the handler."""

    message = fields.Str(required=True, validate=validate.Length(min=1, max=MAX_TEXT))


class InspectionCloseArgs(Schema):
    """The result of the inspection."""

    result = fields.Str(required=True, validate=validate.Length(min=1, max=MAX_TEXT))


class InspectionSchema(Schema):
    """An inspection of a case."""

    id = fields.Int(required=True)
    case_id = fields.Int(required=True)
    findings = fields.Str(required=True)
    recommendation = fields.Str(required=True)
    due_on = BoundedDate(allow_none=True, required=True)
    reasons = fields.List(fields.Str(), required=True)
    urge_count = fields.Int(required=True)
    opened_at = fields.DateTime(required=True)
    closed_at = fields.DateTime(allow_none=True, required=True)
    result = fields.Str(required=True)


class InspectionUrgedSchema(Schema):
    """Whom the urge went to (through the case's audit trail), and the open inspection if any."""

    case_id = fields.Int(required=True)
    inspection_id = fields.Int(allow_none=True, required=True)


def inspection_body(item: Inspection) -> dict:
    """An inspection as the API answers it."""
    names = ("id", "case_id", "findings", "recommendation", "due_on", "urge_count", "result")
    body = {name: getattr(item, name) for name in names}
    extra = {"reasons": list(item.reasons or []), "opened_at": item.opened_dt, "closed_at": item.closed_dt}
    return InspectionSchema().dump(body | extra)


@blp.route(f"/cases{CASE_ID}/inspection", methods=["POST"])
@blp.arguments(InspectionOpenArgs)
@blp.response(201, InspectionSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 409, 413, 415)
def open_inspection(args, case_id: int):
    """Open an inspection on a case of the inspector's subtree (409 when one is open already)."""
    user, payload = api_user(), json_body()
    return write_once(user, lambda: _open(user, case_id, args), payload)


def _open(user: User, case_id: int, args: dict):
    """Open through the service."""
    opened = service.open_inspection(
        case_id, user, now_utc(), args["findings"], args["recommendation"], args["due_on"],
        request_id=request_id(),
    )  # fmt: skip
    return 201, inspection_body(opened), {}


@blp.route(f"/cases{CASE_ID}/urge", methods=["POST"])
@blp.arguments(InspectionUrgeArgs)
@blp.response(200, InspectionUrgedSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 409, 413, 415)
def urge_case(args, case_id: int):
    """Urge the unit on a case, with or without an open inspection (its urge count grows)."""
    user, payload = api_user(), json_body()
    return write_once(user, lambda: _urge(user, args["message"], case_id=case_id), payload)


@blp.route(f"/inspections{INSPECTION}/urge", methods=["POST"])
@blp.arguments(InspectionUrgeArgs)
@blp.response(200, InspectionUrgedSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 409, 413, 415)
def urge(args, inspection_id: int):
    """Urge the unit through an open inspection (409 when closed)."""
    user, payload = api_user(), json_body()
    return write_once(user, lambda: _urge(user, args["message"], inspection_id=inspection_id), payload)


def _urge(user: User, message: str, **which):
    """Urge through the service."""
    found = service.urge(inspector=user, now=now_utc(), message=message, request_id=request_id(), **which)
    case_id = which.get("case_id") or found.case_id
    body = {"case_id": case_id, "inspection_id": found.id if found else None}
    return 200, InspectionUrgedSchema().dump(body), {}


@blp.route(f"/inspections{INSPECTION}/close", methods=["POST"])
@blp.arguments(InspectionCloseArgs)
@blp.response(200, InspectionSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 409, 413, 415)
def close(args, inspection_id: int):
    """Close an open inspection with its result (409 when closed already)."""
    user, payload = api_user(), json_body()
    return write_once(user, lambda: _close(user, inspection_id, args["result"]), payload)


def _close(user: User, inspection_id: int, result: str):
    """Close through the service."""
    closed = service.close_inspection(inspection_id, user, now_utc(), result, request_id=request_id())
    return 200, inspection_body(closed), {}

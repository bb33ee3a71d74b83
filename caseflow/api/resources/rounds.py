"""Inspection rounds (/inspection-rounds): plan, start, corrective actions, close, over services.rounds."""

import sqlalchemy as sa
from marshmallow import Schema, fields, validate

from caseflow.api.auth import api_user, require_user
from caseflow.api.bodies import unit_ref, user_ref
from caseflow.api.core import API_PREFIX, IDEMPOTENCY_KEY, ApiBlueprint
from caseflow.api.schemas import UnitRefSchema, UserRefSchema
from caseflow.api.writes import json_body, json_response, request_id, write_once
from caseflow.errors import NotFound
from caseflow.extensions import db
from caseflow.models import CorrectiveAction, InspectionRound, User
from caseflow.services.oversight import rounds as service
from caseflow.timeutil import now_utc
from caseflow.validation import BoundedDate

ROUND = "<int(max=2147483647):round_id>"  # ids beyond the database's integers are simply unknown
IDEMPOTENCY = [IDEMPOTENCY_KEY]
MAX_ID = 2**31 - 1

blp = ApiBlueprint("api_rounds", __name__, url_prefix=API_PREFIX, description="Inspection rounds")
blp.before_request(require_user)


class RoundPlanArgs(Schema):
    """A round to plan: title, units of the inspector's subtree, the period, cases sampled per unit."""

    title = fields.Str(required=True, validate=validate.Length(min=1, max=service.MAX_TITLE))
    units = fields.List(
        fields.Int(validate=validate.Range(min=1, max=MAX_ID)), required=True, validate=validate.Length(min=1)
    )
    period_from = BoundedDate(required=True)
    period_to = BoundedDate(required=True)
    per_unit = fields.Int(
        load_default=service.SAMPLE_PER_UNIT, validate=validate.Range(min=1, max=service.MAX_PER_UNIT)
    )


class CorrectiveActionArgs(Schema):
    """A corrective action: the unit (of the round), optionally a sampled case of it, the text, a due date."""

    unit = fields.Int(required=True, validate=validate.Range(min=1, max=MAX_ID))
    case = fields.Int(load_default=None, allow_none=True, validate=validate.Range(min=1, max=MAX_ID))
    action = fields.Str(required=True, validate=validate.Length(min=1, max=service.MAX_TEXT))
    due_on = BoundedDate(required=True)


class RoundCloseArgs(Schema):
    """The round's summary; `force` with a reason closes it while corrective actions are open."""

    summary = fields.Str(required=True, validate=validate.Length(min=1, max=service.MAX_TEXT))
    force = fields.Bool(load_default=False)
    force_reason = fields.Str(load_default="", validate=validate.Length(max=service.MAX_TEXT))


class FindingsArgs(Schema):
    """Findings (they replace what was recorded)."""

    findings = fields.Str(required=True, validate=validate.Length(max=service.MAX_TEXT))


class DoneArgs(Schema):
    """When and how the unit carried out a corrective action."""

    done_on = BoundedDate(required=True)
    note = fields.Str(required=True, validate=validate.Length(min=1, max=service.MAX_TEXT))


class ResampleArgs(Schema):
    """Another sample size (default: 10 per unit)."""

    per_unit = fields.Int(load_default=None, allow_none=True,
                          validate=validate.Range(min=1, max=service.MAX_PER_UNIT))  # fmt: skip


class CancelArgs(Schema):
    """Why a planned round is cancelled."""

    reason = fields.Str(required=True, validate=validate.Length(min=1, max=service.MAX_TEXT))


class RoundSummarySchema(Schema):
    """A round in the list."""

    id = fields.Int(required=True)
    title = fields.Str(required=True)
    state = fields.Str(required=True, validate=validate.OneOf(tuple(service.STATES)))
    inspector = fields.Nested(UserRefSchema, required=True)
    period_from = BoundedDate(required=True)
    period_to = BoundedDate(required=True)
    created_at = fields.DateTime(required=True)
    closed_at = fields.DateTime(allow_none=True, required=True)
    open_actions = fields.Int(required=True)
    overdue_actions = fields.Int(required=True)


class RoundPageSchema(Schema):
    """Rounds the inspector may read, open first."""

    items = fields.List(fields.Nested(RoundSummarySchema), required=True)


class RoundUnitFindingsSchema(Schema):
    """A unit covered by the round and the findings about it."""

    unit = fields.Nested(UnitRefSchema, required=True)
    findings = fields.Str(required=True)


class RoundCaseSchema(Schema):
    """A sampled case: why it was sampled, and the findings on it."""

    case_id = fields.Int(required=True)
    tracking_code = fields.Str(required=True)
    unit_id = fields.Int(required=True)
    reasons = fields.List(fields.Str(), required=True)
    findings = fields.Str(required=True)


class CorrectiveActionSchema(Schema):
    """A corrective action and its state (open, overdue or done)."""

    id = fields.Int(required=True)
    unit_id = fields.Int(required=True)
    case_id = fields.Int(allow_none=True, required=True)
    tracking_code = fields.Str(allow_none=True, required=True)
    action = fields.Str(required=True)
    due_on = BoundedDate(required=True)
    done_on = BoundedDate(allow_none=True, required=True)
    done_note = fields.Str(required=True)
    state = fields.Str(required=True, validate=validate.OneOf(("open", "overdue", "done")))


class RoundSchema(RoundSummarySchema):
    """A round with its units, sampled cases and corrective actions."""

    unit = fields.Nested(UnitRefSchema, required=True)
    summary = fields.Str(required=True)
    units = fields.List(fields.Nested(RoundUnitFindingsSchema), required=True)
    cases = fields.List(fields.Nested(RoundCaseSchema), required=True)
    actions = fields.List(fields.Nested(CorrectiveActionSchema), required=True)


def summary_body(item: InspectionRound, open_actions: int, overdue_actions: int) -> dict:
    """A round as the list shows it."""
    return RoundSummarySchema().dump(
        {
            "id": item.id,
            "title": item.title,
            "state": item.state,
            "inspector": user_ref(item.inspector),
            "period_from": item.period_from,
            "period_to": item.period_to,
            "created_at": item.created_dt,
            "closed_at": item.closed_dt,
            "open_actions": open_actions,
            "overdue_actions": overdue_actions,
        }
    )


def action_state(view: service.RoundView, action: CorrectiveAction) -> str:
    """done, overdue (open past its due date) or open."""
    if action.done_on is not None:
        return "done"
    return "overdue" if view.is_overdue(action) else "open"


def round_body(user: User, round_id: int) -> dict:
    """The round and everything in it, read through the service."""
    view = service.round_view(round_id, user, now_utc())
    return {
        **summary_body(view.round, view.open_actions, view.overdue_actions),
        "unit": unit_ref(view.unit),
        "summary": view.round.summary,
        "units": [{"unit": unit_ref(unit), "findings": row.findings} for row, unit in view.units],
        "cases": [
            {"case_id": case.id, "tracking_code": case.tracking_code, "unit_id": case.unit_id,
             "reasons": view.reasons(row), "findings": row.findings}
            for row, case in view.cases
        ],
        "actions": [
            CorrectiveActionSchema().dump(
                {"id": a.id, "unit_id": a.unit_id, "case_id": a.case_id, "tracking_code": code,
                 "action": a.action, "due_on": a.due_on, "done_on": a.done_on, "done_note": a.done_note,
                 "state": action_state(view, a)}
            )
            for a, code in view.actions
        ],
    }  # fmt: skip


@blp.route("/inspection-rounds")
@blp.response(200, RoundPageSchema)
@blp.problems(401, 403)
def list_rounds():
    """Rounds of the inspector's unit and below, open first, with open and overdue corrective actions."""
    rows = service.list_rounds(api_user(), now_utc())
    return json_response(200, {"items": [summary_body(*row) for row in rows]})


@blp.route(f"/inspection-rounds/{ROUND}")
@blp.response(200, RoundSchema)
@blp.problems(401, 403, 404)
def get_round(round_id: int):
    """A round: units and findings, sampled cases with reasons and findings, corrective actions with state."""
    return json_response(200, round_body(api_user(), round_id))


@blp.route("/inspection-rounds", methods=["POST"])
@blp.arguments(RoundPlanArgs)
@blp.response(201, RoundSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 413, 415)
def plan_round(args):
    """Plan a round and sample its cases (overdue, prolonged first); inspectors; honours Idempotency-Key."""
    user, payload = api_user(), json_body()
    return write_once(user, lambda: _plan(user, args), payload)


def _plan(user: User, args: dict):
    """Plan through the service; 201 with the round and a Location."""
    planned = service.plan_round(
        user, now_utc(), title=args["title"], unit_ids=args["units"], period_from=args["period_from"],
        period_to=args["period_to"], per_unit=args["per_unit"], request_id=request_id(),
    )  # fmt: skip
    return 201, round_body(user, planned.id), {"Location": f"{API_PREFIX}/inspection-rounds/{planned.id}"}


@blp.route(f"/inspection-rounds/{ROUND}/start", methods=["POST"])
@blp.response(200, RoundSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 409)
def start_round(round_id: int):
    """Start a planned round (its own inspector); findings and corrective actions follow."""
    user = api_user()
    service.get_round(round_id, user)
    return write_once(user, lambda: _start(user, round_id), {})


def _start(user: User, round_id: int):
    """Start through the service; 200 with the round."""
    service.start_round(round_id, user, now_utc())
    return 200, round_body(user, round_id), {}


@blp.route(f"/inspection-rounds/{ROUND}/corrective-actions", methods=["POST"])
@blp.arguments(CorrectiveActionArgs)
@blp.response(201, CorrectiveActionSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 409, 413, 415)
def add_action(args, round_id: int):
    """Add a corrective action for a unit of a round in progress; the unit's leaders are notified."""
    user, payload = api_user(), json_body()
    service.get_round(round_id, user)
    return write_once(user, lambda: _add_action(user, round_id, args), payload)


def _add_action(user: User, round_id: int, args: dict):
    """Add through the service; 201 with the action."""
    added = service.add_corrective_action(
        round_id, user, now_utc(), unit_id=args["unit"], action=args["action"], due_on=args["due_on"],
        case_id=args["case"],
    )  # fmt: skip
    actions = [a for a in round_body(user, round_id)["actions"] if a["id"] == added.id]
    return 201, actions[0], {}


@blp.route(f"/inspection-rounds/{ROUND}/close", methods=["POST"])
@blp.arguments(RoundCloseArgs)
@blp.response(200, RoundSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 409, 413, 415)
def close_round(args, round_id: int):
    """Close a round in progress with its summary; 409 while corrective actions are open unless forced."""
    user, payload = api_user(), json_body()
    service.get_round(round_id, user)
    return write_once(user, lambda: _close(user, round_id, args), payload)


def _close(user: User, round_id: int, args: dict):
    """Close through the service; 200 with the round."""
    service.close_round(
        round_id, user, now_utc(), args["summary"], force=args["force"], force_reason=args["force_reason"]
    )
    return 200, round_body(user, round_id), {}


UNIT = "<int(max=2147483647):unit_id>"
CASE = "<int(max=2147483647):case_id>"
ACTION = "<int(max=2147483647):action_id>"


@blp.route(f"/inspection-rounds/{ROUND}/units/{UNIT}/findings", methods=["POST"])
@blp.arguments(FindingsArgs)
@blp.response(200, RoundSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 409, 413, 415)
def unit_findings(args, round_id: int, unit_id: int):
    """Record (replace) the findings about a unit of a round in progress (its own inspector)."""
    user, payload = api_user(), json_body()
    service.get_round(round_id, user)
    call = lambda: service.record_unit_findings(round_id, unit_id, user, args["findings"])  # noqa: E731
    return write_once(user, lambda: _then_round(user, round_id, call), payload)


@blp.route(f"/inspection-rounds/{ROUND}/cases/{CASE}/findings", methods=["POST"])
@blp.arguments(FindingsArgs)
@blp.response(200, RoundSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 409, 413, 415)
def case_findings(args, round_id: int, case_id: int):
    """Record (replace) the findings on a sampled case; the case's audit trail says so."""
    user, payload = api_user(), json_body()
    service.get_round(round_id, user)
    call = lambda: service.record_case_findings(  # noqa: E731
        round_id, case_id, user, now_utc(), args["findings"], request_id=request_id()
    )
    return write_once(user, lambda: _then_round(user, round_id, call), payload)


@blp.route(f"/inspection-rounds/{ROUND}/corrective-actions/{ACTION}/done", methods=["POST"])
@blp.arguments(DoneArgs)
@blp.response(200, CorrectiveActionSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 409, 413, 415)
def action_done(args, round_id: int, action_id: int):
    """Mark a corrective action done on a date (not in the future) with what the unit did; 409 when done."""
    user, payload = api_user(), json_body()
    service.get_round(round_id, user)
    return write_once(user, lambda: _done(user, round_id, action_id, args), payload)


def _done(user: User, round_id: int, action_id: int, args: dict):
    """Complete through the service; 200 with the action."""
    owner = db.session.scalar(sa.select(CorrectiveAction.round_id).where(CorrectiveAction.id == action_id))
    if owner != round_id:
        raise NotFound(service.NO_ACTION)
    service.complete_action(action_id, user, now_utc(), done_on=args["done_on"], note=args["note"])
    return 200, [a for a in round_body(user, round_id)["actions"] if a["id"] == action_id][0], {}


@blp.route(f"/inspection-rounds/{ROUND}/resample", methods=["POST"])
@blp.arguments(ResampleArgs)
@blp.response(200, RoundSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 409, 413, 415)
def resample_round(args, round_id: int):
    """Sample a planned round's cases again (cases received since, or another size); 409 once started."""
    user, payload = api_user(), json_body()
    service.get_round(round_id, user)
    call = lambda: service.resample_round(  # noqa: E731
        round_id, user, now_utc(), per_unit=args["per_unit"], request_id=request_id()
    )
    return write_once(user, lambda: _then_round(user, round_id, call), payload)


@blp.route(f"/inspection-rounds/{ROUND}/cancel", methods=["POST"])
@blp.arguments(CancelArgs)
@blp.response(200, RoundSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 409, 413, 415)
def cancel_round(args, round_id: int):
    """Cancel a planned round with a reason, kept in its summary; 409 once started."""
    user, payload = api_user(), json_body()
    service.get_round(round_id, user)
    call = lambda: service.cancel_round(round_id, user, now_utc(), args["reason"])  # noqa: E731
    return write_once(user, lambda: _then_round(user, round_id, call), payload)


def _then_round(user: User, round_id: int, call):
    """Run the service call; 200 with the round."""
    call()
    return 200, round_body(user, round_id), {}

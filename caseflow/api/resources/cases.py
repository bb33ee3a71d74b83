"""Cases: intake, queues and search, one case, its audit trail."""

import sqlalchemy as sa
from flask import request, url_for
from sqlalchemy.orm import selectinload

from caseflow.api import bodies
from caseflow.api.auth import actor_label, api_user, require_user
from caseflow.api.core import API_PREFIX, CASE_ID, IDEMPOTENCY_KEY, ApiBlueprint
from caseflow.api.schemas import (
    CaseCreatedSchema,
    CaseListArgs,
    CasePageSchema,
    CaseSchema,
    EventPageSchema,
    PageArgs,
)
from caseflow.api.writes import etag, json_body, json_response, request_id, write_once
from caseflow.errors import NotFound
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, User
from caseflow.services.cases.intake import create_case
from caseflow.services.cases.queues import FILTERS, list_queue
from caseflow.services.cases.schemas import IntakeArgs
from caseflow.services.cases.scope import can_view
from caseflow.timeutil import now_utc

_STRING = {"schema": {"type": "string"}}
blp = ApiBlueprint("api_cases", __name__, url_prefix=f"{API_PREFIX}/cases", description="Cases")
blp.before_request(require_user)


@blp.route("", methods=["POST"])
@blp.arguments(IntakeArgs, as_kwargs=True)
@blp.response(201, CaseCreatedSchema, headers={"Location": _STRING, "ETag": _STRING})
@blp.doc(
    parameters=[IDEMPOTENCY_KEY]
)
@blp.problems(401, 403, 404, 409, 413, 415)
def create(**_validated):
    """Record a letter (reception, officer); honours Idempotency-Key; the PIN is shown only in this answer."""
    user, payload = api_user(), json_body()
    return write_once(user, lambda: _create(user, payload), payload)


def _create(user: User, payload: dict):
    """Intake through the service; 201 with Location and ETag."""
    intake = create_case(
        payload, actor=user, now=now_utc(), request_id=request_id(), actor_label=actor_label(user)
    )
    case = intake.case
    body = bodies.created_body(case, user, intake.pin, intake.duplicates)
    headers = {"Location": url_for("api_cases.show", case_id=case.id), "ETag": etag(case.version)}
    return 201, body, headers


@blp.route("")
@blp.arguments(CaseListArgs, location="query")
@blp.response(200, CasePageSchema)
@blp.problems(401)
def list_cases(args):
    """A work queue (or every visible case), filtered, searched and sorted (due date first); keyset paging."""
    filters = {name: args[name] for name in (*FILTERS, "received_from", "received_to") if args.get(name)}
    page = list_queue(
        api_user(),
        args.get("queue"),
        now=now_utc(),
        filters=filters,
        query=args.get("q", ""),
        limit=args["limit"],
        cursor=args.get("cursor"),
        sort=args["sort"],
    )
    body = {"items": [bodies.case_summary(case) for case in page.cases], "next_cursor": page.next_cursor}
    return json_response(200, body)


def visible_case(case_id: int) -> Case:
    """The case if the caller may see it; 404 otherwise (unknown and out of scope look the same)."""
    statement = (
        sa.select(Case)
        .where(Case.id == case_id)
        .options(selectinload(Case.parties), selectinload(Case.deadlines))
    )
    case = db.session.scalars(statement).first()
    if case is None or not can_view(api_user(), case):
        raise NotFound("No such case.")
    return case


@blp.route(CASE_ID)
@blp.response(200, CaseSchema, headers={"ETag": _STRING})
@blp.alt_response(304, description="Not modified (If-None-Match named the current version)")
@blp.problems(401, 404)
def show(case_id: int):
    """The case with status, version (also the ETag), deadlines explained and the caller's allowed actions."""
    case = visible_case(case_id)
    tag = etag(case.version)
    if request.if_none_match.contains(tag.strip('"')):
        return json_response(304, "", {"ETag": tag})
    return json_response(200, bodies.case_body(case, api_user()), {"ETag": tag})


@blp.route(f"{CASE_ID}/events")
@blp.arguments(PageArgs, location="query")
@blp.response(200, EventPageSchema)
@blp.problems(401, 404)
def events(args, case_id: int):
    """The case's audit trail, oldest first; pass next_cursor as cursor for more."""
    case = visible_case(case_id)
    statement = sa.select(CaseEvent).where(CaseEvent.case_id == case.id)
    if args.get("cursor"):
        statement = statement.where(CaseEvent.seq > int(args["cursor"]))
    rows = list(db.session.scalars(statement.order_by(CaseEvent.seq).limit(args["limit"] + 1)))
    more = len(rows) > args["limit"]
    rows = rows[: args["limit"]]
    body = {"items": [bodies.event_body(e) for e in rows], "next_cursor": str(rows[-1].seq) if more else None}
    return json_response(200, body)

"""The reception book: GET and POST /reception-sessions."""

import sqlalchemy as sa

from caseflow.api import bodies
from caseflow.api.auth import api_user, require_user
from caseflow.api.core import API_PREFIX, IDEMPOTENCY_KEY, ApiBlueprint
from caseflow.api.schemas import ReceptionListArgs, ReceptionPageSchema, ReceptionSessionSchema
from caseflow.api.writes import json_body, json_response, write_once
from caseflow.errors import PermissionDenied
from caseflow.extensions import db
from caseflow.models import ReceptionSession, Role, User
from caseflow.services.cases.identity import protected_sessions
from caseflow.services.cases.schemas import ReceptionSessionArgs
from caseflow.services.cases.scope import subtree_unit_ids
from caseflow.services.reception.sessions import record_session
from caseflow.timeutil import now_utc

READERS = (Role.RECEPTION, Role.OFFICER, Role.LEADER, Role.INSPECTOR)

blp = ApiBlueprint(
    "api_reception",
    __name__,
    url_prefix=f"{API_PREFIX}/reception-sessions",
    description="The reception book (Sổ tiếp công dân)",
)
blp.before_request(require_user)


@blp.route("")
@blp.arguments(ReceptionListArgs, location="query")
@blp.response(200, ReceptionPageSchema)
@blp.problems(401, 403)
def list_sessions(args):
    """Sessions of the caller's unit and below, newest first; denouncers masked except for leaders."""
    user = api_user()
    if not user.has_role(*READERS):
        raise PermissionDenied("Only reception officers, officers, leaders and inspectors read the book.")
    statement = sa.select(ReceptionSession).where(ReceptionSession.unit_id.in_(subtree_unit_ids(user.unit)))
    if args.get("received_from"):
        statement = statement.where(ReceptionSession.received_on >= args["received_from"])
    if args.get("received_to"):
        statement = statement.where(ReceptionSession.received_on <= args["received_to"])
    if args.get("cursor"):
        statement = statement.where(ReceptionSession.id < int(args["cursor"]))
    rows = list(db.session.scalars(statement.order_by(ReceptionSession.id.desc()).limit(args["limit"] + 1)))
    more = len(rows) > args["limit"]
    rows = rows[: args["limit"]]
    protected = protected_sessions(rows, user)
    body = {
        "items": [bodies.session_body(s, protected=s.id in protected) for s in rows],
        "next_cursor": str(rows[-1].id) if more else None,
    }
    return json_response(200, body)


@blp.route("", methods=["POST"])
@blp.arguments(ReceptionSessionArgs, as_kwargs=True)
@blp.response(201, ReceptionSessionSchema)
@blp.doc(
    parameters=[IDEMPOTENCY_KEY]
)
@blp.problems(401, 403, 413, 415)
def create(**_validated):
    """Write one entry of the reception book in the caller's unit; honours Idempotency-Key."""
    user, payload = api_user(), json_body()
    return write_once(user, lambda: _create(user, payload), payload)


def _create(user: User, payload: dict):
    """Record through the service; 201 with the entry."""
    session = record_session(payload, actor=user, now=now_utc())
    protected = bool(protected_sessions([session], user))
    return 201, bodies.session_body(session, protected=protected), {}

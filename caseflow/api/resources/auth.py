"""Tokens and the caller: POST /auth/token, GET /me."""

from caseflow.api.auth import Unauthenticated, api_user, require_user
from caseflow.api.bodies import user_body
from caseflow.api.core import API_PREFIX, ApiBlueprint
from caseflow.api.schemas import TokenArgs, TokenSchema, UserSchema
from caseflow.api.writes import json_response
from caseflow.services.accounts.login import LoginRefused
from caseflow.services.accounts.users import create_token
from caseflow.timeutil import now_utc
from caseflow.transaction import commit
from caseflow.web.login_limits import log_in

blp = ApiBlueprint("api_auth", __name__, url_prefix=f"{API_PREFIX}/auth", description="Bearer tokens")
me_blp = ApiBlueprint("api_me", __name__, url_prefix=f"{API_PREFIX}/me", description="The caller")
me_blp.before_request(require_user)


@blp.route("/token", methods=["POST"])
@blp.doc(security=[])
@blp.arguments(TokenArgs)
@blp.response(201, TokenSchema)
@blp.problems(401, 429)
def token(args):
    """Exchange a username and password for a bearer token (limited per client; failures slow the name)."""
    now = now_utc()
    try:
        user = log_in(args["username"], args["password"], bucket="token", now=now)
    except LoginRefused as refusal:
        raise Unauthenticated(str(refusal)) from refusal
    plain, row = create_token(user, now=now, label=args["label"] or "api")
    body = TokenSchema().dump({"token": plain, "expires_at": row.expires_dt})
    commit()
    return json_response(201, body, {"Cache-Control": "no-store"})


@me_blp.route("")
@me_blp.response(200, UserSchema)
@me_blp.problems(401)
def me():
    """The caller: id, username, full name, roles and unit."""
    return json_response(200, user_body(api_user()))

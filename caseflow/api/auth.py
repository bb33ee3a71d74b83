"""Bearer tokens: who is calling the API."""

import sqlalchemy as sa
from flask import g, request
from sqlalchemy.orm import joinedload

from caseflow.errors import CaseflowError
from caseflow.extensions import db
from caseflow.models import ApiToken, User
from caseflow.services.accounts.users import token_digest, token_is_usable
from caseflow.timeutil import now_utc

MAX_TOKEN_LENGTH = 200
# Built once: every API request runs it, and building it (with its eager loads) cost more than running it.
TOKEN_WITH_USER = (
    sa.select(ApiToken)
    .where(ApiToken.token_hash == sa.bindparam("digest"))
    .options(joinedload(ApiToken.user).joinedload(User.role_rows))
)


class Unauthenticated(CaseflowError):
    """No valid bearer token came with the request."""

    status_code, code, title = 401, "unauthenticated", "Authentication required"


def bearer_token() -> str | None:
    """The token of an `Authorization: Bearer …` header, if any."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return token


def token_user(plain: str) -> User | None:
    """accounts.user_for_token's rule (unexpired, unrevoked, active) in one statement with roles and unit."""
    token = db.session.scalars(TOKEN_WITH_USER, {"digest": token_digest(plain)}).unique().first()
    return token.user if token is not None and token_is_usable(token, now_utc()) else None


def require_user() -> None:
    """Before each request of a protected blueprint: load the token's user or answer 401."""
    token = bearer_token()
    user = token_user(token) if token else None
    if user is None:
        raise Unauthenticated("Send a valid token: Authorization: Bearer <token> (POST /api/v1/auth/token).")
    g.api_user = user


def api_user() -> User:
    """The authenticated caller."""
    return g.api_user


def actor_label(user: User) -> str:
    """How the audit trail names an API caller."""
    return f"api:{user.username}"

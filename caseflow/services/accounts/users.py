"""Units, users, passwords and API tokens."""

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from flask import current_app

from caseflow.errors import ConflictError, InvalidInput, NotFound
from caseflow.extensions import db
from caseflow.models import ApiToken, Role, Unit, User, UserRole
from caseflow.services.accounts.passwords import password_problem


def password_hasher() -> PasswordHasher:
    """argon2id with the configured, explicit parameters (OWASP minimum by default)."""
    config = current_app.config
    return PasswordHasher(
        time_cost=config["CASEFLOW_ARGON2_TIME_COST"],
        memory_cost=config["CASEFLOW_ARGON2_MEMORY_KIB"],
        parallelism=config["CASEFLOW_ARGON2_PARALLELISM"],
    )


def create_unit(
    code: str, name: str, *, parent_code: str | None = None, is_remote_area: bool = False
) -> Unit:
    """Add a unit under its parent; its path makes subtree queries cheap."""
    code = code.strip().upper()
    if not code or not name.strip():
        raise InvalidInput("A unit needs a code and a name.")
    if db.session.scalar(sa.select(Unit.id).where(Unit.code == code)):
        raise ConflictError(f"A unit with code {code} already exists.")
    parent = unit_by_code(parent_code) if parent_code else None
    unit = Unit(code=code, name=name.strip(), parent=parent, is_remote_area=is_remote_area, path="")
    db.session.add(unit)
    db.session.flush()
    unit.path = f"{parent.path if parent else '/'}{unit.id}/"
    db.session.flush()
    return unit


def unit_by_code(code: str) -> Unit:
    """The unit with that code; raises NotFound."""
    unit = db.session.scalar(sa.select(Unit).where(Unit.code == code.strip().upper()))
    if unit is None:
        raise NotFound(f"No unit with code {code}.")
    return unit


def create_user(
    username: str,
    *,
    full_name: str,
    password: str,
    roles: list[str],
    unit_code: str,
    now: datetime,
    email: str | None = None,
) -> User:
    """Add an official with roles in a unit; the password is hashed with argon2id."""
    username = username.strip().lower()
    _check_new_user(username, password, roles, unit_code)
    user = User(
        username=username,
        full_name=full_name or username,
        email=email,
        unit=unit_by_code(unit_code),
        password_hash=password_hasher().hash(password),
        created_dt=now,
        role_rows=[UserRole(role=Role(r)) for r in dict.fromkeys(roles)],
    )
    db.session.add(user)
    db.session.flush()
    return user


def _check_new_user(username: str, password: str, roles: list[str], unit_code: str) -> None:
    """Refuse a taken name, a password the policy refuses or an unknown role."""
    errors = {}
    if not username or db.session.scalar(sa.select(User.id).where(User.username == username)):
        errors["username"] = ["This username is empty or taken."]
    problem = password_problem(password, username=username, unit_code=unit_code)
    if problem:
        errors["password"] = [problem]
    unknown = [r for r in roles if r not in Role.__members__.values()]
    if not roles or unknown:
        errors["roles"] = [f"Choose roles among {', '.join(r.value for r in Role)}."]
    if errors:
        raise InvalidInput("The user cannot be created.", errors=errors)


def user_by_username(username: str) -> User | None:
    """The user with that name, or None."""
    return db.session.scalar(sa.select(User).where(User.username == username.strip().lower()))


def check_password(user: User, password: str) -> bool:
    """True when the password matches; rehashes when the parameters changed."""
    hasher = password_hasher()
    try:
        hasher.verify(user.password_hash, password)
    except (VerifyMismatchError, InvalidHashError):
        return False
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    return True


def create_token(
    user: User, *, now: datetime, label: str = "", days: int | None = None
) -> tuple[str, ApiToken]:
    """A new bearer token; the plain token is returned once and only its digest is kept."""
    plain = "cf_" + secrets.token_urlsafe(32)
    lifetime = timedelta(days=days or current_app.config["CASEFLOW_TOKEN_DAYS"])
    token = ApiToken(
        user_id=user.id,
        token_hash=token_digest(plain),
        label=label,
        created_dt=now,
        expires_dt=now + lifetime,
        session_version=user.session_version,
    )
    db.session.add(token)
    db.session.flush()
    return plain, token


def token_digest(plain: str) -> str:
    """SHA-256 of a token (tokens are long random strings, so a fast hash is enough)."""
    return hashlib.sha256(plain.encode()).hexdigest()


def user_for_token(plain: str, *, now: datetime) -> User | None:
    """The active user owning a valid, unexpired, unrevoked token."""
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == token_digest(plain)))
    return token.user if token is not None and token_is_usable(token, now) else None


def token_is_usable(token: ApiToken, now: datetime) -> bool:
    """Unrevoked, unexpired, its user active, and issued since the user's sessions were last ended."""
    return (
        token.revoked_dt is None
        and token.expires_dt > now
        and token.user.is_active
        and token.session_version == token.user.session_version
    )


def end_sessions(user: User) -> None:
    """End every session and API token of the user (logout, password reset, role change, deactivation)."""
    user.session_version += 1
    db.session.flush()

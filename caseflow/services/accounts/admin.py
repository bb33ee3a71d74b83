"""Administration of the unit tree, users and roles (clock settings: cases/deadline_settings.py)."""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from caseflow.errors import ConflictError, InvalidInput, NotFound, PermissionDenied
from caseflow.extensions import db
from caseflow.i18n import N_
from caseflow.models import Role, Unit, User, UserRole
from caseflow.services.accounts import admin_events
from caseflow.services.accounts.passwords import password_problem
from caseflow.services.accounts.users import create_unit as new_unit
from caseflow.services.accounts.users import create_user as new_user
from caseflow.services.accounts.users import end_sessions, password_hasher

ADMINS_ONLY = N_("Only administrators may do this.")
REQUIRED = N_("This field is required.")
UNKNOWN_ROLES = N_("Choose at least one role from the list.")
OWN_ADMIN_ROLE = N_("You cannot take the administrator role from yourself.")
OWN_ACCOUNT = N_("You cannot deactivate your own account.")
NO_UNIT = N_("No such unit.")
NO_USER = N_("No such user.")


def require_admin(user: User) -> None:
    """Administrators only; PermissionDenied otherwise."""
    if not user.has_role(Role.ADMIN):
        raise PermissionDenied(ADMINS_ONLY)


def audit(actor: User, what: str, *, now: datetime | None = None, **details) -> None:
    """Record an administrator's change in the admin chain (it has no case to hang an event on)."""
    admin_events.record(actor, what, now=now, **details)


# Units


@dataclass
class TreeNode:
    """A unit and its depth in the tree."""

    unit: Unit
    depth: int


def unit_tree() -> list[TreeNode]:
    """Every unit in tree order (children under their parent, by name)."""
    units = list(db.session.scalars(sa.select(Unit)))
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    ordered: list[TreeNode] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for unit in sorted(children.get(parent_id, []), key=lambda u: u.name):
            ordered.append(TreeNode(unit, depth))
            walk(unit.id, depth + 1)

    walk(None, 0)
    return ordered


def create_unit(actor: User, *, code: str, name: str, parent_id: int | None, is_remote_area: bool) -> Unit:
    """Add a unit under a parent; errors name the field.

    :raises InvalidInput: missing code or name, or an unknown parent (422)
    """
    require_admin(actor)
    parent = get_unit(parent_id) if parent_id else None
    try:
        unit = new_unit(
            code, name, parent_code=parent.code if parent else None, is_remote_area=is_remote_area
        )
    except ConflictError as error:
        raise InvalidInput(error.detail, errors={"code": [N_("This code is already used.")]}) from error
    except InvalidInput as error:
        raise InvalidInput(error.detail, errors=_missing(code=code, name=name)) from error
    audit(actor, "unit_created", code=unit.code, parent=parent.code if parent else None)
    return unit


def update_unit(actor: User, unit_id: int, *, name: str, is_remote_area: bool) -> Unit:
    """Rename a unit and set its remote-area flag (its code and place in the tree stay)."""
    require_admin(actor)
    unit = get_unit(unit_id)
    if not (name or "").strip():
        raise InvalidInput(REQUIRED, errors={"name": [REQUIRED]})
    old = unit.name
    unit.name, unit.is_remote_area = name.strip(), is_remote_area
    db.session.flush()
    audit(actor, "unit_updated", code=unit.code, name=[old, unit.name], remote=is_remote_area)
    return unit


def get_unit(unit_id: int) -> Unit:
    """A unit by id; NotFound otherwise."""
    unit = db.session.get(Unit, unit_id)
    if unit is None:
        raise NotFound(NO_UNIT)
    return unit


def _missing(**values: str) -> dict:
    """Field errors for the empty values."""
    return {name: [REQUIRED] for name, value in values.items() if not (value or "").strip()}


# Users


def users() -> list[User]:
    """Every user, by unit then username (roles and unit loaded with them)."""
    statement = sa.select(User).join(Unit, Unit.id == User.unit_id).order_by(Unit.path, User.username)
    return list(db.session.scalars(statement))


def get_user(user_id: int) -> User:
    """A user by id; NotFound otherwise."""
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(NO_USER)
    return user


def create_user(
    actor: User,
    *,
    username: str,
    full_name: str,
    email: str | None,
    roles: list[str],
    unit_id: int,
    password: str,
    now: datetime,
) -> User:
    """Add an official with roles, a unit and an initial password.

    :raises InvalidInput: a taken username, a short password, no roles, an unknown unit (422)
    """
    require_admin(actor)
    unit = get_unit(unit_id)
    try:
        user = new_user(
            username,
            full_name=full_name,
            password=password,
            roles=roles,
            unit_code=unit.code,
            now=now,
            email=email or None,
        )
    except InvalidInput as error:
        raise InvalidInput(error.detail, errors=_user_field_errors(error.errors)) from error
    audit(actor, "user_created", now=now, username=user.username, roles=sorted(roles), unit=unit.code)
    return user


def _user_field_errors(errors: dict) -> dict:
    """accounts' messages as translatable field messages."""
    messages = {
        "username": N_("This username is empty or taken."),
        "roles": UNKNOWN_ROLES,
    }
    return {
        name: list(found) if name == "password" else [messages.get(name, REQUIRED)]
        for name, found in errors.items()
    }


def update_user(
    actor: User, user_id: int, *, full_name: str, email: str | None, roles: list[str], unit_id: int
) -> User:
    """Change a user's name, e-mail, roles and unit.

    :raises InvalidInput: no roles or unknown ones, no name, or an administrator removing their own role (422)
    """
    require_admin(actor)
    user, unit = get_user(user_id), get_unit(unit_id)
    wanted = _checked_roles(roles, full_name)
    if user.id == actor.id and Role.ADMIN not in wanted:
        raise InvalidInput(OWN_ADMIN_ROLE, errors={"roles": [OWN_ADMIN_ROLE]})
    before = {"roles": sorted(user.roles), "unit": user.unit.code, "full_name": user.full_name}
    if wanted != user.roles or unit.id != user.unit_id:
        end_sessions(user)  # new roles or a new scope: sessions opened under the old ones end
    user.full_name, user.email, user.unit = full_name.strip(), (email or "").strip() or None, unit
    user.role_rows = [row for row in user.role_rows if row.role in wanted] + [
        UserRole(role=role) for role in sorted(wanted - user.roles)
    ]
    db.session.flush()
    after = {"roles": sorted(user.roles), "unit": unit.code, "full_name": user.full_name}
    audit(actor, "user_updated", username=user.username, before=before, after=after)
    return user


def _checked_roles(roles: list[str], full_name: str) -> set[Role]:
    """The chosen roles as Role members; InvalidInput when none or unknown, or no name."""
    errors = _missing(full_name=full_name)
    known = {r.value for r in Role}
    if not roles or any(r not in known for r in roles):
        errors["roles"] = [UNKNOWN_ROLES]
    if errors:
        raise InvalidInput(N_("The user cannot be saved."), errors=errors)
    return {Role(r) for r in roles}


def set_active(actor: User, user_id: int, *, active: bool) -> User:
    """Deactivate (no login, no API token, sees nothing) or reactivate a user; never oneself."""
    require_admin(actor)
    user = get_user(user_id)
    if user.id == actor.id and not active:
        raise InvalidInput(OWN_ACCOUNT, errors={"active": [OWN_ACCOUNT]})
    user.is_active_user = active
    if not active:
        end_sessions(user)
    db.session.flush()
    audit(actor, "user_reactivated" if active else "user_deactivated", username=user.username)
    return user


def reset_password(actor: User, user_id: int, *, password: str) -> User:
    """Set a new password (argon2id) that the policy accepts; every session and token of the user ends."""
    require_admin(actor)
    user = get_user(user_id)
    problem = password_problem(password, username=user.username, unit_code=user.unit.code)
    if problem:
        raise InvalidInput(problem, errors={"password": [problem]})
    user.password_hash = password_hasher().hash(password)
    user.failed_logins, user.locked_until_dt = 0, None
    end_sessions(user)
    audit(actor, "password_reset", username=user.username)
    return user

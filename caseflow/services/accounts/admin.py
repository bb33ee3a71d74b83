"""Administration: the unit tree, users and roles, calendar overrides and agency rule overrides."""

import logging
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from caseflow.calendar import WorkingCalendar
from caseflow.deadlines.rules import DAY_KINDS, Rule, RuleError
from caseflow.errors import ConflictError, InvalidInput, NotFound, PermissionDenied
from caseflow.extensions import db
from caseflow.i18n import N_
from caseflow.models import CalendarOverride, Deadline, Role, RuleOverride, Unit, User, UserRole
from caseflow.services.accounts.users import MIN_PASSWORD_LENGTH, password_hasher
from caseflow.services.accounts.users import create_unit as new_unit
from caseflow.services.accounts.users import create_user as new_user
from caseflow.services.cases import deadlines

logger = logging.getLogger("caseflow.admin")
ADMINS_ONLY = N_("Only administrators may do this.")
REQUIRED = N_("This field is required.")
UNKNOWN_ROLES = N_("Choose at least one role from the list.")
SHORT_PASSWORD = N_("Use at least 8 characters.")
OWN_ADMIN_ROLE = N_("You cannot take the administrator role from yourself.")
OWN_ACCOUNT = N_("You cannot deactivate your own account.")
NO_UNIT = N_("No such unit.")
NO_USER = N_("No such user.")


def require_admin(user: User) -> None:
    """Administrators only; PermissionDenied otherwise."""
    if not user.has_role(Role.ADMIN):
        raise PermissionDenied(ADMINS_ONLY)


def audit(actor: User, what: str, **details) -> None:
    """Log an administrator's change (admin changes have no case to hang an event on)."""
    logger.info("admin %s: %s %s", actor.username, what, details)


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
    audit(actor, "unit created", code=unit.code, parent=parent.code if parent else None)
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
    audit(actor, "unit updated", code=unit.code, name=[old, unit.name], remote=is_remote_area)
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
    audit(actor, "user created", username=user.username, roles=sorted(roles), unit=unit.code)
    return user


def _user_field_errors(errors: dict) -> dict:
    """accounts' messages as translatable field messages."""
    messages = {
        "username": N_("This username is empty or taken."),
        "password": SHORT_PASSWORD,
        "roles": UNKNOWN_ROLES,
    }
    return {name: [messages.get(name, REQUIRED)] for name in errors}


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
    user.full_name, user.email, user.unit = full_name.strip(), (email or "").strip() or None, unit
    user.role_rows = [row for row in user.role_rows if row.role in wanted] + [
        UserRole(role=role) for role in sorted(wanted - user.roles)
    ]
    db.session.flush()
    after = {"roles": sorted(user.roles), "unit": unit.code, "full_name": user.full_name}
    audit(actor, "user updated", username=user.username, before=before, after=after)
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
    db.session.flush()
    audit(actor, "user reactivated" if active else "user deactivated", username=user.username)
    return user


def reset_password(actor: User, user_id: int, *, password: str) -> User:
    """Set a new password (argon2id) and lift any login lockout."""
    require_admin(actor)
    user = get_user(user_id)
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise InvalidInput(SHORT_PASSWORD, errors={"password": [SHORT_PASSWORD]})
    user.password_hash = password_hasher().hash(password)
    user.failed_logins, user.locked_until_dt = 0, None
    db.session.flush()
    audit(actor, "password reset", username=user.username)
    return user


# Calendar overrides


def calendar_overrides() -> list[CalendarOverride]:
    """Every extra day off and extra working day, newest first."""
    return list(db.session.scalars(sa.select(CalendarOverride).order_by(CalendarOverride.day.desc())))


def add_calendar_override(
    actor: User, *, day: date | None, is_working: bool, note: str, now: datetime
) -> CalendarOverride:
    """Declare an extra day off or working day; the view commits, then forgets the cached calendar.

    :raises InvalidInput: no date, a date already declared, or one that is already that kind of day (422)
    """
    require_admin(actor)
    if day is None:
        raise InvalidInput(REQUIRED, errors={"day": [REQUIRED]})
    if db.session.get(CalendarOverride, day) is not None:
        message = N_("This date already has an override; delete it first.")
        raise InvalidInput(message, errors={"day": [message]})
    if WorkingCalendar().is_working_day(day) == is_working:
        message = N_("This is already a working day.") if is_working else N_("This is already a day off.")
        raise InvalidInput(message, errors={"day": [message]})
    row = CalendarOverride(day=day, is_working=is_working, note=(note or "").strip(), created_dt=now)
    db.session.add(row)
    db.session.flush()
    audit(actor, "calendar override added", day=day.isoformat(), working=is_working, note=row.note)
    return row


def delete_calendar_override(actor: User, day: date) -> None:
    """Remove an override; the view commits, then forgets the cached calendar."""
    require_admin(actor)
    row = db.session.get(CalendarOverride, day)
    if row is None:
        raise NotFound(N_("No override on that date."))
    db.session.delete(row)
    db.session.flush()
    audit(actor, "calendar override deleted", day=day.isoformat())


# Rules


@dataclass
class RuleVersions:
    """A rule's versions, the one in force today, and those scheduled."""

    rule_id: str
    versions: list[Rule]
    current: Rule | None


def rules_in_force(today: date) -> list[RuleVersions]:
    """Every rule with all its versions (files and agency overrides) and the one in force today."""
    book = deadlines.rulebook()
    found = []
    for rule_id in book.ids():
        versions = list(book.history[rule_id])
        current = next((r for r in reversed(versions) if r.effective_from <= today), None)
        found.append(RuleVersions(rule_id, versions, current))
    return found


def rule_overrides() -> list[RuleOverride]:
    """The agency's rule overrides, by rule and date."""
    return list(
        db.session.scalars(
            sa.select(RuleOverride).order_by(RuleOverride.rule_id, RuleOverride.effective_from)
        )
    )


def add_rule_override(
    actor: User,
    *,
    rule_id: str,
    effective_from: date | None,
    days: int | None,
    day_kind: str | None,
    note: str,
    today: date,
    now: datetime,
) -> RuleOverride:
    """A new version of one rule from a date on (today or later); checked as the rule book checks rules.

    :raises InvalidInput: unknown rule, no change, a past date, a clash or an invalid rule (422)
    """
    require_admin(actor)
    errors = _override_errors(rule_id, effective_from, days, day_kind, today)
    if errors:
        raise InvalidInput(N_("The override cannot be saved."), errors=errors)
    mapping = {"rule": rule_id, "effective_from": effective_from, "note": note}
    mapping |= {key: value for key, value in (("days", days), ("day_kind", day_kind)) if value}
    try:
        deadlines.rulebook().with_overrides([mapping])
    except RuleError as error:
        raise InvalidInput(
            str(error), errors={"days": [N_("The rule would not be valid with these values.")]}
        ) from error
    row = RuleOverride(
        rule_id=rule_id,
        effective_from=effective_from,
        days=days or None,
        day_kind=day_kind or None,
        note=(note or "").strip(),
        created_dt=now,
    )
    db.session.add(row)
    db.session.flush()
    audit(actor, "rule override added", rule=rule_id, effective_from=effective_from.isoformat(), days=days)
    return row


def _override_errors(rule_id, effective_from, days, day_kind, today) -> dict:
    """Field errors of a rule override form."""
    errors = {}
    if rule_id not in deadlines.rulebook().history:
        errors["rule_id"] = [N_("Choose a rule from the list.")]
    if effective_from is None:
        errors["effective_from"] = [REQUIRED]
    elif effective_from < today:
        errors["effective_from"] = [N_("An override cannot take effect in the past.")]
    elif db.session.scalar(
        sa.select(RuleOverride.id).where(
            RuleOverride.rule_id == rule_id, RuleOverride.effective_from == effective_from
        )
    ):
        errors["effective_from"] = [N_("This rule already has an override from that date.")]
    if not days and not day_kind:
        errors["days"] = [N_("Change the number of days, the kind of days, or both.")]
    if day_kind and day_kind not in DAY_KINDS:
        errors["day_kind"] = [N_("Choose working or calendar days.")]
    return errors


def delete_rule_override(actor: User, override_id: int) -> None:
    """Remove an override no clock has started under yet.

    :raises ConflictError: clocks already run under it (409)
    """
    require_admin(actor)
    row = db.session.get(RuleOverride, override_id)
    if row is None:
        raise NotFound(N_("No such override."))
    version = f"{row.effective_from.isoformat()} (override)"
    used = sa.select(Deadline.id).where(Deadline.rule_id == row.rule_id, Deadline.rule_version == version)
    if db.session.scalar(used.limit(1)) is not None:
        raise ConflictError(N_("Deadlines already run under this override; it cannot be deleted."))
    db.session.delete(row)
    db.session.flush()
    audit(actor, "rule override deleted", rule=row.rule_id, effective_from=row.effective_from.isoformat())

"""Whom a leader may choose: active handlers who can see the case and work within the leader's unit."""

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, Role, Unit, User, UserRole


def assignable_handlers(case: Case, leader: User) -> list[User]:
    """Active handlers in the case's unit or a unit above it, within the leader's own subtree, by name."""
    return _handlers_in(_unit_and_above(case), leader)


def handlers_for_all(cases: list[Case], leader: User) -> list[User]:
    """The handlers the leader may give every one of `cases` to (each case's unit or above), by name."""
    if not cases:
        return []
    common = set.intersection(*(set(_unit_and_above(case)) for case in cases))
    return _handlers_in(sorted(common), leader)


def _unit_and_above(case: Case) -> list[str]:
    """The unit paths of the case's unit and every unit above it."""
    return [case.unit.path[: i + 1] for i, ch in enumerate(case.unit.path) if ch == "/" and i > 0]


def _handlers_in(paths: list[str], leader: User) -> list[User]:
    """Active handlers of the units at `paths` that lie within the leader's subtree, by name."""
    statement = (
        sa.select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .join(Unit, Unit.id == User.unit_id)
        .where(
            UserRole.role == Role.HANDLER,
            User.is_active_user.is_(True),
            Unit.path.in_(paths),
            Unit.path.startswith(leader.unit.path, autoescape=True),
        )
        .order_by(User.full_name, User.id)
    )
    return list(db.session.scalars(statement).unique())

"""Whom a leader may choose: active handlers who can see the case and work within the leader's unit."""

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, Role, Unit, User, UserRole


def assignable_handlers(case: Case, leader: User) -> list[User]:
    """Active handlers in the case's unit or a unit above it, within the leader's own subtree, by name."""
    ancestors = [case.unit.path[: i + 1] for i, ch in enumerate(case.unit.path) if ch == "/" and i > 0]
    statement = (
        sa.select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .join(Unit, Unit.id == User.unit_id)
        .where(
            UserRole.role == Role.HANDLER,
            User.is_active_user.is_(True),
            Unit.path.in_(ancestors),
            Unit.path.startswith(leader.unit.path, autoescape=True),
        )
        .order_by(User.full_name, User.id)
    )
    return list(db.session.scalars(statement).unique())


def handlers_under(leader: User) -> list[User]:
    """Active handlers in the leader's unit and below, by name (each case's own check still applies)."""
    statement = (
        sa.select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .join(Unit, Unit.id == User.unit_id)
        .where(
            UserRole.role == Role.HANDLER,
            User.is_active_user.is_(True),
            Unit.path.startswith(leader.unit.path, autoescape=True),
        )
        .order_by(User.full_name, User.id)
    )
    return list(db.session.scalars(statement).unique())

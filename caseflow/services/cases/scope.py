"""Authorization in the query layer: what each user may see."""

import sqlalchemy as sa

from caseflow.models import Case, Unit, User


def subtree_unit_ids(unit: Unit) -> sa.Select:
    """A subquery of the ids of `unit` and every unit below it."""
    return sa.select(Unit.id).where(Unit.path.startswith(unit.path, autoescape=True))


def visible_cases(user: User) -> sa.Select:
    """Every case `user` may see: those of their unit and the units below it."""
    return sa.select(Case).where(Case.unit_id.in_(subtree_unit_ids(user.unit)))


def scope_filter(user: User, statement: sa.Select) -> sa.Select:
    """Add the visibility condition to any statement over cases."""
    return statement.where(Case.unit_id.in_(subtree_unit_ids(user.unit)))


def can_view(user: User, case: Case) -> bool:
    """True when `case` lies in `user`'s unit or below it."""
    return user.is_active and case.unit.path.startswith(user.unit.path)

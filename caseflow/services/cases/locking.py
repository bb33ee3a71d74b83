"""Case row locks: each writer of a case holds its row, so its version and audit chain grow one at a time."""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from caseflow.errors import NotFound
from caseflow.extensions import begin_write, db
from caseflow.i18n import N_
from caseflow.models import Case, User
from caseflow.services.cases.scope import can_view

NO_CASE = N_("No such case.")


def lock_case(case_id: int) -> Case | None:
    """Load the case fresh and lock its row for this transaction (FOR UPDATE on PostgreSQL)."""
    statement = (
        sa.select(Case)
        .where(Case.id == case_id)
        .options(joinedload(Case.deadlines))
        .with_for_update(of=Case)
        .execution_options(populate_existing=True)
    )
    return db.session.scalars(statement).unique().first()


def lock_visible_case(case_id: int | None, user: User) -> Case:
    """Declare a write and lock the case, which must lie in the user's scope (NotFound otherwise)."""
    begin_write()
    case = lock_case(case_id) if case_id else None
    if case is None or not can_view(user, case):
        raise NotFound(NO_CASE)
    return case

"""Case row locks: each writer of a case holds its row, so its version and audit chain grow one at a time."""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from caseflow.errors import NotFound
from caseflow.extensions import begin_write, db
from caseflow.i18n import N_
from caseflow.models import Case, User
from caseflow.services.cases.scope import can_view

NO_CASE = N_("No such case.")
# Built once: one round trip loads the case, its unit and its clocks, and building it per call cost more
# than running it (docs/architecture.md, "The action path").
LOCK_CASE = (
    sa.select(Case)
    .where(Case.id == sa.bindparam("case_id"))
    .options(joinedload(Case.deadlines))
    .with_for_update(of=Case)
    .execution_options(populate_existing=True)
)


def lock_case(case_id: int) -> Case | None:
    """Load the case fresh and lock its row for this transaction (FOR UPDATE on PostgreSQL)."""
    return db.session.scalars(LOCK_CASE, {"case_id": case_id}).unique().first()


def lock_visible_case(case_id: int | None, user: User) -> Case:
    """Declare a write and lock the case, which must lie in the user's scope (NotFound otherwise)."""
    begin_write()
    case = lock_case(case_id) if case_id else None
    if case is None or not can_view(user, case):
        raise NotFound(NO_CASE)
    return case

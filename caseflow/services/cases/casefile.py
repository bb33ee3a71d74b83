"""What the case page reads: the case with its parties and clocks, its timeline and its documents."""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from caseflow.extensions import db
from caseflow.models import Attachment, Case, CaseEvent, User
from caseflow.services.cases.scope import can_view


def case_page_data(case_id: int, user: User) -> Case | None:
    """The case with parties, clocks, assignee and parent loaded, or None when `user` may not see it."""
    statement = (
        sa.select(Case)
        .where(Case.id == case_id)
        .options(
            selectinload(Case.parties),
            selectinload(Case.deadlines),
            selectinload(Case.assignee),
            selectinload(Case.parent_case),
        )
        .execution_options(populate_existing=True)
    )
    case = db.session.scalars(statement).first()
    return case if case is not None and can_view(user, case) else None


def case_events(case: Case) -> list[CaseEvent]:
    """The audit trail of the case, oldest first (the relationship orders by seq)."""
    return list(db.session.scalars(case.events.select()))


def latest_event(case: Case) -> CaseEvent | None:
    """The most recent event of the case."""
    statement = case.events.select().order_by(None).order_by(CaseEvent.seq.desc()).limit(1)
    return db.session.scalars(statement).first()


def case_attachments(case: Case) -> list[Attachment]:
    """The case's documents without their bytes, oldest first."""
    statement = (
        sa.select(Attachment)
        .where(Attachment.case_id == case.id)
        .options(selectinload(Attachment.uploaded_by))
        .order_by(Attachment.uploaded_dt, Attachment.id)
    )
    return list(db.session.scalars(statement))

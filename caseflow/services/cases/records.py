"""Records attached to cases: verification reports, dialogues, decisions."""

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, Decision, Dialogue


def latest_decision(case: Case) -> Decision | None:
    """The most recent decision, conclusion or answer on the case."""
    return db.session.scalars(
        sa.select(Decision).where(Decision.case_id == case.id).order_by(Decision.id.desc()).limit(1)
    ).first()


def latest_dialogue(case: Case) -> Dialogue | None:
    """The most recent dialogue scheduled on the case."""
    return db.session.scalars(
        sa.select(Dialogue).where(Dialogue.case_id == case.id).order_by(Dialogue.id.desc()).limit(1)
    ).first()

"""Records attached to a case: verification reports, dialogues, decisions, deliveries, inspections, grants."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.models.base import Base, intpk
from caseflow.models.user import User


class VerificationReport(Base):
    """A handler's report on what verification found."""

    __tablename__ = "verification_reports"

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    findings: Mapped[str] = mapped_column(sa.Text)
    matches_request: Mapped[bool]
    submitted_dt: Mapped[datetime]


class Dialogue(Base):
    """A dialogue with the complainant: scheduled, then held with minutes."""

    __tablename__ = "dialogues"

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    scheduled_dt: Mapped[datetime]
    place: Mapped[str] = mapped_column(sa.String(300))
    invitees: Mapped[list] = mapped_column(default=list)
    held_dt: Mapped[datetime | None]
    minutes: Mapped[str] = mapped_column(sa.Text, default="")
    present: Mapped[list] = mapped_column(default=list)
    absent: Mapped[list] = mapped_column(default=list)
    agreed: Mapped[str] = mapped_column(sa.Text, default="")
    disputed: Mapped[str] = mapped_column(sa.Text, default="")


class Decision(Base):
    """A complaint decision, a denunciation conclusion or a petition answer, and how it was sent."""

    __tablename__ = "decisions"

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(16))  # decision | conclusion | answer
    outcome: Mapped[str | None] = mapped_column(sa.String(32))
    number: Mapped[str] = mapped_column(sa.String(64), default="")
    signed_on: Mapped[date]
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    signed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    sent_on: Mapped[date | None]
    recipients: Mapped[list] = mapped_column(default=list)
    published_on: Mapped[date | None]
    measures: Mapped[str] = mapped_column(sa.Text, default="")
    created_dt: Mapped[datetime]
    # Resolution results (01/KQGQ, 03/KQGQ): recovered for the State, returned to citizens, people and cases.
    state_money_vnd: Mapped[int | None] = mapped_column(sa.BigInteger)
    state_land_m2: Mapped[int | None] = mapped_column(sa.BigInteger)
    citizens_money_vnd: Mapped[int | None] = mapped_column(sa.BigInteger)
    citizens_land_m2: Mapped[int | None] = mapped_column(sa.BigInteger)
    people_disciplined: Mapped[int | None]
    cases_referred: Mapped[int | None]


class Delivery(Base):
    """Who received a decision or conclusion, on what date and how (the appeal window runs from it)."""

    __tablename__ = "deliveries"

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    decision_id: Mapped[int] = mapped_column(sa.ForeignKey("decisions.id", ondelete="CASCADE"))
    recipient: Mapped[str] = mapped_column(sa.String(200))
    party: Mapped[str] = mapped_column(sa.String(16))  # petitioner | respondent | other
    received_on: Mapped[date]
    method: Mapped[str] = mapped_column(sa.String(16))  # in_person | post | email
    recorded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_dt: Mapped[datetime]


class Inspection(Base):
    """An inspector's review of a case: findings, recommendation, due date, closure."""

    __tablename__ = "inspections"

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    inspector_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    opened_dt: Mapped[datetime]
    findings: Mapped[str] = mapped_column(sa.Text, default="")
    recommendation: Mapped[str] = mapped_column(sa.Text, default="")
    due_on: Mapped[date | None]
    closed_dt: Mapped[datetime | None]
    result: Mapped[str] = mapped_column(sa.Text, default="")
    reasons: Mapped[list] = mapped_column(default=list)
    urge_count: Mapped[int] = mapped_column(default=0)
    last_urged_dt: Mapped[datetime | None]

    inspector: Mapped[User] = relationship()


class IdentityGrant(Base):
    """Leave for one user to see the denouncer's identity on one case."""

    __tablename__ = "identity_grants"
    __table_args__ = (sa.UniqueConstraint("case_id", "user_id", name="uq_identity_grants_case_user"),)

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    granted_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    granted_dt: Mapped[datetime]
    reason: Mapped[str] = mapped_column(sa.Text, default="")

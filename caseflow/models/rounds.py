"""Inspection rounds (đợt kiểm tra): units over a period, sampled cases, findings, corrective actions."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.models.base import Base, intpk
from caseflow.models.user import User


class InspectionRound(Base):
    """An inspector's planned round: planned, in progress, closed."""

    __tablename__ = "inspection_rounds"

    id: Mapped[intpk]
    inspector_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"))
    title: Mapped[str] = mapped_column(sa.String(300))
    period_from: Mapped[date]
    period_to: Mapped[date]
    state: Mapped[str] = mapped_column(sa.String(16), default="planned")
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    created_dt: Mapped[datetime]
    closed_dt: Mapped[datetime | None]

    inspector: Mapped[User] = relationship()


class RoundUnit(Base):
    """A unit covered by a round, with the findings about it."""

    __tablename__ = "round_units"
    __table_args__ = (sa.UniqueConstraint("round_id", "unit_id", name="uq_round_units_round_unit"),)

    id: Mapped[intpk]
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("inspection_rounds.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"))
    findings: Mapped[str] = mapped_column(sa.Text, default="")


class RoundCase(Base):
    """A case sampled for a round, why it was sampled, and the findings on it."""

    __tablename__ = "round_cases"
    __table_args__ = (sa.UniqueConstraint("round_id", "case_id", name="uq_round_cases_round_case"),)

    id: Mapped[intpk]
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("inspection_rounds.id", ondelete="CASCADE"))
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    reason: Mapped[str] = mapped_column(sa.String(32))
    findings: Mapped[str] = mapped_column(sa.Text, default="")


class CorrectiveAction(Base):
    """What a unit must put right after a round, by when, and when it was done."""

    __tablename__ = "corrective_actions"

    id: Mapped[intpk]
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("inspection_rounds.id", ondelete="CASCADE"), index=True
    )
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"))
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id"))
    action: Mapped[str] = mapped_column(sa.Text)
    due_on: Mapped[date]
    done_on: Mapped[date | None]
    done_note: Mapped[str] = mapped_column(sa.Text, default="")
    created_dt: Mapped[datetime]

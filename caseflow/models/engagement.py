"""How agencies meet citizens beyond cases: heads' reception days, public dialogues, satisfaction ratings."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.models.base import Base, intpk
from caseflow.models.unit import Unit
from caseflow.models.user import User

# Who a public dialogue was held with, the fixed vocabulary the agencies count dialogues by.
DIALOGUE_AUDIENCES = ("citizens", "students", "businesses", "households", "other")


class ReceptionSchedule(Base):
    """A head's recurring reception days (e.g. the 10th and 20th of every month) from a date on."""

    __tablename__ = "reception_schedules"

    id: Mapped[intpk]
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    head_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    head_kind: Mapped[str] = mapped_column(sa.String(32), default="agency_head")
    days_of_month: Mapped[list] = mapped_column(default=list)
    place: Mapped[str] = mapped_column(sa.String(300), default="")
    valid_from: Mapped[date]
    valid_to: Mapped[date | None]
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_dt: Mapped[datetime]

    unit: Mapped[Unit] = relationship()
    head: Mapped[User] = relationship(foreign_keys=[head_id])


class ReceptionDay(Base):
    """One scheduled day of a head's reception: planned, published, then held or missed."""

    __tablename__ = "reception_days"
    __table_args__ = (sa.UniqueConstraint("schedule_id", "day", name="uq_reception_days_schedule_day"),)

    id: Mapped[intpk]
    schedule_id: Mapped[int] = mapped_column(sa.ForeignKey("reception_schedules.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    head_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    day: Mapped[date] = mapped_column(index=True)
    state: Mapped[str] = mapped_column(sa.String(16), default="planned")
    published_dt: Mapped[datetime | None]
    note: Mapped[str] = mapped_column(sa.String(300), default="")
    updated_dt: Mapped[datetime]

    schedule: Mapped[ReceptionSchedule] = relationship()


class PublicDialogue(Base):
    """A head's meeting with citizens, project households, businesses or students (hội nghị đối thoại)."""

    __tablename__ = "public_dialogues"

    id: Mapped[intpk]
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    held_on: Mapped[date] = mapped_column(index=True)
    place: Mapped[str] = mapped_column(sa.String(300))
    host_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    host_name: Mapped[str] = mapped_column(sa.String(200), default="")
    audience: Mapped[str] = mapped_column(sa.String(32))
    audience_note: Mapped[str] = mapped_column(sa.String(300), default="")
    participants: Mapped[int] = mapped_column(default=0)
    minutes: Mapped[str] = mapped_column(sa.Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_dt: Mapped[datetime]

    unit: Mapped[Unit] = relationship()


class DialogueIssue(Base):
    """An issue raised at a public dialogue; it may become a petition case followed to its answer."""

    __tablename__ = "dialogue_issues"
    __table_args__ = (sa.UniqueConstraint("dialogue_id", "seq", name="uq_dialogue_issues_dialogue_seq"),)

    id: Mapped[intpk]
    dialogue_id: Mapped[int] = mapped_column(sa.ForeignKey("public_dialogues.id", ondelete="CASCADE"))
    seq: Mapped[int]
    text: Mapped[str] = mapped_column(sa.Text)
    raised_by: Mapped[str] = mapped_column(sa.String(200), default="")
    answer_due_on: Mapped[date | None]
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id"), unique=True)
    created_dt: Mapped[datetime]


class SatisfactionRating(Base):
    """The citizen's rating of a closed case's handling: one per case, 1–5 with a comment."""

    __tablename__ = "satisfaction_ratings"
    __table_args__ = (sa.CheckConstraint("score BETWEEN 1 AND 5", name="score_range"),)

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    score: Mapped[int]
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    source: Mapped[str] = mapped_column(sa.String(16), default="online")
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_dt: Mapped[datetime]

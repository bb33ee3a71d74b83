"""The case: one received letter or one matter from the reception desk, followed to its end."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, WriteOnlyMapped, mapped_column, relationship

from caseflow.models.base import Base, intpk
from caseflow.models.enums import OPEN_STATUSES, CaseField, CaseKind, CaseStatus, Channel, Complexity
from caseflow.models.unit import Unit
from caseflow.models.user import User

_OPEN_LIST = ", ".join(f"'{s.value}'" for s in OPEN_STATUSES)


class Case(Base):
    """A case with its status, flags, clocks summary and the head of its audit chain."""

    __tablename__ = "cases"
    __table_args__ = (
        sa.CheckConstraint(f"is_open = (status IN ({_OPEN_LIST}))", name="is_open_matches_status"),
        sa.CheckConstraint("level IS NULL OR level IN (1, 2)", name="level_1_or_2"),
        sa.CheckConstraint("version >= 1", name="version_positive"),
        sa.Index(
            "ix_cases_open_unit_due",
            "unit_id",
            "due_on",
            "id",
            sqlite_where=sa.text("is_open = 1"),
            postgresql_where=sa.text("is_open"),
        ),
        sa.Index(
            "ix_cases_open_assignee_due",
            "assignee_id",
            "due_on",
            "id",
            sqlite_where=sa.text("is_open = 1"),
            postgresql_where=sa.text("is_open"),
        ),
        sa.UniqueConstraint("unit_id", "register_no", name="uq_cases_unit_register_no"),
        sa.Index(
            "ix_cases_overdue_unit",
            "unit_id",
            "due_on",
            sqlite_where=sa.text("is_overdue = 1"),
            postgresql_where=sa.text("is_overdue"),
        ),
    )

    id: Mapped[intpk]
    tracking_code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    register_no: Mapped[str | None] = mapped_column(sa.String(32))  # the unit's letters register (imports)
    pin_hash: Mapped[str] = mapped_column(sa.String(64))
    kind: Mapped[CaseKind | None]
    level: Mapped[int | None]
    field: Mapped[CaseField | None]
    channel: Mapped[Channel]
    status: Mapped[CaseStatus] = mapped_column(index=True)
    version: Mapped[int] = mapped_column(default=1)
    is_open: Mapped[bool] = mapped_column(default=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"))
    assignee_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    received_on: Mapped[date]
    received_dt: Mapped[datetime]
    subject: Mapped[str] = mapped_column(sa.String(300))
    content: Mapped[str] = mapped_column(sa.Text)
    search_text: Mapped[str] = mapped_column(sa.Text, default="")
    signatories: Mapped[int] = mapped_column(default=1)
    is_anonymous: Mapped[bool] = mapped_column(default=False)
    is_remote_area: Mapped[bool] = mapped_column(default=False)
    complexity: Mapped[Complexity] = mapped_column(default=Complexity.NORMAL)
    is_suspended: Mapped[bool] = mapped_column(default=False)
    is_eligible: Mapped[bool | None]
    is_within_competence: Mapped[bool | None]
    is_must_continue: Mapped[bool] = mapped_column(default=False)
    legal_aid: Mapped[bool] = mapped_column(default=False)
    legal_aid_to: Mapped[str | None] = mapped_column(sa.String(200))
    legal_aid_on: Mapped[date | None]
    forwarded_by: Mapped[str | None] = mapped_column(sa.String(200))
    identity_waived_on: Mapped[date | None]  # the denouncer agreed to disclosure (Luật TC Art 47(2))
    learned_on: Mapped[date | None]  # the complainant received or learned of the decision or act (R7)
    obstacle_days: Mapped[int] = mapped_column(default=0, server_default="0")  # not counted in R7
    to_agency: Mapped[str | None] = mapped_column(sa.String(200))
    outcome: Mapped[str | None] = mapped_column(sa.String(32))
    dialogue_held: Mapped[bool] = mapped_column(default=False)
    findings_match_request: Mapped[bool | None]
    extension_count: Mapped[int] = mapped_column(default=0)
    due_on: Mapped[date | None]
    is_overdue: Mapped[bool] = mapped_column(default=False)
    parent_case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    reception_session_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("reception_sessions.id"), index=True
    )
    created_dt: Mapped[datetime]
    updated_dt: Mapped[datetime]
    closed_dt: Mapped[datetime | None]
    last_event_seq: Mapped[int] = mapped_column(default=0)
    last_event_hash: Mapped[str] = mapped_column(sa.String(64), default="")

    unit: Mapped[Unit] = relationship(lazy="joined", innerjoin=True)
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    parties: Mapped[list["Party"]] = relationship(  # noqa: F821
        back_populates="case", cascade="all, delete-orphan", order_by="Party.id"
    )
    deadlines: Mapped[list["Deadline"]] = relationship(  # noqa: F821
        back_populates="case", cascade="all, delete-orphan", order_by="Deadline.id"
    )
    events: WriteOnlyMapped["CaseEvent"] = relationship(  # noqa: F821
        back_populates="case", order_by="CaseEvent.seq", passive_deletes=True
    )
    parent_case: Mapped["Case | None"] = relationship(remote_side="Case.id")

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    def __repr__(self) -> str:
        return f"<Case {self.tracking_code} {self.status}>"

    @property
    def petitioner(self) -> "Party | None":  # noqa: F821
        """The first petitioner, if any."""
        return next((p for p in self.parties if p.role == "petitioner"), None)

    @property
    def is_denunciation(self) -> bool:
        """True for denunciations, whose denouncer's identity is protected."""
        return self.kind == CaseKind.DENUNCIATION

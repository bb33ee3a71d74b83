"""The audit trail: append-only case events, hash-chained per case."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.models.base import Base, intpk

# Statuses a case can reach by leaving the processing or the resolution stage (the reports read these events).
STAGE_EXIT_STATUSES = ("accepted", "guided", "forwarded", "returned", "filed", "not_accepted", "withdrawn",
                       "terminated", "decided")  # fmt: skip
STAGE_EXIT_SQL = "to_status IN ({})".format(", ".join(f"'{status}'" for status in STAGE_EXIT_STATUSES))


class CaseEvent(Base):
    """One change to a case: who, when, what, from which status to which, with old and new values."""

    __tablename__ = "case_events"
    __table_args__ = (
        sa.UniqueConstraint("case_id", "seq", name="uq_case_events_case_seq"),
        sa.Index(
            "ix_case_events_stage_exit",
            "case_id",
            "from_status",
            "to_status",
            "created_dt",
            sqlite_where=sa.text(STAGE_EXIT_SQL),
            postgresql_where=sa.text(STAGE_EXIT_SQL),
        ),
    )

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"))
    seq: Mapped[int]
    created_dt: Mapped[datetime]
    actor: Mapped[str] = mapped_column(sa.String(100))
    actor_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(sa.String(48))
    from_status: Mapped[str | None] = mapped_column(sa.String(32))
    to_status: Mapped[str | None] = mapped_column(sa.String(32))
    changes: Mapped[dict] = mapped_column(default=dict)
    params: Mapped[dict] = mapped_column(default=dict)
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    request_id: Mapped[str] = mapped_column(sa.String(64), default="")
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    hash: Mapped[str] = mapped_column(sa.String(64))

    case: Mapped["Case"] = relationship(back_populates="events")  # noqa: F821

    def __repr__(self) -> str:
        return f"<CaseEvent {self.case_id}#{self.seq} {self.action}>"


class AdminEvent(Base):
    """One administrator's change (units, users, roles, calendar, rules), in the installation's one chain."""

    __tablename__ = "admin_events"

    id: Mapped[intpk]
    seq: Mapped[int] = mapped_column(unique=True)
    created_dt: Mapped[datetime]
    actor: Mapped[str] = mapped_column(sa.String(100))
    actor_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(sa.String(48))
    details: Mapped[dict] = mapped_column(default=dict)
    request_id: Mapped[str] = mapped_column(sa.String(64), default="")
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    hash: Mapped[str] = mapped_column(sa.String(64))

    actor_user: Mapped["User | None"] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<AdminEvent #{self.seq} {self.action}>"

"""Legal clocks on a case, with what they were derived from."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.models.base import Base, intpk
from caseflow.models.enums import ClockState


class Deadline(Base):
    """One legal clock: its rule version, start, days, pauses, extensions and due date."""

    __tablename__ = "deadlines"
    __table_args__ = (
        sa.UniqueConstraint("case_id", "rule_id", name="uq_deadlines_case_rule"),
        sa.Index(
            "ix_deadlines_running_due",
            "due_on",
            sqlite_where=sa.text("state = 'running'"),
            postgresql_where=sa.text("state = 'running'"),
        ),
    )

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    rule_id: Mapped[str] = mapped_column(sa.String(64))
    rule_version: Mapped[str] = mapped_column(sa.String(64))
    start_event: Mapped[str] = mapped_column(sa.String(32))
    start_on: Mapped[date]
    days: Mapped[int]
    day_kind: Mapped[str] = mapped_column(sa.String(16))
    variant: Mapped[str] = mapped_column(sa.String(32), default="standard")
    is_obligation: Mapped[bool] = mapped_column(default=True)
    pauses: Mapped[list] = mapped_column(default=list)
    extensions: Mapped[list] = mapped_column(default=list)
    due_on: Mapped[date]
    state: Mapped[ClockState] = mapped_column(default=ClockState.RUNNING)
    met_dt: Mapped[datetime | None]
    met_on: Mapped[date | None]
    is_late: Mapped[bool | None]
    overdue_dt: Mapped[datetime | None]
    created_dt: Mapped[datetime]

    case: Mapped["Case"] = relationship(back_populates="deadlines")  # noqa: F821

    def __repr__(self) -> str:
        return f"<Deadline {self.rule_id} {self.state} {self.due_on}>"

    @property
    def is_active(self) -> bool:
        """True while the clock still counts (running, paused or overdue)."""
        return self.state != ClockState.MET

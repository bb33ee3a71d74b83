"""Reception sessions: the electronic Sổ tiếp công dân (TT 04/2021 Mẫu 03, 12 columns)."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.models.base import Base, intpk
from caseflow.models.enums import CaseKind, SessionKind
from caseflow.models.unit import Unit
from caseflow.models.user import User


class ReceptionSession(Base):
    """One reception of one citizen or delegation at the desk (or online)."""

    __tablename__ = "reception_sessions"
    __table_args__ = (sa.Index("ix_reception_sessions_unit_day", "unit_id", "received_on"),)

    id: Mapped[intpk]
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"))
    received_on: Mapped[date]
    kind: Mapped[SessionKind] = mapped_column(default=SessionKind.REGULAR)
    host_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    host_name: Mapped[str] = mapped_column(sa.String(200), default="")
    citizen_name: Mapped[str] = mapped_column(sa.String(200))
    citizen_address: Mapped[str] = mapped_column(sa.String(300), default="")
    citizen_id_number: Mapped[str | None] = mapped_column(sa.String(32))
    people_count: Mapped[int] = mapped_column(default=1)
    is_group: Mapped[bool] = mapped_column(default=False)
    representatives: Mapped[list] = mapped_column(default=list)
    content: Mapped[str] = mapped_column(sa.Text)
    matter_kind: Mapped[CaseKind | None]
    is_repeat: Mapped[bool] = mapped_column(default=False)
    prior_resolution: Mapped[str] = mapped_column(sa.String(300), default="")
    handling: Mapped[str] = mapped_column(sa.String(32), default="accepted")
    handling_note: Mapped[str] = mapped_column(sa.String(300), default="")
    result_tracking: Mapped[str] = mapped_column(sa.String(300), default="")
    note: Mapped[str] = mapped_column(sa.String(300), default="")
    reception_day_id: Mapped[int | None] = mapped_column(sa.ForeignKey("reception_days.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_dt: Mapped[datetime]

    unit: Mapped[Unit] = relationship()
    host: Mapped[User | None] = relationship(foreign_keys=[host_id])

"""Official documents issued on a case: receipts, notices, slips, minutes, decisions — numbered and dated."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from caseflow.models.base import Base, intpk


class IssuedDocument(Base):
    """One numbered document generated from a template with the case's data."""

    __tablename__ = "issued_documents"
    __table_args__ = (
        sa.UniqueConstraint("unit_id", "kind", "year", "seq", name="uq_issued_documents_number"),
    )

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"))
    kind: Mapped[str] = mapped_column(sa.String(32))
    year: Mapped[int]
    seq: Mapped[int]
    number: Mapped[str] = mapped_column(sa.String(64))
    issued_on: Mapped[date]
    addressee: Mapped[str] = mapped_column(sa.String(32), default="citizen")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_dt: Mapped[datetime]

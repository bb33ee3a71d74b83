"""Parties: petitioners, co-petitioners, representatives and the complained-against or denounced."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.models.base import Base, intpk
from caseflow.models.enums import PartyRole

IDENTITY_FIELDS = ("full_name", "address", "id_number", "phone", "email")


class Party(Base):
    """A person or body in a case; `name_folded` and `address_folded` serve diacritic-free matching."""

    __tablename__ = "parties"
    __table_args__ = (sa.Index("ix_parties_name_address", "name_folded", "address_folded"),)

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    role: Mapped[PartyRole]
    full_name: Mapped[str] = mapped_column(sa.String(200), default="")
    address: Mapped[str] = mapped_column(sa.String(300), default="")
    id_number: Mapped[str | None] = mapped_column(sa.String(32), index=True)
    phone: Mapped[str | None] = mapped_column(sa.String(32))
    email: Mapped[str | None] = mapped_column(sa.String(200))
    is_organisation: Mapped[bool] = mapped_column(default=False)
    position: Mapped[str | None] = mapped_column(sa.String(200))
    name_folded: Mapped[str] = mapped_column(sa.String(200), default="")
    address_folded: Mapped[str] = mapped_column(sa.String(300), default="")

    case: Mapped["Case"] = relationship(back_populates="parties")  # noqa: F821

    def __repr__(self) -> str:
        return f"<Party {self.role} of case {self.case_id}>"

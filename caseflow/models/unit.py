"""Units: the agency tree (province → departments, communes …), kept as data."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.models.base import Base, intpk


class Unit(Base):
    """An agency or one of its parts; `path` ("/1/4/9/") makes subtree queries one LIKE."""

    __tablename__ = "units"

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id"))
    path: Mapped[str] = mapped_column(sa.String(255), index=True, default="")
    is_remote_area: Mapped[bool] = mapped_column(default=False)

    parent: Mapped["Unit | None"] = relationship(remote_side="Unit.id")

    def __repr__(self) -> str:
        return f"<Unit {self.code}>"

    def contains(self, other: "Unit") -> bool:
        """True when `other` is this unit or below it."""
        return other.path.startswith(self.path)

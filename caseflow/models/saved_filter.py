"""Saved filters: a user's named queue views (queue, filters, search and order), opened again in one click."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from caseflow.models.base import Base, intpk


class SavedFilter(Base):
    """One named set of list arguments belonging to one user; names are unique per user."""

    __tablename__ = "saved_filters"
    __table_args__ = (sa.UniqueConstraint("user_id", "name", name="uq_saved_filters_user_id_name"),)

    id: Mapped[intpk]
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    arguments: Mapped[dict]
    created_dt: Mapped[datetime]

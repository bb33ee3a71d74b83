"""Stored answers to POST requests that carried an Idempotency-Key."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from caseflow.models.base import Base, intpk


class IdempotencyKey(Base):
    """One key per caller: the request's fingerprint and, once finished, the first response."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (sa.UniqueConstraint("owner", "key", name="uq_idempotency_keys_owner_key"),)

    id: Mapped[intpk]
    owner: Mapped[str] = mapped_column(sa.String(64))
    key: Mapped[str] = mapped_column(sa.String(200))
    method: Mapped[str] = mapped_column(sa.String(8))
    path: Mapped[str] = mapped_column(sa.String(300))
    fingerprint: Mapped[str] = mapped_column(sa.String(64))
    status_code: Mapped[int | None]
    response_body: Mapped[str | None] = mapped_column(sa.Text)
    response_headers: Mapped[dict] = mapped_column(default=dict)
    created_dt: Mapped[datetime] = mapped_column(index=True)

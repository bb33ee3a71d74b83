"""The notification outbox: in-app messages and e-mails waiting to be sent."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from caseflow.models.base import Base, intpk


class Notification(Base):
    """One message to one user; `dedupe_key` makes queuing idempotent."""

    __tablename__ = "notifications"
    __table_args__ = (
        sa.Index(
            "ix_notifications_unread",
            "user_id",
            "created_dt",
            sqlite_where=sa.text("read_dt IS NULL"),
            postgresql_where=sa.text("read_dt IS NULL"),
        ),
        sa.Index(
            "ix_notifications_unsent",
            "id",
            sqlite_where=sa.text("email_state = 'pending'"),
            postgresql_where=sa.text("email_state = 'pending'"),
        ),
    )

    id: Mapped[intpk]
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(32))
    subject: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    dedupe_key: Mapped[str] = mapped_column(sa.String(128), unique=True)
    created_dt: Mapped[datetime]
    read_dt: Mapped[datetime | None]
    email_state: Mapped[str] = mapped_column(sa.String(16), default="pending")
    email_attempts: Mapped[int] = mapped_column(default=0)
    sent_dt: Mapped[datetime | None]
    next_attempt_dt: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(sa.String(300), default="")

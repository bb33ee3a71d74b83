"""Documents attached to a case: the letter, copies, evidence, minutes, each with its type and size."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from caseflow.models.base import Base, intpk
from caseflow.models.user import User


class Attachment(Base):
    """One uploaded file; the bytes live in the database so that backups carry them."""

    __tablename__ = "attachments"

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    doc_type: Mapped[str] = mapped_column(sa.String(32))
    filename: Mapped[str] = mapped_column(sa.String(255))
    content_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64))
    data: Mapped[bytes] = deferred(mapped_column(sa.LargeBinary))
    is_confidential: Mapped[bool] = mapped_column(default=False)
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    uploaded_dt: Mapped[datetime]

    uploaded_by: Mapped[User | None] = relationship()

"""The word index of the cases' search text: duplicate candidates are found by index, not by scanning."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from caseflow.models.base import Base

WORD_LENGTH = 64  # longer words are indexed (and looked up) by their first 64 characters


class CaseWord(Base):
    """One significant folded word of one case's search text (the denouncer's name is never in it)."""

    __tablename__ = "case_words"

    word: Mapped[str] = mapped_column(sa.String(WORD_LENGTH), primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    __table_args__ = (sa.Index("ix_case_words_case_id", "case_id"),)

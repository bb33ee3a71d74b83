"""Agency settings kept in the database: calendar overrides, rule overrides, sequence counters."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from caseflow.models.base import Base, intpk


class CalendarOverride(Base):
    """An extra day off or an extra working day declared by the administrator."""

    __tablename__ = "calendar_overrides"

    day: Mapped[date] = mapped_column(primary_key=True)
    is_working: Mapped[bool]
    note: Mapped[str] = mapped_column(sa.String(200), default="")
    created_dt: Mapped[datetime]


class CalendarConfirmation(Base):
    """A year's calendar of days off confirmed by an administrator without an announcement file."""

    __tablename__ = "calendar_confirmations"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    confirmed_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    confirmed_dt: Mapped[datetime]


class RuleOverride(Base):
    """The agency's own version of a deadline rule from a date on."""

    __tablename__ = "rule_overrides"
    __table_args__ = (sa.UniqueConstraint("rule_id", "effective_from", name="uq_rule_overrides_rule_from"),)

    id: Mapped[intpk]
    rule_id: Mapped[str] = mapped_column(sa.String(64))
    effective_from: Mapped[date]
    days: Mapped[int | None]
    day_kind: Mapped[str | None] = mapped_column(sa.String(16))
    note: Mapped[str] = mapped_column(sa.String(300), default="")
    created_dt: Mapped[datetime]


class Counter(Base):
    """A named sequence (tracking codes per year), incremented under the write lock."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)

"""The legal minimum of heads' reception days per month (effective-dated) and the inspectors' warning."""

import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from caseflow.config import PROJECT_ROOT
from caseflow.extensions import db
from caseflow.models import ReceptionDay, ReceptionSchedule, Role, Unit, User, UserRole
from caseflow.services.notices.notifications import SUBJECTS, queue

DEFAULT_FILE = PROJECT_ROOT / "config" / "reception_minimums.toml"


@dataclass(frozen=True)
class Minimum:
    """One row of the rule: a head kind's days per month from a date on."""

    head_kind: str
    effective_from: date
    days_per_month: int
    basis: str


@dataclass(frozen=True)
class Shortfall:
    """A head below the minimum in a month."""

    head: User
    unit: Unit
    month: date
    count: int
    minimum: Minimum


@lru_cache(maxsize=4)
def load_minimums(path: str) -> tuple[Minimum, ...]:
    """Read the rule file; rows sorted by date."""
    with Path(path).open("rb") as handle:
        rows = tomllib.load(handle)["minimum"]
    minimums = (
        Minimum(r["head_kind"], r["effective_from"], int(r["days_per_month"]), r["basis"]) for r in rows
    )
    return tuple(sorted(minimums, key=lambda m: m.effective_from))


def minimum_for(head_kind: str, month: date) -> Minimum | None:
    """The minimum in force on the first day of `month` for `head_kind`."""
    path = str(current_app.config.get("CASEFLOW_RECEPTION_MINIMUMS", DEFAULT_FILE))
    first = month.replace(day=1)
    rows = [m for m in load_minimums(path) if m.head_kind == head_kind and m.effective_from <= first]
    return rows[-1] if rows else None


def month_bounds(month: date) -> tuple[date, date]:
    """The first day of `month` and of the month after."""
    first = month.replace(day=1)
    following = date(first.year + 1, 1, 1) if first.month == 12 else date(first.year, first.month + 1, 1)
    return first, following


def shortfalls(month: date) -> list[Shortfall]:
    """Heads with a schedule in force in `month` whose planned or held days fall below the minimum."""
    first, following = month_bounds(month)
    schedules = db.session.scalars(
        sa.select(ReceptionSchedule)
        .where(ReceptionSchedule.valid_from < following)
        .where(sa.or_(ReceptionSchedule.valid_to.is_(None), ReceptionSchedule.valid_to >= first))
        .order_by(ReceptionSchedule.id)
    )
    heads = {(s.head_id, s.head_kind): s for s in schedules}
    counts = _day_counts(first, following)
    found = []
    for (head_id, head_kind), schedule in heads.items():
        minimum = minimum_for(head_kind, first)
        count = counts.get(head_id, 0)
        if minimum is not None and count < minimum.days_per_month:
            found.append(Shortfall(schedule.head, schedule.unit, first, count, minimum))
    return found


def _day_counts(first: date, following: date) -> dict[int, int]:
    """Planned or held days per head in the month, in one statement."""
    statement = (
        sa.select(ReceptionDay.head_id, sa.func.count())
        .where(ReceptionDay.day >= first, ReceptionDay.day < following)
        .where(ReceptionDay.state.in_(("planned", "held")))
        .group_by(ReceptionDay.head_id)
    )
    return dict(db.session.execute(statement).all())


def unit_inspectors(unit: Unit) -> list[int]:
    """Active inspectors of the unit and every unit above it."""
    ancestor_paths = {unit.path[: i + 1] for i, ch in enumerate(unit.path) if ch == "/" and i > 0}
    statement = (
        sa.select(User.id)
        .join(UserRole)
        .join(Unit, Unit.id == User.unit_id)
        .where(Unit.path.in_(ancestor_paths), UserRole.role == Role.INSPECTOR, User.is_active_user.is_(True))
        .order_by(User.id)
    )
    return list(db.session.scalars(statement))


def warn_below_minimum(month: date, *, now: datetime) -> list[Shortfall]:
    """Queue one warning per head and month to the inspectors over the unit (a repeat adds nothing)."""
    found = shortfalls(month)
    for item in found:
        subject = SUBJECTS["reception_minimum"].format(
            head=item.head.full_name,
            count=item.count,
            month=item.month.strftime("%m/%Y"),
            minimum=item.minimum.days_per_month,
        )
        key = f"reception_minimum:h{item.head.id}:{item.month:%Y-%m}"
        queue(
            unit_inspectors(item.unit), kind="reception_minimum", subject=subject, case=None, key=key, now=now
        )
    db.session.flush()
    return found

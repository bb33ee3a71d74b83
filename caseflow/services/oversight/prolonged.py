"""Prolonged cases for inspectors: overdue, open too long, repeated letters, group letters; found in SQL."""

import base64
import binascii
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from caseflow.errors import InvalidInput, PermissionDenied
from caseflow.extensions import db
from caseflow.i18n import N_
from caseflow.models import Case, ClockState, Deadline, Inspection, Party, PartyRole, Role, Unit, User
from caseflow.services.cases import deadlines
from caseflow.services.cases.matching import SAME_MATTER_SIMILARITY
from caseflow.services.cases.queues import LIST_OPTIONS
from caseflow.services.cases.scope import scope_filter
from caseflow.text import words
from caseflow.timeutil import local_date

REASONS = {
    "overdue": N_("Overdue on a resolution deadline"),
    "too_long": N_("Open too long"),
    "repeated": N_("Repeated letters on the same matter"),
    "group": N_("Group letter still open"),
}
GROUP_SIGNATORIES = 5
MAX_LIMIT = 200
RESOLUTION_START = "accepted"
INSPECTORS_ONLY = N_("Only inspectors may review prolonged cases.")


@dataclass(frozen=True)
class Settings:
    """The thresholds in force: age in days, letters on one matter, days a group letter may stay open."""

    age_days: int
    repeat_threshold: int
    group_days: int

    @classmethod
    def resolve(
        cls, age_days: int | None, repeat_threshold: int | None, group_days: int | None
    ) -> "Settings":
        """Fill what the caller left out from the configuration."""
        config = current_app.config
        return cls(
            age_days=age_days if age_days is not None else config["CASEFLOW_PROLONGED_AGE_DAYS"],
            repeat_threshold=max(
                2, repeat_threshold if repeat_threshold is not None else config["CASEFLOW_REPEAT_THRESHOLD"]
            ),
            group_days=group_days if group_days is not None else config["CASEFLOW_GROUP_OPEN_DAYS"],
        )


@dataclass
class ProlongedRow:
    """One listed case, why it is listed, how old it is, and its open inspection if any."""

    case: Case
    reasons: list[str]
    age_days: int
    letters: int = 0
    inspection_id: int | None = None


@dataclass
class UnitCount:
    """How many prolonged cases one unit has, in all and per reason."""

    unit_id: int
    code: str
    name: str
    total: int
    by_reason: dict[str, int]


@dataclass
class ProlongedPage:
    """A page of prolonged cases, the next cursor, and the overview by unit and reason."""

    rows: list[ProlongedRow]
    next_cursor: str | None
    units: list[UnitCount]
    settings: Settings
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0


def prolonged_cases(
    user: User,
    now: datetime,
    *,
    max_age_days: int | None = None,
    repeat_threshold: int | None = None,
    group_days: int | None = None,
    reason: str | None = None,
    unit_id: int | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> ProlongedPage:
    """Open cases in the inspector's subtree listed for at least one reason, oldest first.

    Three statements whatever the size: repeated-letter candidates, the page, the overview by unit.

    :raises PermissionDenied: the user is not an inspector (403)
    :raises InvalidInput: unknown reason or a bad cursor (422)
    """
    require_inspector(user)
    if reason and reason not in REASONS:
        raise InvalidInput(
            N_("Unknown reason."), errors={"reason": [N_("Choose one of the listed reasons.")]}
        )
    settings = Settings.resolve(max_age_days, repeat_threshold, group_days)
    today = local_date(now)
    repeated = repeated_letters(user, settings.repeat_threshold)
    conditions = reason_conditions(today, settings, repeated)
    rows, next_cursor = _page(user, conditions, today, repeated, reason, unit_id, limit, cursor)
    units = _by_unit(user, conditions)
    page = ProlongedPage(rows, next_cursor, units, settings)
    page.counts = {name: sum(u.by_reason[name] for u in units) for name in REASONS}
    page.total = sum(u.total for u in units)
    return page


def require_inspector(user: User) -> None:
    """Inspectors only; PermissionDenied otherwise."""
    if not user.has_role(Role.INSPECTOR):
        raise PermissionDenied(INSPECTORS_ONLY)


def case_reasons(user: User, case: Case, now: datetime) -> list[str]:
    """Why one case is (or is not) listed today, as reason codes."""
    settings = Settings.resolve(None, None, None)
    repeated = repeated_letters(user, settings.repeat_threshold, case_id=case.id)
    conditions = reason_conditions(local_date(now), settings, repeated)
    flags = [sa.case((condition, 1), else_=0) for condition in conditions.values()]
    values = db.session.execute(sa.select(*flags).where(Case.id == case.id)).one()
    return [name for name, value in zip(conditions, values, strict=True) if value]


def reason_conditions(today: date, settings: Settings, repeated: dict[int, int]) -> dict:
    """The SQL condition of each reason."""
    return {
        "overdue": overdue_on_resolution(today),
        "too_long": Case.received_on < today - timedelta(days=settings.age_days),
        "repeated": Case.id.in_(sorted(repeated)) if repeated else sa.false(),
        "group": sa.and_(
            Case.signatories >= GROUP_SIGNATORIES,
            Case.received_on < today - timedelta(days=settings.group_days),
        ),
    }


def resolution_rule_ids() -> list[str]:
    """Rules whose clock starts at acceptance (thụ lý): the resolution and answer deadlines."""
    book = deadlines.rulebook()
    return [rid for rid in book.ids() if any(r.start_event == RESOLUTION_START for r in book.history[rid])]


def overdue_on_resolution(today: date):
    """A resolution clock marked overdue, or still running past its due date (before the next sweep)."""
    late = sa.or_(
        Deadline.state == ClockState.OVERDUE,
        sa.and_(Deadline.state == ClockState.RUNNING, Deadline.due_on < today),
    )
    return sa.exists().where(Deadline.case_id == Case.id, Deadline.rule_id.in_(resolution_rule_ids()), late)


def _any(conditions: dict):
    """Listed for at least one reason."""
    return sa.or_(*conditions.values())


def _page(user, conditions, today, repeated, reason, unit_id, limit, cursor):
    """One page of listed cases with their reason flags and open inspection."""
    limit = max(1, min(int(limit), MAX_LIMIT))
    flags = [sa.case((condition, 1), else_=0).label(name) for name, condition in conditions.items()]
    statement = scope_filter(
        user,
        sa.select(Case, _open_inspection_id(), *flags).where(
            Case.is_open == sa.true(), conditions[reason] if reason else _any(conditions)
        ),
    )
    if unit_id:
        statement = statement.where(Case.unit_id == unit_id)
    if cursor:
        statement = _after(statement, decode_cursor(cursor))
    statement = statement.options(*LIST_OPTIONS).order_by(Case.received_on, Case.id).limit(limit + 1)
    rows = [_row(result, list(conditions), today, repeated) for result in db.session.execute(statement)]
    more = len(rows) > limit
    return rows[:limit], encode_cursor(rows[limit - 1].case) if more else None


def _open_inspection_id():
    """The id of the case's open inspection, if any, as a column."""
    return (
        sa.select(Inspection.id)
        .where(Inspection.case_id == Case.id, Inspection.closed_dt.is_(None))
        .order_by(Inspection.id)
        .limit(1)
        .scalar_subquery()
        .label("inspection_id")
    )


def _row(result, names: list[str], today: date, repeated: dict[int, int]) -> ProlongedRow:
    """A result row as a ProlongedRow."""
    case = result[0]
    return ProlongedRow(
        case=case,
        reasons=[name for name in names if getattr(result, name)],
        age_days=(today - case.received_on).days,
        letters=repeated.get(case.id, 0),
        inspection_id=result.inspection_id,
    )


def _by_unit(user: User, conditions: dict) -> list[UnitCount]:
    """Listed cases per unit, in all and per reason, most first (one GROUP BY)."""
    sums = [
        sa.func.sum(sa.case((condition, 1), else_=0)).label(name) for name, condition in conditions.items()
    ]
    statement = scope_filter(
        user,
        sa.select(Unit.id, Unit.code, Unit.name, sa.func.count().label("total"), *sums)
        .select_from(Case)
        .join(Unit, Unit.id == Case.unit_id)
        .where(Case.is_open == sa.true(), _any(conditions))
        .group_by(Unit.id, Unit.code, Unit.name),
    )
    units = [
        UnitCount(
            row.id, row.code, row.name, row.total, {name: int(getattr(row, name)) for name in conditions}
        )
        for row in db.session.execute(statement)
    ]
    return sorted(units, key=lambda u: (-u.total, u.code))


def repeated_letters(user: User, threshold: int, *, case_id: int | None = None) -> dict[int, int]:
    """Open cases whose petitioner wrote at least `threshold` letters on the same matter: {case id: letters}.

    The same petitioner is the same ID number, or the same folded name and address (as intake's duplicate
    check). The same matter is matching's test: content at least SAME_MATTER_SIMILARITY alike. One statement
    fetches the letters of every petitioner with enough letters in the user's scope; the rest is in memory.
    """
    letters = db.session.execute(_petitioner_letters(user, threshold, case_id)).all()
    return _same_matter_counts(letters, threshold)


def _petitioner_letters(user: User, threshold: int, case_id: int | None) -> sa.Select:
    """Letters (any status, in scope) of petitioners who wrote at least `threshold` of them."""
    many = sa.func.count(sa.distinct(Party.case_id)) >= threshold
    names = (Party.name_folded, Party.address_folded)
    by_name = _petitioners(user, case_id, names, Party.name_folded != "").group_by(*names).having(many)
    by_id = _petitioners(user, case_id, (Party.id_number,), Party.id_number != "").group_by(Party.id_number)
    statement = sa.select(Case.id, Case.is_open, Case.subject, Case.content, Party.id_number, *names).join(
        Party, Party.case_id == Case.id
    )
    return scope_filter(
        user,
        statement.where(
            Party.role == PartyRole.PETITIONER,
            sa.or_(sa.tuple_(*names).in_(by_name), Party.id_number.in_(by_id.having(many))),
        ),
    )


def _petitioners(user: User, case_id: int | None, columns: tuple, *conditions) -> sa.Select:
    """`columns` of petitioner rows in scope (sharing one case's petitioner only, when `case_id` is given)."""
    statement = scope_filter(
        user,
        sa.select(*columns)
        .select_from(Party)
        .join(Case, Case.id == Party.case_id)
        .where(Party.role == PartyRole.PETITIONER, *conditions),
    )
    if case_id is None:
        return statement
    own = (
        sa.select(Party.name_folded, Party.address_folded, Party.id_number)
        .where(Party.case_id == case_id, Party.role == PartyRole.PETITIONER)
        .subquery()
    )
    return statement.where(
        sa.or_(
            sa.tuple_(Party.name_folded, Party.address_folded).in_(
                sa.select(own.c.name_folded, own.c.address_folded)
            ),
            Party.id_number.in_(sa.select(own.c.id_number)),
        )
    )


def _same_matter_counts(letters, threshold: int) -> dict[int, int]:
    """For each open letter, the most letters on its matter under one of its petitioner's keys."""
    texts = {row.id: words(f"{row.subject} {row.content}") for row in letters}
    buckets: dict[tuple, set[int]] = defaultdict(set)
    keys: dict[int, set[tuple]] = defaultdict(set)
    for row in letters:
        for key in _person_keys(row):
            buckets[key].add(row.id)
            keys[row.id].add(key)
    counts = {}
    for row in letters:
        if row.is_open:
            best = max((_alike(row.id, buckets[key], texts) for key in keys[row.id]), default=0)
            if best >= threshold:
                counts[row.id] = best
    return counts


def _person_keys(row) -> list[tuple]:
    """The keys a petitioner is known by: ID number, and folded name with address."""
    found = [("id", row.id_number)] if row.id_number else []
    return found + ([("name", row.name_folded, row.address_folded)] if row.name_folded else [])


def _alike(case_id: int, others: set[int], texts: dict[int, set[str]]) -> int:
    """How many of `others` (the case itself included) are on the same matter as the case."""
    return sum(1 for other in others if other == case_id or _jaccard(texts[case_id], texts[other]))


def _jaccard(left: set[str], right: set[str]) -> bool:
    """True when two word sets are alike enough to be the same matter."""
    if not left or not right:
        return False
    return len(left & right) / len(left | right) >= SAME_MATTER_SIMILARITY


def _after(statement: sa.Select, position: tuple[date, int]) -> sa.Select:
    """Keyset condition: rows after (received_on, id)."""
    received_on, case_id = position
    return statement.where(
        sa.or_(Case.received_on > received_on, sa.and_(Case.received_on == received_on, Case.id > case_id))
    )


def encode_cursor(case: Case) -> str:
    """An opaque cursor for the position after `case`."""
    raw = f"{case.received_on.isoformat()}|{case.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[date, int]:
    """The (received_on, id) position in a cursor; InvalidInput when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        received, case_id = raw.split("|")
        return date.fromisoformat(received), int(case_id)
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise InvalidInput(
            N_("Invalid cursor."), errors={"cursor": [N_("Use the cursor from the previous page.")]}
        ) from error

"""Work queues: mine, my unit, unassigned, awaiting my decision, due soon, overdue; filters and search."""

import base64
import binascii
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import defer

from caseflow.errors import InvalidInput
from caseflow.extensions import db
from caseflow.lists import MAX_LIMIT, QUEUES
from caseflow.models import Case, CaseStatus, Party, PartyRole, Role, User
from caseflow.services.cases import deadlines
from caseflow.services.cases.identity import masks_identity_clause
from caseflow.services.cases.scope import scope_filter
from caseflow.text import fold, like_pattern
from caseflow.timeutil import local_date

DECISIONS_BY_ROLE = {
    Role.OFFICER: (CaseStatus.RECEIVED, CaseStatus.CLASSIFIED),
    Role.LEADER: (CaseStatus.PENDING_ACCEPTANCE, CaseStatus.REPORTED),
    Role.HANDLER: (CaseStatus.VERIFYING, CaseStatus.DIALOGUE_SCHEDULED),
}
FILTERS = ("kind", "field", "status", "channel")
# List pages show summaries: the long texts stay in the database (and touching them raises, never N+1).
LIST_OPTIONS = (defer(Case.content, raiseload=True), defer(Case.search_text, raiseload=True))


@dataclass
class Page:
    """One page of a queue and the cursor of the next, if any."""

    cases: list[Case]
    next_cursor: str | None


def queue_condition(user: User, queue: str, *, today: date):
    """The SQL condition that defines a queue for this user."""
    if queue == "mine":
        return Case.assignee_id == user.id
    if queue == "unit":
        return Case.unit_id == user.unit_id
    if queue == "unassigned":
        return sa.and_(Case.status == CaseStatus.ACCEPTED, Case.assignee_id.is_(None))
    if queue == "decide":
        return _awaiting_decision(user)
    if queue == "due_soon":
        return Case.due_on.between(today, deadlines.due_soon_limit(today))
    if queue == "overdue":
        return Case.is_overdue == sa.true()
    raise InvalidInput(f"Unknown queue {queue!r}.", errors={"queue": [f"Choose one of {', '.join(QUEUES)}."]})


def _awaiting_decision(user: User):
    """Cases whose next step is one of the user's decisions (a handler's only when assigned to them)."""
    conditions = []
    for role, statuses in DECISIONS_BY_ROLE.items():
        if role in user.roles:
            condition = Case.status.in_(statuses)
            if role == Role.HANDLER:
                condition = sa.and_(condition, Case.assignee_id == user.id)
            conditions.append(condition)
    return sa.or_(*conditions) if conditions else sa.false()


def open_cases(user: User) -> sa.Select:
    """The user's visible open cases."""
    return scope_filter(user, sa.select(Case).where(Case.is_open == sa.true()))


def list_queue(
    user: User,
    queue: str | None,
    *,
    now: datetime,
    filters: dict | None = None,
    query: str = "",
    limit: int = 50,
    cursor: str | None = None,
) -> Page:
    """A page of a queue (or of all visible cases) sorted by due date, with keyset pagination."""
    limit = max(1, min(int(limit), MAX_LIMIT))
    statement = queue_statement(user, queue, now=now, filters=filters, query=query, cursor=cursor)
    rows = list(db.session.scalars(statement.limit(limit + 1)))
    more = len(rows) > limit
    return Page(rows[:limit], encode_cursor(rows[limit - 1]) if more else None)


def queue_statement(
    user: User,
    queue: str | None,
    *,
    now: datetime,
    filters: dict | None = None,
    query: str = "",
    cursor: str | None = None,
) -> sa.Select:
    """The SELECT behind a queue page, ordered by due date (nulls last) then id, without its LIMIT."""
    statement = open_cases(user) if queue else scope_filter(user, sa.select(Case))
    if queue:
        statement = statement.where(queue_condition(user, queue, today=local_date(now)))
    statement = _filtered(statement, filters or {})
    if query.strip():
        statement = statement.where(search_condition(query))
    statement = _after(statement, decode_cursor(cursor)) if cursor else statement
    return statement.options(*LIST_OPTIONS).order_by(Case.due_on.asc().nulls_last(), Case.id)


def _filtered(statement: sa.Select, filters: dict) -> sa.Select:
    """Apply equality filters and the received-date range."""
    for name in FILTERS:
        if filters.get(name):
            statement = statement.where(getattr(Case, name) == filters[name])
    if filters.get("received_from"):
        statement = statement.where(Case.received_on >= filters["received_from"])
    if filters.get("received_to"):
        statement = statement.where(Case.received_on <= filters["received_to"])
    return statement


def search_condition(query: str):
    """Tracking code, ID number (never a denouncer's) or text and names, with or without diacritics."""
    text = query.strip()
    id_match = (
        sa.select(Party.case_id)
        .join(Case, Case.id == Party.case_id)
        .where(
            Party.id_number == text,
            sa.or_(sa.not_(masks_identity_clause()), Party.role == PartyRole.RESPONDENT),
        )
    )
    return sa.or_(
        Case.tracking_code == text.upper(),
        Case.id.in_(id_match),
        Case.search_text.like(like_pattern(fold(text)), escape="\\"),
    )


def _after(statement: sa.Select, position: tuple[date | None, int]) -> sa.Select:
    """Keyset condition: rows after (due_on, id) in 'due date, nulls last' order."""
    due_on, case_id = position
    if due_on is None:
        return statement.where(Case.due_on.is_(None), Case.id > case_id)
    return statement.where(
        sa.or_(Case.due_on > due_on, sa.and_(Case.due_on == due_on, Case.id > case_id), Case.due_on.is_(None))
    )


def encode_cursor(case: Case) -> str:
    """An opaque cursor for the position after `case`."""
    raw = f"{case.due_on.isoformat() if case.due_on else '~'}|{case.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[date | None, int]:
    """The (due_on, id) position in a cursor; InvalidInput when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        due, case_id = raw.split("|")
        return (None if due == "~" else date.fromisoformat(due)), int(case_id)
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise InvalidInput(
            "Invalid cursor.", errors={"cursor": ["Use the cursor from the previous page."]}
        ) from error


def queue_counts(user: User, *, now: datetime) -> dict[str, int]:
    """Every queue's count in one statement."""
    today = local_date(now)
    columns = [
        sa.func.coalesce(sa.func.sum(sa.case((queue_condition(user, q, today=today), 1), else_=0)), 0).label(
            q
        )
        for q in QUEUES
    ]
    statement = scope_filter(user, sa.select(*columns).select_from(Case).where(Case.is_open == sa.true()))
    return dict(db.session.execute(statement).one()._mapping)

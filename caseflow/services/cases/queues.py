"""Work queues: mine, my unit, unassigned, awaiting my decision, due soon, overdue; filters, search, order."""

import base64
import binascii
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import defer, joinedload, lazyload

from caseflow.errors import InvalidInput
from caseflow.extensions import db
from caseflow.i18n import N_
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
LIST_OPTIONS = (
    defer(Case.content, raiseload=True),
    defer(Case.search_text, raiseload=True),
    joinedload(Case.assignee).options(lazyload(User.role_rows)),
)
# The columns a list may be sorted by (a leading '-' sorts descending); rows with no value come last.
SORT_COLUMNS = {"due": Case.due_on, "received": Case.received_on, "code": Case.tracking_code}
SORTS = tuple(name for key in SORT_COLUMNS for name in (key, f"-{key}"))
DEFAULT_SORT = "due"
UNKNOWN_SORT = N_("This list cannot be sorted that way.")


@dataclass
class Page:
    """One page of a queue and the cursor of the next, if any."""

    cases: list[Case]
    next_cursor: str | None
    total: int | None = None


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
        return overdue_condition()
    raise InvalidInput(f"Unknown queue {queue!r}.", errors={"queue": [f"Choose one of {', '.join(QUEUES)}."]})


def overdue_condition():
    """Overdue on any legal deadline (the sweep's flag): the one definition the queue, the navigation's count
    and the inspector's dashboard all use."""
    return Case.is_overdue == sa.true()


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
    sort: str = DEFAULT_SORT,
) -> Page:
    """A page of a queue (or of all visible cases), sorted, with keyset pagination and the filtered total."""
    limit = max(1, min(int(limit), MAX_LIMIT))
    statement = queue_statement(user, queue, now=now, filters=filters, query=query, cursor=cursor, sort=sort)
    total = filtered_count(user, queue, now=now, filters=filters, query=query)
    rows = list(db.session.execute(statement.add_columns(total).limit(limit + 1)))
    more = len(rows) > limit
    cases = [row[0] for row in rows[:limit]]
    count = rows[0][1] if rows else (0 if not cursor else None)
    return Page(cases, encode_cursor(cases[-1], sort) if more else None, count)


def queue_statement(
    user: User,
    queue: str | None,
    *,
    now: datetime,
    filters: dict | None = None,
    query: str = "",
    cursor: str | None = None,
    sort: str = DEFAULT_SORT,
) -> sa.Select:
    """The SELECT behind a queue page in the chosen order (empty values last, then id), without its LIMIT."""
    key, descending = _sort_key(sort)
    statement = _matching(user, queue, now=now, filters=filters, query=query)
    statement = _after(statement, sort, decode_cursor(cursor, sort)) if cursor else statement
    column = SORT_COLUMNS[key]
    order = (column.desc(), Case.id.desc()) if descending else (column.asc(), Case.id)
    return statement.options(*LIST_OPTIONS).order_by(order[0].nulls_last(), order[1])


def _matching(user: User, queue: str | None, *, now: datetime, filters: dict | None, query: str) -> sa.Select:
    """Every visible case of the queue that the filters and the search keep, unordered."""
    statement = open_cases(user) if queue else scope_filter(user, sa.select(Case))
    if queue:
        statement = statement.where(queue_condition(user, queue, today=local_date(now)))
    statement = _filtered(statement, filters or {})
    if query.strip():
        statement = statement.where(search_condition(query))
    return statement


def filtered_count(user: User, queue: str | None, *, now: datetime,
                   filters: dict | None = None, query: str = ""):
    """How many cases the queue, filters and search keep, as a scalar subquery to ride on another SELECT."""
    matching = _matching(user, queue, now=now, filters=filters, query=query).with_only_columns(Case.id)
    return sa.select(sa.func.count()).select_from(matching.subquery()).scalar_subquery().label("total")


def _sort_key(sort: str) -> tuple[str, bool]:
    """The column key and direction of a sort name; InvalidInput for a name not on the list."""
    if sort not in SORTS:
        raise InvalidInput(UNKNOWN_SORT, errors={"sort": [f"Choose one of {', '.join(SORTS)}."]})
    return sort.lstrip("-"), sort.startswith("-")


def _filtered(statement: sa.Select, filters: dict) -> sa.Select:
    """Apply equality filters, the received-date range and a set of case ids."""
    for name in FILTERS:
        if filters.get(name):
            statement = statement.where(getattr(Case, name) == filters[name])
    if filters.get("received_from"):
        statement = statement.where(Case.received_on >= filters["received_from"])
    if filters.get("received_to"):
        statement = statement.where(Case.received_on <= filters["received_to"])
    if filters.get("within") is not None:  # a SELECT of case ids, e.g. the cases behind a report's figure
        statement = statement.where(Case.id.in_(filters["within"]))
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


def _after(statement: sa.Select, sort: str, position: tuple) -> sa.Select:
    """Keyset condition: rows after (value, id) in the sort's order, empty values last."""
    key, descending = _sort_key(sort)
    column, (value, case_id) = SORT_COLUMNS[key], position
    beyond = (lambda a, b: a < b) if descending else (lambda a, b: a > b)
    if value is None:
        return statement.where(column.is_(None), beyond(Case.id, case_id))
    return statement.where(
        sa.or_(beyond(column, value), sa.and_(column == value, beyond(Case.id, case_id)), column.is_(None))
    )


def encode_cursor(case: Case, sort: str = DEFAULT_SORT) -> str:
    """An opaque cursor for the position after `case` in the given order."""
    value = getattr(case, SORT_COLUMNS[_sort_key(sort)[0]].key)
    text = "~" if value is None else (value.isoformat() if isinstance(value, date) else str(value))
    raw = f"{sort}|{text}|{case.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str = DEFAULT_SORT) -> tuple:
    """The (value, id) position in a cursor of this order; InvalidInput when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        cursor_sort, text, case_id = raw.split("|")
        if cursor_sort != sort:
            raise ValueError(cursor_sort)
        key = _sort_key(sort)[0]
        value = None if text == "~" else (text if key == "code" else date.fromisoformat(text))
        return value, int(case_id)
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise InvalidInput(
            "Invalid cursor.", errors={"cursor": ["Use the cursor from the previous page."]}
        ) from error


def queue_counts(user: User, *, now: datetime, extra: dict | None = None) -> dict[str, int]:
    """Every queue's count in one statement (plus any `extra` scalar subqueries, by name)."""
    today = local_date(now)
    columns = [
        sa.func.coalesce(sa.func.sum(sa.case((queue_condition(user, q, today=today), 1), else_=0)), 0).label(
            q
        )
        for q in QUEUES
    ]
    columns += [subquery.label(name) for name, subquery in (extra or {}).items()]
    statement = scope_filter(user, sa.select(*columns).select_from(Case).where(Case.is_open == sa.true()))
    return dict(db.session.execute(statement).one()._mapping)


def due_badge(case: Case, today: date) -> tuple[str, int] | None:
    """('left', n) days before the due date, ('today', 0) on it, ('over', n) after it; None without one."""
    if case.due_on is None or not case.is_open:
        return None
    days = (case.due_on - today).days
    if days > 0:
        return "left", days
    return ("today", 0) if days == 0 else ("over", -days)

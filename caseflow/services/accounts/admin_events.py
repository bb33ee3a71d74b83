"""The administrators' audit trail: changes to units, users, roles, calendar and rules, in one hash chain."""

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import g, has_request_context
from sqlalchemy.orm import joinedload

from caseflow.extensions import db
from caseflow.hashchain import json_safe, link_hash
from caseflow.models import AdminEvent, User
from caseflow.timeutil import now_utc

logger = logging.getLogger("caseflow.admin")
PAGE_SIZE = 50
# A transaction advisory lock serialises the chain's writers on PostgreSQL (SQLite writes one at a time).
_CHAIN_LOCK_KEY = 7_300_511_201
_INSERT = sa.insert(AdminEvent.__table__)


def content_of(event) -> dict:
    """What an admin event's hash covers (an ORM object or a row)."""
    return {
        "seq": event.seq,
        "created_dt": event.created_dt.isoformat(),
        "actor": event.actor,
        "actor_user_id": event.actor_user_id,
        "action": event.action,
        "details": event.details,
        "request_id": event.request_id,
    }


def record(actor: User, action: str, *, now: datetime | None = None, **details) -> AdminEvent:
    """Append an administrator's change to the chain and log it (the caller's transaction commits both)."""
    _lock_chain()
    last = db.session.execute(
        sa.select(AdminEvent.seq, AdminEvent.hash).order_by(AdminEvent.seq.desc()).limit(1)
    ).first()
    event = AdminEvent(
        seq=(last.seq + 1) if last else 1,
        created_dt=now or now_utc(),
        actor=actor.actor_label,
        actor_user_id=actor.id,
        action=action,
        details=json_safe(details),
        request_id=g.get("request_id", "") if has_request_context() else "",
        prev_hash=last.hash if last else "",
    )
    event.hash = link_hash(event.prev_hash, content_of(event))
    db.session.execute(_INSERT, {column.name: getattr(event, column.name) for column in _columns()})
    logger.info("admin %s: %s %s", actor.username, action, event.details)
    return event


def _columns() -> Iterator[sa.Column]:
    """The table's columns but the generated id."""
    return (column for column in AdminEvent.__table__.columns if column.name != "id")


def _lock_chain() -> None:
    """Hold the chain for this transaction on PostgreSQL, so two administrators never fork it."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.select(sa.func.pg_advisory_xact_lock(_CHAIN_LOCK_KEY)))


@dataclass(frozen=True)
class AdminPage:
    """One page of the trail, newest first, and where the next (older) page starts."""

    events: list[AdminEvent]
    older_than: int | None
    total: int


def page(before_seq: int | None = None, size: int = PAGE_SIZE) -> AdminPage:
    """The newest events (older than `before_seq` when given)."""
    statement = (
        sa.select(AdminEvent)
        .options(joinedload(AdminEvent.actor_user))
        .order_by(AdminEvent.seq.desc())
        .limit(size + 1)
    )
    if before_seq:
        statement = statement.where(AdminEvent.seq < before_seq)
    events = list(db.session.scalars(statement))
    older = events[size - 1].seq if len(events) > size else None
    total = db.session.scalar(sa.select(sa.func.count()).select_from(AdminEvent)) or 0
    return AdminPage(events[:size], older, total)


@dataclass(frozen=True)
class ChainCheck:
    """How many admin events verify, and the first that does not (its seq and the problem), if any."""

    events: int
    broken_seq: int | None = None
    problem: str = ""


def verify_chain() -> ChainCheck:
    """Recompute the admin chain from its first event; stop at the first break."""
    table = AdminEvent.__table__
    rows = db.session.execute(sa.select(table).order_by(table.c.seq).execution_options(yield_per=2000))
    prev_hash, expected = "", 1
    for row in rows:
        problem = _problem(row, expected, prev_hash)
        if problem:
            rows.close()
            return ChainCheck(expected - 1, expected, problem)
        prev_hash, expected = row.hash, expected + 1
    return ChainCheck(expected - 1)


def _problem(row, expected_seq: int, prev_hash: str) -> str:
    """Why one row breaks the chain, or ''."""
    if row.seq != expected_seq:
        return f"event seq {expected_seq} is missing"
    if row.prev_hash != prev_hash:
        return "link to the previous event is broken"
    if link_hash(prev_hash, content_of(row)) != row.hash:
        return "content does not match its hash (edited)"
    return ""

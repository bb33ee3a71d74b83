"""The audit trail: append events hash-chained per case, and verify every chain."""

from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.hashchain import json_safe, link_hash
from caseflow.models import Case, CaseEvent, User

SYSTEM_SWEEP = "system:sweep"
INSERT_EVENT = sa.insert(CaseEvent.__table__).returning(CaseEvent.__table__.c.id)
_EVENT_COLUMNS = (
    "case_id",
    "seq",
    "created_dt",
    "actor",
    "actor_user_id",
    "action",
    "from_status",
    "to_status",
    "changes",
    "params",
    "reason",
    "request_id",
    "prev_hash",
    "hash",
)


def content_of(event: CaseEvent) -> dict:
    """What an event's hash covers."""
    return {
        "case_id": event.case_id,
        "seq": event.seq,
        "created_dt": event.created_dt.isoformat(),
        "actor": event.actor,
        "actor_user_id": event.actor_user_id,
        "action": event.action,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "changes": event.changes,
        "params": event.params,
        "reason": event.reason,
        "request_id": event.request_id,
    }


def chain_hash(prev_hash: str, event: CaseEvent) -> str:
    """SHA-256 over the previous hash and this event's canonical content."""
    return link_hash(prev_hash, content_of(event))


def append_event(
    case: Case,
    *,
    action: str,
    now: datetime,
    actor: User | None = None,
    actor_label: str = "",
    from_status: str | None = None,
    to_status: str | None = None,
    changes: dict | None = None,
    params: dict | None = None,
    reason: str = "",
    request_id: str = "",
) -> CaseEvent:
    """Insert the next event of the case's chain (a Core INSERT: events are never updated through the ORM).

    The caller holds the case's write lock; the returned CaseEvent is a detached record of the row.
    """
    event = CaseEvent(
        case_id=case.id,
        seq=case.last_event_seq + 1,
        created_dt=now,
        actor=actor_label or (actor.actor_label if actor else SYSTEM_SWEEP),
        actor_user_id=actor.id if actor else None,
        action=action,
        from_status=from_status,
        to_status=to_status,
        changes=json_safe(changes or {}),
        params=json_safe(params or {}),
        reason=reason or "",
        request_id=request_id or "",
        prev_hash=case.last_event_hash,
    )
    event.hash = chain_hash(event.prev_hash, event)
    row = {column: getattr(event, column) for column in _EVENT_COLUMNS}
    event.id = db.session.execute(INSERT_EVENT, row).scalar_one()
    case.last_event_seq, case.last_event_hash = event.seq, event.hash
    return event


@dataclass(frozen=True)
class BrokenEvent:
    """The first place a chain does not verify."""

    case_id: int
    tracking_code: str
    seq: int
    event_id: int | None
    problem: str

    def __str__(self) -> str:
        where = f"event {self.event_id}" if self.event_id else "chain head"
        return f"case {self.tracking_code} (id {self.case_id}), seq {self.seq}, {where}: {self.problem}"


@dataclass
class VerifyResult:
    """How many chains and events were checked, and the first broken one, if any."""

    cases: int = 0
    events: int = 0
    broken: BrokenEvent | None = None


def verify_chains(progress: Callable[[int], None] | None = None, batch: int = 2000) -> VerifyResult:
    """Recompute every case's chain; stop at the first broken event."""
    result = VerifyResult()
    heads = _case_heads()
    with closing(_events_by_case()) as chains:
        for case_id, events in chains:
            code, head_seq, head_hash = heads.pop(case_id, (str(case_id), None, None))
            result.cases += 1
            result.broken = _verify_one(case_id, code, events, head_seq, head_hash, result)
            if result.broken:
                return result
            if progress and result.cases % batch == 0:
                progress(result.cases)
    for case_id, (code, head_seq, _hash) in heads.items():
        if head_seq:
            result.broken = BrokenEvent(case_id, code, 1, None, "events missing: the chain is empty")
            return result
    return result


def _verify_one(case_id, code, events, head_seq, head_hash, result) -> BrokenEvent | None:
    """Check one chain: sequence, links, hashes, and that it ends where the case says it does."""
    prev_hash, expected_seq = "", 1
    for event in events:
        result.events += 1
        if event.seq != expected_seq:
            return BrokenEvent(case_id, code, expected_seq, event.id, f"event seq {expected_seq} is missing")
        if event.prev_hash != prev_hash:
            return BrokenEvent(case_id, code, event.seq, event.id, "link to the previous event is broken")
        if chain_hash(prev_hash, event) != event.hash:
            return BrokenEvent(case_id, code, event.seq, event.id, "content does not match its hash (edited)")
        prev_hash, expected_seq = event.hash, expected_seq + 1
    if head_seq is not None and (head_seq != expected_seq - 1 or head_hash != prev_hash):
        return BrokenEvent(
            case_id,
            code,
            expected_seq,
            None,
            f"the case records {head_seq} events but the chain has {expected_seq - 1}",
        )
    return None


def _case_heads() -> dict[int, tuple[str, int, str]]:
    """Each case's tracking code and the chain head it records."""
    rows = db.session.execute(
        sa.select(Case.id, Case.tracking_code, Case.last_event_seq, Case.last_event_hash)
    )
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def _events_by_case() -> Iterator[tuple[int, list]]:
    """Event rows (not ORM objects, to keep memory flat) grouped by case in chain order, streamed."""
    table = CaseEvent.__table__
    statement = sa.select(table).order_by(table.c.case_id, table.c.seq).execution_options(yield_per=2000)
    current, bucket = None, []
    rows = db.session.execute(statement)
    try:
        for event in rows:
            if event.case_id != current and bucket:
                yield current, bucket
                bucket = []
            current = event.case_id
            bucket.append(event)
        if bucket:
            yield current, bucket
    finally:
        rows.close()

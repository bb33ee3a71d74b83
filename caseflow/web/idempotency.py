"""Once-only POSTs: an Idempotency-Key (API) or a form token (web) names one request and its first answer."""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from caseflow.errors import ConflictError
from caseflow.extensions import begin_write, db
from caseflow.i18n import N_
from caseflow.models import IdempotencyKey
from caseflow.sql import insert_or_ignore

KEY_REUSED = N_("This Idempotency-Key was already used for a different request.")


@dataclass
class Replay:
    """The stored first answer to a repeated request."""

    status_code: int
    body: str
    headers: dict


def fingerprint(method: str, path: str, payload) -> str:
    """A digest of what the request asks for (same key + another fingerprint is refused)."""
    canonical = json.dumps([method.upper(), path, payload], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def claim(
    owner: str, key: str, *, method: str, path: str, digest: str, now: datetime
) -> IdempotencyKey | Replay:
    """Reserve `key` for this request, or hand back the first request's stored answer.

    The reservation is a row inserted in the caller's transaction: a concurrent duplicate waits on it
    (PostgreSQL's unique index, SQLite's write lock) and then sees the finished answer.

    :raises ConflictError: the key was used for a different request
    """
    begin_write()
    row = {"owner": owner, "key": key[:200], "method": method, "path": path[:300], "fingerprint": digest}
    db.session.execute(
        insert_or_ignore(IdempotencyKey, {**row, "response_headers": {}, "created_dt": now}, ["owner", "key"])
    )
    stored = db.session.scalars(
        sa.select(IdempotencyKey)
        .where(IdempotencyKey.owner == owner, IdempotencyKey.key == key[:200])
        .execution_options(populate_existing=True)
    ).one()
    if stored.fingerprint != digest or stored.method != method or stored.path != path[:300]:
        raise ConflictError(KEY_REUSED)
    if stored.status_code is None:
        # Unfinished rows are never committed (claim and complete share one transaction): this one is ours.
        return stored
    return Replay(stored.status_code, stored.response_body or "", dict(stored.response_headers or {}))


def complete(
    record: IdempotencyKey, *, status_code: int, body: str = "", headers: dict | None = None
) -> None:
    """Store the answer so that a replay of the same key returns it."""
    record.status_code = status_code
    record.response_body = body
    record.response_headers = headers or {}
    db.session.flush()


def purge(before: datetime) -> int:
    """Forget keys older than `before` (run by the sweep); the number removed."""
    result = db.session.execute(sa.delete(IdempotencyKey).where(IdempotencyKey.created_dt < before))
    return result.rowcount or 0

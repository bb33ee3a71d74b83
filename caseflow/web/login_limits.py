"""Logins that resist guessing: a limit per client, a growing delay per account, the same answer for all.

Every login, on the page or for an API token, is counted per client address. Failures are counted per
username, whether or not the account exists: after five, each further attempt on that name must wait
2, 4, 8 … seconds, at most a minute, so guessing is slow but nobody can lock anyone out for long.
"""

import time
from datetime import datetime

from caseflow.i18n import N_
from caseflow.models import User
from caseflow.services.accounts.login import LoginRefused, authenticate
from caseflow.web.ratelimit import check_rate, storage

FREE_FAILURES = 5
MAX_DELAY_SECONDS = 60
FAILURE_MEMORY_SECONDS = 3600
WAIT = N_("Too many failed logins with this username; wait %(seconds)s seconds and try again.")


def log_in(username: str, password: str, *, bucket: str, now: datetime) -> User:
    """The user, or LoginRefused (wrong credentials, or wait) or RateLimited (this client tries too often)."""
    check_rate(bucket)
    name = (username or "").strip().lower()
    wait = _seconds_to_wait(name)
    if wait:
        raise LoginRefused(WAIT, seconds=wait)
    try:
        user = authenticate(name, password, now=now)
    except LoginRefused:
        _count_failure(name)
        raise
    _forget_failures(name)
    return user


def _seconds_to_wait(name: str) -> int:
    """How long this username must wait before the next attempt (0: it may try now)."""
    gate = _key("gate", name)
    if not storage().get(gate):
        return 0
    return max(1, int(storage().get_expiry(gate) - time.time()) + 1)


def _count_failure(name: str) -> None:
    """One more failure; past the free ones, close the gate for a doubling delay."""
    failures = storage().incr(_key("failures", name), FAILURE_MEMORY_SECONDS)
    if failures > FREE_FAILURES:
        delay = min(2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS)
        storage().incr(_key("gate", name), delay)


def _forget_failures(name: str) -> None:
    """A good login clears the username's failures."""
    storage().clear(_key("failures", name))
    storage().clear(_key("gate", name))


def _key(kind: str, name: str) -> str:
    """A storage key of this username."""
    return f"caseflow/login/{kind}/{name}"



"""Fixed-window rate limits for public endpoints and token login, kept in the process's memory.

Each gunicorn worker counts on its own, so the effective limit is the configured one times the workers;
limits are meant to stop guessing PINs and flooding forms, not to meter honest use.
"""

import threading
import time
from dataclasses import dataclass

from flask import current_app

from caseflow.errors import CaseflowError
from caseflow.i18n import N_

# bucket: (requests allowed, window in seconds)
DEFAULT_LIMITS = {
    "track": (20, 60),
    "submit": (5, 600),
    "token": (10, 60),
    "open311_read": (120, 60),
    "open311_write": (30, 60),
}
TOO_MANY = N_("Too many requests; please wait a little and try again.")
_EXTENSION_KEY = "caseflow.ratelimit"


class RateLimited(CaseflowError):
    """The caller made too many requests in the current window."""

    status_code, code, title = 429, "rate_limited", "Too many requests"

    def __init__(self, retry_after: int):
        super().__init__(TOO_MANY)
        self.retry_after = retry_after


@dataclass
class Window:
    """The requests counted for one key in the current window."""

    started: float
    count: int


class FixedWindowLimiter:
    """Counts requests per (bucket, key) in fixed windows; thread-safe."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._windows: dict[tuple[str, str], Window] = {}

    def hit(self, bucket: str, key: str, *, limit: int, period: int) -> int | None:
        """Count one request; None when allowed, else the seconds until the window ends."""
        now = self._clock()
        with self._lock:
            window = self._windows.get((bucket, key))
            if window is None or now - window.started >= period:
                self._prune(now, period)
                window = self._windows[(bucket, key)] = Window(now, 0)
            window.count += 1
            if window.count > limit:
                return max(1, int(period - (now - window.started)) + 1)
        return None

    def _prune(self, now: float, period: int) -> None:
        """Forget finished windows when the table grows (called under the lock)."""
        if len(self._windows) > 10_000:
            self._windows = {k: w for k, w in self._windows.items() if now - w.started < period}

    def reset(self) -> None:
        """Forget every count (tests)."""
        with self._lock:
            self._windows.clear()


def limiter() -> FixedWindowLimiter:
    """The application's limiter."""
    return current_app.extensions.setdefault(_EXTENSION_KEY, FixedWindowLimiter())


def limits_for(bucket: str) -> tuple[int, int]:
    """(limit, period) of a bucket: CASEFLOW_RATE_LIMITS overrides the defaults."""
    configured = current_app.config.get("CASEFLOW_RATE_LIMITS") or {}
    limit, period = configured.get(bucket, DEFAULT_LIMITS[bucket])
    return int(limit), int(period)


def check_rate(bucket: str, key: str) -> None:
    """Count a request of `key` in `bucket`; raises RateLimited when over the limit."""
    limit, period = limits_for(bucket)
    retry_after = limiter().hit(bucket, key, limit=limit, period=period)
    if retry_after is not None:
        raise RateLimited(retry_after)

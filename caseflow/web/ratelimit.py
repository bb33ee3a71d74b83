"""Rate limits for logins, tokens, tracking, online letters and Open311, counted by Flask-Limiter.

The counts live in Redis when CASEFLOW_REDIS_URL is set, so every worker and every node shares them; otherwise
in the process's memory (one worker: exact; several: each counts on its own). The client is the address the
request came from, as ProxyFix reports it behind a reverse proxy.
"""

import time

from flask import Flask, current_app, request
from flask_limiter import Limiter
from limits import RateLimitItemPerSecond
from limits.storage import Storage

from caseflow.errors import CaseflowError
from caseflow.i18n import N_

# bucket: (requests allowed, window in seconds)
DEFAULT_LIMITS = {
    "track": (20, 60),
    "submit": (5, 600),
    "token": (10, 60),
    "login": (20, 300),
    "open311_read": (120, 60),
    "open311_write": (30, 60),
}
TOO_MANY = N_("Too many requests; please wait a little and try again.")
_EXTENSION_KEY = "caseflow.ratelimit"


class RateLimited(CaseflowError):
    """The caller made too many requests in the current window."""

    status_code, code, title = 429, "rate_limited", "Too many requests"

    def __init__(self, retry_after: int, detail: str = TOO_MANY):
        super().__init__(detail)
        self.retry_after = retry_after


def client_address() -> str:
    """The client's address (the proxy's view of it, through ProxyFix)."""
    return request.remote_addr or ""


def init_limits(app: Flask) -> None:
    """Create the application's limiter over Redis (CASEFLOW_REDIS_URL) or memory."""
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("CASEFLOW_REDIS_URL") or "memory://")
    app.config.setdefault("RATELIMIT_KEY_PREFIX", "caseflow")
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", False)
    limiter = Limiter(key_func=client_address, strategy="fixed-window", default_limits=[])
    limiter.init_app(app)
    app.extensions[_EXTENSION_KEY] = limiter


def limiter() -> Limiter:
    """The application's limiter."""
    return current_app.extensions[_EXTENSION_KEY]


def storage() -> Storage:
    """Where the counts live (shared by every node when it is Redis)."""
    return limiter().storage


def limits_for(bucket: str) -> tuple[int, int]:
    """(limit, period) of a bucket: CASEFLOW_RATE_LIMITS overrides the defaults."""
    configured = current_app.config.get("CASEFLOW_RATE_LIMITS") or {}
    limit, period = configured.get(bucket, DEFAULT_LIMITS[bucket])
    return int(limit), int(period)


def check_rate(bucket: str, key: str | None = None) -> None:
    """Count a request of `key` (default: the client) in `bucket`; raises RateLimited when over the limit."""
    limit, period = limits_for(bucket)
    item = RateLimitItemPerSecond(limit, period)
    who = client_address() if key is None else key
    strategy = limiter().limiter
    if not strategy.hit(item, bucket, who):
        reset = strategy.get_window_stats(item, bucket, who).reset_time
        raise RateLimited(max(1, int(reset - time.time()) + 1))

"""With CASEFLOW_REDIS_URL the rate limits hold across workers and nodes: two app processes share a count."""

import uuid

import redis

from caseflow import create_app
from caseflow.extensions import db
from tests.conftest import app_settings

REDIS_URL = "redis://127.0.0.1:6379/15"


def node(database_url: str, prefix: str):
    """One more caseflow process on the same database and Redis, tracking limited to 3 a minute."""
    return create_app(
        {
            **app_settings(database_url),
            "CASEFLOW_REDIS_URL": REDIS_URL,
            "RATELIMIT_KEY_PREFIX": prefix,
            "CASEFLOW_RATE_LIMITS": {"track": (3, 60)},
        }
    )


def test_two_nodes_share_one_tracking_limit(database_url, db):
    prefix = f"caseflow-test-{uuid.uuid4().hex}"
    first, second = node(database_url, prefix), node(database_url, prefix)
    try:
        codes = [
            app.test_client().get("/api/v1/public/track/HN-2027-000001?pin=00000000").status_code
            for app in (first, second, first, second)
        ]
        assert codes[:3] == [404, 404, 404] and codes[3] == 429
    finally:
        close(first, second)
        store = redis.Redis.from_url(REDIS_URL)
        keys = list(store.scan_iter(f"{prefix}*"))
        if keys:
            store.delete(*keys)


def test_without_redis_each_process_counts_on_its_own(database_url, db):
    settings = {**app_settings(database_url), "CASEFLOW_RATE_LIMITS": {"track": (3, 60)}}
    first, second = create_app(settings), create_app(settings)
    try:
        codes = [
            app.test_client().get("/api/v1/public/track/HN-2027-000001?pin=00000000").status_code
            for app in (first, second, first, second)
        ]
    finally:
        close(first, second)
    assert 429 not in codes


def close(*apps) -> None:
    """Close the extra processes' database connections (the suite's own app keeps its pool)."""
    for app in apps:
        with app.app_context():
            db.engine.dispose()

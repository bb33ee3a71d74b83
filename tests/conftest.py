"""Fixtures: one migrated database per run (SQLite, or PostgreSQL from CASEFLOW_TEST_DATABASE_URL)."""

import contextvars
import os
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from flask_migrate import upgrade

from caseflow import create_app
from caseflow.extensions import db as _db
from caseflow.extensions import end_write
from caseflow.services.cases import deadlines
from caseflow.web.ratelimit import limiter
from tests.factories import World

TEST_DATABASE_URL = os.environ.get("CASEFLOW_TEST_DATABASE_URL", "")
IS_POSTGRES = TEST_DATABASE_URL.startswith("postgresql")


def pytest_report_header(config):
    """Say which database the suite runs on."""
    where = f"PostgreSQL {TEST_DATABASE_URL}" if IS_POSTGRES else "SQLite (temp file)"
    return f"caseflow test database: {where}"


def pytest_collection_modifyitems(config, items):
    """Deselected, visibly: PostgreSQL-only tests on SQLite; tests that use no test database on PostgreSQL."""
    unwanted = "standalone" if IS_POSTGRES else "postgres"
    selected = [item for item in items if unwanted not in item.keywords]
    deselected = [item for item in items if unwanted in item.keywords]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


def app_settings(database_url: str) -> dict:
    """Settings for tests: fast argon2, a fixed secret, no CSRF in service-level form tests."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "CASEFLOW_ARGON2_MEMORY_KIB": 8,
        "CASEFLOW_ARGON2_TIME_COST": 1,
        "CASEFLOW_SQLITE_SYNCHRONOUS": "OFF",
    }


def reset_postgres_schema(url: str) -> None:
    """Start the PostgreSQL test database empty."""
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """The URL of this run's test database, emptied."""
    if IS_POSTGRES:
        reset_postgres_schema(TEST_DATABASE_URL)
        return TEST_DATABASE_URL
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'caseflow-test.db'}"


@pytest.fixture(scope="session")
def app(database_url):
    """The application on a database migrated from empty to head."""
    application = create_app(app_settings(database_url))
    with application.app_context():
        upgrade()
    yield application
    with application.app_context():
        _db.engine.dispose()


@pytest.fixture
def db(app):
    """The database inside an app context; every table is emptied afterwards."""
    with app.app_context():
        yield _db
        _db.session.rollback()
        _db.session.remove()
        empty_tables()
        deadlines.invalidate_cache()
        end_write()


def empty_tables() -> None:
    """Delete every row; on PostgreSQL with triggers off (the audit trigger refuses DELETE, as it should)."""
    tables = [t.name for t in reversed(_db.metadata.sorted_tables)]
    with _db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
        for table in tables:
            connection.exec_driver_sql(f"DELETE FROM {table}")


@pytest.fixture(autouse=True)
def fresh_limits(app):
    """Every test starts with empty rate-limit counts (logins, tokens, tracking, Open311)."""
    with app.app_context():
        limiter().reset()


@pytest.fixture
def world(db) -> World:
    """A province with two departments and a commune, users of every role, and a stranger unit."""
    return World.build()


@pytest.fixture
def runner(app):
    """The CLI runner."""
    return app.test_cli_runner()


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, session and `g`, as it would in production."""

    def open(self, *args, **kwargs):
        """Run the request outside the test's app context."""
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture
def client(app, db):
    """A test client whose requests do not share the test's database session."""
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture
def now() -> datetime:
    """A fixed 'now' (Monday 2027-01-04, 10:00 in Hà Nội)."""
    return datetime(2027, 1, 4, 3, 0, tzinfo=UTC)

"""Migrations: empty → head → base → head on a fresh database, and the models match the migrations."""

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy.engine import make_url

from caseflow import create_app
from caseflow.extensions import db
from tests.conftest import IS_POSTGRES, TEST_DATABASE_URL, app_settings


@pytest.fixture
def fresh_url(tmp_path):
    """An empty database of the kind the suite runs on."""
    if not IS_POSTGRES:
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    url = make_url(TEST_DATABASE_URL)
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    name = f"{url.database}_migrations"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


def table_names() -> set[str]:
    return set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_upgrade_from_empty_matches_the_models_and_downgrades(fresh_url):
    app = create_app(app_settings(fresh_url))
    with app.app_context():
        upgrade()
        assert table_names() == set(db.metadata.tables)
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, db.metadata) == []
        downgrade(revision="base")
        assert table_names() == set()
        upgrade()
        assert table_names() == set(db.metadata.tables)
        db.engine.dispose()

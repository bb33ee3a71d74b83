"""Small SQL helpers that differ between SQLite and PostgreSQL."""

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from caseflow.extensions import db


def insert_or_ignore(model, rows: list[dict] | dict, key: list[str]):
    """INSERT … ON CONFLICT (key) DO NOTHING on either database."""
    insert = pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    return insert(model.__table__).values(rows).on_conflict_do_nothing(index_elements=key)

"""Small SQL helpers that differ between SQLite and PostgreSQL."""

from functools import cache

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from caseflow.extensions import db
from caseflow.models.settings import Counter


def insert_or_ignore(model, rows: list[dict] | dict, key: list[str]):
    """INSERT … ON CONFLICT (key) DO NOTHING on either database."""
    insert = pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    return insert(model.__table__).values(rows).on_conflict_do_nothing(index_elements=key)


def insert_ignoring(model, key: tuple[str, ...]):
    """A prebuilt INSERT … ON CONFLICT (key) DO NOTHING for executemany (one statement per dialect)."""
    return _insert_ignoring(model.__table__, key, db.engine.dialect.name)


@cache
def _insert_ignoring(table: sa.Table, key: tuple[str, ...], dialect: str):
    """Build the statement once per table, key and dialect: building it per call cost more than running it."""
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    return insert(table).on_conflict_do_nothing(index_elements=list(key))


def next_counter_value(name: str) -> int:
    """Increment the named counter under the write lock and return its new value (1 for a new counter)."""
    statement = sa.update(Counter).where(Counter.name == name).values(value=Counter.value + 1)
    statement = statement.returning(Counter.value)
    value = db.session.scalar(statement)
    if value is None:
        db.session.execute(insert_or_ignore(Counter, {"name": name, "value": 0}, ["name"]))
        value = db.session.scalar(statement)
    return value

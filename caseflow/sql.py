"""Small SQL helpers that differ between SQLite and PostgreSQL."""

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from caseflow.extensions import db
from caseflow.models.settings import Counter


def insert_or_ignore(model, rows: list[dict] | dict, key: list[str]):
    """INSERT … ON CONFLICT (key) DO NOTHING on either database."""
    insert = pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    return insert(model.__table__).values(rows).on_conflict_do_nothing(index_elements=key)


def next_counter_value(name: str) -> int:
    """Increment the named counter under the write lock and return its new value (1 for a new counter)."""
    statement = sa.update(Counter).where(Counter.name == name).values(value=Counter.value + 1)
    statement = statement.returning(Counter.value)
    value = db.session.scalar(statement)
    if value is None:
        db.session.execute(insert_or_ignore(Counter, {"name": name, "value": 0}, ["name"]))
        value = db.session.scalar(statement)
    return value

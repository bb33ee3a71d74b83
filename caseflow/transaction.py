"""The one transaction boundary: requests, commands and jobs commit or roll back here; services only flush."""

from typing import TypeVar

from caseflow.extensions import db

T = TypeVar("T")


def commit() -> None:
    """Make the unit of work permanent."""
    db.session.commit()


def rollback() -> None:
    """Drop the unit of work: nothing is half-saved."""
    db.session.rollback()


def committed(value: T) -> T:
    """Commit the step that produced `value` and hand it back (for jobs that commit step by step)."""
    commit()
    return value

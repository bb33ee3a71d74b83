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


def each_committed(items, step, refusals: tuple[type[Exception], ...]) -> list[tuple]:
    """Run `step` on each item in its own transaction: (item, result, None) kept, (item, None, error) not."""
    outcomes = []
    for item in items:
        try:
            result = step(item)
        except refusals as error:
            rollback()
            outcomes.append((item, None, error))
            continue
        commit()
        outcomes.append((item, result, None))
    return outcomes

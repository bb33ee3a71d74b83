"""Saved filters: each user names the queue views they return to (queue, filters, search, order)."""

from datetime import datetime

import sqlalchemy as sa

from caseflow.errors import InvalidInput, NotFound
from caseflow.extensions import db
from caseflow.i18n import N_
from caseflow.models import SavedFilter, User

# The list arguments a saved filter may keep (never a cursor: a saved view starts at the first page).
ARGUMENTS = ("queue", "q", "kind", "field", "status", "channel", "received_from", "received_to", "sort")
MAX_PER_USER = 50
NAME_NEEDED = N_("Give the filter a name (at most 100 characters).")
TOO_MANY = N_("You already have 50 saved filters; delete one first.")
NO_FILTER = N_("No such saved filter.")


def saved_filters(user: User) -> list[SavedFilter]:
    """The user's saved filters by name."""
    statement = sa.select(SavedFilter).where(SavedFilter.user_id == user.id).order_by(SavedFilter.name)
    return list(db.session.scalars(statement))


def kept_arguments(arguments: dict) -> dict:
    """The list arguments worth keeping: known names with a non-empty text value of at most 200 characters."""
    kept = {}
    for name in ARGUMENTS:
        value = arguments.get(name)
        if value not in (None, "") and len(str(value)) <= 200:
            kept[name] = str(value)
    return kept


def save_filter(user: User, name: str, arguments: dict, *, now: datetime) -> SavedFilter:
    """Save (or, for a name the user already has, replace) a named filter."""
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise InvalidInput(NAME_NEEDED, errors={"name": [NAME_NEEDED]})
    mine = saved_filters(user)
    existing = next((saved for saved in mine if saved.name == name), None)
    if existing is None and len(mine) >= MAX_PER_USER:
        raise InvalidInput(TOO_MANY, errors={"name": [TOO_MANY]})
    saved = existing or SavedFilter(user_id=user.id, name=name, created_dt=now)
    saved.arguments = kept_arguments(arguments)
    db.session.add(saved)
    db.session.flush()
    return saved


def delete_filter(user: User, filter_id: int) -> None:
    """Delete one of the user's saved filters (another user's does not exist for them)."""
    saved = db.session.get(SavedFilter, filter_id)
    if saved is None or saved.user_id != user.id:
        raise NotFound(NO_FILTER)
    db.session.delete(saved)
    db.session.flush()

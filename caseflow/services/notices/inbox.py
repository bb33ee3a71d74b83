"""The in-app inbox: a user's own notifications, newest first; read marks; the daily digest preference."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

import sqlalchemy as sa
from flask_babel import get_locale

from caseflow.errors import InvalidInput, NotFound
from caseflow.extensions import begin_write, db
from caseflow.i18n import N_, translate
from caseflow.labels import action_label
from caseflow.models import Case, Notification, User
from caseflow.services.cases.deadlines import rulebook
from caseflow.services.notices.notifications import SUBJECTS

PAGE_SIZE = 50
NO_NOTIFICATION = N_("No such notification.")
BAD_CURSOR = N_("Use the link to the next page.")


@dataclass(frozen=True)
class InboxRow:
    """One notification as the inbox shows it, with its case's tracking code."""

    notification: Notification
    tracking_code: str | None

    @property
    def is_unread(self) -> bool:
        """Not read yet."""
        return self.notification.read_dt is None


@dataclass(frozen=True)
class InboxPage:
    """One page of the inbox and the cursor of the next, if any."""

    rows: list[InboxRow]
    next_cursor: int | None


def inbox_page(user: User, *, cursor: str | None = None, limit: int = PAGE_SIZE) -> InboxPage:
    """The user's notifications, newest first, `limit` at a time after `cursor` (one statement)."""
    statement = (
        sa.select(Notification, Case.tracking_code)
        .outerjoin(Case, Case.id == Notification.case_id)
        .where(Notification.user_id == user.id)
        .order_by(Notification.id.desc())
        .limit(limit + 1)
    )
    if cursor:
        statement = statement.where(Notification.id < _decode_cursor(cursor))
    rows = [InboxRow(n, code) for n, code in db.session.execute(statement)]
    more = len(rows) > limit
    return InboxPage(rows[:limit], rows[limit - 1].notification.id if more else None)


def _decode_cursor(cursor: str) -> int:
    """The id in a cursor; InvalidInput when it is not a positive number."""
    if not cursor.isdigit() or not 0 < int(cursor) < 2**31:
        raise InvalidInput(BAD_CURSOR, errors={"cursor": [BAD_CURSOR]})
    return int(cursor)


def mark_read(user: User, notification_id: int, *, now: datetime) -> Notification:
    """Mark one of the user's notifications read (again is harmless); someone else's is NotFound."""
    begin_write()
    notification = db.session.get(Notification, notification_id) if 0 < notification_id < 2**31 else None
    if notification is None or notification.user_id != user.id:
        raise NotFound(NO_NOTIFICATION)
    if notification.read_dt is None:
        notification.read_dt = now
    db.session.flush()
    return notification


def mark_all_read(user: User, *, now: datetime) -> int:
    """Mark every unread notification of the user read; how many there were."""
    begin_write()
    statement = (
        sa.update(Notification)
        .where(Notification.user_id == user.id, Notification.read_dt.is_(None))
        .values(read_dt=now)
        .execution_options(synchronize_session=False)
    )
    return db.session.execute(statement).rowcount


def set_digest(user: User, wants_digest: bool) -> None:
    """One e-mail a day summarising the notifications (True), or one e-mail each (False)."""
    begin_write()
    user.wants_digest = wants_digest
    db.session.flush()


def localized_subject(subject: str) -> str:
    """A stored subject in the current language (subjects not built from a known template stay as stored)."""
    for template, pattern in _patterns():
        match = pattern.match(subject)
        if match:
            params = {name: _localized_param(name, value) for name, value in match.groupdict().items()}
            return translate(template).format(**params)
    return subject


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern]]:
    """Each subject template and the regular expression that reads its parameters back."""
    patterns = []
    for template in SUBJECTS.values():
        parts = re.split(r"\{(\w+)\}", template)
        body = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
        patterns.append((template, re.compile(f"^{body}$", re.DOTALL)))
    return patterns


def _localized_param(name: str, value: str) -> str:
    """Dates as dd/mm/yyyy, actions and deadline rules by their names in the current language."""
    if name == "due":
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    if name == "action":
        return action_label(value)
    if name == "rule":
        return _rule_title(value)
    return value


def _rule_title(rule_id: str) -> str:
    """The title of a deadline rule (latest version) in the current language, or its id."""
    versions = rulebook().history.get(rule_id)
    if not versions:
        return rule_id
    rule = versions[-1]
    return rule.title_vi if str(get_locale() or "vi") == "vi" else rule.title

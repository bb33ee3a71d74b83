"""Helpers for page tests: log a user in, post a form with its CSRF token, count SQL statements."""

import re
from contextlib import contextmanager

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import User

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def login(client, user: User) -> None:
    """Start a logged-in session for `user` (the login form itself is tested in test_auth)."""
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


def csrf_token(client, url: str) -> str:
    """The CSRF token of the form on the page at `url`."""
    page = client.get(url)
    match = CSRF.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {url} ({page.status_code})"
    return match.group(1)


def post_form(client, url: str, data: dict, *, form_page: str | None = None, **kwargs):
    """POST `data` to `url` with the CSRF token of the page the form lives on (default: `url`)."""
    token = csrf_token(client, form_page or url)
    return client.post(url, data={**data, "csrf_token": token}, **kwargs)


@contextmanager
def count_statements():
    """Count the SQL statements run inside the block (every connection of the engine)."""
    statements: list[str] = []

    def _record(conn, cursor, statement, *args):
        if not statement.startswith(("BEGIN", "PRAGMA", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")):
            statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", _record)
    try:
        yield statements
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", _record)

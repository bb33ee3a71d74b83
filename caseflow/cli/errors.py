"""What an operator is told, in one line with the fix, when a command cannot run."""

import re

import sqlalchemy as sa
from alembic.util.exc import CommandError

from caseflow.config import ConfigurationError

URL_FORMS = "postgresql+psycopg://USER@HOST:5432/DATABASE or sqlite:////absolute/path/caseflow.db"
NO_TABLES = "The database has no caseflow tables yet ({detail}): run `caseflow db upgrade` first."
UNREACHABLE = (
    "Cannot reach the database server ({detail}): start PostgreSQL, or correct the host and port in "
    "CASEFLOW_DATABASE_URL."
)
# (pattern in the driver's message, what to say); the first that matches wins.
DATABASE_PROBLEMS = (
    (re.compile(r"no such table|relation \".*\" does not exist|UndefinedTable", re.I), NO_TABLES),
    (
        re.compile(r"unable to open database file", re.I),
        "Cannot open the SQLite database file ({detail}): its folder must exist and be writable; "
        "check CASEFLOW_DATABASE_URL or CASEFLOW_INSTANCE_DIR.",
    ),
    (
        re.compile(r"readonly database|read-only", re.I),
        "The SQLite database is read-only for this user ({detail}): run caseflow as the user who owns it.",
    ),
    (
        re.compile(r"database \".*\" does not exist", re.I),
        "{detail}: create it (createdb NAME) or correct the database name in CASEFLOW_DATABASE_URL.",
    ),
    (
        re.compile(r"password authentication failed|role \".*\" does not exist|no password supplied", re.I),
        "PostgreSQL refused the login ({detail}): check the user and password in CASEFLOW_DATABASE_URL.",
    ),
    (
        re.compile(
            r"connection refused|could not translate host|name or service not known|timeout expired|"
            r"no route to host|could not connect|connection to server .* failed|network is unreachable",
            re.I,
        ),
        UNREACHABLE,
    ),
)


def explain(error: BaseException) -> str | None:
    """One line saying what went wrong and how to fix it, or None for an error nobody foresaw."""
    if isinstance(error, ConfigurationError):
        return str(error)
    if isinstance(error, sa.exc.NoSuchModuleError | sa.exc.ArgumentError):
        detail = first_line(error)
        return f"CASEFLOW_DATABASE_URL is not a database URL caseflow can use ({detail}); use {URL_FORMS}."
    if isinstance(error, sa.exc.DBAPIError):
        return _database_problem(error)
    if isinstance(error, CommandError):
        return (
            f"The migrations cannot run ({first_line(error)}); a database migrated by a newer caseflow needs "
            "that version installed."
        )
    if isinstance(error, OSError) and error.filename:
        return (
            f"Cannot use {error.filename}: {error.strerror}. Choose a path in a folder that exists and that "
            "this user may write to."
        )
    return None


def _database_problem(error: sa.exc.DBAPIError) -> str:
    """The database's own complaint, recognised where possible."""
    detail = first_line(error.orig if error.orig is not None else error)
    for pattern, message in DATABASE_PROBLEMS:
        if pattern.search(detail) or pattern.search(type(error.orig).__name__):
            return message.format(detail=detail)
    return f"The database refused the command ({detail}); check CASEFLOW_DATABASE_URL."


def first_line(error: BaseException) -> str:
    """The first non-empty line of an error's message, without the SQL that SQLAlchemy appends."""
    text = str(error).split("\n[SQL:")[0]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return (lines[0] if lines else type(error).__name__).rstrip(".")

"""caseflow backup PATH and caseflow restore PATH."""

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import click
from sqlalchemy.engine import make_url

from caseflow.extensions import db
from caseflow.services.cases.audit import verify_chains


def _sqlite_file() -> Path | None:
    """The SQLite database file, or None on PostgreSQL."""
    url = make_url(str(db.engine.url))
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None


def _pg_url() -> str:
    """The libpq URL of the PostgreSQL database."""
    return make_url(str(db.engine.url)).set(drivername="postgresql").render_as_string(hide_password=False)


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup(path: Path):
    """Write a consistent copy of the live database to PATH (SQLite backup API, or pg_dump)."""
    source = _sqlite_file()
    if source:
        _sqlite_copy(source, path)
    else:
        _run(["pg_dump", "--format=custom", f"--file={path}", _pg_url()])
    click.secho(f"Backup written to {path} ({path.stat().st_size:,} bytes).", fg="green")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore(path: Path, yes: bool):
    """Replace the database with the backup at PATH, then verify every audit chain."""
    if not yes:
        click.confirm("This replaces every case in the database. Continue?", abort=True)
    db.session.remove()
    target = _sqlite_file()
    if target:
        db.engine.dispose()
        _sqlite_copy(path, target)
    else:
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={_pg_url()}", str(path)])
    result = verify_chains()
    if result.broken:
        click.secho(f"Restored, but an audit chain is broken: {result.broken}", fg="red", err=True)
        sys.exit(1)
    click.secho(f"Restored from {path}; {result.events} events in {result.cases} chains verify.", fg="green")


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy a live SQLite database page by page with the online backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst, pages=1024)
    dst.close()
    src.close()


def _run(command: list[str]) -> None:
    """Run a PostgreSQL client tool, failing clearly when it is missing."""
    if shutil.which(command[0]) is None:
        click.secho(
            f"Error: {command[0]} is not installed (apt-get install postgresql-client).", fg="red", err=True
        )
        sys.exit(1)
    subprocess.run(command, check=True)  # noqa: S603


COMMANDS = (backup, restore)

"""caseflow backup PATH and caseflow restore PATH."""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import click
from sqlalchemy.engine import URL

from caseflow.extensions import db
from caseflow.services.cases.audit import verify_chains


def _sqlite_file() -> Path | None:
    """The SQLite database file, or None on PostgreSQL."""
    url = db.engine.url
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None


def _pg_url() -> str:
    """The libpq URL of the PostgreSQL database, without its password (that goes in PGPASSWORD)."""
    url = db.engine.url
    bare = URL.create("postgresql", url.username, None, url.host, url.port, url.database, url.query)
    return bare.render_as_string(hide_password=False)


def _pg_environment() -> dict[str, str]:
    """The environment of pg_dump and pg_restore: the password in PGPASSWORD, never on a command line."""
    environment = dict(os.environ)
    password = db.engine.url.password
    if password is not None:
        environment["PGPASSWORD"] = str(password)
    return environment


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
    try:
        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            src.backup(dst, pages=1024)
    except sqlite3.Error as error:
        _fail(f"cannot copy {source} to {target} ({error}): check that both folders exist and are writable.")
    dst.close()
    src.close()


def _run(command: list[str]) -> None:
    """Run a PostgreSQL client tool with the password in its environment; its complaint becomes one line."""
    if shutil.which(command[0]) is None:
        _fail(f"{command[0]} is not installed (apt-get install postgresql-client).")
    done = subprocess.run(  # noqa: S603 - a fixed tool and arguments, no shell
        command, env=_pg_environment(), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if "error" in line.lower()]
        lines = lines or [line for line in done.stderr.splitlines() if line.strip()]
        _fail(f"{command[0]} failed: {lines[0] if lines else f'exit status {done.returncode}'}")


def _fail(message: str) -> None:
    """Say what went wrong in one line and exit 1."""
    click.secho(f"Error: {message}", fg="red", err=True)
    sys.exit(1)


COMMANDS = (backup, restore)

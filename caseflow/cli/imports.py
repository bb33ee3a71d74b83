"""caseflow import letters: a unit's letters register (CSV or XLSX) into caseflow, all rows or none."""

import click
import sqlalchemy as sa

from caseflow.cli.admin import fail
from caseflow.errors import CaseflowError
from caseflow.extensions import db
from caseflow.models import User
from caseflow.services.reception.letters_import import import_letters, read_register
from caseflow.timeutil import now_utc
from caseflow.transaction import commit


@click.group("import")
def import_group():
    """Bring in the records an agency already keeps."""


@import_group.command("letters")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--user", "username", required=True, help="The official importing (reception and officer).")
def letters(path, username):
    """Import a letters register (docs/import/letters.md); a second import of the same file adds nothing."""
    actor = db.session.scalar(sa.select(User).where(User.username == username, User.is_active_user.is_(True)))
    if actor is None:
        raise click.BadParameter(f"no active user {username!r}", param_hint="--user")

    def progress(done: int, total: int) -> None:
        click.echo(f"  {done}/{total} dòng", err=True)

    try:
        result = import_letters(read_register(path), actor=actor, now=now_utc(), progress=progress)
    except CaseflowError as error:
        fail(error)
    commit()
    click.secho(
        f"OK: {result.created} đơn đã nhập, {result.skipped} dòng đã có (bỏ qua), {result.rows} dòng đã đọc.",
        fg="green",
    )


COMMANDS = (import_group,)

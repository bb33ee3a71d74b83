"""caseflow export national: the NĐ 55/2022 Art 6 data of a period, as JSON or CSV, streamed to a file."""

import sys
from contextlib import nullcontext

import click
import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Unit
from caseflow.services.reports.national_export import FORMATS, Counts, Period
from caseflow.timeutil import now_utc
from caseflow.transaction import rollback

DAY = click.DateTime(["%Y-%m-%d"])


@click.group("export")
def export_group():
    """Exports for other systems."""


@export_group.command("national")
@click.option("--from", "start", required=True, type=DAY, help="First day (YYYY-MM-DD).")
@click.option("--to", "end", required=True, type=DAY, help="Last day, included.")
@click.option("--unit", "unit_code", default=None, help="Only this unit and the units below it.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="json", show_default=True)
@click.option("--output", required=True, type=click.Path(dir_okay=False, allow_dash=True), help="File, or -.")
def national(start, end, unit_code, fmt, output):
    """Reception sessions and letters of the period for the national database; denouncers never named."""
    if end < start:
        raise click.BadParameter("--to comes before --from.", param_hint="--to")
    period = Period(start.date(), end.date(), _unit(unit_code))
    chunks, counts = FORMATS[fmt][0], Counts()
    with _open(output) as handle:
        for chunk in chunks(period, now=now_utc(), counts=counts, progress=_progress):
            handle.write(chunk)
    rollback()
    click.secho(
        f"OK: {counts.reception} reception sessions and {counts.letters} letters "
        f"({counts.identity_withheld} with the identity withheld) written to {output}.",
        fg="green",
        err=output == "-",
    )


def _unit(code: str | None) -> Unit | None:
    """The unit of --unit, or None for every unit."""
    if code is None:
        return None
    unit = db.session.scalars(sa.select(Unit).where(Unit.code == code)).first()
    if unit is None:
        raise click.BadParameter(f"No unit has the code {code!r}.", param_hint="--unit")
    return unit


def _open(path: str):
    """The output file, UTF-8 (stdout for -)."""
    if path == "-":
        return nullcontext(sys.stdout)
    return open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by the with


def _progress(section: str, done: int) -> None:
    """Progress on stderr, one line per batch."""
    click.echo(f"  {section}: {done}", err=True)


COMMANDS = (export_group,)

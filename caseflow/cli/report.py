"""caseflow report FORM: compute a statistical form for a unit and period: CSV, XLSX or JSON."""

import json
import sys

import click
import sqlalchemy as sa

from caseflow.errors import CaseflowError
from caseflow.extensions import db
from caseflow.models import Unit
from caseflow.services.reports import FORMS, build_report
from caseflow.services.reports.export import to_csv, to_xlsx
from caseflow.services.reports.periods import resolve_period
from caseflow.timeutil import local_date, now_utc
from caseflow.transaction import rollback

BINARY_FORMATS = frozenset({"xlsx"})


def _unit(code: str | None) -> Unit:
    """The unit named by --unit, or the only root unit."""
    if code:
        unit = db.session.scalar(sa.select(Unit).where(Unit.code == code.strip().upper()))
        if unit is None:
            raise click.UsageError(f"No unit with code {code}.")
        return unit
    roots = list(db.session.scalars(sa.select(Unit).where(Unit.parent_id.is_(None)).limit(2)))
    if len(roots) != 1:
        raise click.UsageError("Name the unit with --unit CODE (there is not exactly one root unit).")
    return roots[0]


@click.command("report")
@click.argument("form", type=click.Choice(list(FORMS)))
@click.option("--period", "code", help="q1-2026 … q4-2026, 6m-2026, 9m-2026 or 12m-2026 (15th→14th cut-off)")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="first day of a custom period")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="last day of a custom period")
@click.option("--unit", "unit_code", help="unit code (default: the root unit); its subtree is reported")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), default="csv", show_default=True)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="file to write (default: stdout for csv and json; required for xlsx)",
)
def report_command(form, code, start, end, unit_code, fmt, output):
    """Compute FORM (reception, processing, complaints, denunciations) for a unit and a period."""
    if fmt in BINARY_FORMATS and not output:
        raise click.UsageError(f"{fmt.upper()} is a binary format: name the file to write with --output.")
    try:
        period = resolve_period(code=code, start=start and start.date(), end=end and end.date())
        report = build_report(form, unit=_unit(unit_code), period=period)
    except CaseflowError as error:
        details = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.errors.items())
        raise click.UsageError(f"{error.detail} {details}".strip()) from error
    if fmt == "xlsx":
        data = to_xlsx(report, made_on=local_date(now_utc()))
    elif fmt == "csv":
        data = to_csv(report)
    else:
        data = (json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    _write(data, output)
    rollback()


def _write(data: bytes, output: str | None) -> None:
    """Save to `output`, or write to stdout."""
    if output:
        with open(output, "wb") as handle:
            handle.write(data)
        click.echo(f"Wrote {output} ({len(data):,} bytes).", err=True)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


COMMANDS = (report_command,)

"""caseflow demo: load the Hà Nội demo (idempotent) and print the logins."""

import sys

import click

from caseflow.demo import DemoReport, load_demo
from caseflow.demo.runner import holds_other_data
from caseflow.errors import CaseflowError
from caseflow.timeutil import now_utc
from caseflow.transaction import rollback

PROGRESS_EVERY = 20


@click.command("demo")
@click.option("--force", is_flag=True, help="Load the demo even into a database that holds other data.")
def demo_command(force):
    """Load demo units, users and about 200 cases (a second run adds nothing); print the logins.

    Every demo login has the password caseflow-demo: a demo database is not for real cases.
    """
    if holds_other_data() and not force:
        rollback()
        raise click.ClickException(
            "This database already holds units, users or cases that are not the demo's; the demo would add "
            "fake cases and accounts with a known password. Use an empty database, or --force if you mean it."
        )

    def progress(done: int, total: int) -> None:
        if done % PROGRESS_EVERY == 0 or done == total:
            click.echo(f"  {done}/{total} demo stories loaded", err=True)

    click.echo("Loading the demo (units, users, cases through the services)…", err=True)
    try:
        report = load_demo(now=now_utc(), progress=progress)
    except CaseflowError as error:
        rollback()
        click.secho(f"Error: {error.detail}", fg="red", err=True)
        for field, messages in error.errors.items():
            click.secho(f"  {field}: {messages}", fg="red", err=True)
        click.secho("The stories loaded so far are kept; run `caseflow demo` again to resume.", err=True)
        sys.exit(1)
    if report.already_loaded:
        click.secho("Demo already loaded: nothing added.", fg="yellow")
    else:
        click.secho(f"Demo loaded: {report.stories_run} stories run through the services.", fg="green")
    _print_summary(report)
    _print_logins(report)


def _print_summary(report: DemoReport) -> None:
    """Units, users, cases by status and kind, overdue and suspended counts, reception sessions."""
    click.echo(f"\nUnits: {report.units}   Users: {len(report.logins)}   Cases: {report.cases}")
    click.echo("Cases by status: " + ", ".join(f"{k} {v}" for k, v in sorted(report.by_status.items())))
    click.echo("Cases by kind:   " + ", ".join(f"{k} {v}" for k, v in sorted(report.by_kind.items())))
    click.echo(
        f"Overdue: {report.overdue}   Suspended: {report.suspended}   Reception sessions: {report.sessions} "
        f"({report.cases_from_sessions} cases created from them)"
    )


def _print_logins(report: DemoReport) -> None:
    """The demo logins as a table."""
    rows = [("username", "roles", "unit", "password", "name")]
    rows += [(u.username, ",".join(u.roles), u.unit, u.password, u.full_name) for u in report.logins]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    click.echo("\nDemo logins (a demo: every account shares the password below):")
    for index, row in enumerate(rows):
        click.echo(
            "  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
        if index == 0:
            click.echo("  " + "  ".join("-" * width for width in widths))


COMMANDS = (demo_command,)

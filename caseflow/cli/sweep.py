"""caseflow sweep: mark overdue clocks and queue warnings."""

import click

from caseflow.services.sweep import sweep
from caseflow.timeutil import now_utc


@click.command("sweep")
@click.option("--batch", type=click.IntRange(1, 10000), default=None, help="Cases per transaction.")
def sweep_command(batch):
    """Mark overdue clocks (idempotent: a second run changes nothing)."""
    from flask import current_app

    size = batch or current_app.config["CASEFLOW_SWEEP_BATCH"]

    def progress(done: int, total: int) -> None:
        click.echo(f"  {done}/{total} cases checked", err=True)

    result = sweep(now=now_utc(), batch=size, progress=progress)
    click.secho(
        f"Sweep done: {result.overdue} clock(s) on {result.cases} case(s) marked overdue, "
        f"{result.due_soon} due-soon warning(s) checked, {result.skipped_locked} case(s) busy (next run).",
        fg="green",
    )


COMMANDS = (sweep_command,)

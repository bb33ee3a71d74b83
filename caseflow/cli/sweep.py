"""caseflow sweep: mark overdue clocks and queue warnings."""

import click
from flask import current_app

from caseflow.cli.notify import mail_settings, run_delivery
from caseflow.jobs.sweep import sweep
from caseflow.timeutil import now_utc


@click.command("sweep")
@click.option("--batch", type=click.IntRange(1, 10000), default=None, help="Cases per transaction.")
@click.option("--notify", "then_notify", is_flag=True, help="Then e-mail the outbox (as `caseflow notify`).")
def sweep_command(batch, then_notify):
    """Mark overdue clocks (idempotent: a second run changes nothing)."""
    size = batch or current_app.config["CASEFLOW_SWEEP_BATCH"]

    def progress(done: int, total: int) -> None:
        click.echo(f"  {done}/{total} cases checked", err=True)

    result = sweep(now=now_utc(), batch=size, progress=progress)
    click.secho(
        f"Sweep done: {result.overdue} clock(s) on {result.cases} case(s) marked overdue, "
        f"{result.due_soon} due-soon warning(s) checked, {result.skipped_locked} case(s) busy (next run), "
        f"{result.reception_days} heads' reception day(s) planned ahead.",
        fg="green",
    )
    if then_notify:
        _notify()


def _notify() -> None:
    """E-mail the outbox after the sweep, when e-mail is configured."""
    settings = mail_settings()
    if not settings.host:
        click.echo("E-mail is not configured (CASEFLOW_SMTP_HOST is empty); no e-mail sent.", err=True)
        return
    run_delivery(settings)


COMMANDS = (sweep_command,)

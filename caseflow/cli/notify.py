"""caseflow notify: e-mail the notification outbox (at most once each), daily digests, uncertain rows."""

import click
from flask import current_app

from caseflow.errors import CaseflowError
from caseflow.jobs import mail as mail_job
from caseflow.services.notices import mailer
from caseflow.timeutil import now_utc


@click.command("notify")
@click.option("--digest", is_flag=True, help="Also send today's daily digests (one e-mail a day per user).")
@click.option(
    "--uncertain", "list_uncertain", is_flag=True, help="List e-mails that may or may not have gone out."
)
@click.option(
    "--resend",
    type=click.IntRange(1, 2**31 - 1),
    metavar="ID",
    help="Send one uncertain or failed notification again, knowing it may arrive twice.",
)
@click.option("--batch", type=click.IntRange(1, 10000), default=None, help="Notifications per claim.")
def notify_command(digest, list_uncertain, resend, batch):
    """Send pending notifications by e-mail; a crash never makes one go out twice."""
    if list_uncertain:
        show_uncertain()
        return
    settings = mail_settings(batch)
    if not settings.host:
        raise click.ClickException("E-mail is not configured (CASEFLOW_SMTP_HOST is empty); nothing sent.")
    if resend:
        resend_one(settings, resend)
        return
    run_delivery(settings, digest=digest)


def mail_settings(batch: int | None = None) -> mailer.MailSettings:
    """The SMTP settings of the app, with an optional batch size."""
    settings = mailer.MailSettings.from_config(current_app.config)
    if batch:
        settings = mailer.MailSettings(**{**settings.__dict__, "batch": batch})
    return settings


def run_delivery(settings: mailer.MailSettings, *, digest: bool = False) -> mailer.DeliveryResult:
    """Send the digests (when asked), then every pending notification that is due; report the counts."""
    now = now_utc()
    digests = mail_job.send_digests(settings, now=now) if digest else mailer.DeliveryResult()

    def progress(result: mailer.DeliveryResult) -> None:
        click.echo(f"  {result.sent} sent, {result.retried} to retry, {result.failed} failed", err=True)

    result = _sum(digests, mail_job.deliver(settings, now=now, progress=progress))
    click.secho(
        f"Notify done: {result.sent - result.digests} e-mail(s) and {result.digests} digest(s) sent, "
        f"{result.retried} to retry later, {result.failed} failed, {result.skipped} skipped (no address), "
        f"{result.uncertain + result.interrupted} uncertain (see --uncertain).",
        fg="yellow" if result.errors else "green",
    )
    for error in dict.fromkeys(result.errors):
        click.echo(f"  {error}", err=True)
    return result


def _sum(first: mailer.DeliveryResult, second: mailer.DeliveryResult) -> mailer.DeliveryResult:
    """Two runs' counts added up."""
    counts = {name: getattr(first, name) + getattr(second, name) for name in first.__dict__}
    return mailer.DeliveryResult(**counts)


def resend_one(settings: mailer.MailSettings, notification_id: int) -> None:
    """Resend one notification on the operator's explicit request."""
    try:
        result = mail_job.resend(settings, notification_id, now=now_utc())
    except CaseflowError as error:
        raise click.ClickException(str(error.detail)) from error
    if not result.sent:
        reason = "; ".join(result.errors) or "see caseflow notify --uncertain"
        raise click.ClickException(f"Not sent: {reason}")
    click.secho(f"Notification {notification_id} sent again.", fg="green")


def show_uncertain() -> None:
    """Print the uncertain rows: id, when claimed, to whom, subject, why."""
    rows = mailer.uncertain_rows()
    for notification, user in rows:
        click.echo(
            f"{notification.id}\t{notification.created_dt:%Y-%m-%d %H:%M}\t{user.username} <{user.email}>\t"
            f"{notification.subject}\t{notification.last_error}"
        )
    click.echo(
        f"{len(rows)} uncertain e-mail(s): check with the recipient or the mail server's log, then "
        "`caseflow notify --resend ID` if it did not arrive.",
        err=True,
    )


COMMANDS = (notify_command,)

"""E-mail delivery: claim, send, record, each step committed on its own, so a crash never sends twice."""

import smtplib
from collections.abc import Callable
from datetime import datetime

from caseflow.services.notices.mailer import (
    Broken,
    DeliveryResult,
    MailSettings,
    Outgoing,
    Permanent,
    Transient,
    Uncertain,
    claim_batch,
    claim_digests,
    claim_for_resend,
    close_smtp,
    compose,
    compose_digest,
    connect_smtp,
    describe,
    mark_interrupted,
    outbox_rows,
    record,
    skip_unreachable,
    transmit,
)
from caseflow.transaction import commit, committed

Connect = Callable[[MailSettings], smtplib.SMTP]
Hook = Callable[[Outgoing], None]


def deliver(
    settings: MailSettings,
    *,
    now: datetime,
    on_sent: Hook | None = None,
    connect: Connect | None = None,
    progress: Callable[[DeliveryResult], None] | None = None,
) -> DeliveryResult:
    """Send every pending notification that is due, one e-mail each (digest users wait for their digest)."""
    result = _prepare(now)
    while ids := committed(claim_batch(now, settings)):
        outgoing = [compose(row, settings, now) for row in outbox_rows(ids)]
        send_all(settings, outgoing, now, result, on_sent=on_sent, connect=connect)
        if progress:
            progress(result)
    return result


def send_digests(
    settings: MailSettings, *, now: datetime, on_sent: Hook | None = None, connect: Connect | None = None
) -> DeliveryResult:
    """Send each digest user, at most once a local day, one e-mail listing their pending notifications."""
    result = _prepare(now)
    claims = committed(claim_digests(now, settings))
    outgoing = [compose_digest(rows, settings, now, previous) for rows, previous in claims]
    send_all(settings, outgoing, now, result, on_sent=on_sent, connect=connect)
    result.digests = result.sent
    return result


def resend(
    settings: MailSettings, notification_id: int, *, now: datetime, connect: Connect | None = None
) -> DeliveryResult:
    """Send an uncertain or failed notification again, on explicit request (it may arrive twice).

    :raises NotFound: no such notification
    :raises ConflictError: the notification is not uncertain or failed
    """
    claim_for_resend(notification_id, now, settings)
    commit()
    result = DeliveryResult()
    outgoing = [compose(row, settings, now) for row in outbox_rows([notification_id])]
    send_all(settings, outgoing, now, result, connect=connect)
    return result


def _prepare(now: datetime) -> DeliveryResult:
    """Start a run: rows left 'sending' by a dead run become uncertain; unreachable users' rows skipped."""
    result = DeliveryResult()
    result.interrupted = committed(mark_interrupted(now))
    result.skipped = committed(skip_unreachable())
    return result


def send_all(
    settings: MailSettings,
    outgoing: list[Outgoing],
    now: datetime,
    result: DeliveryResult,
    *,
    on_sent: Hook | None = None,
    connect: Connect | None = None,
) -> None:
    """Send each e-mail over one connection and record (and commit) each outcome as soon as it is known."""
    if not outgoing:
        return
    try:
        smtp = (connect or connect_smtp)(settings)
    except (OSError, smtplib.SMTPException) as error:
        for item in outgoing:
            _record(item, Transient(describe(error)), now, settings, result)
        return
    try:
        _send_each(smtp, settings, outgoing, now, result, on_sent)
    finally:
        close_smtp(smtp)


def _send_each(smtp, settings, outgoing, now, result, on_sent) -> None:
    """Transmit one by one; a broken connection sends the rest back to wait."""
    for index, item in enumerate(outgoing):
        try:
            transmit(smtp, settings.sender, item)
        except (Transient, Permanent, Uncertain) as outcome:
            _record(item, outcome, now, settings, result)
            if isinstance(outcome, Broken | Uncertain):
                for rest in outgoing[index + 1 :]:
                    _record(rest, Transient(str(outcome)), now, settings, result)
                return
            continue
        if on_sent:
            on_sent(item)  # tests crash here: after the server's 250, before the mark
        _record(item, None, now, settings, result)


def _record(item, outcome, now, settings, result) -> None:
    """Write the outcome of one e-mail and commit it at once."""
    record(item, outcome, now, settings, result)
    commit()

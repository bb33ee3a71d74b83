"""E-mail from the notification outbox over SMTP: at most once per notification, with retries and a digest.

`notifications.email_state` moves like this:

- pending → sending: the row is claimed, and the claim committed, before SMTP is spoken to;
- sending → sent: the server accepted the message (250 after DATA);
- sending → pending, later: the server could not be reached or refused for now (4xx); back-off doubles;
- sending → failed: refused for good (5xx), or the last of CASEFLOW_MAIL_MAX_ATTEMPTS attempts failed;
- sending → uncertain: the connection broke during DATA, or the process died between the server's 250 and
  the mark; such a row is never resent automatically (`caseflow notify --resend ID` does, on purpose);
- pending → skipped: the user has no e-mail address or is deactivated.

Each step must be committed on its own (caseflow.jobs.mail does it): a claim that rolled back with the
send would make a crash resend.
"""

import hashlib
import smtplib
import ssl
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from email.charset import QP, Charset
from email.header import Header
from email.message import Message
from email.mime.text import MIMEText
from email.policy import compat32
from email.utils import format_datetime, formataddr
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import force_locale, gettext

from caseflow.errors import ConflictError, NotFound
from caseflow.extensions import begin_write, db
from caseflow.i18n import N_
from caseflow.models import Case, Notification, User
from caseflow.services.notices.inbox import localized_subject
from caseflow.timeutil import agency_timezone, local_date

MAIL_LANGUAGE = "vi"
MAX_BACKOFF = timedelta(days=1)
INTERRUPTED = "interrupted while sending; not resent automatically (caseflow notify --resend ID)"
NOT_RESENDABLE = N_("Only an uncertain or failed notification can be resent.")


@dataclass(frozen=True)
class MailSettings:
    """Where and how to send; built from the CASEFLOW_SMTP_* and CASEFLOW_MAIL_* settings."""

    host: str
    port: int = 25
    username: str = ""
    password: str = ""
    starttls: bool = False
    timeout: float = 30
    sender: str = "caseflow@localhost"
    base_url: str = "http://127.0.0.1:5000"
    batch: int = 100
    max_attempts: int = 8
    retry_seconds: int = 60
    lease_seconds: int = 600

    @classmethod
    def from_config(cls, config) -> "MailSettings":
        """The settings in an app's config."""
        return cls(
            host=config["CASEFLOW_SMTP_HOST"],
            port=int(config["CASEFLOW_SMTP_PORT"]),
            username=config["CASEFLOW_SMTP_USERNAME"],
            password=config["CASEFLOW_SMTP_PASSWORD"],
            starttls=bool(config["CASEFLOW_SMTP_STARTTLS"]),
            timeout=float(config["CASEFLOW_SMTP_TIMEOUT"]),
            sender=config["CASEFLOW_MAIL_FROM"],
            base_url=config["CASEFLOW_BASE_URL"].rstrip("/"),
            batch=int(config["CASEFLOW_MAIL_BATCH"]),
            max_attempts=int(config["CASEFLOW_MAIL_MAX_ATTEMPTS"]),
            retry_seconds=int(config["CASEFLOW_MAIL_RETRY_SECONDS"]),
            lease_seconds=int(config["CASEFLOW_MAIL_SENDING_LEASE_SECONDS"]),
        )

    @property
    def domain(self) -> str:
        """The right-hand side of Message-IDs: the sender's domain."""
        return self.sender.rpartition("@")[2] or "caseflow.local"


@dataclass
class DeliveryResult:
    """What one run did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0
    uncertain: int = 0
    interrupted: int = 0
    digests: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Outgoing:
    """One e-mail ready to go, for the notifications `ids` (several for a digest)."""

    ids: tuple[int, ...]
    recipient: str
    message: Message
    digest_user_id: int | None = None
    previous_digest_dt: datetime | None = None


@dataclass(frozen=True)
class OutboxRow:
    """A claimed notification with what its e-mail needs."""

    id: int
    user_id: int
    dedupe_key: str
    subject: str
    body: str
    case_id: int | None
    tracking_code: str | None
    email: str | None
    full_name: str
    created_dt: datetime


class Transient(Exception):
    """Not sent, try later (server unreachable, 4xx)."""


class Broken(Transient):
    """Not sent, and the connection is gone: the rest of the batch waits too."""


class Permanent(Exception):
    """Not sent, and never will be (5xx)."""


class Uncertain(Exception):
    """Perhaps sent: the connection broke while the message was being handed over."""




def claim_for_resend(notification_id: int, now: datetime, settings: MailSettings) -> None:
    """Claim an uncertain or failed notification to be sent again, on explicit request.

    :raises NotFound: no such notification
    :raises ConflictError: the notification is not uncertain or failed
    """
    begin_write()
    notification = db.session.get(Notification, notification_id, populate_existing=True)
    if notification is None:
        raise NotFound(N_("No such notification."))
    if notification.email_state not in ("uncertain", "failed"):
        raise ConflictError(NOT_RESENDABLE)
    _set_sending([notification_id], now, settings)


def uncertain_rows() -> list[tuple[Notification, User]]:
    """The notifications whose e-mail may or may not have gone out, oldest first."""
    statement = (
        sa.select(Notification, User)
        .join(User, User.id == Notification.user_id)
        .where(Notification.email_state == "uncertain")
        .order_by(Notification.id)
    )
    return [(n, u) for n, u in db.session.execute(statement)]


def mark_interrupted(now: datetime) -> int:
    """Rows still 'sending' after their lease: a run died around the send; mark them uncertain."""
    begin_write()
    statement = (
        sa.update(Notification)
        .where(Notification.email_state == "sending", Notification.next_attempt_dt <= now)
        .values(email_state="uncertain", last_error=INTERRUPTED, next_attempt_dt=None)
        .execution_options(synchronize_session=False)
    )
    return db.session.execute(statement).rowcount


def skip_unreachable() -> int:
    """Pending rows of users without an e-mail address, or deactivated, will never be e-mailed."""
    begin_write()
    unreachable = sa.select(User.id).where(
        sa.or_(User.email.is_(None), User.email == "", User.is_active_user.is_(False))
    )
    statement = (
        sa.update(Notification)
        .where(Notification.email_state == "pending", Notification.user_id.in_(unreachable))
        .values(email_state="skipped", last_error="no e-mail address, or the user is deactivated")
        .execution_options(synchronize_session=False)
    )
    return db.session.execute(statement).rowcount


def _reachable():
    """The users an e-mail can go to."""
    return sa.and_(User.email.is_not(None), User.email != "", User.is_active_user.is_(True))


def _due(now: datetime):
    """Pending and not waiting for a retry."""
    return sa.and_(
        Notification.email_state == "pending",
        sa.or_(Notification.next_attempt_dt.is_(None), Notification.next_attempt_dt <= now),
    )


def claim_batch(now: datetime, settings: MailSettings) -> list[int]:
    """Claim the next batch (skipping rows another run has locked): 'sending' until the lease ends."""
    begin_write()
    statement = (
        sa.select(Notification.id)
        .join(User, User.id == Notification.user_id)
        .where(_due(now), _reachable(), User.wants_digest.is_(False))
        .order_by(Notification.id)
        .limit(settings.batch)
        .with_for_update(of=Notification, skip_locked=True)
    )
    ids = list(db.session.scalars(statement))
    _set_sending(ids, now, settings)
    return ids


def claim_digests(now: datetime, settings: MailSettings) -> list[tuple[list[OutboxRow], datetime | None]]:
    """Claim, per digest user without a digest today, their due notifications; note today's digest."""
    begin_write()
    day_start = _local_day_start(now)
    pending = sa.select(Notification.id).where(Notification.user_id == User.id, _due(now)).exists()
    statement = (
        sa.select(User.id, User.last_digest_dt)
        .where(User.wants_digest.is_(True), _reachable(), pending)
        .where(sa.or_(User.last_digest_dt.is_(None), User.last_digest_dt < day_start))
        .order_by(User.id)
        .with_for_update(of=User, skip_locked=True)
    )
    claims = []
    for user_id, previous in db.session.execute(statement).all():
        mine = sa.select(Notification.id).where(Notification.user_id == user_id, _due(now))
        ids = list(db.session.scalars(mine.order_by(Notification.id)))
        _set_sending(ids, now, settings)
        db.session.execute(sa.update(User).where(User.id == user_id).values(last_digest_dt=now))
        claims.append((outbox_rows(ids), previous))
    return claims


def _local_day_start(now: datetime) -> datetime:
    """Midnight of `now`'s day in the agency's zone, in UTC."""
    midnight = datetime.combine(local_date(now), time(0), tzinfo=ZoneInfo(agency_timezone()))
    return midnight.astimezone(UTC)


def _set_sending(ids: list[int], now: datetime, settings: MailSettings) -> None:
    """Claim rows: 'sending', with the moment after which a still-'sending' row counts as interrupted."""
    if not ids:
        return
    lease_end = now + timedelta(seconds=settings.lease_seconds)
    statement = (
        sa.update(Notification)
        .where(Notification.id.in_(ids))
        .values(email_state="sending", next_attempt_dt=lease_end)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(statement)


def outbox_rows(ids: Iterable[int]) -> list[OutboxRow]:
    """The claimed notifications with their user's address and their case's tracking code."""
    statement = (
        sa.select(
            Notification.id,
            Notification.user_id,
            Notification.dedupe_key,
            Notification.subject,
            Notification.body,
            Notification.case_id,
            Case.tracking_code,
            User.email,
            User.full_name,
            Notification.created_dt,
        )
        .join(User, User.id == Notification.user_id)
        .outerjoin(Case, Case.id == Notification.case_id)
        .where(Notification.id.in_(list(ids)))
        .order_by(Notification.id)
    )
    return [OutboxRow(*row) for row in db.session.execute(statement)]


def message_id(row: OutboxRow, settings: MailSettings) -> str:
    """The same Message-ID for the same notification, every time (a resend is recognisably the same mail)."""
    digest = hashlib.sha256(row.dedupe_key.encode()).hexdigest()[:12]
    return f"<caseflow.n{row.id}.{digest}@{settings.domain}>"


def compose(row: OutboxRow, settings: MailSettings, now: datetime) -> Outgoing:
    """One notification as a plain-text Vietnamese e-mail."""
    with force_locale(MAIL_LANGUAGE):
        subject = localized_subject(row.subject)
        lines = [gettext("Dear %(name)s,", name=row.full_name), "", subject]
        if row.body:
            lines += ["", row.body]
        lines += _case_lines(row, settings) + _footer(settings)
    message = _message(settings, row, f"[caseflow] {subject}", lines, message_id(row, settings), now)
    return Outgoing((row.id,), row.email or "", message)


def compose_digest(
    rows: list[OutboxRow], settings: MailSettings, now: datetime, previous: datetime | None
) -> Outgoing:
    """A user's pending notifications in one plain-text Vietnamese e-mail."""
    first, day = rows[0], local_date(now)
    with force_locale(MAIL_LANGUAGE):
        date = day.strftime("%d/%m/%Y")
        subject = gettext("Your notifications of %(date)s (%(count)d)", date=date, count=len(rows))
        lines = [gettext("Dear %(name)s,", name=first.full_name), ""]
        for number, row in enumerate(rows, start=1):
            lines.append(f"{number}. {localized_subject(row.subject)}")
            lines += [f"   {text}" for text in (row.body.splitlines() if row.body else [])]
            lines += [f"   {_case_url(row, settings)}"] if row.case_id else []
        lines += _footer(settings)
    user_id = first.user_id
    digest_id = f"<caseflow.digest.u{user_id}.{day.strftime('%Y%m%d')}@{settings.domain}>"
    message = _message(settings, first, f"[caseflow] {subject}", lines, digest_id, now)
    return Outgoing(tuple(r.id for r in rows), first.email or "", message, user_id, previous)


def _case_url(row: OutboxRow, settings: MailSettings) -> str:
    """The link to the case page."""
    return f"{settings.base_url}/cases/{row.case_id}"


def _case_lines(row: OutboxRow, settings: MailSettings) -> list[str]:
    """The case's tracking code and link (never its parties: e-mail leaves the agency's systems)."""
    if not row.case_id:
        return []
    return [
        "",
        gettext("Case: %(code)s", code=row.tracking_code),
        gettext("Open the case: %(url)s", url=_case_url(row, settings)),
    ]


def _footer(settings: MailSettings) -> list[str]:
    """Where to read and manage notifications; an automatic message."""
    return [
        "",
        gettext("Your notifications and the daily summary option: %(url)s", url=f"{settings.base_url}/inbox"),
        "",
        "-- ",
        gettext("This message was sent automatically by caseflow; please do not reply."),
    ]


def _message(
    settings: MailSettings, row: OutboxRow, subject: str, lines: list[str], msgid: str, now: datetime
) -> Message:
    """A plain-text UTF-8 message with the headers an automatic notice should carry.

    Built with the classic API: its Header folds long Vietnamese subjects without losing the spaces between
    encoded words, which EmailMessage's folding (Python 3.11) drops.
    """
    message = MIMEText("\n".join(lines) + "\n", "plain", _utf8_quoted_printable())
    message["From"] = settings.sender
    message["To"] = formataddr((row.full_name, row.email or ""))
    message["Subject"] = Header(subject, "utf-8")
    message["Date"] = format_datetime(now)
    message["Message-ID"] = msgid
    message["Auto-Submitted"] = "auto-generated"
    return message


def _utf8_quoted_printable() -> Charset:
    """UTF-8 bodies in quoted-printable (readable in raw form, 7-bit safe)."""
    charset = Charset("utf-8")
    charset.body_encoding = QP
    return charset


def wire_bytes(message: Message) -> bytes:
    """The message as sent: CRLF line ends."""
    return message.as_bytes(policy=compat32.clone(linesep="\r\n"))


def connect_smtp(settings: MailSettings) -> smtplib.SMTP:
    """Open an SMTP session: EHLO, STARTTLS and login as configured."""
    helo = urlsplit(settings.base_url).hostname or "localhost"
    smtp = smtplib.SMTP(settings.host, settings.port, local_hostname=helo, timeout=settings.timeout)
    try:
        smtp.ehlo_or_helo_if_needed()
        if settings.starttls:
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if settings.username:
            smtp.login(settings.username, settings.password)
    except BaseException:
        smtp.close()
        raise
    return smtp


def transmit(smtp: smtplib.SMTP, sender: str, item: Outgoing) -> None:
    """MAIL, RCPT, DATA; unless the server took the message raise Transient, Broken, Permanent, Uncertain."""
    try:
        _expect(smtp, smtp.mail(sender), (250,))
        _expect(smtp, smtp.rcpt(item.recipient), (250, 251))
    except (smtplib.SMTPServerDisconnected, OSError) as error:
        raise Broken(describe(error)) from error
    try:
        reply = smtp.data(wire_bytes(item.message))
    except smtplib.SMTPDataError as error:  # refused before the message was handed over
        _reset(smtp)
        raise _refusal(error.smtp_code, error.smtp_error) from error
    except (smtplib.SMTPException, OSError) as error:
        raise Uncertain(describe(error)) from error
    _expect(smtp, reply, (250,))  # refused after it (smtplib returns this reply instead of raising)


def _expect(smtp: smtplib.SMTP, reply: tuple[int, bytes], codes: tuple[int, ...]) -> None:
    """Raise the refusal when the reply is not one of `codes` (after resetting the transaction)."""
    code, text = reply
    if code not in codes:
        _reset(smtp)
        raise _refusal(code, text)


def _refusal(code: int, text: bytes | str) -> Exception:
    """A 5xx reply is permanent, anything else transient."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    message = f"{code} {text}"
    return Permanent(message) if 500 <= code < 600 else Transient(message)


def _reset(smtp: smtplib.SMTP) -> None:
    """RSET after a refusal, so the next message starts clean (a failure here shows on the next MAIL)."""
    try:
        smtp.rset()
    except (smtplib.SMTPException, OSError):
        pass


def close_smtp(smtp: smtplib.SMTP) -> None:
    """QUIT politely, or just close."""
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def describe(error: BaseException) -> str:
    """A short text for last_error."""
    return f"{type(error).__name__}: {error}"[:300]


def record(
    item: Outgoing, outcome: Exception | None, now: datetime, settings: MailSettings, result: DeliveryResult
) -> None:
    """Write what happened to the e-mail's rows (still 'sending'); the job commits it at once."""
    begin_write()
    rows = db.session.scalars(
        sa.select(Notification)
        .where(Notification.id.in_(item.ids), Notification.email_state == "sending")
        .execution_options(populate_existing=True)
    ).all()
    for notification in rows:
        _apply(notification, outcome, now, settings)
    if isinstance(outcome, Transient) and item.digest_user_id:
        db.session.execute(
            sa.update(User)
            .where(User.id == item.digest_user_id)
            .values(last_digest_dt=item.previous_digest_dt)
        )
    db.session.flush()
    _count(result, outcome, rows)


def _apply(notification: Notification, outcome: Exception | None, now: datetime, settings: MailSettings):
    """The row's new state after one attempt."""
    notification.email_attempts += 1
    notification.next_attempt_dt = None
    if outcome is None:
        notification.email_state, notification.sent_dt, notification.last_error = "sent", now, ""
        return
    notification.last_error = describe(outcome)
    if isinstance(outcome, Uncertain):
        notification.email_state = "uncertain"
    elif isinstance(outcome, Permanent) or notification.email_attempts >= settings.max_attempts:
        notification.email_state = "failed"
    else:
        notification.email_state = "pending"
        notification.next_attempt_dt = now + backoff(notification.email_attempts, settings)


def backoff(attempts: int, settings: MailSettings) -> timedelta:
    """How long to wait after the `attempts`-th failure: doubling from the first retry, at most a day."""
    return min(timedelta(seconds=settings.retry_seconds * 2 ** (attempts - 1)), MAX_BACKOFF)


def _count(result: DeliveryResult, outcome: Exception | None, rows: list[Notification]) -> None:
    """Tally the outcome of one e-mail."""
    if outcome is None:
        result.sent += 1
        return
    result.errors.append(str(outcome))
    states = {n.email_state for n in rows}
    result.uncertain += "uncertain" in states
    result.failed += "failed" in states
    result.retried += "pending" in states

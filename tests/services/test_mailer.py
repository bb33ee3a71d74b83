"""E-mail from the outbox against a real SMTP server: delivery, retries, the crash window, the digest."""

import smtplib
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from caseflow.errors import ConflictError
from caseflow.extensions import db
from caseflow.jobs import mail as mail_job
from caseflow.models import CaseStatus, Notification
from caseflow.services.notices import mailer
from tests.smtp_server import SmtpServer, free_port

BASE_URL = "https://caseflow.example.vn"


@pytest.fixture
def smtp():
    """A real SMTP server on a free local port."""
    with SmtpServer() as server:
        yield server


def settings_for(port: int, **overrides) -> mailer.MailSettings:
    """Settings that point at the test server."""
    values = {
        "host": "127.0.0.1",
        "port": port,
        "sender": "caseflow@tnmt.hanoi.gov.vn",
        "base_url": BASE_URL,
        "timeout": 5,
        "max_attempts": 3,
    }
    return mailer.MailSettings(**{**values, **overrides})


def give_addresses(world, *names: str) -> None:
    """E-mail addresses for some of the world's officials."""
    for name in names:
        world.users[name].email = f"{name}@tnmt.hanoi.gov.vn"
    db.session.commit()


def rows(**where) -> list[Notification]:
    """Notifications, fresh from the database, oldest first."""
    statement = sa.select(Notification).filter_by(**where).order_by(Notification.id)
    return list(db.session.scalars(statement.execution_options(populate_existing=True)))


def crash(_outgoing):
    """The process dies after the server's 250 and before the row is marked sent."""
    raise KeyboardInterrupt("killed")


def proposal(world):
    """A case proposed for acceptance: the leader has one notice; the officer's new-letter notice too."""
    give_addresses(world, "leader")
    case = world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    return case, rows(user_id=world.users["leader"].id)[0]


def test_each_notification_arrives_once_with_its_recipient_subject_and_message_id(world, smtp):
    case, notice = proposal(world)
    settings = settings_for(smtp.port)
    result = mail_job.deliver(settings, now=world.now)
    assert (result.sent, result.skipped) == (1, 1)  # the officer has no address
    [received] = smtp.messages
    assert received.rcpt_tos == ["leader@tnmt.hanoi.gov.vn"]
    assert received.mail_from == "caseflow@tnmt.hanoi.gov.vn"
    message = received.message
    assert message["Subject"] == f"[caseflow] Hồ sơ {case.tracking_code} đang chờ đồng chí quyết định"
    row = mailer.outbox_rows([notice.id])[0]
    assert message["Message-ID"] == mailer.message_id(row, settings)
    assert message["Message-ID"].endswith("@tnmt.hanoi.gov.vn>")
    assert message["To"].addresses[0].display_name == "Cán bộ leader"
    assert message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8"
    text = message.get_content()
    assert text.startswith("Kính gửi Cán bộ leader,")
    assert f"{BASE_URL}/cases/{case.id}" in text and "Nguyễn Văn Đức" not in text  # no party in e-mail
    [sent] = rows(id=notice.id)
    assert (sent.email_state, sent.sent_dt, sent.email_attempts) == ("sent", world.now, 1)
    assert mail_job.deliver(settings, now=world.now + timedelta(hours=1)).sent == 0
    assert len(smtp.messages) == 1


def test_the_message_id_is_the_same_for_the_same_notification(world):
    _case, notice = proposal(world)
    row = mailer.outbox_rows([notice.id])[0]
    settings = settings_for(25)
    assert mailer.message_id(row, settings) == mailer.message_id(mailer.outbox_rows([notice.id])[0], settings)
    other = mailer.outbox_rows([rows()[0].id])[0]
    assert mailer.message_id(other, settings) != mailer.message_id(row, settings)


def test_users_without_an_address_or_deactivated_are_skipped(world, smtp):
    _case, notice = proposal(world)
    world.users["leader"].is_active_user = False
    db.session.commit()
    result = mail_job.deliver(settings_for(smtp.port), now=world.now)
    assert (result.sent, result.skipped) == (0, 2)
    assert {n.email_state for n in rows()} == {"skipped"}
    assert smtp.messages == []


def test_an_unreachable_server_schedules_a_retry_with_doubling_back_off(world, smtp):
    _case, notice = proposal(world)
    down = settings_for(free_port())
    result = mail_job.deliver(down, now=world.now)
    assert (result.sent, result.retried) == (0, 1)
    [row] = rows(id=notice.id)
    assert (row.email_state, row.email_attempts) == ("pending", 1)
    assert row.next_attempt_dt == world.now + timedelta(seconds=60)
    assert "ConnectionRefusedError" in row.last_error
    assert mail_job.deliver(down, now=world.now + timedelta(seconds=30)).retried == 0  # not due yet
    mail_job.deliver(down, now=world.now + timedelta(seconds=61))
    [row] = rows(id=notice.id)
    assert row.email_attempts == 2 and row.next_attempt_dt == world.now + timedelta(seconds=61 + 120)
    assert mail_job.deliver(settings_for(smtp.port), now=world.now + timedelta(seconds=200)).sent == 1
    assert rows(id=notice.id)[0].email_state == "sent" and len(smtp.messages) == 1


def test_a_4xx_refusal_is_retried_a_5xx_fails_at_once(world, smtp):
    _case, notice = proposal(world)
    smtp.mailbox.refuse_rcpt = "451 4.3.0 Mailbox busy, try later"
    mail_job.deliver(settings_for(smtp.port), now=world.now)
    [row] = rows(id=notice.id)
    assert row.email_state == "pending" and row.last_error.startswith("Transient: 451")
    smtp.mailbox.refuse_rcpt = "550 5.1.1 No such user"
    result = mail_job.deliver(settings_for(smtp.port), now=world.now + timedelta(minutes=5))
    assert result.failed == 1
    [row] = rows(id=notice.id)
    assert (row.email_state, row.email_attempts, row.next_attempt_dt) == ("failed", 2, None)
    assert smtp.messages == []


def test_it_gives_up_after_the_last_attempt(world, smtp):
    _case, notice = proposal(world)
    smtp.mailbox.refuse_data = "452 4.3.1 Insufficient system storage"
    settings = settings_for(smtp.port, max_attempts=2)
    mail_job.deliver(settings, now=world.now)
    assert rows(id=notice.id)[0].email_state == "pending"
    mail_job.deliver(settings, now=world.now + timedelta(minutes=5))
    [row] = rows(id=notice.id)
    assert (row.email_state, row.email_attempts) == ("failed", 2)


def test_a_crash_between_send_and_mark_sends_exactly_one_email_and_leaves_the_row_uncertain(world, smtp):
    _case, notice = proposal(world)
    settings = settings_for(smtp.port)
    with pytest.raises(KeyboardInterrupt):
        mail_job.deliver(settings, now=world.now, on_sent=crash)
    db.session.rollback()
    assert len(smtp.messages) == 1
    assert rows(id=notice.id)[0].email_state == "sending"
    assert mail_job.deliver(settings, now=world.now + timedelta(minutes=1)).sent == 0  # same lease
    later = mail_job.deliver(settings, now=world.now + timedelta(minutes=11))
    assert (later.sent, later.interrupted) == (0, 1)
    [row] = rows(id=notice.id)
    assert row.email_state == "uncertain" and "not resent automatically" in row.last_error
    assert mail_job.deliver(settings, now=world.now + timedelta(days=1)).sent == 0
    assert len(smtp.messages) == 1
    assert [n.id for n, _user in mailer.uncertain_rows()] == [notice.id]


def test_an_uncertain_row_is_resent_only_on_request_with_the_same_message_id(world, smtp):
    _case, notice = proposal(world)
    settings = settings_for(smtp.port)
    with pytest.raises(KeyboardInterrupt):
        mail_job.deliver(settings, now=world.now, on_sent=crash)
    db.session.rollback()
    mail_job.deliver(settings, now=world.now + timedelta(hours=1))
    assert mail_job.resend(settings, notice.id, now=world.now + timedelta(hours=2)).sent == 1
    first, second = smtp.messages
    assert first.message["Message-ID"] == second.message["Message-ID"]
    assert rows(id=notice.id)[0].email_state == "sent"
    with pytest.raises(ConflictError):
        mail_job.resend(settings, notice.id, now=world.now + timedelta(hours=3))


class DroppedDuringData:
    """An SMTP session whose connection breaks while the message is handed over."""

    def mail(self, sender):
        return 250, b"OK"

    def rcpt(self, recipient):
        return 250, b"OK"

    def data(self, message):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    def quit(self):
        raise smtplib.SMTPServerDisconnected("gone")

    def close(self):
        pass


def test_a_connection_lost_during_data_is_uncertain_not_retried(world):
    _case, notice = proposal(world)
    give_addresses(world, "officer")
    result = mail_job.deliver(settings_for(25), now=world.now, connect=lambda _s: DroppedDuringData())
    assert (result.uncertain, result.retried) == (1, 1)  # the second mail never started: it waits
    states = [n.email_state for n in rows()]
    assert states == ["uncertain", "pending"]


def test_the_digest_sends_one_email_per_user_per_day(world, smtp):
    give_addresses(world, "leader", "officer")
    world.users["leader"].wants_digest = True
    db.session.commit()
    cases = [world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE) for _ in range(3)]
    settings = settings_for(smtp.port)
    alone = mail_job.deliver(settings, now=world.now)
    assert alone.sent == 3 and {m.rcpt_tos[0] for m in smtp.messages} == {"officer@tnmt.hanoi.gov.vn"}
    smtp.messages.clear()
    digest = mail_job.send_digests(settings, now=world.now)
    assert digest.digests == 1
    [received] = smtp.messages
    assert received.rcpt_tos == ["leader@tnmt.hanoi.gov.vn"]
    assert received.message["Subject"] == "[caseflow] Thông báo của đồng chí ngày 04/01/2027 (3)"
    leader_id = world.users["leader"].id
    assert received.message["Message-ID"] == f"<caseflow.digest.u{leader_id}.20270104@tnmt.hanoi.gov.vn>"
    text = received.message.get_content()
    assert all(case.tracking_code in text and f"/cases/{case.id}" in text for case in cases)
    assert {n.email_state for n in rows(user_id=world.users["leader"].id)} == {"sent"}
    world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    assert mail_job.send_digests(settings, now=world.now + timedelta(hours=5)).digests == 0  # same day
    assert mail_job.send_digests(settings, now=world.now + timedelta(days=1)).digests == 1  # the next day
    assert [m.rcpt_tos for m in smtp.messages] == [["leader@tnmt.hanoi.gov.vn"]] * 2


def test_a_failed_digest_is_tried_again_the_same_day(world, smtp):
    give_addresses(world, "leader")
    world.users["leader"].wants_digest = True
    db.session.commit()
    world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    assert mail_job.send_digests(settings_for(free_port()), now=world.now).digests == 0
    assert rows(user_id=world.users["leader"].id)[0].email_state == "pending"
    later = world.now + timedelta(minutes=5)
    assert mail_job.send_digests(settings_for(smtp.port), now=later).digests == 1
    assert len(smtp.messages) == 1


@pytest.mark.postgres
def test_two_runs_at_once_never_claim_the_same_row(world):
    _case, notice = proposal(world)
    settings = settings_for(25)
    other = Session(db.engine)
    try:
        locked = other.scalars(sa.select(Notification.id).with_for_update()).all()  # a run mid-claim
        assert notice.id in locked
        assert mailer.claim_batch(world.now, settings) == []  # skipped, not waited for
        db.session.rollback()
    finally:
        other.rollback()
        other.close()
    assert mailer.claim_batch(world.now, settings) == [notice.id]

"""caseflow notify against a real SMTP server, and a notify process killed between send and mark-sent."""

import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import CaseStatus, Notification
from tests.smtp_server import SmtpServer

CASEFLOW = Path(sys.executable).with_name("caseflow")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def smtp(app, monkeypatch):
    """A real SMTP server, and the app configured to send through it."""
    with SmtpServer() as server:
        for key, value in {
            "CASEFLOW_SMTP_HOST": "127.0.0.1",
            "CASEFLOW_SMTP_PORT": server.port,
            "CASEFLOW_MAIL_FROM": "caseflow@tnmt.hanoi.gov.vn",
            "CASEFLOW_BASE_URL": "https://caseflow.example.vn",
        }.items():
            monkeypatch.setitem(app.config, key, value)
        yield server


def with_addresses(world, *names: str) -> None:
    """Give some officials an e-mail address."""
    for name in names:
        world.users[name].email = f"{name}@tnmt.hanoi.gov.vn"
    db.session.commit()


def states() -> list[str]:
    """Every notification's e-mail state, oldest first, as the database has it now."""
    db.session.rollback()
    return list(db.session.scalars(sa.select(Notification.email_state).order_by(Notification.id)))


def test_notify_without_an_smtp_host_says_so_and_sends_nothing(runner, world):
    world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    result = runner.invoke(args=["notify"])
    assert result.exit_code == 1 and "CASEFLOW_SMTP_HOST" in result.output
    assert set(states()) == {"pending"}


def test_notify_sends_each_pending_notification_once(runner, world, smtp):
    with_addresses(world, "leader", "officer")
    world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    result = runner.invoke(args=["notify"])
    assert result.exit_code == 0, result.output
    assert "2 e-mail(s) and 0 digest(s) sent" in result.output
    recipients = sorted(m.rcpt_tos[0] for m in smtp.messages)
    assert recipients == ["leader@tnmt.hanoi.gov.vn", "officer@tnmt.hanoi.gov.vn"]
    assert "0 e-mail(s)" in runner.invoke(args=["notify"]).output
    assert len(smtp.messages) == 2


def test_a_killed_notify_sends_one_email_leaves_the_row_uncertain_and_only_resend_sends_it_again(
    runner, world, smtp, database_url
):
    with_addresses(world, "leader")
    world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    leader_row = db.session.scalar(
        sa.select(Notification.id).where(Notification.user_id == world.users["leader"].id)
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CASEFLOW_DATABASE_URL": database_url,
        "CASEFLOW_SECRET_KEY": "test-secret",
        "CASEFLOW_SMTP_HOST": "127.0.0.1",
        "CASEFLOW_SMTP_PORT": str(smtp.port),
        "CASEFLOW_MAIL_FROM": "caseflow@tnmt.hanoi.gov.vn",
        "CASEFLOW_MAIL_SENDING_LEASE_SECONDS": "0",
    }
    env.pop("CASEFLOW_CONFIG", None)
    with subprocess.Popen(
        [str(CASEFLOW), "notify"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as worker:
        # The server has the message; the sender dies before it hears 250 and before it can mark the row.
        smtp.mailbox.before_reply = lambda: os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=60)
    assert worker.returncode == -signal.SIGKILL, worker.stderr.read()
    smtp.mailbox.before_reply = None
    assert len(smtp.messages) == 1
    assert states() == ["skipped", "sending"]  # the officer has no address; the leader's row was claimed

    again = runner.invoke(args=["notify"])
    assert again.exit_code == 0, again.output
    assert "0 e-mail(s)" in again.output and "1 uncertain" in again.output
    assert states() == ["skipped", "uncertain"]
    assert "0 e-mail(s)" in runner.invoke(args=["notify"]).output
    assert len(smtp.messages) == 1  # exactly one e-mail, however often notify runs

    listed = runner.invoke(args=["notify", "--uncertain"])
    assert listed.output.startswith(f"{leader_row}\t") and "leader@tnmt.hanoi.gov.vn" in listed.output
    resent = runner.invoke(args=["notify", "--resend", str(leader_row)])
    assert resent.exit_code == 0, resent.output
    assert len(smtp.messages) == 2 and states() == ["skipped", "sent"]
    first, second = (m.message["Message-ID"] for m in smtp.messages)
    assert first == second
    refused = runner.invoke(args=["notify", "--resend", str(leader_row)])
    assert refused.exit_code == 1 and "uncertain or failed" in refused.output


def test_sweep_with_notify_mails_the_overdue_warnings(runner, world, smtp):
    with_addresses(world, "leader")
    world.intake(now=datetime(2026, 11, 2, 2, tzinfo=UTC), received_on="2026-11-02")
    result = runner.invoke(args=["sweep", "--notify"])
    assert result.exit_code == 0, result.output
    subjects = [m.message["Subject"] for m in smtp.messages]
    assert subjects and all(s.startswith("[caseflow] Hồ sơ HN-") for s in subjects)
    assert any("đã quá hạn" in s for s in subjects), subjects


def test_the_digest_from_the_command_line_once_a_day(runner, world, smtp):
    with_addresses(world, "leader")
    world.users["leader"].wants_digest = True
    db.session.commit()
    world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    first = runner.invoke(args=["notify", "--digest"])
    assert first.exit_code == 0 and "1 digest(s)" in first.output, first.output
    world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    assert "0 digest(s)" in runner.invoke(args=["notify", "--digest"]).output
    assert "0 e-mail(s)" in runner.invoke(args=["notify"]).output  # digest users wait for tomorrow's digest
    assert len(smtp.messages) == 1

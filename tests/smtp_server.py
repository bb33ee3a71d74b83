"""A real SMTP server for the tests (aiosmtpd on a free local port) that keeps what it receives."""

import email
import socket
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import default

from aiosmtpd.controller import Controller


@dataclass(frozen=True)
class Received:
    """One message as the server saw it."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


class Mailbox:
    """aiosmtpd handler: accepts (or refuses, when told to) and keeps every message."""

    def __init__(self) -> None:
        self.messages: list[Received] = []
        self.refuse_rcpt: str | None = None
        self.refuse_data: str | None = None
        self.before_reply: Callable[[], None] | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        """Accept the recipient unless told to refuse."""
        if self.refuse_rcpt:
            return self.refuse_rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        """Keep the message, then (for crash tests) run a hook before answering 250."""
        if self.refuse_data:
            return self.refuse_data
        parsed = email.message_from_bytes(envelope.content, policy=default)
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        if self.before_reply:
            self.before_reply()
        return "250 Message accepted for delivery"


def free_port() -> int:
    """A local TCP port nobody listens on (right now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    """Context manager: a started server with `.port` and `.mailbox`."""

    def __init__(self) -> None:
        self.mailbox = Mailbox()
        self.port = free_port()
        self._controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> "SmtpServer":
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()

    @property
    def messages(self) -> list[Received]:
        """Everything received so far."""
        return self.mailbox.messages

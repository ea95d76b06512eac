"""A real SMTP server on a free loopback port (aiosmtpd), for tests that read what arrived."""

import email
import email.policy
import socket
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

__all__ = ["SmtpInbox", "smtp_server"]


class SmtpInbox:
    """Collects what the server received; set ``refuse`` to answer every message with a 451.

    ``down()`` stops the server (connections are refused) and ``up()`` starts it again on
    the same port; ``during_data`` is called while a message is being received, before
    the server answers.
    """

    def __init__(self, port: int = 0) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse = False
        self.port = port
        self.during_data: Callable[[], None] | None = None
        self.controller: Controller | None = None

    def up(self) -> None:
        if self.controller is None:
            self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
            self.controller.start()

    def down(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.during_data is not None:
            self.during_data()
        if self.refuse:
            return "451 4.3.0 試験用: 一時的に受け取れません"
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(parsed)  # type: ignore[arg-type]
        return "250 OK"

    def bodies(self) -> list[str]:
        return [m.get_body(preferencelist=("plain",)).get_content() for m in self.messages]  # type: ignore[union-attr]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpInbox]:
    port = _free_port()
    inbox = SmtpInbox(port)
    inbox.up()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    try:
        yield inbox
    finally:
        inbox.down()

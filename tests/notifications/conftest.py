"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives, and an app that
sends to it."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage

import pytest

from factcheck.extensions import db
from factcheck.models import Channel, NotificationEvent, User
from factcheck.notifications import services
from tests.browser import _free_port
from tests.support import fresh


class Inbox:
    """aiosmtpd's handler: every message received, parsed."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in m["To"]]


@contextmanager
def running_smtp() -> Iterator[tuple[Inbox, int]]:
    """(inbox, port) of an SMTP server on 127.0.0.1 while the block runs."""
    controller_module = pytest.importorskip("aiosmtpd.controller")
    inbox = Inbox()
    port = _free_port()
    controller = controller_module.Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
def smtp():
    """(inbox, port) of an SMTP server running for the test."""
    with running_smtp() as server:
        yield server


def mail_config(port: int) -> dict:
    return {
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": port,
        "MAIL_USE_TLS": False,
        "MAIL_BACKEND": "smtp",
        "MAIL_FROM": "desk@example.org",
        "PUBLIC_URL": "https://desk.example.org",
    }


@pytest.fixture
def inbox(smtp) -> Inbox:
    return smtp[0]


@pytest.fixture
def app_config(smtp) -> dict:
    return mail_config(smtp[1])


def choose(app, user: User, event: NotificationEvent, channel: Channel) -> None:
    """Set one person's channel for one event, as their settings page would."""
    with app.app_context():
        services.set_preferences(fresh(User, user.id), {event: channel})
        db.session.commit()

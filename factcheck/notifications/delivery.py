"""Emails go out only after the work that made them is committed.

`notify` lists the ids of notifications to email; when the session commits they become ready,
and `send_ready()` (after each request, and at the end of each scheduled function) hands each
id to the app's sender. The sender is `tasks.deliver_email` called at once, with failures
logged and kept for a retry; the job queue replaces it with "enqueue deliver_email(id)"
through `set_sender`, and nothing else changes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..extensions import db

log = logging.getLogger(__name__)

Sender = Callable[[int], object]
PENDING = "notifications.pending"
READY = "notifications.ready"
SENDER = "factcheck.notifications.sender"


def after_commit_send(ids: list[int]) -> None:
    """Email these notifications once the current transaction commits. Never raises."""
    if ids:
        db.session.info.setdefault(PENDING, []).extend(ids)


def _committed(session: Session) -> None:
    pending = session.info.pop(PENDING, None)
    if pending:
        session.info.setdefault(READY, []).extend(pending)


def _rolled_back(session: Session) -> None:
    session.info.pop(PENDING, None)


def register(sessions: object) -> None:
    """Watch the commits and rollbacks of `sessions` (a session class or factory)."""
    for name, listener in (("after_commit", _committed), ("after_rollback", _rolled_back)):
        if not event.contains(sessions, name, listener):
            event.listen(sessions, name, listener)


def set_sender(app: Flask, sender: Sender) -> None:
    """Make `sender(notification_id)` what sends each committed email (the queue's seam)."""
    app.extensions[SENDER] = sender


def send_ready() -> int:
    """Hand every committed notification id to the sender; returns how many. A failure is
    logged, never raised: the user's action is already stored and the email stays unsent."""
    ready = db.session.info.pop(READY, None) or []
    sender: Sender = current_app.extensions[SENDER]
    for notification_id in ready:
        try:
            sender(notification_id)
        except Exception:
            db.session.rollback()
            log.exception("notification %s: email not sent, kept for a retry", notification_id)
    return len(ready)


def init_app(app: Flask) -> None:
    register(db.session.session_factory)

    @app.after_request
    def _send_committed(response):
        if db.session.info.get(READY):
            send_ready()
        return response

"""Emails and webhooks go out only after the work that made them is committed.

Services list (kind, id) pairs to send; when the session commits they become ready, and
`send_ready()` (after each request, and at the end of each scheduled function) hands each id to
the sender registered for its kind: "email" → tasks.deliver_email, "webhook" →
webhooks.deliver_webhook, called at once, with failures logged and kept for a retry. The job
queue replaces them with "enqueue deliver_...(id)" through `set_sender`; nothing else changes.
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
SENDERS = "factcheck.notifications.senders"


def after_commit_send(kind: str, ids: list[int]) -> None:
    """Send these ids of `kind` once the current transaction commits. Never raises."""
    if ids:
        db.session.info.setdefault(PENDING, []).extend((kind, i) for i in ids)


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


def set_sender(app: Flask, kind: str, sender: Sender) -> None:
    """Make `sender(id)` what sends each committed item of `kind` (the job queue's seam)."""
    app.extensions.setdefault(SENDERS, {})[kind] = sender


def send_ready() -> int:
    """Hand every committed id to its sender; returns how many. A failure is logged, never
    raised: the user's action is already stored and the item stays unsent for a retry."""
    ready = db.session.info.pop(READY, None) or []
    senders: dict[str, Sender] = current_app.extensions[SENDERS]
    for kind, item_id in ready:
        try:
            senders[kind](item_id)
        except Exception:
            db.session.rollback()
            log.exception("%s %s not sent, kept for a retry", kind, item_id)
    return len(ready)


def init_app(app: Flask) -> None:
    register(db.session.session_factory)

    @app.after_request
    def _send_committed(response):
        if db.session.info.get(READY):
            send_ready()
        return response

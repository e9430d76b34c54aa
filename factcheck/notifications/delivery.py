"""Emails and webhooks go out only after the work that made them is committed.

Services list (kind, id) pairs to send with `after_commit_send`. The app's senders are the job
queue's (queued.py): each id becomes a "deliver_email" or "deliver_webhook" job queued inside
the same transaction, so the job commits with the notification or not at all, and the queue
sends it once the transaction commits; this works alike in a request, a job or a schedule.

A sender set with `in_transaction=False` is called after the commit instead, by `send_ready()`
(after each request, or by whoever committed): that is how emails went before the queue, and
how a test can send synchronously.
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
QUEUERS = "factcheck.notifications.queuers"


def after_commit_send(kind: str, ids: list[int]) -> None:
    """Send these ids of `kind` once the current transaction commits: queued as jobs now (sent
    on commit), or handed to an after-commit sender. Raises only what the queueing raises."""
    queuer = current_app.extensions.get(QUEUERS, {}).get(kind)
    if queuer is not None:
        for item_id in ids:
            queuer(item_id)
    elif ids:
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


def set_sender(app: Flask, kind: str, sender: Sender, *, in_transaction: bool = False) -> None:
    """Make `sender(id)` what sends each item of `kind`: called inside the transaction that
    made the item when `in_transaction` (it must only queue work that the commit releases, as
    queue_job does), else after that transaction commits."""
    queuers = app.extensions.setdefault(QUEUERS, {})
    senders = app.extensions.setdefault(SENDERS, {})
    queuers.pop(kind, None)
    senders.pop(kind, None)
    (queuers if in_transaction else senders)[kind] = sender


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
        # A request that never opened a session (a cached public page) has nothing to send;
        # asking db.session for its info would create one just to throw it away.
        if db.session.registry.has() and db.session.info.get(READY):
            send_ready()
        return response

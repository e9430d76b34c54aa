"""Helpers for tests that are not fixtures."""

from __future__ import annotations

import time
from pathlib import Path

from factcheck.extensions import db
from factcheck.models import User

SHARED = Path(__file__).resolve().parents[2] / "shared"
PASSWORD = "correct horse battery"


def login(client, user: User) -> None:
    """Sign `user` in for this test client without going through the form: the session holds
    what security.sessions.start() puts there (login id with the session token, timestamps)."""
    now = int(time.time())
    with client.session_transaction() as session:
        session.clear()
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session["_issued"] = now
        session["_seen"] = now


def fresh(model, ident):
    """Reload an object from the database in the current app context."""
    db.session.expire_all()
    return db.session.get(model, ident)

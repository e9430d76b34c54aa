"""Sessions that really end (ASVS V3).

Flask keeps the session in a signed cookie, so the server cannot delete it. Instead every user
has a random session token that the login id carries ("<id>:<token>"). The token changes on
logout, password change, role change and deactivation; a cookie copied before that names the
old token and is refused, wherever it is replayed from. On top of that each session has an idle
and an absolute lifetime, checked on every staff request.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
import time

from flask import Flask, current_app, flash, request, session
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from ..db import sqlite
from ..extensions import db, login_manager
from ..models import Event, User
from ..models.user import new_session_token
from ..web.inputs import is_digits

# Seconds between refreshes of the "last seen" stamp: the idle timeout is exact to a minute,
# and a staff page does not rewrite its cookie on every click.
SEEN_RESOLUTION = 60


def rotate_token(user: User) -> None:
    """End every session of `user` (the caller commits)."""
    user.session_token = new_session_token()


@login_manager.user_loader
def load_user(login_id: str) -> User | None:
    """The user a session's login id names, if its token is still the current one."""
    ident, sep, token = login_id.partition(":")
    if not sep or not is_digits(ident) or not token:
        return None
    user = db.session.get(User, int(ident))
    if user is None or not user.session_token:
        return None
    if not hmac.compare_digest(user.session_token.encode(), token.encode()):
        return None
    return user


def start(user: User, issued: int | None = None) -> None:
    """Sign `user` in on a brand-new session: nothing from before sign-in survives (no session
    fixation), the CSRF token is new, and the timeouts start now (the absolute one at `issued`
    when a session is renewed after a password change)."""
    session.clear()
    login_user(user, remember=False)
    now = int(time.time())
    session["_issued"] = issued if isinstance(issued, int) else now
    session["_sid"] = secrets.token_urlsafe(9)
    session["_seen"] = now


def end() -> None:
    """Sign out of this browser and clear the session cookie's content."""
    logout_user()
    session.clear()


def expired(now: int | None = None) -> str | None:
    """Why the current session is over ("idle" or "absolute"), or None while it is valid."""
    now = int(time.time()) if now is None else now
    issued, seen = session.get("_issued"), session.get("_seen")
    if not isinstance(issued, int) or not isinstance(seen, int):
        return "absolute"
    if now - issued > current_app.config["SESSION_ABSOLUTE_TIMEOUT"]:
        return "absolute"
    if now - seen > current_app.config["SESSION_IDLE_TIMEOUT"]:
        return "idle"
    return None


def _record_expiry(user: User, why: str) -> None:
    """Audit the end of this session once, however often its cookie is replayed afterwards.

    This runs inside a GET, whose SQLite transaction began read-only (db/sqlite.py): turning
    it into a write fails with "database is locked" when another request wrote meanwhile
    (issue 13, finding 10). So the read ends first and the row is written in a transaction
    that takes the write lock up front and waits its turn."""
    from ..audit import record
    from . import events

    user_id, marker = user.id, _session_marker()
    issued = session.get("_issued")
    since = dt.datetime.fromtimestamp(issued if isinstance(issued, int) else 0, dt.UTC)
    db.session.rollback()
    sqlite.write_intent(True)
    try:
        seen = db.session.scalar(
            select(Event.id).where(
                Event.action == "session_expired",
                Event.actor_id == user_id,
                Event.note == marker,
                Event.created_at >= since,  # indexed: only this session's lifetime is read
            )
        )
        if seen is None:
            record(
                "session_expired",
                actor=db.session.get(User, user_id),
                note=marker,
                data={"reason": why},
            )
            events.log("session_expired", user=user_id, reason=why)
        db.session.commit()
    finally:
        sqlite.write_intent(request.method not in sqlite.SAFE_METHODS)


def _session_marker() -> str:
    """What tells one session of a person from another in the audit log: its random id, or
    for a cookie from before sessions had one, the time it was issued."""
    sid = session.get("_sid")
    return f"session {sid if isinstance(sid, str) else session.get('_issued')}"


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Sign in to continue."
    login_manager.login_message_category = "info"
    # Flask-Login's "basic" protection rewrites the cookie whenever the client's address
    # changes (setting _fresh), which would put a Set-Cookie on public pages. Revocation is
    # done with the session token instead, and nothing here needs "fresh" logins.
    login_manager.session_protection = None
    # Sessions end when the browser closes; there is no long-lived remember-me cookie.
    app.config.setdefault("REMEMBER_COOKIE_DURATION", 0)

    @app.before_request
    def _timeouts():
        from ..web.guard import is_public_endpoint, to_sign_in

        if is_public_endpoint(request.endpoint) or not current_user.is_authenticated:
            return None
        why = expired()
        if why:
            _record_expiry(current_user._get_current_object(), why)
            end()
            flash(
                "Your session ended after a period of inactivity. Sign in again."
                if why == "idle"
                else "Your session reached its time limit. Sign in again.",
                "info",
            )
            return to_sign_in()
        now = int(time.time())
        if now - session.get("_seen", 0) >= SEEN_RESOLUTION:
            session["_seen"] = now
        return None

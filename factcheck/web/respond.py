"""How a form post ends: its work committed once, a message, and a redirect (post/redirect/get).

Views never call commit() themselves; they return `done(...)`, or `kept(...)` when a post
renders a page but must keep what it recorded (a failed sign-in's audit row). A domain error
raised before that rolls everything back (errors.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import flash, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ..extensions import db
from .inputs import local_path

R = TypeVar("R")


def done(
    message: str | None,
    to: str,
    category: str = "success",
    after_commit: Callable[[], object] | None = None,
) -> Response:
    """Commit the request's work, run `after_commit` (e.g. start a new session, which must
    only happen once the change is stored), flash `message` (if any) and redirect to `to`."""
    db.session.commit()
    if after_commit is not None:
        after_commit()
    if message:
        flash(message, category)
    return redirect(to)


def kept(response: R) -> R:
    """Commit the request's work and answer with `response` (a page, not a redirect)."""
    db.session.commit()
    return response


def back() -> str:
    """Where to send someone after a refused action: the page they came from, if ours."""
    local = local_path(request.referrer, request.host_url)
    if local:
        return local
    return url_for("dashboard.index") if current_user.is_authenticated else url_for("auth.login")

"""Deny by default: every endpoint needs a signed-in staff user unless it is allow-listed here."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from flask import Flask, current_app, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import exists, select

from .extensions import db
from .models import User

# Whole blueprints readers may see without signing in.
PUBLIC_BLUEPRINTS = frozenset({"public", "api"})


def public(view: Callable) -> Callable:
    """Mark a staff-blueprint view as reachable without signing in (login, setup)."""
    view.is_public = True  # type: ignore[attr-defined]
    return view


def is_public_endpoint(endpoint: str | None) -> bool:
    if endpoint is None or endpoint == "static":
        return True
    if endpoint.split(".", 1)[0] in PUBLIC_BLUEPRINTS:
        return True
    view = current_app.view_functions.get(endpoint)
    return bool(getattr(view, "is_public", False))


def needs_setup() -> bool:
    """True until the first admin exists; remembered once false so it costs one query."""
    if current_app.extensions.get("factcheck.set_up"):
        return False
    if db.session.scalar(select(exists().where(User.id.is_not(None)))):
        current_app.extensions["factcheck.set_up"] = True
        return False
    return True


def safe_next(target: str | None) -> str | None:
    """Return `target` if it is a local path (no scheme, no host), else None."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


def init_app(app: Flask) -> None:
    @app.before_request
    def _deny_by_default():
        endpoint = request.endpoint
        if endpoint == "static":
            return None
        if needs_setup() and endpoint != "auth.setup":
            return redirect(url_for("auth.setup"))
        if is_public_endpoint(endpoint):
            return None
        if not current_user.is_authenticated:
            g.login_required = True
            nxt = request.full_path.rstrip("?") if request.method == "GET" else None
            return redirect(url_for("auth.login", next=nxt))
        return None

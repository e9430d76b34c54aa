"""Who gets in: deny by default, then one way for a view to load and authorise what it acts on.

Every endpoint needs a signed-in, active staff user unless its blueprint is public or the view
is marked @public. A view then calls `load()` once: 404 for what does not exist, 409 for a form
read from an older version, 403 when the user's role or ownership does not allow it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, abort, current_app, g, jsonify, redirect, request, url_for
from flask.globals import request_ctx
from flask_login import current_user
from sqlalchemy import exists, select
from werkzeug.exceptions import SecurityError
from werkzeug.routing import IntegerConverter

from ..errors import ConflictError
from ..extensions import db
from ..models import User
from .inputs import local_path

# Whole blueprints readers may see without signing in.
PUBLIC_BLUEPRINTS = frozenset({"public", "api", "public_exports"})

View = TypeVar("View", bound=Callable[..., Any])


T = TypeVar("T")


def public(view: View) -> View:
    """Mark a staff-blueprint view as reachable without signing in (sign-in, setup)."""
    view.is_public = True  # type: ignore[attr-defined]
    return view


def json_view(view: View) -> View:
    """Mark a view a page's script calls: its refusals are JSON (401 when signed out, not a
    redirect to sign in), so the script can say what happened and keep what was typed."""
    view.answers_json = True  # type: ignore[attr-defined]
    return view


def answers_json(endpoint: str | None = None) -> bool:
    """True when the view for `endpoint` (by default this request's) is a @json_view."""
    view = current_app.view_functions.get(endpoint or request.endpoint or "")
    return bool(getattr(view, "answers_json", False))


def to_sign_in():
    """The answer to a request nobody is signed in for: 401 JSON for a @json_view; else the
    sign-in page, which comes back to the page asked for or, after a post (a session that
    ended while a form was being filled in), to the page the form was on, if it is ours."""
    if request.method == "GET":
        nxt = request.full_path.rstrip("?")
    else:
        nxt = local_path(request.referrer, request.host_url)
    if answers_json():
        message = "Your session expired. Sign in again."
        return jsonify(error=message, login=url_for("auth.login", next=nxt)), 401
    return redirect(url_for("auth.login", next=nxt))


def is_public_endpoint(endpoint: str | None) -> bool:
    """True for static files, the public blueprints and views marked @public."""
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


def actor() -> User:
    """The signed-in user as a real object (not the proxy), for services and audit rows."""
    return current_user._get_current_object()


def authorize(predicate: Callable[..., bool], *args: Any) -> None:
    """Abort with 403 unless `predicate(current_user, *args)` holds."""
    if not predicate(current_user, *args):
        abort(403)


def load(
    obj: T | None,
    predicate: Callable[..., bool],
    version: int | None = None,
    stale: Callable[[T], ConflictError] | None = None,
) -> T:
    """`obj`, checked in this order: 404 if it is None; ConflictError (409) if the form was
    read from an older version than `obj.version`; 403 unless `predicate(user, obj)`."""
    if obj is None:
        abort(404)
    g.loaded = obj
    if version is not None and int(version) != getattr(obj, "version", version):
        raise (
            stale(obj)
            if stale
            else ConflictError(
                "This changed since you opened it. Review the current version and try again."
            )
        )
    authorize(predicate, obj)
    return obj


def can_build_urls() -> bool:
    """False when this request has no URL adapter (a Host that is not ours): url_for fails."""
    return request_ctx.url_adapter is not None


def port_is_ours() -> bool:
    """True when the Host header names no port, or one this install answers on: TRUSTED_PORTS
    when set (behind a proxy), else the port the server itself listens on."""
    host = request.headers.get("Host", "")
    if host.endswith("]") or ":" not in host:  # no port (an IPv6 literal has colons)
        return True
    port = host.rsplit(":", 1)[1]
    allowed = current_app.config.get("TRUSTED_PORTS") or [request.environ.get("SERVER_PORT")]
    return port in {str(p) for p in allowed}


class IdConverter(IntegerConverter):
    """`<int:...>` in every route: an id larger than a PostgreSQL integer column holds does not
    match, so it is a 404 like any id that does not exist, not a driver overflow (500)."""

    def __init__(self, map, *args: Any, **kwargs: Any) -> None:
        super().__init__(map, *args, **kwargs)
        if self.max is None:
            self.max = 2**31 - 1


def init_host_check(app: Flask) -> None:
    """Refuse a foreign Host (name or port) before any other hook runs: without a trusted host
    there is no URL adapter, and a hook that builds a URL (the first-run redirect to /setup)
    would fail with a 500 instead of the 400 the refusal is."""

    @app.before_request
    def _check_host():
        if isinstance(request.routing_exception, SecurityError):
            raise request.routing_exception
        if not port_is_ours():
            raise SecurityError(f"Host port not accepted: {request.headers.get('Host')!r}")


def init_app(app: Flask) -> None:
    """Register deny-by-default: it runs before the CSRF check, so anonymous posts are sent
    to sign in rather than told their form expired."""
    app.url_map.converters["int"] = IdConverter

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
            return to_sign_in()
        return None

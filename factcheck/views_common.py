"""What every page shares: the signed-in user, template helpers, headers and error pages."""

from __future__ import annotations

import datetime as dt
import re

from flask import Flask, Response, flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from markupsafe import Markup, escape
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, SecurityError

from . import permissions
from .access import safe_next
from .errors import ConflictError, DomainError
from .extensions import db
from .models import Kind, Role
from .workflow import State

ERROR_TEXT = {
    400: ("Bad request", "The request could not be understood. Go back and try again."),
    403: ("Not allowed", "Your role does not allow this. Ask an editor or admin if you need it."),
    404: ("Not found", "There is nothing at this address. Check the link or use the menu."),
    405: ("Not allowed", "This address does not accept that kind of request."),
    409: (
        "Changed meanwhile",
        "Someone else changed this while you were working on it. "
        "Reload the page to see the current version.",
    ),
    410: ("Gone", "This page was withdrawn."),
    413: ("Too large", "The file or text is larger than this install accepts."),
    422: ("Cannot process", "Some of what you sent is not valid. Go back and check the form."),
    429: ("Too many requests", "Slow down and try again in a minute."),
    500: (
        "Something went wrong",
        "The error was logged. Try again; if it keeps happening, "
        "tell your admin what you were doing.",
    ),
}


def init_app(app: Flask) -> None:
    @app.context_processor
    def _globals():
        from .admin.services import site_settings

        if "site" not in g:
            g.site = site_settings()
        return {
            "can": permissions.PREDICATES,
            "State": State,
            "Kind": Kind,
            "Role": Role,
            "site": g.site,
        }

    app.jinja_env.filters["date"] = _date
    app.jinja_env.filters["datetime"] = _datetime
    app.jinja_env.filters["ago"] = _ago
    app.jinja_env.filters["paragraphs"] = _paragraphs
    app.jinja_env.filters["number"] = _number
    app.jinja_env.globals["max_article_mb"] = app.config["ARTICLE_MAX_BYTES"] // (1024 * 1024)

    # Security headers and cookies: factcheck/security/headers.py.

    @app.errorhandler(DomainError)
    def _domain_error(exc: DomainError):
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(_back())

    @app.errorhandler(StaleDataError)
    def _stale(exc):
        db.session.rollback()
        return _domain_error(ConflictError(ERROR_TEXT[409][1]))

    @app.errorhandler(CSRFError)
    def _csrf(exc):
        return render_template(
            "errors.html",
            code=400,
            title="Form expired",
            text="The form was missing its security token or it expired. "
            "Go back, reload the page and submit again.",
        ), 400

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        if exc.code is None or exc.code < 400:
            return exc
        if isinstance(exc, SecurityError):
            # A Host header not in TRUSTED_HOSTS: no URLs can be built for it, so no page.
            return Response("Bad request: unknown host.\n", 400, mimetype="text/plain")
        title, text = ERROR_TEXT.get(exc.code, (exc.name, exc.description))
        if exc.code == 413:
            limit = app.config["ARTICLE_MAX_BYTES"] // (1024 * 1024)
            text = (
                f"Articles and uploads can be at most {limit} MB. Split the article or "
                "remove material that is not part of it, then try again."
            )
        return render_template("errors.html", code=exc.code, title=title, text=text), exc.code

    @app.errorhandler(Exception)
    def _crash(exc: Exception):
        if isinstance(exc, HTTPException):
            return _http(exc)
        db.session.rollback()
        app.logger.exception(
            "Unhandled error on %s %s", request.method, request.path.replace("\n", "\\n")
        )
        title, text = ERROR_TEXT[500]
        return render_template("errors.html", code=500, title=title, text=text), 500


def _back() -> str:
    """Where to send someone after a refused action: the page they came from, if ours."""
    ref = request.referrer or ""
    root = request.host_url
    if ref.startswith(root):
        local = safe_next("/" + ref[len(root) :])
        if local:
            return local
    return url_for("dashboard.index") if current_user.is_authenticated else url_for("auth.login")


def _date(value: dt.date | dt.datetime | None, fmt: str = "%-d %b %Y") -> str:
    return value.strftime(fmt) if value else ""


def _datetime(value: dt.datetime | None) -> str:
    return value.strftime("%-d %b %Y, %H:%M UTC") if value else ""


def _ago(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    seconds = (dt.datetime.now(dt.UTC) - value).total_seconds()
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = int(seconds // size)
            return f"{n} {unit}{'s' if n != 1 else ''} ago"
    return "just now"


def _paragraphs(text: str | None) -> Markup:
    """Plain text as escaped paragraphs; the text itself is never treated as HTML."""
    if not text:
        return Markup("")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    return Markup("").join(
        Markup("<p>{}</p>").format(Markup("<br>").join(escape(line) for line in b.split("\n")))
        for b in blocks
    )


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")

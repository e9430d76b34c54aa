"""Logs for an operator's collector, and optional error reporting; neither is needed to run.

LOG_FORMAT=json (environment) or FACTCHECK_LOG_FORMAT=json: every log record becomes one JSON
object per line on stderr, with the request's id, method and path when there is a request.
Security events (security/events.py) keep their fields as a JSON object of their own.

SENTRY_DSN set and sentry-sdk installed (`pip install 'sentry-sdk[flask]'`): errors are reported
there, without personal data (send_default_pii=False: no cookies, user ids or client addresses).
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import uuid
from datetime import UTC, datetime

from flask import Flask, g, has_request_context, request
from flask.logging import default_handler

REQUEST_ID_HEADER = "X-Request-ID"
# An id a proxy passes on is kept only when it is short and plain, so it cannot forge a field.
_GOOD_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# LogRecord attributes that are not a caller's `extra` fields.
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


def request_id() -> str | None:
    if not has_request_context():
        return None
    if "request_id" not in g:
        g.request_id = request_id_for(request.headers.get(REQUEST_ID_HEADER, ""))
    return g.request_id


def request_id_for(given: str) -> str:
    """The id of a request that came with `given` in its X-Request-ID header (a new one when
    that is empty or not plain)."""
    return given if _GOOD_ID.fullmatch(given) else uuid.uuid4().hex


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time (UTC, ISO 8601), level, logger, message, the request's
    id/method/path when there is one, `extra` fields, and the traceback as a string."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context():
            entry["request_id"] = request_id()
            entry["method"] = request.method
            entry["path"] = request.path
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def wants_json(app: Flask) -> bool:
    choice = app.config.get("LOG_FORMAT") or os.environ.get("LOG_FORMAT") or ""
    return choice.strip().lower() == "json"


def use_json(level: int = logging.INFO) -> None:
    """Send every logger's records to stderr as JSON lines (the root handler, set once)."""
    root = logging.getLogger()
    if not any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)


def init_sentry(app: Flask) -> bool:
    """Start error reporting when SENTRY_DSN is set; True when it was started."""
    dsn = app.config.get("SENTRY_DSN") or os.environ.get("SENTRY_DSN")
    if not dsn:
        return False
    try:
        import sentry_sdk
        from sentry_sdk.integrations.flask import FlaskIntegration
    except ImportError:
        app.logger.warning("SENTRY_DSN is set but sentry-sdk is not installed: no error reports")
        return False
    sentry_sdk.init(
        dsn=dsn,
        integrations=[FlaskIntegration()],
        send_default_pii=False,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
    )
    return True


def init_app(app: Flask) -> None:
    if wants_json(app):
        use_json()
        # Flask's own handler would print each app.logger record a second time, as text.
        app.logger.removeHandler(default_handler)

        @app.after_request
        def _echo_request_id(response):
            response.headers.setdefault(REQUEST_ID_HEADER, request_id() or "")
            return response

    init_sentry(app)

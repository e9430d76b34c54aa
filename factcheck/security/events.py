"""Security log lines (ASVS V7): one line per event, never forged, never holding a secret.

Audit rows in the database are the record admins read; these log lines are for the operator's
log collector. Every field is escaped so a newline in an email address cannot start a forged
line, and fields whose names say they are secret are never written at all.
"""

from __future__ import annotations

import json
import logging
import re

from flask import Flask, has_request_context, request

logger = logging.getLogger("factcheck.security")

# Field names whose values never reach a log, whatever a caller passes.
SECRET_FIELDS = frozenset(
    {
        "password",
        "new_password",
        "current_password",
        "token",
        "session_token",
        "totp_secret",
        "secret",
        "code",
        "cookie",
        "csrf_token",
        "session",
    }
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")


def clean(value: object) -> str:
    """`value` as one printable line: control characters and line breaks become escapes."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(value))


def log(event: str, **fields: object) -> None:
    """Write one security event line: `event key=value ...`, escaped, secrets left out."""
    if has_request_context():
        fields.setdefault("ip", request.remote_addr)
    kept = {clean(k): str(v) for k, v in fields.items() if k.lower() not in SECRET_FIELDS}
    # JSON strings: quotes and every control character escaped, non-ASCII as \u escapes.
    parts = [clean(event)] + [f"{k}={json.dumps(v)}" for k, v in kept.items()]
    # With JSON logs (factcheck/logs.py) the event and its fields are also fields of the record.
    logger.info(" ".join(parts), extra={"event": clean(event), "fields": kept})


class OneLineFilter(logging.Filter):
    """Escape line breaks in every record's message, so no caller can forge a second line."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _CONTROL.search(message):
            record.msg, record.args = clean(message), None
        return True


def init_app(app: Flask) -> None:
    for name in (app.logger.name, logger.name):
        target = logging.getLogger(name)
        if not any(isinstance(f, OneLineFilter) for f in target.filters):
            target.addFilter(OneLineFilter())
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)

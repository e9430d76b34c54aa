"""A few seconds' memory of finished public answers, in front of Flask.

A public page that goes viral is asked for hundreds of times a second. The render cache
(public/cache.py) already makes each of those cheap for the database, but every one still
passed through Flask's request machinery and the app's hooks: about three quarters of a cached
page's cost (issue 14's web benchmark). Each process here keeps the finished answer (status,
headers, body) of a public GET for exactly as long as the app would have gone on serving the
same version anyway: public/queries.py remembers a page's version for PUBLIC_RECHECK_SECONDS,
and the deadline it used travels with the request (`fresh_until`). So this adds no staleness
that was not there; a correction still reaches readers within PUBLIC_RECHECK_SECONDS.

Only what every reader would be given is kept: an answer is stored when the app itself marked
it as shared (`Cache-Control: public`, no `Vary: Cookie`, no cookie set) and a version deadline
was recorded; it is served only to requests that carry no cookie, no credentials and no
conditional headers (those go to the app, which answers 304s itself). The key holds the Host and
the forwarded scheme as sent, so an answer made for one host is never served to another; the
host check ran when it was stored. Entries and bytes are bounded.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, has_request_context, request

from ..logs import REQUEST_ID_HEADER, request_id_for

ENVIRON_KEY = "factcheck.fresh_until"
MAX_ENTRIES = 2_000
MAX_BYTES = 32 * 1024 * 1024
MAX_BODY = 1024 * 1024
# A request carrying any of these may be answered differently from the shared copy.
_PERSONAL = (
    "HTTP_COOKIE",
    "HTTP_AUTHORIZATION",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_RANGE",
)
_KEY_PARTS = (
    "HTTP_HOST",
    "HTTP_X_FORWARDED_PROTO",
    "wsgi.url_scheme",
    "SCRIPT_NAME",
    "PATH_INFO",
    "QUERY_STRING",
)

Entry = tuple[float, str, list[tuple[str, str]], bytes]
_ID_NAME = REQUEST_ID_HEADER.lower()


def fresh_until(deadline: float) -> None:
    """Record that the answer being made holds a version remembered until `deadline`
    (time.monotonic()); the answer may be kept no longer than the earliest such deadline."""
    if has_request_context():
        environ = request.environ
        environ[ENVIRON_KEY] = min(environ.get(ENVIRON_KEY, deadline), deadline)


def not_kept() -> None:
    """Mark the answer being made as one this cache must pass through as it streams (an
    export of every fact-check): kept, it would be read whole into memory first."""
    if has_request_context():
        request.environ.pop(ENVIRON_KEY, None)
        request.environ[ENVIRON_KEY + ".never"] = True


def _shareable(status: str, headers: list[tuple[str, str]]) -> bool:
    if not status.startswith("200 "):
        return False
    names = {k.lower(): v for k, v in headers}
    vary = names.get("vary", "").lower()
    return (
        names.get("cache-control", "").startswith("public")
        and "set-cookie" not in names
        and "cookie" not in vary
        and "*" not in vary
    )


class MicroCache:
    """WSGI middleware keeping shareable public answers until their version's deadline."""

    def __init__(self, wsgi_app: Callable[..., Iterable[bytes]]) -> None:
        self.wsgi_app = wsgi_app
        self.entries: OrderedDict[tuple, Entry] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD") or any(environ.get(h) for h in _PERSONAL):
            return self.wsgi_app(environ, start_response)
        key = tuple(environ.get(part, "") for part in _KEY_PARTS)
        entry = self._get(key)
        if entry is not None:
            _, status, headers, body = entry
            extra = [("X-Micro-Cache", "hit")]
            if any(name.lower() == _ID_NAME for name, _ in headers):
                # The stored answer's id was its first request's: this request gets its own.
                given = environ.get("HTTP_X_REQUEST_ID", "")
                headers = [h for h in headers if h[0].lower() != _ID_NAME]
                extra.append((REQUEST_ID_HEADER, request_id_for(given)))
            start_response(status, [*headers, *extra])
            return [b""] if method == "HEAD" else [body]
        return self._through(key, environ, start_response)

    def _through(self, key: tuple, environ: dict[str, Any], start_response: Callable):
        seen: dict[str, Any] = {}

        def remember(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, list(headers)
            return start_response(status, headers, exc_info)

        result = self.wsgi_app(environ, remember)
        deadline = environ.get(ENVIRON_KEY)
        if (
            deadline is None
            or environ.get(ENVIRON_KEY + ".never")
            or environ.get("REQUEST_METHOD") != "GET"
        ):
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        if "status" in seen and _shareable(seen["status"], seen["headers"]):
            self._put(key, (deadline, seen["status"], seen["headers"], body))
        return [body]

    def _get(self, key: tuple) -> Entry | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry[0] <= time.monotonic():
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return entry

    def _put(self, key: tuple, entry: Entry) -> None:
        body = entry[3]
        if len(body) > MAX_BODY or entry[0] <= time.monotonic():
            return
        with self.lock:
            self._drop(key)
            self.entries[key] = entry
            self.size += len(body)
            while len(self.entries) > MAX_ENTRIES or self.size > MAX_BYTES:
                self._drop(next(iter(self.entries)))

    def _drop(self, key: tuple) -> None:
        entry = self.entries.pop(key, None)
        if entry is not None:
            self.size -= len(entry[3])

    def clear(self) -> None:
        """Forget every kept answer (this process)."""
        with self.lock:
            self.entries.clear()
            self.size = 0


def init_app(app: Flask) -> None:
    """Put the micro-cache in front of the app (inside the health check, outside everything
    else), unless public versions are not remembered at all (PUBLIC_RECHECK_SECONDS 0)."""
    if app.config.get("PUBLIC_RECHECK_SECONDS", 0) <= 0:
        return
    cache = MicroCache(app.wsgi_app)
    app.extensions["factcheck.microcache"] = cache
    app.wsgi_app = cache  # type: ignore[method-assign]

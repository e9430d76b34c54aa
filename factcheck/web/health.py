"""GET /healthz for load balancers: 200 when the database answers (and Redis, when REDIS_URL is
set), 503 otherwise, with a small JSON body that names no host, URL or error text.

It is answered in front of the Flask app, as WSGI middleware, because load balancers probe by
the server's address: the Host check (TRUSTED_HOSTS), the first-run redirect to /setup, sessions
and the access guard must not turn a healthy server into a 400 or a 302. Nothing it answers
depends on who asks, and nothing is cached.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask
from sqlalchemy import text

from ..extensions import db

PATH = "/healthz"
logger = logging.getLogger("factcheck.health")


def check_database() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception:  # any failure means "not ready"; the log says which
        logger.warning("health check: the database did not answer", exc_info=True)
        return False
    finally:
        db.session.remove()


def redis_url(app: Flask) -> str | None:
    """The Redis the throttle and the render cache use: config, or the environment outside
    tests (as security/throttle.py and public/cache.py read it)."""
    return app.config.get("REDIS_URL") or (None if app.testing else os.environ.get("REDIS_URL"))


def check_redis(app: Flask, url: str) -> bool:
    import redis

    client = app.extensions.get("factcheck.health_redis")
    if client is None:
        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
        app.extensions["factcheck.health_redis"] = client
    try:
        return bool(client.ping())
    except redis.RedisError:
        logger.warning("health check: Redis did not answer", exc_info=True)
        return False


def status(app: Flask) -> tuple[int, dict[str, str]]:
    with app.app_context():
        checks = {"database": "ok" if check_database() else "failing"}
        url = redis_url(app)
        if url:
            checks["redis"] = "ok" if check_redis(app, url) else "failing"
    healthy = all(v == "ok" for v in checks.values())
    return (200 if healthy else 503), {"status": "ok" if healthy else "unavailable", **checks}


class HealthCheck:
    """Answers GET/HEAD /healthz; passes every other request to the app."""

    def __init__(self, app: Flask, wsgi_app: Callable[..., Iterable[bytes]]) -> None:
        self.app, self.wsgi_app = app, wsgi_app

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != PATH:
            return self.wsgi_app(environ, start_response)
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD"):
            start_response("405 Method Not Allowed", [("Allow", "GET, HEAD")])
            return [b""]
        code, body = status(self.app)
        payload = json.dumps(body).encode()
        start_response(
            "200 OK" if code == 200 else "503 Service Unavailable",
            [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(payload))),
                ("Cache-Control", "no-store"),
                ("X-Robots-Tag", "noindex"),
            ],
        )
        return [b""] if method == "HEAD" else [payload]


def init_app(app: Flask) -> None:
    app.wsgi_app = HealthCheck(app, app.wsgi_app)  # type: ignore[method-assign]

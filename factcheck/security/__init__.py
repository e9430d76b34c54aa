"""Security settings that hold for the whole app: start-up checks, headers, cookies, sessions,
throttling and the security log. Each part has its own module; create_app() calls init_app()
before the access check and throttle.init_app() once the blueprints exist."""

from __future__ import annotations

from flask import Flask, request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.middleware.proxy_fix import ProxyFix

from . import events, headers, passwords, sessions, throttle

__all__ = ["ConfigurationError", "init_app", "throttle"]

# Values seen in tutorials and sample configs: never acceptable as a production key.
KNOWN_DEFAULT_KEYS = frozenset(
    {
        "dev",
        "development",
        "secret",
        "secret-key",
        "secret_key",
        "change-me",
        "changeme",
        "change_me",
        "please-change-me",
        "default",
        "test",
        "testing",
        "your-secret-key",
        "xxx",
    }
)
MIN_KEY_LENGTH = 32


class ConfigurationError(RuntimeError):
    """The app refuses to start with this configuration."""


def is_production(app: Flask) -> bool:
    return not (app.debug or app.testing)


def check_config(app: Flask) -> None:
    """Refuse to start in production with a weak secret key or a cheap password hash; raises
    ConfigurationError."""
    if not is_production(app):
        return
    key = app.config.get("SECRET_KEY")
    if isinstance(key, bytes):
        key = key.decode("latin-1")
    if (
        not key
        or key.strip().lower() in KNOWN_DEFAULT_KEYS
        or len(key) < MIN_KEY_LENGTH
        or len(set(key)) < 8
    ):
        raise ConfigurationError(
            "SECRET_KEY is missing, a known default or shorter than "
            f"{MIN_KEY_LENGTH} characters. Remove it to have one generated into "
            "instance/secret_key, or set a long random value."
        )
    method = app.config.get("PASSWORD_HASH_METHOD") or passwords.STRONG_DEFAULT
    if not passwords.is_strong(method):
        raise ConfigurationError(
            f"PASSWORD_HASH_METHOD {method!r} is below today's recommended cost: use "
            f"{passwords.STRONG_DEFAULT!r} or pbkdf2:sha256 with at least "
            f"{passwords.PBKDF2_MIN_ROUNDS:,} rounds."
        )
    if app.config.get("FETCH_ALLOW_LOOPBACK"):
        raise ConfigurationError(
            "FETCH_ALLOW_LOOPBACK lets outbound fetches reach this machine; it is for tests only."
        )


def init_app(app: Flask) -> None:
    check_config(app)
    hops = int(app.config.get("PROXY_FIX_HOPS") or 0)
    if hops:
        # Behind a reverse proxy: trust its X-Forwarded-For/-Proto for the client address
        # (throttling, logs) and the scheme (Secure cookies, HSTS). Only as many hops as set.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=0
        )
    events.init_app(app)
    headers.init_app(app)
    sessions.init_app(app)

    @app.before_request
    def _drop_nul_bytes():
        # No text field has a use for NUL, PostgreSQL cannot store it and C libraries stop at
        # it (found by tests/cross/test_fuzz.py). It is removed from every query and form
        # value before anything reads them. Removing rather than refusing (400) keeps answers
        # uniform, which is what differential scanners look at: refusing made wapiti report
        # LDAP injection (its probe carries a NUL) where there is no LDAP.
        for name in ("args",) if request.method in ("GET", "HEAD") else ("args", "form"):
            values = getattr(request, name)
            if any("\x00" in k or "\x00" in v for k, v in values.items(multi=True)):
                setattr(
                    request,
                    name,
                    ImmutableMultiDict(
                        (k.replace("\x00", ""), v.replace("\x00", ""))
                        for k, v in values.items(multi=True)
                    ),
                )

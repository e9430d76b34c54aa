"""Every setting with its default. No secrets here: instance/config.py and FACTCHECK_*
environment variables override (FACTCHECK_PER_PAGE=50; JSON for lists and dicts)."""

from __future__ import annotations

from typing import Any, ClassVar

MB = 1024 * 1024


class Config:
    # --- Database ---------------------------------------------------------------------
    # Set from DATABASE_URL, else SQLite in the instance folder (create_app fills it in).
    SQLALCHEMY_DATABASE_URI: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict[str, Any]] = {"pool_pre_ping": True}

    # --- Articles, pages and forms ------------------------------------------------------
    # Articles larger than this are refused with a 413 page; forms and uploads share the cap.
    ARTICLE_MAX_BYTES: int = 2 * MB
    # Room for the other form fields around a maximum-size article.
    MAX_CONTENT_LENGTH: int = ARTICLE_MAX_BYTES + 256 * 1024
    # Werkzeug keeps non-file form fields under 500 kB by default; a pasted 1 MB article must fit.
    MAX_FORM_MEMORY_SIZE: int = MAX_CONTENT_LENGTH
    # Rows per page in the desk's lists, the public index and the corrections log.
    PER_PAGE: int = 25
    # Public pages name the desk's people by role ("editor"); True prints their names too.
    PUBLIC_STAFF_NAMES: bool = False
    # The issuer shown in authenticator apps when someone sets up two-factor sign-in.
    ORG_NAME: str = "factcheck"
    # A checker may spend hours on a rationale; the token lives as long as the session instead.
    WTF_CSRF_TIME_LIMIT: int | None = None

    # --- Security (factcheck/security/) ------------------------------------------------
    # Generated into instance/secret_key on first run when not set; production refuses a weak
    # one. Old keys listed here still open sessions and two-factor secrets after a rotation.
    SECRET_KEY: str | None = None
    SECRET_KEY_FALLBACKS: ClassVar[list[str]] = []
    # scrypt with N = 2^17 (OWASP's recommended minimum); weaker hashes are upgraded at sign-in.
    # Tests set a cheap method for speed; production refuses to start with a weak one.
    PASSWORD_HASH_METHOD: str = "scrypt:131072:8:1"  # noqa: S105 (a method name, not a password)
    # Sessions end after 30 minutes without a request and 12 hours after sign-in, in seconds.
    SESSION_IDLE_TIMEOUT: int = 30 * 60
    SESSION_ABSOLUTE_TIMEOUT: int = 12 * 60 * 60
    # While someone types in a desk form, the page pings the server at most this often, in
    # seconds, so writing counts as activity. Must stay well under SESSION_IDLE_TIMEOUT.
    KEEPALIVE_SECONDS: int = 5 * 60
    SESSION_COOKIE_HTTPONLY: bool = True
    SESSION_COOKIE_SAMESITE: str = "Lax"
    SESSION_COOKIE_SECURE: bool = False
    # Sign-in throttling: all sign-in posts from one address, and failed ones per account.
    LOGIN_LIMIT_IP: str = "30 per minute; 300 per hour"
    LOGIN_LIMIT_ACCOUNT: str = "5 per 15 minutes; 20 per day"
    # A browser that signed in to an account gets its own count of failures for it, so guesses
    # from elsewhere cannot lock the person out (security/devices.py); for this many days.
    DEVICE_COOKIE_DAYS: int = 90
    RATELIMIT_ENABLED: bool = True
    RATELIMIT_STRATEGY: str = "moving-window"
    RATELIMIT_KEY_PREFIX: str = "factcheck"
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED: bool = True
    RATELIMIT_SWALLOW_ERRORS: bool = False
    # Host names this install answers to; any other Host header gets 400. Set yours, e.g.
    # FACTCHECK_TRUSTED_HOSTS='["checks.example.org"]'.
    TRUSTED_HOSTS: ClassVar[list[str]] = ["localhost", "127.0.0.1"]
    # Ports a Host header may name; unset: only the port the server listens on (a Host
    # without a port is always fine). Behind a proxy that passes the client's port, or on a
    # unix socket, list the public one(s), e.g. FACTCHECK_TRUSTED_PORTS='[443]'.
    TRUSTED_PORTS: ClassVar[list[int] | None] = None
    # Set to "https" when served over HTTPS: Secure __Host- cookies and HSTS follow.
    PREFERRED_URL_SCHEME: str = "http"
    # Number of reverse proxies in front of the app whose X-Forwarded-* headers to trust.
    PROXY_FIX_HOPS: int = 0

    # --- Shared state across app servers ----------------------------------------------
    # Rate-limit counters and the public render cache live here when set; else in memory.
    REDIS_URL: str | None = None

    # --- Public site (factcheck/public/) ------------------------------------------------
    # The public site's root when it differs from the request's host (behind a proxy or CDN).
    PUBLIC_URL: str | None = None
    # Browsers and CDNs may reuse a public page this long, in seconds, before revalidating.
    # Short, because a correction or withdrawal must show.
    PUBLIC_MAX_AGE: int = 60
    # Each app process reuses a public page's version this long, in seconds (0: always ask).
    PUBLIC_RECHECK_SECONDS: float = 5.0
    # The render cache (Flask-Caching): "RedisCache" when REDIS_URL is set, else in memory;
    # versions are in the keys, so the timeout only frees memory.
    CACHE_TYPE: str | None = None
    CACHE_DEFAULT_TIMEOUT: int = 3600
    CACHE_KEY_PREFIX: str = "factcheck:"
    CACHE_THRESHOLD: int = 2000

    # --- Notifications by email (factcheck/notifications/) ----------------------------------
    # Email is off until MAIL_SERVER is set; notifications still show in the desk. Links in the
    # emails use PUBLIC_URL (above) when set. The password comes from the environment or
    # instance/config.py, never from here.
    MAIL_SERVER: str | None = None
    MAIL_PORT: int = 587
    MAIL_USE_TLS: bool = True
    MAIL_USE_SSL: bool = False
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_FROM: str = "factcheck@localhost"
    # Seconds an SMTP conversation may take before it fails (and is retried later).
    MAIL_TIMEOUT: int = 10

    # --- Operations (factcheck/logs.py, factcheck/web/health.py) --------------------------
    # "json": each log line is one JSON object on stderr (LOG_FORMAT in the environment works too).
    LOG_FORMAT: str | None = None
    # Error reports go to this DSN when sentry-sdk is installed (SENTRY_DSN also works).
    SENTRY_DSN: str | None = None

"""Defaults. No secrets here: instance/config.py and FACTCHECK_* environment variables override."""

from __future__ import annotations

MB = 1024 * 1024


class Config:
    # Articles larger than this are refused with a 413 page; forms and uploads share the cap.
    ARTICLE_MAX_BYTES = 2 * MB
    # Room for the other form fields around a maximum-size article.
    MAX_CONTENT_LENGTH = ARTICLE_MAX_BYTES + 256 * 1024
    # Werkzeug keeps non-file form fields under 500 kB by default; a pasted 1 MB article must fit.
    MAX_FORM_MEMORY_SIZE = MAX_CONTENT_LENGTH
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    # A checker may spend hours on a rationale; the token lives as long as the session instead.
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PER_PAGE = 25
    ORG_NAME = "factcheck"

    # --- Security (issue #6; see factcheck/security/) ---
    # scrypt with N = 2^17 (OWASP's recommended minimum); weaker hashes are upgraded at sign-in.
    # Tests set a cheap method for speed; production refuses to start with a weak one.
    PASSWORD_HASH_METHOD = "scrypt:131072:8:1"  # noqa: S105 (a method name, not a password)
    # Sessions end after 30 minutes without a request and 12 hours after sign-in, in seconds.
    SESSION_IDLE_TIMEOUT = 30 * 60
    SESSION_ABSOLUTE_TIMEOUT = 12 * 60 * 60
    # While someone types in a desk form, the page pings the server at most this often, in
    # seconds, so writing counts as activity. Must stay well under SESSION_IDLE_TIMEOUT.
    KEEPALIVE_SECONDS = 5 * 60
    # Sign-in throttling: all sign-in posts from one address, and failed ones per account.
    LOGIN_LIMIT_IP = "30 per minute; 300 per hour"
    LOGIN_LIMIT_ACCOUNT = "5 per 15 minutes; 20 per day"
    RATELIMIT_ENABLED = True
    RATELIMIT_STRATEGY = "moving-window"
    RATELIMIT_KEY_PREFIX = "factcheck"
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = False
    # Rate-limit counters (and other shared state) live here when set; else in memory.
    REDIS_URL = None
    # Host names this install answers to; any other Host header gets 400. Set yours, e.g.
    # FACTCHECK_TRUSTED_HOSTS='["checks.example.org"]'.
    TRUSTED_HOSTS = ["localhost", "127.0.0.1"]
    # Set to "https" when served over HTTPS: Secure __Host- cookies and HSTS follow.
    PREFERRED_URL_SCHEME = "http"
    # Number of reverse proxies in front of the app whose X-Forwarded-* headers to trust.
    PROXY_FIX_HOPS = 0
    SESSION_COOKIE_SECURE = False

"""Every setting with its default. No secrets here: instance/config.py and FACTCHECK_*
environment variables override (FACTCHECK_PER_PAGE=50; JSON for lists and dicts)."""

from __future__ import annotations

from typing import Any, ClassVar

KB = 1024
MB = 1024 * KB


def size_label(nbytes: int) -> str:
    """A size as people read it, rounded up so that nothing over a limit reads as the limit:
    '512 KB', '513 KB', '2 MB', '2.1 MB'."""
    if nbytes < MB:
        return f"{-(-nbytes // KB)} KB"
    tenths = -(-nbytes * 10 // MB)
    return f"{tenths // 10} MB" if tenths % 10 == 0 else f"{tenths / 10:.1f} MB"


class Config:
    # --- Database ---------------------------------------------------------------------
    # Set from DATABASE_URL, else SQLite in the instance folder (create_app fills it in).
    SQLALCHEMY_DATABASE_URI: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict[str, Any]] = {"pool_pre_ping": True}

    # --- Articles, pages and forms ------------------------------------------------------
    # The most text (UTF-8, after HTML is reduced to text) one article may have, for paste,
    # upload and `flask ingest` alike. Past INGEST_INLINE_MAX_BYTES the claims are found by a
    # job, off the request path, so the limit is no longer gunicorn's timeout (512 KB while
    # ingest ran in the request); 2 MB extracts in about 10 s on a 2-core machine, well inside
    # the ingest job's time limit (bench/ingest_job.py).
    ARTICLE_MAX_BYTES: int = 2 * MB
    # Articles up to this size are read inside the request (about a second or less) and their
    # candidates shown at once; larger ones are queued, with a progress panel.
    INGEST_INLINE_MAX_BYTES: int = 50 * KB
    # Candidates per page in an article's triage list.
    TRIAGE_PER_PAGE: int = 100
    # A request larger than this gets a 413 page: an uploaded HTML page carries its markup
    # besides the article's text, and the form its other fields.
    MAX_CONTENT_LENGTH: int = 2 * MB + 256 * KB
    # Werkzeug keeps non-file form fields under 500 kB by default; a pasted 1 MB article must fit.
    MAX_FORM_MEMORY_SIZE: int = MAX_CONTENT_LENGTH
    # Importing other publishers' ClaimReviews (factcheck/imports/): the largest file or feed
    # read (uploads, feeds and `flask import-claimreviews` alike) and the most reviews in one.
    IMPORT_MAX_BYTES: int = 2 * MB
    IMPORT_MAX_REVIEWS: int = 20_000
    # Rows per page in the desk's lists, the public index and the corrections log.
    PER_PAGE: int = 25
    # Rows an export (factcheck/exports) fetches per query while it streams.
    EXPORT_BATCH_SIZE: int = 1000
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

    # --- Outbound fetches and archived copies (factcheck/fetching/, factcheck/archive/) ----
    # Every fetch of a source or an article by URL: size, time (connect, each read, the whole
    # fetch with its redirects) and redirects are bounded; only web pages and text are kept.
    FETCH_MAX_BYTES: int = 5 * MB
    FETCH_CONNECT_TIMEOUT: float = 5.0
    FETCH_READ_TIMEOUT: float = 10.0
    FETCH_DEADLINE: float = 30.0
    FETCH_MAX_REDIRECTS: int = 5
    FETCH_CONTENT_TYPES: ClassVar[list[str]] = [
        "text/html",
        "application/xhtml+xml",
        "text/plain",
    ]
    # Tests only: lets fetches reach servers on 127.0.0.1 (private, link-local and metadata
    # addresses stay refused). A production app refuses to start with it set.
    FETCH_ALLOW_LOOPBACK: bool = False
    # Where stored copies go: a folder (default: instance/archive) or, when the bucket is
    # set, any S3-compatible store (credentials from the usual AWS_* environment variables).
    ARCHIVE_DIR: str | None = None
    ARCHIVE_S3_BUCKET: str | None = None
    ARCHIVE_S3_ENDPOINT_URL: str | None = None
    ARCHIVE_S3_REGION: str | None = None
    ARCHIVE_S3_PREFIX: str = "captures/"
    # Capture each source when it is added (a "capture_source" job). Off, a source waits for
    # someone to press "Capture now": an install with no outbound access, or the tests, which
    # fetch only from servers they start themselves.
    ARCHIVE_ON_ADD: bool = True
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
    # --- Jobs (factcheck/jobs/) ---------------------------------------------------------
    # The queue lives in Redis when REDIS_URL is set, else in this SQLite file (default:
    # instance/jobs.sqlite). Workers: `flask worker`.
    JOBS_SQLITE_PATH: str | None = None
    # The queue's name (its keys' prefix in Redis): installs sharing one Redis need their own.
    JOBS_QUEUE_NAME: str = "factcheck-jobs"
    # Run each job inside the call that queues it (tests; a one-process demo).
    JOBS_IMMEDIATE: bool = False
    # Days the rows of finished jobs are kept (a daily schedule deletes older ones).
    JOBS_KEEP_DONE_DAYS: int = 30
    JOBS_KEEP_FAILED_DAYS: int = 180
    # Tests only: a job waits, its writes flushed, until this file exists, then commits.
    JOBS_HOLD_BEFORE_COMMIT: str | None = None

    # --- Operations (factcheck/logs.py, factcheck/web/health.py) --------------------------
    # "json": each log line is one JSON object on stderr (LOG_FORMAT in the environment works too).
    LOG_FORMAT: str | None = None
    # Error reports go to this DSN when sentry-sdk is installed (SENTRY_DSN also works).
    SENTRY_DSN: str | None = None

    # --- Reader tips (factcheck/tips/) ------------------------------------------------------
    # Tips one address may send (POSTs to /tips, counted like sign-in attempts per address).
    TIPS_LIMIT: str = "5 per hour; 20 per day"
    # The largest tip request, in bytes: past it the answer is a 413 page (the form's fields
    # together are far smaller).
    TIPS_MAX_BYTES: int = 16 * KB
    # The same claim text sent again within this many days adds a report to the first tip.
    TIP_FOLD_DAYS: int = 14
    # Readers' contact details are deleted this many days after the tip came in
    # (`flask purge-tip-contacts`, and nightly in the workers).
    TIP_CONTACT_DAYS: int = 30

    # --- The desk's queue (factcheck/claims/) --------------------------------------------
    # The queue counts its matches up to this many and shows "10,000+" beyond (a count over a
    # LIMITed subquery, so a million claims are never all read to be counted).
    QUEUE_COUNT_CAP: int = 10_000
    # The most claims one bulk action (dismiss, return to queue, set due date) may name; more
    # is answered 413.
    QUEUE_BULK_MAX: int = 500

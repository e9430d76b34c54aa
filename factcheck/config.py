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

"""Database set-up registered by init_app: SQLite tuned for several processes, search
structures and triggers created with their tables, and the public-version hook."""

from __future__ import annotations

from flask import Flask

from ..extensions import db
from . import public_version, search, sqlite, triggers


def init_app(app: Flask) -> None:
    """Call after db.init_app(app)."""
    with app.app_context():
        sqlite.configure_sqlite(db.engine)
    sqlite.register_request_hooks(app)
    triggers.register()
    search.register()
    public_version.register(db.session.session_factory)

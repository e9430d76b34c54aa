"""factcheck: claim fact-check tracking for newsrooms."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask

from .config import Config

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: config, extensions, blueprints, error handlers and CLI."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        instance_relative_config=True,
    )
    _configure(app, test_config)
    _init_extensions(app)
    _register_blueprints(app)
    return app


def _configure(app: Flask, test_config: dict | None) -> None:
    """Defaults (config.py), then instance/config.py and FACTCHECK_* variables, or the tests'
    settings; the database URL and the secret key are filled in when not given."""
    app.config.from_object(Config)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("FACTCHECK")
    else:
        app.config.update(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = _database_url(app)
    _private_sqlite_file(app.config["SQLALCHEMY_DATABASE_URI"])
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    # An article or import limit raised past the request caps raises them too, so a paste or
    # upload of that size reaches the limit's own message instead of a 413.
    largest = max(app.config["ARTICLE_MAX_BYTES"], app.config["IMPORT_MAX_BYTES"])
    room = largest + 256 * 1024
    for cap in ("MAX_CONTENT_LENGTH", "MAX_FORM_MEMORY_SIZE"):
        if app.config.get(cap) is not None:
            app.config[cap] = max(app.config[cap], room)


def _init_extensions(app: Flask) -> None:
    from . import jobs, logs, notifications, revisions, security, web
    from .db import init_app as init_database
    from .extensions import csrf, db, login_manager, migrate
    from .matching import (
        published as matching_published,
        schema as matching_schema,
        suggestions as matching_suggestions,
    )
    from .public import microcache
    from .web import health
    from .web.guard import init_host_check

    logs.init_app(app)
    db.init_app(app)
    init_database(app)
    # The full-text index beside match_documents; the registration of the embedding job and
    # of the job that checks an article's candidates against earlier fact-checks.
    matching_schema.register()
    assert matching_published.EMBED_JOB and matching_suggestions.CHECK_JOB
    revisions.register(db.session.session_factory)
    notifications.init_app(app)
    jobs.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(Path(__file__).parent / "migrations"),
        render_as_batch=True,
        compare_type=True,
    )
    # A foreign Host is refused first, before any hook that builds a URL.
    init_host_check(app)
    # Start-up checks, headers, session timeouts: before the guard, so an expired session is
    # signed out before deny-by-default looks at it.
    security.init_app(app)
    # The guard (deny by default) runs before the CSRF check, so anonymous posts are sent to
    # sign in; error pages and template helpers come with it.
    web.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    # Finished public answers, kept while their version is (public/microcache.py).
    microcache.init_app(app)
    # Outermost, so load balancers probing by address pass no Host check or first-run redirect.
    health.init_app(app)


def _register_blueprints(app: Flask) -> None:
    """Every feature's blueprint, then what wraps their views (sign-in throttling) and the
    command line."""
    from . import commands, security
    from .admin.views import bp as admin_bp
    from .api.views import bp as api_bp
    from .archive.views import bp as archive_bp
    from .articles.views import bp as articles_bp
    from .auth.views import bp as auth_bp
    from .claims.views import bp as claims_bp
    from .dashboard.views import bp as dashboard_bp
    from .exports.views import bp as exports_bp, public_bp as public_exports_bp
    from .imports.views import bp as imports_bp
    from .jobs.views import bp as jobs_bp
    from .notifications.views import bp as notifications_bp
    from .public.views import bp as public_bp
    from .review.views import bp as review_bp
    from .speakers.views import bp as speakers_bp
    from .tips.views import bp as tips_bp

    for bp in (
        auth_bp,
        dashboard_bp,
        articles_bp,
        claims_bp,
        review_bp,
        notifications_bp,
        speakers_bp,
        jobs_bp,
        imports_bp,
        admin_bp,
        public_bp,
        api_bp,
        archive_bp,
        tips_bp,
        exports_bp,
        public_exports_bp,
    ):
        app.register_blueprint(bp)
    security.throttle.init_app(app)
    commands.init_app(app)


def _database_url(app: Flask) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        # Heroku-style URLs name the old driver; SQLAlchemy needs the dialect+driver form.
        if url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url[len("postgres://") :]
        elif url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
        return url
    return "sqlite:///" + str(Path(app.instance_path) / "factcheck.db")


def _private_sqlite_file(url: str) -> None:
    """Create a SQLite database file, when it does not exist yet, readable by its owner only:
    it holds password hashes, and SQLite gives its -wal and -shm files the same mode."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    name = parsed.database
    if parsed.get_backend_name() != "sqlite" or not name or name == ":memory:" or parsed.query:
        return
    try:
        os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError:
        return  # a folder that does not exist yet: SQLite will say so when it connects


def _instance_secret(instance: Path) -> str:
    """Read the install's secret key, generating it on first run (never a shared default)."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker starting at the same moment won the race
        return path.read_text().strip()
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key

"""Shared fixtures: an app per test on a database created once per session.

The database is SQLite in a temporary folder, or PostgreSQL when TEST_DATABASE_URL is set; on
PostgreSQL each run works in a schema of its own so parallel runs cannot collide.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from factcheck import create_app
from factcheck.db.triggers import drop_audit_triggers, install_audit_triggers
from factcheck.extensions import db
from factcheck.models import Article, Claim, Kind, Role, Source, SourceKind, User, Verdict
from factcheck.models._types import utc_today, utcnow
from factcheck.revisions import digest_of, snapshot_of
from factcheck.security import passwords
from factcheck.site.services import ensure_defaults, rating_scale
from factcheck.workflow import (
    APPROVED_STATES,
    ASSIGNED_STATES,
    SEEN_STATES,
    SUBMITTED_STATES,
    State,
)
from tests.support import PASSWORD, login

pytest_plugins = ("tests.browser",)


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: end-to-end tests in headless Chromium")


@pytest.fixture(scope="session")
def database(tmp_path_factory):
    """(url, engine options) of a database with the schema created once for the run."""
    url = os.environ.get("TEST_DATABASE_URL")
    options: dict = {}
    schema = None
    if url:
        schema = f"test_{uuid.uuid4().hex[:10]}"
        admin = create_engine(url)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
        options = {"connect_args": {"options": f"-csearch_path={schema}"}}
    else:
        url = "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.db")
    app = create_app(_config(url, options))
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    yield url, options
    if schema:
        admin = create_engine(url)
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _config(url: str, options: dict, **extra) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production-use-0123",
        "SQLALCHEMY_DATABASE_URI": url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, **options},
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "SERVER_NAME": "localhost",
        "PUBLIC_RECHECK_SECONDS": 0,
        # Jobs run inside the call that queues them; tests/jobs/ also runs real workers.
        "JOBS_IMMEDIATE": True,
        # Sources are not captured as they are added: tests fetch only from their own servers
        # (tests/archive/ turns it on).
        "ARCHIVE_ON_ADD": False,
        **extra,
    }


@pytest.fixture
def app_config() -> dict:
    """Override in a test module to change the app's configuration."""
    return {}


@pytest.fixture
def app(database, app_config):
    url, options = database
    app = create_app(_config(url, options, **app_config))
    with app.app_context():
        ensure_defaults()
        db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        _empty_tables()
        db.engine.dispose()


def _empty_tables() -> None:
    """Empty every table between tests. The audit table is append-only (triggers refuse UPDATE,
    DELETE and TRUNCATE), so its triggers are dropped and re-created around the cleanup, in the
    same transaction: if the cleanup fails, the triggers are back as before."""
    tables = db.metadata.sorted_tables
    with db.engine.begin() as conn:
        drop_audit_triggers(conn)
        _delete_rows(conn, tables)
        install_audit_triggers(conn)


def _delete_rows(conn, tables) -> None:
    if conn.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in reversed(tables):
            conn.execute(table.delete())
        # Ids start again from 1, as RESTART IDENTITY does (tables with AUTOINCREMENT).
        conn.execute(text("DELETE FROM sqlite_sequence"))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class Factory:
    """Builds objects with sensible defaults, committing each so views see them."""

    def __init__(self, app):
        self.app = app
        self.n = 0

    def user(
        self,
        role: Role | str = Role.CHECKER,
        name: str | None = None,
        email: str | None = None,
        password: str = PASSWORD,
        active: bool = True,
    ) -> User:
        self.n += 1
        with self.app.app_context():
            user = User(
                email=email or f"user{self.n}@example.org",
                name=name or f"{Role(role).value.capitalize()} {self.n}",
                role=Role(role),
                active=active,
            )
            passwords.set_password(user, password)
            db.session.add(user)
            db.session.commit()
            return db.session.get(User, user.id)

    def article(self, body: str | None = None, **kw) -> Article:
        from factcheck.articles.services import text_hash

        self.n += 1
        body = body or (
            f"Article {self.n}. The ministry said 2,500 troops remain in the "
            "country. Officials met on July 26, 2021."
        )
        with self.app.app_context():
            article = Article(
                title=kw.pop("title", f"Article {self.n}"),
                body=body,
                text_hash=text_hash(body),
                **kw,
            )
            db.session.add(article)
            db.session.commit()
            article = db.session.get(Article, article.id)
            article.body  # noqa: B018 (load the deferred text before the session closes)
            return article

    def claim(
        self,
        state: State | str = State.CANDIDATE,
        article: Article | None = None,
        assignee: User | None = None,
        author: User | None = None,
        text: str | None = None,
        with_source: bool | None = None,
    ) -> Claim:
        """A claim in `state`, with what that state requires (assignee, verdict, dates)."""
        state = State(state)
        article = article or self.article()
        needs_verdict = state in SUBMITTED_STATES
        if (state in ASSIGNED_STATES or needs_verdict) and not (assignee or author):
            assignee = self._default_checker()  # made before our own session opens
        with self.app.app_context():
            body = db.session.get(Article, article.id).body
            claim = Claim(
                article_id=article.id,
                state=state,
                start=0,
                end=min(len(body), 60),
                text=text or body[:60],
                score=0.7,
                kind=Kind.QUANTITY,
            )
            if state in ASSIGNED_STATES or needs_verdict:
                claim.assignee_id = (assignee or author).id
            elif assignee:
                claim.assignee_id = assignee.id
            if state in SEEN_STATES:
                claim.published_at = utcnow()
            db.session.add(claim)
            db.session.flush()
            if needs_verdict:
                _add_verdict(claim, state, author)
            if with_source or (with_source is None and needs_verdict):
                _add_source(claim)
            if state in APPROVED_STATES:
                # The approval covers what the page shows, as approve_verdict records it.
                db.session.flush()
                db.session.refresh(claim)
                claim.verdict.approved_digest = digest_of(snapshot_of(claim))
                claim.verdict.approved_revision = 1
            db.session.commit()
            return db.session.get(Claim, claim.id)

    def _default_checker(self) -> User:
        if not hasattr(self, "_checker"):
            self._checker = self.user(Role.CHECKER, name="Default Checker")
        return self._checker


def _add_verdict(claim: Claim, state: State, author: User | None) -> None:
    """The submitted verdict of a claim in `state`, approved when the state says so; written by
    `author`, else by the assignee."""
    writer = author or db.session.get(User, claim.assignee_id)
    rating = rating_scale()[0]
    approved = state in APPROVED_STATES
    db.session.add(
        Verdict(
            claim_id=claim.id,
            rating_id=rating.id,
            summary="Supported by the record.",
            rationale="The official record shows it.",
            author_id=writer.id,
            last_editor_id=writer.id,
            submitted_at=utcnow(),
            # bound to the version inserted here, as approve does
            approved_version=1 if approved else None,
        )
    )


def _add_source(claim: Claim) -> None:
    db.session.add(
        Source(
            claim_id=claim.id,
            url="https://example.org/record",
            title="The record",
            kind=SourceKind.PRIMARY,
        )
    )


@pytest.fixture
def make(app) -> Factory:
    return Factory(app)


@pytest.fixture
def as_role(client, make):
    """as_role("editor") signs a new user with that role into the client and returns it."""

    def _as(role: Role | str | None) -> User | None:
        if role is None:
            make.user(Role.ADMIN)  # someone exists, so the app is past its first-run setup
            return None
        user = make.user(role)
        login(client, user)
        return user

    return _as


@pytest.fixture
def today() -> dt.date:
    return utc_today()

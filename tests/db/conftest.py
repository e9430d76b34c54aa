"""Fixtures for the database tests: an empty database to migrate from scratch."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from factcheck import create_app
from factcheck.extensions import db


@pytest.fixture
def empty_database(tmp_path):
    """(url, engine options) of an empty database for migrating from scratch."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield "sqlite:///" + str(tmp_path / "migrate.db"), {}
        return
    schema = f"mig_{uuid.uuid4().hex[:10]}"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield url, {"connect_args": {"options": f"-csearch_path={schema}"}}
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture
def app_on(empty_database):
    """A function making an app on the empty database (its settings updated by `extra`);
    each app's connections are closed at the end of the test."""
    url, options = empty_database
    made = []

    def make(**extra):
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "m" * 20 + "0123456789abcdef",
                "SQLALCHEMY_DATABASE_URI": url,
                "SQLALCHEMY_ENGINE_OPTIONS": options,
                **extra,
            }
        )
        made.append(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()

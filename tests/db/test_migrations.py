"""The migrations build the same schema as the models, triggers included."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from factcheck.db.search import include_object
from factcheck.extensions import db


@pytest.fixture
def migrated_app(app_on):
    app = app_on()
    with app.app_context():
        upgrade()
        yield app


def test_upgrade_matches_the_models(migrated_app):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}
        )
        diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_upgrade_installs_the_transition_trigger(migrated_app):
    with db.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            names = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        else:
            names = conn.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))
        assert "claims_state_transition" in {row[0] for row in names}


def test_downgrade_to_nothing_and_back(migrated_app):
    downgrade(revision="base")
    assert "claims" not in inspect(db.engine).get_table_names()
    upgrade()
    assert "claims" in inspect(db.engine).get_table_names()

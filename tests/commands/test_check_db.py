"""flask check-db: the check a restored database must pass before the app uses it (issue 13,
finding 7). On PostgreSQL, restore never touches the live database: it prints how to restore
into a new one and check that with check-db. The PostgreSQL tests run when TEST_DATABASE_URL
is set, each in a schema of its own."""

from __future__ import annotations

import os
import sqlite3
import uuid

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from factcheck import create_app
from factcheck.extensions import db
from tests.conftest import _config

PG_URL = os.environ.get("TEST_DATABASE_URL")


@pytest.fixture
def pg_app():
    if not PG_URL:
        pytest.skip("TEST_DATABASE_URL is not set (PostgreSQL)")
    schema = f"chk_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    app = create_app(_config(PG_URL, {"connect_args": {"options": f"-csearch_path={schema}"}}))
    with app.app_context():
        upgrade()
        db.session.remove()
        db.engine.dispose()
    yield app
    with app.app_context():
        db.engine.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def _alter(app, *statements: str) -> None:
    with app.app_context():
        with db.engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
        db.engine.dispose()


def test_postgresql_check_db_passes_on_a_migrated_database(pg_app):
    result = pg_app.test_cli_runner().invoke(args=["check-db"])
    assert result.exit_code == 0, result.output
    assert "checked" in result.output


@pytest.mark.parametrize(
    ("statements", "named"),
    [
        (["DROP TRIGGER events_no_delete ON events"], "missing trigger events_no_delete"),
        (
            [
                "CREATE FUNCTION promote() RETURNS trigger AS $$ BEGIN "
                "UPDATE users SET role = 'admin'; RETURN NEW; END $$ LANGUAGE plpgsql",
                "CREATE TRIGGER promote AFTER INSERT ON comments "
                "FOR EACH ROW EXECUTE FUNCTION promote()",
            ],
            "unexpected trigger promote",
        ),
        (["ALTER TABLE events DISABLE TRIGGER events_no_update"], "events_no_update is disabled"),
        (
            [
                "CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger AS $$ "
                "BEGIN RETURN OLD; END $$ LANGUAGE plpgsql"
            ],
            "function events_append_only differs",
        ),
        (["CREATE VIEW everyone AS SELECT email FROM users"], "unexpected view everyone"),
    ],
)
def test_postgresql_check_db_names_what_is_wrong(pg_app, statements, named):
    _alter(pg_app, *statements)
    result = pg_app.test_cli_runner().invoke(args=["check-db"])
    assert result.exit_code != 0 and named in result.output, result.output


def test_postgresql_restore_changes_nothing_and_says_to_check(tmp_path):
    app = create_app(_config("postgresql+psycopg://factcheck:s3cret@db.internal/newsroom", {}))
    dump = tmp_path / "x.dump"
    dump.write_bytes(b"PGDMP")
    result = app.test_cli_runner().invoke(args=["restore", str(dump), "--yes"])
    assert result.exit_code != 0
    assert "never into the live database" in result.output and "check-db" in result.output
    assert "s3cret" not in result.output


def test_sqlite_check_db(tmp_path):
    path = tmp_path / "c.db"
    app = create_app(_config(f"sqlite:///{path}", {}))
    with app.app_context():
        upgrade()
        db.session.remove()
        db.engine.dispose()
    runner = app.test_cli_runner()
    assert runner.invoke(args=["check-db"]).exit_code == 0
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER claims_state_transition")
    conn.commit()
    conn.close()
    result = runner.invoke(args=["check-db"])
    assert result.exit_code != 0 and "missing trigger claims_state_transition" in result.output

"""flask backup / restore (issue #6): an online SQLite backup round-trips every row; PostgreSQL
gets pg_dump guidance. These tests use a SQLite database of their own on either suite run."""

from __future__ import annotations

import sqlite3
import stat

import pytest
from sqlalchemy import inspect, select, text

from factcheck import create_app
from factcheck.audit import record
from factcheck.extensions import db
from factcheck.models import Comment, Role, User
from factcheck.site.services import ensure_defaults
from factcheck.workflow import State
from tests.conftest import Factory, _config


@pytest.fixture
def sqlite_app(tmp_path):
    """An app on a fresh SQLite file with the newest schema (stamped as such), with data in
    every state."""
    url = f"sqlite:///{tmp_path / 'live.db'}"
    app = create_app(_config(url, {}))
    with app.app_context():
        from flask_migrate import stamp

        db.create_all()
        stamp()
        ensure_defaults()
        db.session.commit()
    make = Factory(app)
    admin = make.user(Role.ADMIN, name="Ada <b>Admin</b>")
    for state in State:
        claim = make.claim(state)
        with app.app_context():
            db.session.add(
                Comment(
                    claim_id=claim.id,
                    author_id=admin.id,
                    body=f"On {state}\nwith a second line and ünïcödé",
                )
            )
            record("comment", actor=db.session.get(User, admin.id), data={"state": str(state)})
            db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def snapshot(app) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order."""
    with app.app_context():
        engine = db.engine
        tables = inspect(engine).get_table_names()
        out = {}
        with engine.connect() as conn:
            for name in sorted(tables):
                query = text(f'SELECT * FROM "{name}" ORDER BY 1')  # noqa: S608 (own tables)
                out[name] = [tuple(r) for r in conn.execute(query)]
        return out


def test_backup_and_restore_round_trip_every_row(sqlite_app, tmp_path):
    before = snapshot(sqlite_app)
    assert sum(len(rows) for rows in before.values()) > 50
    assert before["events"] and before["verdicts"] and before["sources"]
    runner = sqlite_app.test_cli_runner()
    target = tmp_path / "backups" / "factcheck-backup.db"
    target.parent.mkdir()
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert "checked" in result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # it holds password hashes
    assert not list(target.parent.glob("*.partial"))

    # Life goes on after the backup: new rows, changed rows.
    make = Factory(sqlite_app)
    make.n = 1000
    make.user(Role.EDITOR)
    make.claim(State.QUEUED)
    with sqlite_app.app_context():
        user = db.session.scalar(select(User).order_by(User.id))
        user.name = "Renamed after the backup"
        record("login", actor=user)
        db.session.commit()
    assert snapshot(sqlite_app) != before

    result = runner.invoke(args=["restore", str(target), "--yes"])
    assert result.exit_code == 0, result.output
    assert snapshot(sqlite_app) == before


def test_the_backup_is_a_standalone_consistent_file(sqlite_app, tmp_path):
    """A transaction still open while the backup runs is not in the backup."""
    with sqlite_app.app_context():
        live = db.engine.url.database
    writer = sqlite3.connect(live)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE users SET name = 'uncommitted' WHERE id = 1")
    target = tmp_path / "during.db"
    try:
        from factcheck.commands.database import backup_sqlite

        # The writer holds the write lock; a reader (the backup) still sees the last commit.
        backup_sqlite(live, target)
    finally:
        writer.rollback()
        writer.close()
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    names = [r[0] for r in copy.execute("SELECT name FROM users")]
    copy.close()
    assert "uncommitted" not in names and names


def test_restored_database_keeps_its_triggers(sqlite_app, tmp_path):
    runner = sqlite_app.test_cli_runner()
    target = tmp_path / "b.db"
    assert runner.invoke(args=["backup", str(target)]).exit_code == 0
    assert runner.invoke(args=["restore", str(target), "--yes"]).exit_code == 0
    with sqlite_app.app_context(), db.engine.connect() as conn:
        triggers = {
            r[0]
            for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        }
    assert {"claims_state_transition", "events_no_update", "events_no_delete"} <= triggers


def test_backup_does_not_overwrite_without_force(sqlite_app, tmp_path):
    target = tmp_path / "b.db"
    target.write_text("precious")
    runner = sqlite_app.test_cli_runner()
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code != 0 and "exists" in result.output
    assert target.read_text() == "precious"
    assert runner.invoke(args=["backup", str(target), "--force"]).exit_code == 0


@pytest.mark.parametrize("content", [b"not a database at all", b""])
def test_restore_refuses_a_file_that_is_not_a_backup(sqlite_app, tmp_path, content):
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    before = snapshot(sqlite_app)
    result = sqlite_app.test_cli_runner().invoke(args=["restore", str(bad), "--yes"])
    assert result.exit_code != 0
    assert snapshot(sqlite_app) == before


def test_restore_refuses_another_sqlite_database(sqlite_app, tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)")
    conn.close()
    result = sqlite_app.test_cli_runner().invoke(args=["restore", str(other), "--yes"])
    assert result.exit_code != 0 and "not a factcheck database" in result.output


def test_restore_asks_before_replacing(sqlite_app, tmp_path):
    runner = sqlite_app.test_cli_runner()
    target = tmp_path / "b.db"
    runner.invoke(args=["backup", str(target)])
    Factory(sqlite_app).user(Role.CHECKER, name="Kept", email="kept@example.org")
    result = runner.invoke(args=["restore", str(target)], input="n\n")
    assert result.exit_code != 0
    with sqlite_app.app_context():
        assert db.session.scalar(select(User).where(User.name == "Kept")) is not None


def test_postgresql_gets_pg_dump_guidance(tmp_path):
    app = create_app(_config("postgresql+psycopg://factcheck:s3cret@db.internal/newsroom", {}))
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "x.dump")])
    assert result.exit_code != 0
    assert "pg_dump --format=custom" in result.output and "pg_restore" in result.output
    assert "s3cret" not in result.output
    assert not (tmp_path / "x.dump").exists()

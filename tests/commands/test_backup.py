"""flask backup / restore (issue #6): an online SQLite backup round-trips every row; PostgreSQL
gets pg_dump guidance. These tests use a SQLite database of their own on either suite run."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from factcheck import create_app
from factcheck.audit import record
from factcheck.commands.database import _migrations
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


# --- restore verifies before it touches anything (issue 13, finding 7) -----------------


def _live_bytes(app) -> bytes:
    """The live database's file and write-ahead log, as they are on disk."""
    with app.app_context():
        path = db.engine.url.database
        db.session.remove()
        db.engine.dispose()
    wal = Path(path + "-wal")
    return Path(path).read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _tampered_backup(app, tmp_path, *statements: str) -> Path:
    target = tmp_path / "tampered.db"
    assert app.test_cli_runner().invoke(args=["backup", str(target)]).exit_code == 0
    conn = sqlite3.connect(target)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return target


def _refused(app, backup: Path) -> str:
    before = _live_bytes(app)
    result = app.test_cli_runner().invoke(args=["restore", str(backup), "--yes"])
    assert result.exit_code != 0, result.output
    assert _live_bytes(app) == before, "the live database changed"
    folder = Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")).parent
    assert not list(folder.glob("*.restore*")), "a working copy was left behind"
    return result.output


def test_restore_refuses_a_backup_without_its_triggers(sqlite_app, tmp_path):
    conn = sqlite3.connect(tmp_path / "live.db")
    triggers = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")]
    conn.close()
    assert len(triggers) >= 9
    backup = _tampered_backup(sqlite_app, tmp_path, *(f"DROP TRIGGER {t}" for t in triggers))
    output = _refused(sqlite_app, backup)
    assert "missing trigger events_no_delete" in output
    assert "missing trigger claims_state_transition" in output


def test_restore_refuses_an_extra_trigger(sqlite_app, tmp_path):
    backup = _tampered_backup(
        sqlite_app,
        tmp_path,
        """CREATE TRIGGER promote AFTER INSERT ON comments
        BEGIN UPDATE users SET role = 'admin'; END""",
    )
    assert "unexpected trigger promote" in _refused(sqlite_app, backup)


def test_restore_refuses_a_rewritten_trigger_and_an_extra_view(sqlite_app, tmp_path):
    backup = _tampered_backup(
        sqlite_app,
        tmp_path,
        "DROP TRIGGER events_no_delete",
        "CREATE TRIGGER events_no_delete BEFORE DELETE ON events WHEN 0 BEGIN SELECT 1; END",
        "CREATE VIEW everyone AS SELECT email, password_hash FROM users",
    )
    output = _refused(sqlite_app, backup)
    assert "trigger events_no_delete differs" in output and "unexpected view everyone" in output


def test_restore_refuses_a_changed_column_or_a_dropped_index(sqlite_app, tmp_path):
    conn = sqlite3.connect(tmp_path / "live.db")
    index = conn.execute(
        "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='claims' "
        "AND name NOT LIKE 'sqlite_%'"
    ).fetchone()[0]
    conn.close()
    backup = _tampered_backup(
        sqlite_app, tmp_path, f"DROP INDEX {index}", "ALTER TABLE users ADD COLUMN note TEXT"
    )
    output = _refused(sqlite_app, backup)
    assert f"missing index {index}" in output and "table users differs" in output


def test_restore_refuses_an_unknown_revision_before_replacing_anything(sqlite_app, tmp_path):
    backup = _tampered_backup(
        sqlite_app, tmp_path, "UPDATE alembic_version SET version_num = '9999_from_the_future'"
    )
    output = _refused(sqlite_app, backup)
    assert "9999_from_the_future" in output and "not one this version" in output


def test_restore_migrates_a_backup_of_an_older_revision(sqlite_app, tmp_path):
    old = tmp_path / "old.db"
    app = create_app(_config(f"sqlite:///{old}", {}))
    with app.app_context():
        from flask_migrate import upgrade

        upgrade(revision="0007")
        db.session.remove()
        db.engine.dispose()
    conn = sqlite3.connect(old)
    conn.execute(
        "INSERT INTO articles (title, body, text_hash, created_at) "
        "VALUES ('From the old version', 'Body.', 'hash', '2025-01-01 00:00:00')"
    )
    conn.commit()
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()

    result = sqlite_app.test_cli_runner().invoke(args=["restore", str(old), "--yes"])
    assert result.exit_code == 0, result.output
    assert "schema 0007" in result.output
    with sqlite_app.app_context():
        head = _migrations().get_current_head()
    assert head > "0007"
    live = sqlite3.connect(tmp_path / "live.db")
    assert live.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head
    titles = [r[0] for r in live.execute("SELECT title FROM articles")]
    triggers = {r[0] for r in live.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    live.close()
    assert titles == ["From the old version"]
    assert {"events_no_delete", "claim_revisions_no_update", "claims_state_transition"} <= triggers


def test_a_restored_database_refuses_what_its_triggers_forbid(sqlite_app, tmp_path):
    runner = sqlite_app.test_cli_runner()
    target = tmp_path / "good.db"
    assert runner.invoke(args=["backup", str(target)]).exit_code == 0
    assert runner.invoke(args=["restore", str(target), "--yes"]).exit_code == 0
    live = sqlite3.connect(tmp_path / "live.db")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        live.execute("DELETE FROM events")
    with pytest.raises(sqlite3.IntegrityError, match="workflow"):
        live.execute("UPDATE claims SET state = 'published' WHERE state = 'candidate'")
    live.close()


# --- backup writes only a file of its own (issue 13, finding 10) ------------------------


def test_backup_does_not_write_through_a_planted_partial_file(sqlite_app, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    target = tmp_path / "b.db"
    (tmp_path / "b.db.partial").symlink_to(victim)
    planted = tmp_path / "c.db.partial"
    planted.write_text("someone else's")
    runner = sqlite_app.test_cli_runner()
    assert runner.invoke(args=["backup", str(target)]).exit_code == 0
    assert runner.invoke(args=["backup", str(tmp_path / "c.db")]).exit_code == 0
    assert victim.read_text() == "precious"
    assert planted.read_text() == "someone else's"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not target.is_symlink()


def test_backup_refuses_a_symlinked_target(sqlite_app, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "b.db"
    link.symlink_to(victim)
    result = sqlite_app.test_cli_runner().invoke(args=["backup", str(link), "--force"])
    assert result.exit_code != 0 and "symbolic link" in result.output
    assert victim.read_text() == "precious" and link.is_symlink()


def test_the_live_database_file_is_private(tmp_path):
    app = create_app(_config(f"sqlite:///{tmp_path / 'new.db'}", {}))
    with app.app_context():
        db.create_all()
        db.session.remove()
        db.engine.dispose()
    for path in tmp_path.glob("new.db*"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path

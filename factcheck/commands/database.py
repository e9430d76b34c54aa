"""flask --app factcheck init-db, backup PATH and restore PATH.

SQLite: SQLite's online backup API copies a consistent snapshot while the app keeps serving
(readers and writers are not stopped; a transaction not yet committed is not in the copy).
Restore trusts nothing in the file: its schema must be exactly what its revision's migrations
make (a backup without the audit triggers, or with one more, would undo the rules they keep),
and the live file is replaced, with one rename, only by a migrated copy that passed again.
PostgreSQL: its own pg_dump and pg_restore do the same job better than we could; the commands
print the exact invocation instead.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from alembic.script import ScriptDirectory
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade
from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, Connection

from ..db.triggers import expected_functions, expected_triggers
from ..extensions import db
from ..site.services import ensure_defaults


def migrate_database() -> None:
    """Bring the schema to the newest migration and make sure the defaults exist."""
    upgrade()
    ensure_defaults()
    db.session.commit()


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or migrate the database to the newest schema."""
    migrate_database()
    click.echo(f"Database ready: {db.engine.url.render_as_string(hide_password=True)}")


# Tables a factcheck database always has; a file without them is not one of our backups.
REQUIRED_TABLES = frozenset({"alembic_version", "users", "claims", "events", "articles"})


class BackupError(Exception):
    """The backup or restore could not be made; the message says why."""


def postgres_guidance(url: URL, path: Path | str) -> str:
    """The pg_dump and pg_restore commands for `url`, with the password left out."""
    plain = url.set(drivername="postgresql").render_as_string(hide_password=True)
    return (
        "This database is PostgreSQL: back it up with PostgreSQL's own tools, which take a "
        "consistent snapshot while the app keeps running.\n"
        f"  backup:  pg_dump --format=custom --no-owner --file='{path}' '{plain}'\n"
        "  restore: never into the live database. Create a new, empty database, then\n"
        f"           pg_restore --no-owner --single-transaction --dbname=NEW_URL '{path}'\n"
        "           DATABASE_URL=NEW_URL flask --app factcheck init-db\n"
        "           DATABASE_URL=NEW_URL flask --app factcheck check-db\n"
        "           and only when check-db passes, point the app at the new database.\n"
        "Give the password through ~/.pgpass or PGPASSWORD, never on the command line."
    )


def backup_sqlite(database: str | Path, target: Path) -> int:
    """Copy the live SQLite `database` to `target` (a new file, mode 0600, no WAL) and check
    the copy; returns its size in bytes. Raises BackupError."""
    target = Path(target)
    if target.is_symlink():
        raise BackupError(f"{target} is a symbolic link; name a plain file.")
    source = sqlite3.connect(f"file:{Path(database)}?mode=ro", uri=True)
    try:
        # A new file of our own, next to the target (so the final rename stays on one file
        # system): never one that exists already or a link someone left under a known name.
        partial = _new_private_file(target.parent, target.name)
    except OSError as exc:
        source.close()
        raise BackupError(f"Backup failed: {exc}") from None
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
            _check(copy)
        finally:
            copy.close()
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"Backup failed: {exc}") from None
    finally:
        source.close()
    return target.stat().st_size


def _new_private_file(folder: Path, name: str) -> Path:
    """A new, empty file of mode 0600 in `folder`, created with O_EXCL under a random name."""
    fd, path = tempfile.mkstemp(prefix=f".{name}.", suffix=".partial", dir=folder)
    os.close(fd)
    return Path(path)


def restore_sqlite(backup: Path, database: str | Path) -> str:
    """Replace the live SQLite `database` with the content of `backup`, migrated to the newest
    schema; returns the backup's schema revision. Nothing of the live database changes until
    the migrated copy has passed every check. Raises BackupError for a file that is not a
    sound factcheck backup of a revision this version knows."""
    live = Path(database)
    scripts = _migrations()
    source = sqlite3.connect(f"file:{Path(backup)}?mode=ro", uri=True)
    try:
        revision = _check(source)
        _known(scripts, revision)
        verify_schema(source, revision)
        copy = _new_private_file(live.parent, live.name + ".restore")
        try:
            target = sqlite3.connect(copy)
            try:
                source.backup(target)
            finally:
                target.close()
        except BaseException:
            copy.unlink(missing_ok=True)
            raise
    except sqlite3.Error as exc:
        raise BackupError(f"Restore failed: {exc}") from None
    finally:
        source.close()

    try:
        head = scripts.get_current_head()
        if revision != head:
            with _app_on(copy):
                migrate_database()
        with _sqlite(copy) as conn:
            if _check(conn) != head:
                raise BackupError("The migrated copy did not reach the newest schema.")
            verify_schema(conn, head)
            conn.execute("PRAGMA journal_mode=DELETE")
        _swap(copy, live)
    except BaseException:
        copy.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
        raise
    return revision


def _swap(copy: Path, live: Path) -> None:
    """Put `copy` in the place of `live` with one rename. The live file's write-ahead log is
    emptied and removed first: left behind, SQLite would replay it into the new file."""
    if live.exists():
        with _sqlite(live) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA journal_mode=DELETE")
    for suffix in ("-wal", "-shm"):
        Path(f"{live}{suffix}").unlink(missing_ok=True)
    os.replace(copy, live)


@contextmanager
def _sqlite(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


@contextmanager
def _app_on(path: Path) -> Iterator[None]:
    """This app's configuration with its database replaced by the SQLite file `path`."""
    from .. import create_app

    app = create_app({**current_app.config, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        try:
            yield
        finally:
            db.session.remove()
            db.engine.dispose()


def _migrations() -> ScriptDirectory:
    return ScriptDirectory(current_app.extensions["migrate"].directory)


def _known(scripts: ScriptDirectory, revision: str) -> None:
    """Raise BackupError unless `revision` is one of this version's migrations."""
    known = [script.revision for script in scripts.walk_revisions()]
    if revision not in known:
        raise BackupError(
            f"The backup's schema revision {revision!r} is not one this version of factcheck "
            f"knows (it knows {', '.join(sorted(known))}). Restore it with the version that "
            "made it, or a newer one."
        )


def expected_schema(revision: str) -> dict[tuple[str, str], object]:
    """The schema objects a database of `revision` has: an empty SQLite file is migrated to
    it and described, so the migrations themselves are the description (cached per run)."""
    cache = current_app.extensions.setdefault("factcheck.expected_schema", {})
    if revision not in cache:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "expected.db"
            with _app_on(path):
                upgrade(revision=revision)
            with _sqlite(path) as conn:
                cache[revision] = describe_schema(conn)
    return cache[revision]


def describe_schema(conn: sqlite3.Connection) -> dict[tuple[str, str], object]:
    """Every table (its columns, foreign keys and CHECK constraints), index, trigger and view
    of a SQLite database, keyed by (type, name). Triggers, views and indexes by their SQL;
    tables by structure (columns by name), because the same table reads differently, columns
    in another order, when made by create_all or by a batch migration."""
    found: dict[tuple[str, str], object] = {}
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    for kind, name, table, sql in rows:
        if name.startswith("sqlite_"):
            continue  # SQLite's own (sqlite_sequence appears with the first insert)
        if kind == "table":
            quoted = name.replace('"', '""')
            columns = conn.execute(f'PRAGMA table_info("{quoted}")').fetchall()
            keys = conn.execute(f'PRAGMA foreign_key_list("{quoted}")').fetchall()
            found[kind, name] = (
                tuple(sorted((c[1], c[2].upper(), c[3], c[5]) for c in columns)),
                tuple(sorted((k[2], k[3], k[4]) for k in keys)),
                tuple(sorted(_checks(sql or ""))),
            )
        else:
            found[kind, name] = (table, _normal(sql or ""))
    return found


def _normal(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip()


def _checks(sql: str) -> list[str]:
    """The CHECK (...) expressions in a CREATE TABLE statement, whitespace normalised."""
    found = []
    for match in re.finditer(r"\bCHECK\s*\(", sql, re.IGNORECASE):
        depth, start = 0, match.end() - 1
        for i in range(start, len(sql)):
            depth += {"(": 1, ")": -1}.get(sql[i], 0)
            if depth == 0:
                found.append(_normal(sql[start : i + 1]))
                break
    return found


def verify_schema(conn: sqlite3.Connection, revision: str) -> None:
    """Raise BackupError naming every table, column, constraint, index, trigger or view that
    is missing, extra or different from what `revision` has."""
    expected, actual = expected_schema(revision), describe_schema(conn)
    problems = [f"missing {kind} {name}" for kind, name in sorted(expected.keys() - actual)]
    problems += [f"unexpected {kind} {name}" for kind, name in sorted(actual.keys() - expected)]
    problems += [
        f"{kind} {name} differs from schema {revision}"
        for kind, name in sorted(expected.keys() & actual.keys())
        if expected[kind, name] != actual[kind, name]
    ]
    if problems:
        raise BackupError(
            "The backup's schema is not what revision "
            f"{revision} makes, so it was not restored: " + "; ".join(problems) + "."
        )


def _check(conn: sqlite3.Connection) -> str:
    """Integrity check and schema check; returns the schema revision. Raises BackupError."""
    if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        raise BackupError("The database file is damaged (integrity check failed).")
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = REQUIRED_TABLES - tables
    if missing:
        raise BackupError(
            "This is not a factcheck database (no " + ", ".join(sorted(missing)) + " table)."
        )
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if row is None:
        raise BackupError("This database has no schema revision.")
    return row[0]


def verify_postgres(connection: Connection) -> str:
    """Check a PostgreSQL database (its current schema) against this version: the newest
    revision, the tables, and exactly the triggers and trigger functions of db/triggers.py,
    enabled, and no views; returns the revision. Raises BackupError naming what is wrong."""
    tables = set(inspect(connection).get_table_names())
    missing = REQUIRED_TABLES - tables
    if missing:
        raise BackupError(
            "This is not a factcheck database (no " + ", ".join(sorted(missing)) + " table)."
        )
    revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
    head = _migrations().get_current_head()
    problems = [] if revision == head else [f"schema revision {revision!r}, not {head!r}"]
    rows = connection.execute(
        text(
            "SELECT t.tgname, c.relname, t.tgenabled FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE NOT t.tgisinternal AND n.nspname = current_schema()"
        )
    ).all()
    found = {name: table for name, table, _ in rows}
    expected = expected_triggers("postgresql")
    problems += [f"missing trigger {name}" for name in sorted(expected.keys() - found)]
    problems += [f"unexpected trigger {name}" for name in sorted(found.keys() - expected)]
    problems += [
        f"trigger {name} is on {found[name]}, not {table}"
        for name, table in sorted(expected.items())
        if name in found and found[name] != table
    ]
    problems += [f"trigger {name} is disabled" for name, _, state in rows if state == "D"]
    bodies: dict[str, str] = dict(
        connection.execute(
            text(
                "SELECT p.proname, p.prosrc FROM pg_proc p "
                "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()"
            )
        ).all()
    )
    for name, body in sorted(expected_functions("postgresql").items()):
        if name not in bodies:
            problems.append(f"missing function {name}")
        elif " ".join(bodies[name].split()) != body:
            problems.append(f"function {name} differs from this version's")
    views = connection.scalars(
        text("SELECT viewname FROM pg_views WHERE schemaname = current_schema()")
    ).all()
    problems += [f"unexpected view {name}" for name in sorted(views)]
    if problems:
        raise BackupError(
            "The database is not what this version makes: " + "; ".join(problems) + "."
        )
    return revision


def _sqlite_file(path: Path) -> str:
    """The file of the app's SQLite database; raises ClickException with what to do instead
    on PostgreSQL, or for a database that lives in memory."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        raise click.ClickException(postgres_guidance(url, path))
    if not url.database:
        raise click.ClickException("This SQLite database lives in memory; there is no file.")
    return url.database


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@with_appcontext
def backup_command(path: Path, force: bool) -> None:
    """Make a consistent online backup of the database to PATH."""
    database = _sqlite_file(path)
    if path.exists() and not force:
        raise click.ClickException(f"{path} exists; choose a new name or pass --force.")
    try:
        size = backup_sqlite(database, path)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Backed up {database} to {path} ({size:,} bytes, checked).")


@click.command("check-db")
@with_appcontext
def check_db_command() -> None:
    """Check the database's schema objects (tables, constraints, indexes, triggers, views)
    against this version's migrations: run it on a restored PostgreSQL database before the
    app uses it."""
    try:
        if db.engine.url.get_backend_name() == "sqlite" and db.engine.url.database:
            with _sqlite(Path(db.engine.url.database)) as conn:
                revision = _check(conn)
                head = _migrations().get_current_head()
                if revision != head:
                    raise BackupError(f"Schema revision {revision!r}, not {head!r}: run init-db.")
                verify_schema(conn, head)
        else:
            with db.engine.connect() as connection:
                revision = verify_postgres(connection)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Schema {revision} checked: every table, trigger and constraint as expected.")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the current data.")
@with_appcontext
def restore_command(path: Path, yes: bool) -> None:
    """Replace the database with the backup at PATH, then migrate it to the newest schema."""
    database = _sqlite_file(path)
    if not yes:
        click.confirm(f"Replace everything in {database} with {path}?", abort=True)
    db.session.remove()
    db.engine.dispose()
    try:
        revision = restore_sqlite(path, database)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"Restored {path} (schema {revision}) into {database}; schema migrated to "
        "the newest revision."
    )

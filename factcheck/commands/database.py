"""flask --app factcheck init-db, backup PATH and restore PATH.

SQLite: SQLite's online backup API copies a consistent snapshot while the app keeps serving
(readers and writers are not stopped; a transaction not yet committed is not in the copy).
PostgreSQL: its own pg_dump and pg_restore do the same job better than we could; the commands
print the exact invocation instead.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_migrate import upgrade
from sqlalchemy.engine import URL

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
        f"  restore: pg_restore --clean --if-exists --no-owner --single-transaction "
        f"--dbname='{plain}' '{path}'\n"
        "Give the password through ~/.pgpass or PGPASSWORD, never on the command line. "
        "Restore into a stopped app, then run `flask --app factcheck init-db`."
    )


def backup_sqlite(database: str | Path, target: Path) -> int:
    """Copy the live SQLite `database` to `target` (a new file, mode 0600, no WAL) and check
    the copy; returns its size in bytes. Raises BackupError."""
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    source = sqlite3.connect(f"file:{Path(database)}?mode=ro", uri=True)
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
            _check(copy)
        finally:
            copy.close()
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"Backup failed: {exc}") from None
    finally:
        source.close()
    os.replace(partial, target)
    return target.stat().st_size


def restore_sqlite(backup: Path, database: str | Path) -> str:
    """Replace the live SQLite `database` with the content of `backup`; returns the backup's
    schema revision. Raises BackupError for a file that is not a sound factcheck backup."""
    source = sqlite3.connect(f"file:{Path(backup)}?mode=ro", uri=True)
    try:
        revision = _check(source)
        live = sqlite3.connect(database, timeout=30)
        try:
            source.backup(live)
        finally:
            live.close()
    except sqlite3.Error as exc:
        raise BackupError(f"Restore failed: {exc}") from None
    finally:
        source.close()
    return revision


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

    migrate_database()
    click.echo(
        f"Restored {path} (schema {revision}) into {database}; schema migrated to "
        "the newest revision."
    )

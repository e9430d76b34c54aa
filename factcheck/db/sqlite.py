"""Database connections: SQLite set up for concurrent use, PostgreSQL as it comes.

SQLite serves several processes (gunicorn workers, the CLI) only with care:
- WAL lets readers work while one writer writes; a busy timeout makes writers queue instead of
  failing at once; foreign keys are off unless every connection turns them on.
- Python's sqlite3 module, in its legacy transaction mode, runs a SELECT outside any transaction
  and opens one only at the first write, so a read-modify-write can silently lose another
  process's update. We take transaction control from the driver and start write transactions
  with BEGIN IMMEDIATE, which takes the write lock before the first read.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import Flask, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, scoped_session

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
BUSY_TIMEOUT_MS = 15_000

# Whether the transactions this context begins may write. Requests with safe methods read only;
# everything else (other requests, CLI commands, scripts) takes the write lock up front.
_write_intent: ContextVar[bool] = ContextVar("write_intent", default=True)


def configure_sqlite(engine: Engine) -> None:
    """Give an SQLite engine WAL, a busy timeout, foreign keys and BEGIN IMMEDIATE writes."""
    if engine.dialect.name != "sqlite" or event.contains(engine, "begin", _begin):
        return
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _begin)


def _on_connect(dbapi_connection, connection_record) -> None:
    # The driver must not issue its own BEGINs; _begin does, at the start of every transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    if cursor.execute("PRAGMA database_list").fetchone()[2]:  # a file, not :memory:
        cursor.execute("PRAGMA journal_mode = WAL")
        # With WAL, NORMAL is still safe against corruption; it skips an fsync per commit.
        cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _begin(connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE" if _write_intent.get() else "BEGIN")


def write_intent(writes: bool):
    """Declare whether transactions begun from now on in this context may write."""
    return _write_intent.set(writes)


def register_request_hooks(app: Flask) -> None:
    """Requests with safe methods only read; every other request may write."""

    @app.before_request
    def _declare_intent() -> None:
        write_intent(request.method not in SAFE_METHODS)

    @app.teardown_request
    def _reset_intent(exc) -> None:
        write_intent(True)


def end_read_transaction(session: Session | scoped_session) -> None:
    """End `session`'s transaction before slow work (an article's extraction) when it has
    written nothing yet, so that on SQLite the write lock BEGIN IMMEDIATE took is not held
    meanwhile; the next statement begins a new transaction. With writes pending or flushed it
    stays open: they belong to the same unit of work."""
    if session.new or session.dirty or session.deleted or session.info.get("flushed"):
        return
    session.rollback()


@contextmanager
def reading_only(session: Session | scoped_session) -> Iterator[None]:
    """Run long reads (matching a batch of claims) without holding SQLite's write lock: the
    transactions begun inside are plain BEGINs, and the one they leave open is ended on the
    way out, so the writes that follow begin their own with BEGIN IMMEDIATE. With writes
    pending or flushed before, their transaction simply stays open (end_read_transaction)."""
    end_read_transaction(session)
    token = _write_intent.set(False)
    try:
        yield
    finally:
        _write_intent.reset(token)
        end_read_transaction(session)


def mark_written(session: Session | scoped_session) -> None:
    """Note that statements executed directly (bulk INSERT, UPDATE, DELETE) wrote in this
    transaction, as a flush would: no flush happened, so end_read_transaction and the job's
    progress reports would otherwise take it for a read and roll it back."""
    session.info["flushed"] = True


@event.listens_for(Session, "after_flush")
def _note_flush(session: Session, flush_context) -> None:
    session.info["flushed"] = True


@event.listens_for(Session, "after_transaction_end")
def _forget_flush(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop("flushed", None)

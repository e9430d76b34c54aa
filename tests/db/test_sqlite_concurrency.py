"""SQLite under concurrent writers: no errors and no lost updates with our settings, and proof
that the test can see the problem with SQLite's defaults."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from factcheck.db.sqlite import configure_sqlite

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("TEST_DATABASE_URL")),
    reason="SQLite behaviour; the PostgreSQL run skips it",
)
WRITERS, READERS, INCREMENTS = 20, 4, 15


def _engine(url: str, ours: bool):
    engine = create_engine(url)
    if ours:
        configure_sqlite(engine)
    return engine


def writer(url: str, ours: bool, results) -> None:
    """Read the counter, think for a moment, write it back plus one: a read-modify-write."""
    engine = _engine(url, ours)
    committed = errors = 0
    for _ in range(INCREMENTS):
        try:
            with engine.begin() as conn:
                value = conn.execute(text("SELECT value FROM counter WHERE id = 1")).scalar_one()
                time.sleep(0.002)
                conn.execute(text("UPDATE counter SET value = :v WHERE id = 1"), {"v": value + 1})
            committed += 1
        except OperationalError:
            errors += 1
    engine.dispose()
    results.put(("writer", committed, errors))


def reader(url: str, ours: bool, results, stop) -> None:
    engine = _engine(url, ours)
    reads = errors = 0
    while not stop.is_set():
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT value FROM counter WHERE id = 1")).scalar_one()
            reads += 1
        except OperationalError:
            errors += 1
        time.sleep(0.001)
    engine.dispose()
    results.put(("reader", reads, errors))


def run_load(url: str, ours: bool) -> dict:
    engine = _engine(url, ours)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER)"))
        conn.execute(text("INSERT INTO counter VALUES (1, 0)"))
    ctx = multiprocessing.get_context("spawn")
    results, stop = ctx.Queue(), ctx.Event()
    readers = [ctx.Process(target=reader, args=(url, ours, results, stop)) for _ in range(READERS)]
    writers = [ctx.Process(target=writer, args=(url, ours, results)) for _ in range(WRITERS)]
    for p in readers + writers:
        p.start()
    for p in writers:
        p.join(timeout=300)
    stop.set()
    for p in readers:
        p.join(timeout=60)
    out = {"committed": 0, "write_errors": 0, "reads": 0, "read_errors": 0}
    for _ in range(WRITERS + READERS):
        kind, n, errors = results.get(timeout=60)
        if kind == "writer":
            out["committed"] += n
            out["write_errors"] += errors
        else:
            out["reads"] += n
            out["read_errors"] += errors
    with engine.connect() as conn:
        out["final"] = conn.execute(text("SELECT value FROM counter")).scalar_one()
    engine.dispose()
    return out


def test_concurrent_read_modify_write_loses_nothing(tmp_path):
    result = run_load(f"sqlite:///{tmp_path / 'ours.db'}", ours=True)
    assert result["write_errors"] == 0 and result["read_errors"] == 0, result
    assert result["committed"] == WRITERS * INCREMENTS, result
    assert result["final"] == result["committed"], result
    assert result["reads"] > 0


def test_default_settings_show_the_problem(tmp_path):
    """Without our settings the same load loses updates or fails: the test can see it."""
    result = run_load(f"sqlite:///{tmp_path / 'default.db'}", ours=False)
    assert result["final"] != WRITERS * INCREMENTS or result["write_errors"] > 0, result
    assert result["final"] < result["committed"] or result["write_errors"] > 0, result

"""Exports stream: the body is a generator that fetches one batch at a time, so rows are
written before later batches are read and no export is held whole (counted in queries, not
timed)."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from factcheck.extensions import db
from factcheck.models import Role
from factcheck.workflow import State
from tests.exports.conftest import BATCH


@contextmanager
def batch_queries(app):
    """The list of batch statements (a LIMIT over claims) run while the block runs."""
    seen: list[str] = []

    def note(conn, cursor, statement, *args):
        if "LIMIT" in statement and "claims" in statement:
            seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


@pytest.mark.parametrize(
    "path,state,closing",
    [
        ("/desk/exports/queue.csv", State.QUEUED, 0),  # a header line, then rows
        ("/desk/exports/queue.json", State.QUEUED, 1),  # "[", rows, "]"
        ("/factchecks/claimreview-feed.json", State.PUBLISHED, 2),  # head and "[", rows, "]", "}"
    ],
)
def test_rows_are_written_batch_by_batch(app, client, as_role, make, path, state, closing):
    as_role(Role.CHECKER)
    for _ in range(10):
        make.claim(state)
    with batch_queries(app) as seen:
        response = client.get(path)
        assert response.is_streamed
        chunks = iter(response.response)
        assert seen == []  # nothing is read before the body is asked for
        opening = next(chunks)
        assert opening and seen == []
        rows = [next(chunks) for _ in range(BATCH)]
        assert len(seen) == 1  # the first batch gave the first rows
        rows.append(next(chunks))
        assert len(seen) == 2  # the next row needed the next batch
        rest = list(chunks)
        response.close()
    # 10 rows in batches of 3: 3 + 3 + 3 + 1, the short one ends it.
    assert len(seen) == 4
    assert len(rows) + len(rest) - closing == 10  # one chunk per row

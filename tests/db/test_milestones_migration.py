"""Revision 0023 (issue 16): the milestones table is backfilled from the claims (ingested) and
the audit log's state changes, with the two waits the analytics page charts."""

from __future__ import annotations

import datetime as dt

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from factcheck.extensions import db

BEFORE, AFTER = "0020", "0023"


def at(day: int, hour: int = 0) -> str:
    return f"2024-03-{day:02d} {hour:02d}:00:00.000000"


def epoch(day: int, hour: int = 0) -> int:
    return int(dt.datetime(2024, 3, day, hour, tzinfo=dt.UTC).timestamp())


ROWS = [
    "INSERT INTO users (id, email, name, role, password_hash, active, created_at, "
    "session_token) VALUES (1, 'c@example.org', 'C', 'checker', 'x', true, :d1, 't1'), "
    "(2, 'e@example.org', 'E', 'editor', 'x', true, :d1, 't2')",
    "INSERT INTO articles (id, title, body, text_hash, created_at) VALUES "
    "(1, 'Budget', 'The budget grew by 4 percent. Taxes fell.', 'h1', :d1)",
    'INSERT INTO claims (id, article_id, text, start, "end", score, kind, state, '
    "state_changed_at, created_at, updated_at, published_at, assignee_id, version) VALUES "
    "(1, 1, 'The budget grew by 4 percent.', 0, 29, 0.5, 'quantity', 'published', "
    ":d9, :d1, :d9, :d9, 1, 1), "
    "(2, 1, 'Taxes fell.', 30, 41, 0.5, 'statement', 'candidate', :d2, :d2, :d2, NULL, NULL, 1)",
    "INSERT INTO events (created_at, actor_id, action, article_id, claim_id, from_state, "
    "to_state) VALUES "
    "(:d1, 1, 'add', 1, 1, NULL, 'queued'), "
    "(:d2, 1, 'take', 1, 1, 'queued', 'in_progress'), "
    "(:d3, 1, 'submit', 1, 1, 'in_progress', 'in_review'), "
    "(:d4, 2, 'return', 1, 1, 'in_review', 'returned'), "
    "(:d5, 1, 'submit', 1, 1, 'returned', 'in_review'), "
    "(:d7, 2, 'approve', 1, 1, 'in_review', 'approved'), "
    "(:d9, 2, 'publish', 1, 1, 'approved', 'published'), "
    # a claim deleted since: its events stay in the log, its milestones are not made
    "(:d3, 1, 'accept', 1, 77, 'candidate', 'queued')",
]
TIMES = {"d1": at(1), "d2": at(2), "d3": at(3), "d4": at(4), "d5": at(5), "d7": at(7), "d9": at(9)}


@pytest.fixture
def app_before(empty_database, app_on):
    app = app_on()
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            for statement in ROWS:
                conn.execute(text(statement), TIMES)
        yield app


def test_backfill_from_claims_and_the_audit_log(app_before):
    upgrade(revision=AFTER)
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT claim_id, kind, at, article_id, checker_id, wait_seconds "
                "FROM milestones ORDER BY claim_id, at, id"
            )
        ).all()
    day = 24 * 3600
    assert [tuple(r) for r in rows] == [
        (1, "ingested", epoch(1), 1, None, None),
        (1, "accepted", epoch(1), 1, 1, None),
        (1, "submitted", epoch(3), 1, 1, None),
        (1, "returned", epoch(4), 1, 1, None),
        (1, "submitted", epoch(5), 1, 1, None),
        (1, "approved", epoch(7), 1, 1, 2 * day),  # since the latest submission
        (1, "published", epoch(9), 1, 1, 8 * day),  # since accepted
        (2, "ingested", epoch(2), 1, None, None),
    ]


def test_indexes_and_downgrade(app_before):
    upgrade(revision=AFTER)
    with db.engine.connect() as conn:
        names = {i["name"] for i in inspect(conn).get_indexes("milestones")}
        claim_indexes = {i["name"] for i in inspect(conn).get_indexes("claims")}
    assert {"ix_milestones_kind_at", "ix_milestones_article_kind_at"} <= names
    assert "ix_claims_state_assignee_due" in claim_indexes
    downgrade(revision=BEFORE)
    with db.engine.connect() as conn:
        assert "milestones" not in inspect(conn).get_table_names()

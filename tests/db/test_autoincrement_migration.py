"""Revision 0020 (issue 14 review): on SQLite, articles, claims, sources and speakers get
AUTOINCREMENT, keeping every row, id, index and trigger, and ids deleted before the upgrade are
not handed out again."""

from __future__ import annotations

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from factcheck.commands.database import describe_schema
from factcheck.extensions import db

# The revision 0020 revises: the schema it starts from.
BEFORE = "0019"
AFTER = "0020"  # this file tests that revision, not whatever later ones add
TABLES = ("articles", "claims", "sources", "speakers")
NOW = {"now": "2024-03-01 09:30:00.000000"}

# At BEFORE: articles 1 and 2 with a claim each; article 3 and its claims 3 and 4 were deleted,
# source 2 was removed and speaker 2 merged into speaker 1, as the audit log says.
ROWS = [
    "INSERT INTO articles (id, title, body, text_hash, created_at) VALUES "
    "(1, 'Budget', 'The budget grew by 4 percent.', 'h1', :now), "
    "(2, 'Schools', 'Some 40 schools closed.', 'h2', :now)",
    'INSERT INTO claims (id, article_id, text, start, "end", score, kind, state, '
    "state_changed_at, created_at, updated_at, version) VALUES "
    "(1, 1, 'The budget grew by 4 percent.', 0, 29, 0.5, 'quantity', 'candidate', "
    ":now, :now, :now, 1), "
    "(2, 2, 'Some 40 schools closed.', 0, 23, 0.5, 'quantity', 'candidate', :now, :now, :now, 1)",
    "INSERT INTO sources (id, claim_id, url, kind, created_at) VALUES "
    "(1, 1, 'https://example.org/budget', 'dataset', :now)",
    "INSERT INTO speakers (id, name, key, kind) VALUES (1, 'Ann Lee', 'ann lee', 'person')",
    "INSERT INTO events (created_at, action, article_id, claim_id, data) VALUES "
    """(:now, 'article_deleted', 3, NULL, '{"claims": 2, "claim_ids": [3, 4]}'), """
    """(:now, 'source_removed', 1, 1, '{"source": 2, "url": "https://x.example"}'), """
    """(:now, 'speakers_merged', NULL, NULL, '{"from": [2, "A. Lee"], "into": 1}')""",
]
IDS = {
    "articles": "SELECT id FROM articles ORDER BY id",
    "claims": "SELECT id FROM claims ORDER BY id",
    "sources": "SELECT id FROM sources ORDER BY id",
    "speakers": "SELECT id FROM speakers ORDER BY id",
}


@pytest.fixture
def app_before(empty_database, app_on):
    if not empty_database[0].startswith("sqlite"):
        pytest.skip("SQLite only: PostgreSQL's sequences never hand an id out twice")
    app = app_on()
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            for statement in ROWS:
                conn.execute(text(statement), NOW)
        yield app


def schema() -> dict:
    with db.engine.connect() as conn:
        return describe_schema(conn.connection.driver_connection)


def ids(conn, table: str) -> list[int]:
    return list(conn.execute(text(IDS[table])).scalars())


def create_sql(conn, table: str) -> str:
    return conn.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t"), {"t": table}
    ).scalar_one()


def test_upgrade_keeps_rows_ids_indexes_and_triggers(app_before):
    before = schema()
    upgrade(revision=AFTER)
    after = schema()
    assert after.keys() == before.keys()  # every table, index and trigger is there
    for key, value in before.items():
        if key[0] in ("table", "index"):
            assert after[key] == value, key
    triggers = {name for kind, name in after if kind == "trigger"}
    assert {"claims_state_transition", "claims_fts_ai", "claims_fts_ad", "claims_fts_au"} <= (
        triggers
    )
    assert {"articles_fts_ai", "articles_fts_ad", "articles_fts_au"} <= triggers
    with db.engine.connect() as conn:
        for table in TABLES:
            assert "AUTOINCREMENT" in create_sql(conn, table)
        assert ids(conn, "articles") == [1, 2] and ids(conn, "claims") == [1, 2]
        assert ids(conn, "sources") == [1] and ids(conn, "speakers") == [1]
        found = "SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'schools'"
        assert list(conn.execute(text(found)).scalars()) == [2]


def test_the_triggers_still_work_after_the_upgrade(app_before):
    upgrade(revision=AFTER)
    with (
        pytest.raises(IntegrityError, match="not allowed by the workflow"),
        db.engine.begin() as conn,
    ):
        conn.execute(text("UPDATE claims SET state = 'published' WHERE id = 1"))
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE articles SET title = 'Floods' WHERE id = 2"))
        found = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'floods'"
        assert list(conn.execute(text(found)).scalars()) == [2]


def test_ids_deleted_before_the_upgrade_are_not_handed_out(app_before):
    upgrade(revision=AFTER)
    with db.engine.begin() as conn:
        article = conn.execute(
            text(
                "INSERT INTO articles (title, body, text_hash, created_at) "
                "VALUES ('New', 'Rain fell.', 'h4', :now) RETURNING id"
            ),
            NOW,
        ).scalar_one()
        claim = conn.execute(
            text(
                'INSERT INTO claims (article_id, text, start, "end", score, kind, state, '
                "state_changed_at, created_at, updated_at, version) VALUES "
                "(:a, 'Rain fell.', 0, 10, 0.5, 'statement', 'candidate', :now, :now, :now, 1) "
                "RETURNING id"
            ),
            {"a": article, **NOW},
        ).scalar_one()
        source = conn.execute(
            text(
                "INSERT INTO sources (claim_id, url, kind, created_at) "
                "VALUES (:c, 'https://example.org/rain', 'other', :now) RETURNING id"
            ),
            {"c": claim, **NOW},
        ).scalar_one()
        speaker = conn.execute(
            text(
                "INSERT INTO speakers (name, key, kind) "
                "VALUES ('Bo Chen', 'bo chen', 'person') RETURNING id"
            )
        ).scalar_one()
    # Above the highest id each table had or the audit log names (article 3, claims 3 and 4,
    # source 2, speaker 2).
    assert (article, claim, source, speaker) == (4, 5, 3, 3)


def test_downgrade_gives_back_the_earlier_schema_and_every_row(app_before):
    before = schema()
    upgrade(revision=AFTER)
    downgrade(revision=BEFORE)
    assert schema() == before
    with db.engine.connect() as conn:
        for table in TABLES:
            assert "AUTOINCREMENT" not in create_sql(conn, table)
        assert ids(conn, "articles") == [1, 2] and ids(conn, "claims") == [1, 2]
        assert ids(conn, "sources") == [1] and ids(conn, "speakers") == [1]

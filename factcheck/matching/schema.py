"""The matcher's full-text index beside `match_documents`, with the database's own engine.

SQLite: an FTS5 table over title and text (porter stemming) kept in step by triggers.
PostgreSQL: a stored `tsvector` column (English configuration, title weighted as text) with a
GIN index. Created by migration 0015 and, for tests and rank(), when the table is created.
"""

from __future__ import annotations

from sqlalchemy import event

from ..models import MatchDocument

FTS = "match_documents_fts"
_PG_VECTOR = "to_tsvector('english', coalesce(title, '') || ' ' || text)"


def index_ddl(dialect: str) -> list[str]:
    """DDL creating the full-text index of match documents for `dialect`."""
    if dialect == "postgresql":
        return [
            f"ALTER TABLE match_documents ADD COLUMN IF NOT EXISTS search_fts tsvector "
            f"GENERATED ALWAYS AS ({_PG_VECTOR}) STORED",
            "CREATE INDEX IF NOT EXISTS ix_match_documents_fts ON match_documents "
            "USING gin (search_fts)",
        ]
    if dialect != "sqlite":
        return []
    # Written out in full: no name in these statements is assembled from anything.
    insert = (
        "INSERT INTO match_documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
    )
    delete = (
        "INSERT INTO match_documents_fts(match_documents_fts, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text);"
    )
    return [
        "CREATE VIRTUAL TABLE IF NOT EXISTS match_documents_fts USING fts5(title, text, "
        "content='match_documents', content_rowid='id', tokenize='porter unicode61')",
        "CREATE TRIGGER IF NOT EXISTS match_documents_fts_ai AFTER INSERT ON match_documents "
        "BEGIN " + insert + " END",
        "CREATE TRIGGER IF NOT EXISTS match_documents_fts_ad AFTER DELETE ON match_documents "
        "BEGIN " + delete + " END",
        "CREATE TRIGGER IF NOT EXISTS match_documents_fts_au AFTER UPDATE OF title, text ON "
        "match_documents BEGIN " + delete + " " + insert + " END",
        "INSERT INTO match_documents_fts(match_documents_fts) VALUES ('rebuild')",
    ]


def drop_ddl(dialect: str) -> list[str]:
    """DDL removing what index_ddl created."""
    if dialect == "postgresql":
        return [
            "DROP INDEX IF EXISTS ix_match_documents_fts",
            "ALTER TABLE match_documents DROP COLUMN IF EXISTS search_fts",
        ]
    triggers = [f"DROP TRIGGER IF EXISTS {FTS}_{s}" for s in ("ai", "ad", "au")]
    return [*triggers, f"DROP TABLE IF EXISTS {FTS}"]


def install_index(connection) -> None:
    """Run index_ddl on `connection`."""
    for statement in index_ddl(connection.dialect.name):
        connection.exec_driver_sql(statement)


def _created(target, connection, **kw) -> None:
    install_index(connection)


def register() -> None:
    """Create the index whenever the match_documents table is created (tests, rank())."""
    if not event.contains(MatchDocument.__table__, "after_create", _created):
        event.listen(MatchDocument.__table__, "after_create", _created)

"""Full-text search with the database's own engine, behind one interface.

SQLite: FTS5 tables kept in step with `claims` and `articles` by triggers (porter stemming).
PostgreSQL: a stored `tsvector` column on claims (so checking one row against a query is
cheap, which the queue's search window relies on) and an expression on articles, both with GIN
indexes, queried with `websearch_to_tsquery`, which accepts anything a person types.
Both are created by the migrations and, for tests, when the tables are created.
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, event, false, func, literal_column, select, text

from ..models import Article, Claim, ImportedFactCheck

# Article bodies can be up to several MB; tsvector caps at 1 MB, so only the start is indexed.
ARTICLE_INDEXED_CHARS = 200_000
_PG_CLAIM_VECTOR = "to_tsvector('english', text)"
_PG_CLAIM = "claims.text_fts"
_PG_ARTICLE = (
    f"to_tsvector('english', coalesce(title, '') || ' ' || left(body, {ARTICLE_INDEXED_CHARS}))"
)
# What a word search of imported fact-checks looks in: the claim, its review's title, who
# made the claim and who checked it.
_IMPORTED_COLUMNS = ("claim_text", "title", "claimant", "publisher_name")
_PG_IMPORTED = (
    "to_tsvector('english', "
    + " || ' ' || ".join(f"coalesce({c}, '')" for c in _IMPORTED_COLUMNS)
    + ")"
)
_WORD = re.compile(r"\w+", re.UNICODE)


def fts5_query(q: str) -> str | None:
    """A person's words as a safe FTS5 query: each word quoted (so nothing is FTS syntax), all
    required. No prefix matching: FTS5 stems a prefix differently from a whole word.
    None when there is nothing to search for."""
    words = _WORD.findall(q)[:12]
    if not words:
        return None
    return " ".join(f'"{w}"' for w in words)


def _dialect() -> str:
    from ..extensions import db

    return db.engine.dialect.name


def _matching(q: str, id_column, pg_document: str, fts_table: str) -> ColumnElement | None:
    if not q.strip():
        return None
    if not _WORD.search(q):
        # Only punctuation ("*", "?"): there is nothing to look for, so nothing matches. Listing
        # everything instead would make "*" look like a wildcard, which search does not have.
        return false()
    if _dialect() == "postgresql":
        return literal_column(pg_document).bool_op("@@")(func.websearch_to_tsquery("english", q))
    return id_column.in_(
        select(literal_column("rowid"))
        .select_from(text(fts_table))
        .where(text(f"{fts_table} MATCH :match").bindparams(match=fts5_query(q)))
    )


def claims_matching(q: str) -> ColumnElement | None:
    """A WHERE condition for claims whose text matches `q`; None for an empty query (no
    condition), one that matches nothing for a query without a word."""
    return _matching(q, Claim.id, _PG_CLAIM, "claims_fts")


def articles_matching(q: str) -> ColumnElement | None:
    """A WHERE condition for articles whose headline or text matches `q`, as claims_matching."""
    return _matching(q, Article.id, _PG_ARTICLE, "articles_fts")


def imported_matching(q: str) -> ColumnElement | None:
    """A WHERE condition for imported fact-checks whose claim, title, claimant or publisher
    matches `q`, as claims_matching."""
    return _matching(q, ImportedFactCheck.id, _PG_IMPORTED, "imported_factchecks_fts")


def is_search_object(name: str | None) -> bool:
    """True for the tables, columns and indexes search creates outside the models (FTS5
    tables and their shadow tables, the tsvector column, GIN indexes): migrations'
    autogenerate leaves them alone."""
    if not name:
        return False
    return "_fts_" in name or name.endswith("_fts")


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic hook: compare everything but the search structures."""
    return not (type_ in ("table", "column", "index") and is_search_object(name))


def search_ddl(dialect: str) -> list[str]:
    """DDL creating the search structures for `dialect`."""
    if dialect == "postgresql":
        return [
            f"ALTER TABLE claims ADD COLUMN IF NOT EXISTS text_fts tsvector "
            f"GENERATED ALWAYS AS ({_PG_CLAIM_VECTOR}) STORED",
            "CREATE INDEX IF NOT EXISTS ix_claims_fts ON claims USING gin (text_fts)",
            f"CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING gin ({_PG_ARTICLE})",
        ]
    if dialect != "sqlite":
        return []
    out = []
    for table, columns in (("claims", ("text",)), ("articles", ("title", "body"))):
        out += _fts5_ddl(table, columns)
    return out


def _fts5_ddl(table: str, columns: tuple[str, ...]) -> list[str]:
    """An FTS5 table over `columns` of `table`, the triggers keeping it in step, and its
    first build. Table and column names are fixed in this module, never taken from input."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content='{table}', "
        f"content_rowid='id', tokenize='porter unicode61')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "  # noqa: S608
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "  # noqa: S608
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        # Only a change of the indexed text touches the index, not every state change.
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {cols} ON {table} "  # noqa: S608
        "BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",  # noqa: S608
    ]


def imported_search_ddl(dialect: str) -> list[str]:
    """DDL creating the search structures of imported fact-checks (migration 0016)."""
    if dialect == "postgresql":
        return [
            f"CREATE INDEX IF NOT EXISTS ix_imported_factchecks_fts ON imported_factchecks "
            f"USING gin ({_PG_IMPORTED})"
        ]
    if dialect == "sqlite":
        return _fts5_ddl("imported_factchecks", _IMPORTED_COLUMNS)
    return []


def imported_drop_ddl(dialect: str) -> list[str]:
    if dialect == "postgresql":
        return ["DROP INDEX IF EXISTS ix_imported_factchecks_fts"]
    if dialect != "sqlite":
        return []
    out = [f"DROP TRIGGER IF EXISTS imported_factchecks_fts_{s}" for s in ("ai", "ad", "au")]
    return [*out, "DROP TABLE IF EXISTS imported_factchecks_fts"]


def drop_ddl(dialect: str) -> list[str]:
    if dialect == "postgresql":
        return [
            "DROP INDEX IF EXISTS ix_claims_fts",
            "DROP INDEX IF EXISTS ix_articles_fts",
            "ALTER TABLE claims DROP COLUMN IF EXISTS text_fts",
        ]
    out = []
    for table in ("claims", "articles"):
        out += [f"DROP TRIGGER IF EXISTS {table}_fts_{s}" for s in ("ai", "ad", "au")]
        out.append(f"DROP TABLE IF EXISTS {table}_fts")
    return out


def install_search(connection) -> None:
    for statement in search_ddl(connection.dialect.name):
        connection.exec_driver_sql(statement)


def _claims_created(target, connection, **kw) -> None:
    # claims references articles, so both tables exist by now.
    install_search(connection)


def _imported_created(target, connection, **kw) -> None:
    for statement in imported_search_ddl(connection.dialect.name):
        connection.exec_driver_sql(statement)


def register() -> None:
    """Create the search structures whenever their tables are created (tests, create_all)."""
    if not event.contains(Claim.__table__, "after_create", _claims_created):
        event.listen(Claim.__table__, "after_create", _claims_created)
    imported = ImportedFactCheck.__table__
    if not event.contains(imported, "after_create", _imported_created):
        event.listen(imported, "after_create", _imported_created)

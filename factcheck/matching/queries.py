"""The first stage: candidates from the database's own full-text index, with an OR of the
query's words (any shared word makes a candidate; the index's own ranking orders them)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session, scoped_session

# FTS5's bm25() weights per column (title, text): a headline word counts as much as a claim word.
_SQLITE = (
    "SELECT rowid FROM match_documents_fts WHERE match_documents_fts MATCH :match "
    "ORDER BY bm25(match_documents_fts, 1.0, 1.0), rowid LIMIT :n"
)
# ts_rank_cd (cover density) over an OR query; normalisation 1 divides by 1 + log(length),
# as BM25 discounts long documents.
_POSTGRES = (
    "SELECT d.id FROM match_documents d, to_tsquery('english', :match) q "
    "WHERE d.search_fts @@ q ORDER BY ts_rank_cd(d.search_fts, q, 1) DESC, d.id LIMIT :n"
)


def candidate_ids(
    session: Session | scoped_session[Any], search_words: list[str], n: int
) -> list[int]:
    """Ids of up to `n` match documents sharing a word with `search_words`, best first.
    The words are [a-z0-9]+ only (text.search_words), so quoting them is enough."""
    if not search_words:
        return []
    if session.get_bind().dialect.name == "postgresql":
        match = " | ".join(search_words)
        statement = _POSTGRES
    else:
        match = " OR ".join(f'"{w}"' for w in search_words)
        statement = _SQLITE
    return list(session.scalars(text(statement), {"match": match, "n": n}))

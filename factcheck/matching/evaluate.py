"""rank(): the evaluation contract of ../shared/eval/matching/score_matching.py, run through the
app's own code: an in-memory SQLite database with the app's schema and full-text index, the
documents stored by index_documents, embedded by embed_documents (when the extra is
installed) and each query answered by suggest.

MATCHING_EVAL_DATABASE_URL (a PostgreSQL URL) runs the same in a schema of its own in that
database instead, created and dropped around the call: the PostgreSQL first stage measured."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import cast

from sqlalchemy import Engine, Table, create_engine, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from ..models import MatchDocument, MatchKind, MatchTerm
from . import embedding, schema, services
from .types import NewDocument


def _embedder() -> embedding.Embedder | None:
    # MATCHING_EMBED_CACHE names a file keeping vectors between evaluation runs.
    inner = embedding.load()
    path = os.environ.get("MATCHING_EMBED_CACHE")
    if inner is None or not path or isinstance(inner, embedding.CachedEmbedder):
        return inner
    cached = embedding.CachedEmbedder(inner, path)
    embedding.install(cached)
    return cached


@contextmanager
def _engine() -> Iterator[Engine]:
    url = os.environ.get("MATCHING_EVAL_DATABASE_URL")
    if not url:
        engine = create_engine("sqlite://", poolclass=StaticPool)
        yield engine
        engine.dispose()
        return
    name = f"matching_eval_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    engine = create_engine(url, connect_args={"options": f"-csearch_path={name}"})
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


@contextmanager
def memory_index(documents: Sequence[tuple[str, str, str]]) -> Iterator[Session]:
    """A session on a fresh database (in memory unless MATCHING_EVAL_DATABASE_URL is set)
    holding `documents` ((id, text, title)), each stored with ref_id = its position in the
    list, and embedded where the extra is installed."""
    schema.register()
    tables = [cast(Table, MatchDocument.__table__), cast(Table, MatchTerm.__table__)]
    with _engine() as engine, Session(engine) as session:
        MatchDocument.metadata.create_all(engine, tables=tables)
        new = [NewDocument(MatchKind.IMPORTED, i, t, h) for i, (_, t, h) in enumerate(documents)]
        services.index_documents(session, new)
        services.embed_documents(session, embedder=_embedder())
        session.commit()
        yield session


def rank(
    documents: Sequence[tuple[str, str, str]], queries: Sequence[tuple[str, str]], k: int = 5
) -> dict[str, list[str]]:
    """For each query id, the ids of the documents suggest() ranks first, best first."""
    with memory_index(documents) as session:
        return {
            qid: [documents[m.ref_id][0] for m in services.suggest(session, text, k)]
            for qid, text in queries
        }

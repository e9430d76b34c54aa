"""The embedding path without the package: a stand-in embedder (hashed words, our own) shows
that vectors are stored by embed_documents, that suggest switches to the semantic model only
when every candidate has one, and that the stored format round-trips."""

from __future__ import annotations

import hashlib
import math
import struct

import pytest
from sqlalchemy import select

from factcheck.matching import embedding, rerank
from factcheck.matching.evaluate import memory_index
from factcheck.matching.services import embed_documents, index_document, score, suggest
from factcheck.models import MatchDocument, MatchKind

from .fixture import FACT_CHECKS, QUERIES


class HashedWords:
    """A deterministic stand-in: each word adds 1 to one of 64 dimensions."""

    name = "test/hashed-words"

    def _vector(self, text: str) -> bytes:
        v = [0.0] * 64
        for word in text.lower().split():
            v[hashlib.sha256(word.encode()).digest()[0] % 64] += 1.0
        norm = math.sqrt(sum(x * x for x in v)) or 1.0
        return struct.pack("<64e", *(x / norm for x in v))

    def passages(self, texts):
        return [self._vector(t) for t in texts]

    def query(self, text):
        return self._vector(text)


@pytest.fixture
def hashed(monkeypatch):
    if "semantic" not in rerank.fitted_models():
        pytest.skip("weights.json has no semantic model")
    monkeypatch.setattr(embedding, "load", HashedWords)
    return HashedWords()


def test_vectors_round_trip_through_float16():
    blob = struct.pack("<3e", 0.5, -0.25, 1.0)
    assert embedding.vector(blob) == (0.5, -0.25, 1.0)
    assert embedding.cosine(blob, blob) == pytest.approx(1.0)


def test_without_the_package_nothing_is_embedded():
    assert embedding.load() is None
    assert not embedding.installed()
    with memory_index(FACT_CHECKS) as session:
        assert embed_documents(session) == 0


def test_stored_vectors_switch_suggest_to_the_semantic_model(hashed):
    with memory_index(FACT_CHECKS) as session:
        stored = session.scalars(select(MatchDocument.embedding_model)).all()
        assert stored == [HashedWords.name] * len(FACT_CHECKS)
        assert embed_documents(session) == 0
        rows = [row for _, row in score(session, QUERIES[0][1])]
        assert rows and all(len(row) == len(rerank.SEMANTIC) for row in rows)
        assert suggest(session, QUERIES[0][1], k=1)[0].ref_id == 0


def test_a_document_waiting_for_its_vector_keeps_the_query_lexical(hashed):
    with memory_index(FACT_CHECKS) as session:
        index_document(session, MatchKind.IMPORTED, 0, "Libraries close on Sundays from March.")
        rows = [row for _, row in score(session, QUERIES[0][1])]
        assert rows and all(len(row) == len(rerank.LEXICAL) for row in rows)
        assert embed_documents(session) == 1

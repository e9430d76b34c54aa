""" "Already checked?" (issue 15): the earlier fact-checks, ours and imported, that a claim most
likely repeats, with a calibrated similarity.

Two stages: candidates from the database's own full-text index (queries.py, schema.py), then a
logistic reranker over cheap features and, where the embeddings extra is installed, a sentence
embedding (rerank.py, embedding.py). services.py stores and suggests; rank() runs the same code
for the evaluation kit."""

from __future__ import annotations

from .evaluate import rank
from .services import embed_documents, index_document, index_documents, remove_document, suggest
from .types import Match, NewDocument

__all__ = [
    "Match",
    "NewDocument",
    "embed_documents",
    "index_document",
    "index_documents",
    "rank",
    "remove_document",
    "suggest",
]

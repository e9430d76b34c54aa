"""The matcher's typed results."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import MatchKind


@dataclass(frozen=True)
class Match:
    """An earlier fact-check suggested for a claim. `similarity` is in [0, 1]: the fitted
    probability that it states the same claim (factcheck/matching/weights.json)."""

    document_id: int
    kind: MatchKind
    ref_id: int
    title: str
    text: str
    similarity: float


@dataclass(frozen=True)
class NewDocument:
    """What index_documents stores for one fact-check."""

    kind: MatchKind
    ref_id: int
    text: str
    title: str = ""

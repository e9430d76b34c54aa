"""The second stage: cheap features of a (query, candidate) pair, and a logistic model over
them whose output is the similarity shown to people (≈ the probability that the candidate
states the same claim; weights.json says how it was fitted). Plain Python: no database."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from . import embedding
from .text import Profile

K1, B = 1.2, 0.75
LEXICAL = (
    "bias",
    "bm25",
    "bm25_vs_best",
    "is_best",
    "bm25_reciprocal_rank",
    "doc_coverage",
    "query_coverage",
    "title_coverage",
    "bigrams",
    "numbers_shared",
    "numbers_missing",
    "names_shared",
)
SEMANTIC = (*LEXICAL, "cosine", "cosine_vs_best", "cosine_is_best", "cosine_reciprocal_rank")
WEIGHTS_FILE = Path(__file__).with_name("weights.json")


@dataclass(frozen=True)
class Stats:
    """Collection statistics: document frequency of each term, documents, mean length."""

    df: Mapping[str, int]
    documents: int
    mean_length: float

    def idf(self, term: str) -> float:
        """BM25's idf, never negative."""
        df = self.df.get(term, 0)
        return math.log(1.0 + (self.documents - df + 0.5) / (df + 0.5))


@dataclass(frozen=True)
class Pair:
    """A candidate as the reranker sees it: profiles of its text+title and of its title, and
    its stored vector (None when it has none)."""

    body: Profile
    title: Profile
    vector: bytes | None


def _bm25(query: set[str], doc: Sequence[str], stats: Stats) -> float:
    counts: dict[str, int] = {}
    for t in doc:
        if t in query:
            counts[t] = counts.get(t, 0) + 1
    norm = K1 * (1 - B + B * len(doc) / max(stats.mean_length, 1.0))
    return sum(stats.idf(t) * c * (K1 + 1) / (c + norm) for t, c in counts.items())


def _coverage(part: set[str], whole: set[str], stats: Stats) -> float:
    mass = sum(stats.idf(t) for t in part)
    return sum(stats.idf(t) for t in part & whole) / mass if mass else 0.0


def _bigrams(terms: Sequence[str]) -> set[tuple[str, str]]:
    return set(pairwise(terms))


def _share(part: frozenset | set, whole: frozenset | set) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _lexical(query: Profile, pair: Pair, stats: Stats, query_mass: float) -> list[float]:
    q_terms, d_terms = set(query.terms), set(pair.body.terms)
    nums = pair.body.numbers
    return [
        _bm25(q_terms, pair.body.terms, stats) / query_mass,
        _coverage(d_terms, q_terms, stats),
        _coverage(q_terms, d_terms, stats),
        _coverage(set(pair.title.terms), q_terms, stats),
        _share(_bigrams(pair.body.terms), _bigrams(query.terms)),
        _share(nums, query.numbers),
        1.0 if nums and query.numbers and not nums & query.numbers else 0.0,
        _share(pair.body.names, query.names),
    ]


def features(
    query: Profile, pairs: Sequence[Pair], stats: Stats, query_vector: bytes | None
) -> list[list[float]]:
    """One row per pair, in the order of LEXICAL, or of SEMANTIC when `query_vector` is given
    (every pair must then have a vector). The lexical columns come first in both."""
    query_mass = sum(stats.idf(t) for t in set(query.terms)) or 1.0
    rows = [_lexical(query, p, stats, query_mass) for p in pairs]
    best = max((r[0] for r in rows), default=0.0) or 1.0
    ranks = _reciprocal_ranks([r[0] for r in rows])
    out = [
        [1.0, r[0], r[0] / best, float(r[0] >= best), rr, *r[1:]]
        for r, rr in zip(rows, ranks, strict=True)
    ]
    if query_vector is None:
        return out
    cosines = [embedding.cosine(query_vector, p.vector or b"") for p in pairs]
    top = max(cosines, default=0.0)
    for row, c, rr in zip(out, cosines, _reciprocal_ranks(cosines), strict=True):
        row += [c, c - top, float(c >= top), rr]
    return out


def _reciprocal_ranks(values: Sequence[float]) -> list[float]:
    # 1 / (1 + place) when sorted best first, ties sharing the better place: a fusion of the
    # two rankings that does not depend on their scales.
    order = sorted(values, reverse=True)
    place = {v: order.index(v) for v in set(values)}
    return [1.0 / (1 + place[v]) for v in values]


@cache
def fitted_models() -> frozenset[str]:
    """The models weights.json holds."""
    return frozenset(json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")))


@cache
def weights(model: str) -> tuple[float, ...]:
    """The fitted weights of `model` ("lexical" or "semantic") from weights.json."""
    fitted = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))[model]
    names = LEXICAL if model == "lexical" else SEMANTIC
    if tuple(fitted["features"]) != names:
        raise ValueError(f"weights.json's {model} features differ from the code's")
    return tuple(float(w) for w in fitted["weights"])


def probability(row: Sequence[float], model: str) -> float:
    """The logistic model's probability for one feature row."""
    z = sum(w * x for w, x in zip(weights(model), row, strict=True))
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

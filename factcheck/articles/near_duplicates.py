"""Near-duplicate articles: the same story from another outlet, or re-ingested with a changed
line, which the exact text hash misses.

Each article keeps a bottom-k sketch: the `SKETCH_SIZE` smallest 64-bit hashes of its five-word
shingles. The share of the k smallest hashes of two articles' union that both sketches hold
estimates the Jaccard similarity of their shingle sets (Broder's estimator); candidates are
found by the database's index on the hashes, so no article is compared with every other.
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select

from ..extensions import db
from ..models import Article, ArticleSketch

SKETCH_SIZE = 64
SHINGLE_WORDS = 5
# Articles sharing fewer sketch values than this are not even compared.
MIN_SHARED = 4
# Estimated share of shingles in common from which two articles are flagged.
FLAG_FROM = 0.5

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class NearDuplicate:
    article_id: int
    title: str
    similarity: float  # estimated share of five-word runs the two texts have in common
    earlier: bool


def sketch(text: str, size: int = SKETCH_SIZE) -> list[int]:
    """The `size` smallest distinct hashes (signed 64-bit, to fit a BIGINT) of the text's
    lower-cased five-word shingles; a text shorter than five words is one shingle."""
    words = _WORD.findall(text.lower())
    if not words:
        return []
    runs = max(1, len(words) - SHINGLE_WORDS + 1)
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(runs)}
    return heapq.nsmallest(size, {_hash(s) for s in shingles})


def _hash(shingle: str) -> int:
    digest = hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def similarity(a: Iterable[int], b: Iterable[int], size: int = SKETCH_SIZE) -> float:
    """Estimated Jaccard similarity of the shingle sets two sketches were taken from."""
    first, second = set(a), set(b)
    smallest = heapq.nsmallest(size, first | second)
    if not smallest:
        return 0.0
    return sum(1 for v in smallest if v in first and v in second) / len(smallest)


def store_sketch(article: Article) -> None:
    """Keep the article's sketch (replacing any); the caller commits."""
    db.session.execute(delete(ArticleSketch).where(ArticleSketch.article_id == article.id))
    values = sketch(article.body)
    if values:
        db.session.execute(
            insert(ArticleSketch), [{"article_id": article.id, "value": v} for v in values]
        )


def near_duplicates(article: Article, limit: int = 3) -> list[NearDuplicate]:
    """Other articles whose text is mostly the same as this one's, most similar first: one
    indexed query for the candidates, one for their sketches."""
    mine = list(
        db.session.scalars(
            select(ArticleSketch.value).where(ArticleSketch.article_id == article.id)
        )
    )
    if not mine:
        return []
    shared = (
        select(ArticleSketch.article_id)
        .where(ArticleSketch.value.in_(mine), ArticleSketch.article_id != article.id)
        .group_by(ArticleSketch.article_id)
        .having(func.count() >= MIN_SHARED)
        .order_by(func.count().desc(), ArticleSketch.article_id)
        .limit(limit * 4)
    )
    candidates = list(db.session.scalars(shared))
    sketches: dict[int, list[int]] = {}
    titles: dict[int, str] = {}
    rows = (
        select(ArticleSketch.article_id, ArticleSketch.value, Article.title)
        .join(Article, Article.id == ArticleSketch.article_id)
        .where(ArticleSketch.article_id.in_(candidates))
    )
    for other_id, value, title in db.session.execute(rows):
        sketches.setdefault(other_id, []).append(value)
        titles[other_id] = title
    found = [
        NearDuplicate(other_id, titles[other_id], round(score, 2), other_id < article.id)
        for other_id, values in sketches.items()
        if (score := similarity(mine, values)) >= FLAG_FROM
    ]
    found.sort(key=lambda d: (-d.similarity, d.article_id))
    return found[:limit]

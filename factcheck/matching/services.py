"""Indexing fact-checks for matching, and suggesting the ones a claim most likely repeats.

Every function takes the session to work in (the app's db.session, or rank()'s in-memory
SQLite), flushes and never commits: the caller commits once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import select, text, tuple_
from sqlalchemy.orm import Session, scoped_session

from ..models import MatchDocument, MatchKind, MatchTerm
from ..models._types import utcnow
from . import embedding, rerank
from .queries import candidate_ids
from .text import Profile, duplicate_key, profile, search_words, stem
from .types import Match, NewDocument

# How many first-stage candidates the reranker sees (recall@50 of the first stage is the
# ceiling of the whole matcher; more costs time on every suggestion).
CANDIDATES = 50
EMBED_BATCH = 32
COMMON_SHARE = 0.1
# ... but only once that share is this many documents: a shorter posting list is cheap to read,
# and in a small collection (a newsroom's first imports) every word of a document is in more
# than a tenth of them, so the first stage would be left with no word that finds anything.
COMMON_MIN = 1000
# Measured on the CheckThat! 2020 dev set (10,375 fact-checks, with the embedding): 5,000 or
# more ranks exactly as no budget does; 2,000 and 3,000 moved one query (MAP@5 0.8606 -> 0.8597).
# bench/matching.py compares it with no budget at 100,000 fact-checks.
POSTINGS_BUDGET: int | None = 5_000
# A plain session (rank(), benches) or the app's scoped db.session.
AnySession = Session | scoped_session[Any]
_UPSERT = text(
    "INSERT INTO match_terms (term, documents) VALUES (:term, :n) ON CONFLICT (term) "
    "DO UPDATE SET documents = match_terms.documents + excluded.documents"
)


@lru_cache(maxsize=50_000)
def _profiles(body: str, title: str) -> tuple[Profile, Profile]:
    return profile(f"{body} {title}"), profile(title)


def _term_counts(doc: MatchDocument) -> Counter[str]:
    terms = _profiles(doc.text, doc.title)[0].terms
    counts = Counter(set(terms))
    counts[MatchTerm.DOCUMENTS] = 1
    counts[MatchTerm.TOKENS] = len(terms)
    return counts


def _count(session: AnySession, counts: Counter[str]) -> None:
    # Sorted, so that two writers on PostgreSQL lock the rows they share in the same order.
    rows = [{"term": t[:100], "n": n} for t, n in sorted(counts.items()) if n]
    if rows:
        session.execute(_UPSERT, rows)


def _existing(session: AnySession, keys: list[tuple[MatchKind, int]]) -> dict:
    found: dict[tuple[MatchKind, int], MatchDocument] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        statement = select(MatchDocument).where(
            tuple_(MatchDocument.kind, MatchDocument.ref_id).in_(chunk)
        )
        found.update({(d.kind, d.ref_id): d for d in session.scalars(statement)})
    return found


def index_documents(session: AnySession, new: Sequence[NewDocument]) -> list[MatchDocument]:
    """Store or update match documents (by kind and ref id); an unchanged one is left as it is,
    a changed one loses its embedding until the job computes it again. Raises nothing."""
    existing = _existing(session, [(n.kind, n.ref_id) for n in new])
    counts: Counter[str] = Counter()
    out = []
    for item in new:
        text_, title = item.text[: MatchDocument.TEXT_MAX], item.title[: MatchDocument.TITLE_MAX]
        doc = existing.get((item.kind, item.ref_id))
        if doc is not None and (doc.text, doc.title) == (text_, title):
            out.append(doc)
            continue
        if doc is None:
            doc = MatchDocument(kind=item.kind, ref_id=item.ref_id)
            session.add(doc)
            existing[(item.kind, item.ref_id)] = doc
        else:
            counts.subtract(_term_counts(doc))
        doc.text, doc.title, doc.indexed_at = text_, title, utcnow()
        doc.embedding = doc.embedding_model = None
        counts.update(_term_counts(doc))
        out.append(doc)
    session.flush()
    _count(session, counts)
    return out


def index_document(
    session: AnySession, kind: MatchKind, ref_id: int, text: str, title: str = ""
) -> MatchDocument:
    """Store or update one match document (see index_documents). Raises nothing."""
    return index_documents(session, [NewDocument(kind, ref_id, text, title)])[0]


def remove_document(session: AnySession, kind: MatchKind, ref_id: int) -> bool:
    """Take a fact-check out of matching (withdrawn); False when it was not indexed."""
    doc = _existing(session, [(kind, ref_id)]).get((kind, ref_id))
    if doc is None:
        return False
    _count(session, Counter({t: -n for t, n in _term_counts(doc).items()}))
    session.delete(doc)
    session.flush()
    return True


def embed_documents(
    session: AnySession,
    ids: Iterable[int] | None = None,
    embedder: embedding.Embedder | None = None,
) -> int:
    """Compute and store the embedding of match documents that lack one (of `ids`, or all);
    the number embedded. 0 when the embedding extra is not installed."""
    embedder = embedder or embedding.load()
    if embedder is None:
        return 0
    statement = select(MatchDocument).where(
        (MatchDocument.embedding.is_(None)) | (MatchDocument.embedding_model != embedder.name)
    )
    if ids is not None:
        statement = statement.where(MatchDocument.id.in_(list(ids)))
    docs = list(session.scalars(statement.order_by(MatchDocument.id)))
    for start in range(0, len(docs), EMBED_BATCH):
        batch = docs[start : start + EMBED_BATCH]
        vectors = embedder.passages([f"{d.text} {d.title}".strip() for d in batch])
        for doc, vector in zip(batch, vectors, strict=True):
            doc.embedding, doc.embedding_model = vector, embedder.name
    session.flush()
    return len(docs)


def _stats(session: AnySession, terms: set[str]) -> rerank.Stats:
    wanted = [*sorted(terms), MatchTerm.DOCUMENTS, MatchTerm.TOKENS]
    df: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        statement = select(MatchTerm.term, MatchTerm.documents).where(MatchTerm.term.in_(chunk))
        df.update((term, n) for term, n in session.execute(statement))
    documents = max(df.pop(MatchTerm.DOCUMENTS, 0), 1)
    return rerank.Stats(df, documents, df.pop(MatchTerm.TOKENS, 0) / documents)


def _selective(session: AnySession, words: list[str]) -> list[str]:
    # A word in more than COMMON_SHARE of all documents barely moves BM25, but the first stage
    # reads its whole posting list: leave it to the reranker (unless nothing else is left).
    # A word in no document finds nothing: it does not count as selective, or a claim with
    # one new word would search for that word alone and find nothing in a small collection.
    # Then the rarest words, until their posting lists hold POSTINGS_BUDGET entries: the first
    # stage's work stays bounded however many fact-checks are stored (PostgreSQL ranks every
    # row an OR query finds), and the rarest words are the ones that find the same claim.
    stats = _stats(session, {stem(w) for w in words})
    limit = max(COMMON_SHARE * stats.documents, COMMON_MIN)
    kept = [w for w in words if 0 < stats.df.get(stem(w), 0) <= limit] or words
    if POSTINGS_BUDGET is None:
        return kept
    out: list[str] = []
    total = 0
    for df, word in sorted({(stats.df.get(stem(w), 0), w) for w in kept}):
        if out and total + df > POSTINGS_BUDGET:
            break
        out.append(word)
        total += df
    return out


def _query_vector(text: str, docs: list[MatchDocument]) -> bytes | None:
    # The embedding is used only when every candidate has one from the same model (a document
    # indexed a moment ago waits for its job): otherwise the lexical model ranks them all.
    embedder = embedding.load()
    if embedder is None or any(d.embedding_model != embedder.name for d in docs):
        return None
    return embedder.query(text)


def score(
    session: AnySession,
    text: str,
    n: int = CANDIDATES,
    keep: Callable[[MatchDocument], bool] | None = None,
) -> list[tuple[MatchDocument, list]]:
    """The first stage's candidates for `text` (those `keep` accepts) with their feature rows
    (rerank.features)."""
    ids = candidate_ids(session, _selective(session, search_words(text)), n)
    if not ids:
        return []
    found = session.scalars(select(MatchDocument).where(MatchDocument.id.in_(ids)))
    by_id = {d.id: d for d in found if keep is None or keep(d)}
    docs = [by_id[i] for i in ids if i in by_id]
    if not docs:
        return []
    query = profile(text)
    pairs = []
    for d in docs:
        body, title = _profiles(d.text, d.title)
        pairs.append(rerank.Pair(body, title, d.embedding))
    stats = _stats(session, set(query.terms).union(*(p.body.terms for p in pairs)))
    rows = rerank.features(query, pairs, stats, _query_vector(text, docs))
    return list(zip(docs, rows, strict=True))


def suggest(session: AnySession, text: str, k: int = 5) -> list[Match]:
    """The `k` match documents most likely to state the claim in `text`, most likely first,
    each with its similarity; of near-duplicates (the same words), only the first indexed.
    Raises nothing; [] when nothing shares a word with `text`."""
    scored = score(session, text)
    if not scored:
        return []
    semantic = len(scored[0][1]) == len(rerank.SEMANTIC) and "semantic" in rerank.fitted_models()
    model, width = (
        ("semantic", len(rerank.SEMANTIC)) if semantic else ("lexical", len(rerank.LEXICAL))
    )
    ranked = sorted(
        ((rerank.probability(row[:width], model), doc) for doc, row in scored),
        key=lambda pair: (-pair[0], pair[1].id),
    )
    out: list[Match] = []
    seen: set[str] = set()
    for p, doc in ranked:
        key = duplicate_key(doc.text, doc.title)
        if key in seen:
            continue
        seen.add(key)
        out.append(Match(doc.id, doc.kind, doc.ref_id, doc.title, doc.text, round(p, 4)))
        if len(out) == k:
            break
    return out

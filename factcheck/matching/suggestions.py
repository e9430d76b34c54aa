"""Triage's "checked before?" (issue 15): the earlier fact-check each candidate claim most likely
repeats, found off the request path and kept in claim_suggestions.

Matching one claim takes about 80 ms: too slow for a triage page of 100 candidates, and too slow
to add to ingest. So once an article's candidates are saved, the "check_candidates" job matches
them (at most CHECK_CAP a job, a follow-up job for the rest) and the triage page reads what it
found with one query (`checked_before`). `flask rescore-candidates` computes them again."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, delete, insert, select

from ..db.sqlite import mark_written, reading_only
from ..extensions import db
from ..jobs import Progress, queue_job, register
from ..models import (
    Claim,
    ClaimSuggestion,
    ImportedFactCheck,
    Job,
    MatchDocument,
    MatchKind,
    Rating,
    User,
    Verdict,
)
from ..models._types import utcnow
from ..workflow import State
from .services import suggest
from .types import Match

CHECK_JOB = "check_candidates"
# Candidates one job matches: about 30 s at 80 ms each, well inside the job's time limit.
CHECK_CAP = 400
# Candidates matched between two progress reports (and read in one read-only transaction).
STEP = 25
# Triage shows "Checked before" from this similarity on. The similarity is the reranker's
# fitted probability that the two state the same claim (weights.json: a logistic regression
# fitted by log loss on the CheckThat! 2020 training queries, each also once with its gold
# removed, so it is calibrated for claims nobody checked too); from 0.5 on "the same claim" is
# more likely than not.
CHECKED_BEFORE_MIN = 0.5
_CHUNK = 500


@dataclass(frozen=True)
class EarlierCheck:
    """What triage shows of a candidate's top earlier fact-check."""

    kind: MatchKind
    ref_id: int
    similarity: float
    text: str  # the claim the earlier fact-check rated
    rating: str | None
    publisher: str | None = None  # imported: the publisher's name
    url: str | None = None  # imported: the review's address

    @property
    def percent(self) -> int:
        """The similarity in whole percent, rounded down (0.996 is not "100% similar")."""
        return round(self.similarity * 10_000) // 100  # from basis points: 0.57 is 57


def anything_indexed() -> bool:
    """Whether there is any earlier fact-check to match against."""
    return db.session.scalar(select(MatchDocument.id).limit(1)) is not None


def queue_check(article_id: int, actor: User | None) -> Job | None:
    """Queue the check of an article's candidates against earlier fact-checks (sent when the
    transaction commits); None when nothing is indexed to check against. Raises nothing."""
    if not anything_indexed():
        return None
    return queue_job(CHECK_JOB, article_id, actor)


def check_article(article_id: int, progress: Progress) -> None:
    """The "check_candidates" job: store the top earlier fact-check of the article's candidates
    not checked yet, most check-worthy first, at most CHECK_CAP; queue the next job when more
    are left. Idempotent; an article deleted meanwhile has nothing left to check."""
    with reading_only(db.session):
        rows = _unchecked(article_id, CHECK_CAP + 1)
    more = len(rows) > CHECK_CAP
    rows = rows[:CHECK_CAP]
    tops = top_matches(rows, progress)
    store(tops)
    if more:
        queue_job(CHECK_JOB, article_id, None)


def _unchecked(article_id: int, limit: int) -> list[tuple[int, str]]:
    statement = (
        select(Claim.id, Claim.text)
        .outerjoin(ClaimSuggestion, ClaimSuggestion.claim_id == Claim.id)
        .where(
            Claim.article_id == article_id,
            Claim.state == State.CANDIDATE,
            ClaimSuggestion.claim_id.is_(None),
        )
        .order_by(Claim.score.desc(), Claim.id)
        .limit(limit)
    )
    return [(claim_id, text) for claim_id, text in db.session.execute(statement)]


def top_matches(
    rows: Sequence[tuple[int, str]], progress: Progress | None = None
) -> dict[int, Match | None]:
    """The most likely earlier fact-check of each (claim id, text), None where nothing shares
    a word with it. Read in steps outside SQLite's write lock, with progress between them;
    nothing may be written before it. Raises nothing."""
    found: dict[int, Match | None] = {}
    with reading_only(db.session):
        indexed = anything_indexed()
    for start in range(0, len(rows), STEP):
        if progress is not None:
            progress(
                start * 100 // len(rows),
                f"Checked {start:,} of {len(rows):,} candidates against earlier fact-checks…",
            )
        with reading_only(db.session):
            for claim_id, text in rows[start : start + STEP]:
                best = suggest(db.session, text, k=1) if indexed else []
                found[claim_id] = best[0] if best else None
    return found


def store(tops: dict[int, Match | None]) -> int:
    """Replace the cached top matches of these claims (those still there); how many stored."""
    now = utcnow()
    kept = 0
    if tops:
        mark_written(db.session)
    for ids in _chunks(list(tops)):
        db.session.execute(delete(ClaimSuggestion).where(ClaimSuggestion.claim_id.in_(ids)))
        present = db.session.scalars(select(Claim.id).where(Claim.id.in_(ids))).all()
        rows = [_row(claim_id, tops[claim_id], now) for claim_id in sorted(present)]
        if rows:
            db.session.execute(insert(ClaimSuggestion), rows)
        kept += len(rows)
    return kept


def _row(claim_id: int, match: Match | None, now) -> dict[str, object]:
    return {
        "claim_id": claim_id,
        "kind": match.kind if match else None,
        "ref_id": match.ref_id if match else None,
        "similarity": min(1.0, max(0.0, match.similarity)) if match else 0.0,
        "computed_at": now,
    }


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def checked_before(
    claim_ids: Sequence[int], minimum: float = CHECKED_BEFORE_MIN
) -> dict[int, EarlierCheck]:
    """The earlier fact-check each of these claims most likely repeats, where its similarity
    reaches `minimum` and it is still matched against (ours still public, an imported one not
    removed): one query. {claim id: EarlierCheck}."""
    if not claim_ids:
        return {}
    statement = (
        select(
            ClaimSuggestion,
            MatchDocument.text,
            ImportedFactCheck.publisher_name,
            ImportedFactCheck.review_url,
            ImportedFactCheck.rating_text,
            Rating.label,
        )
        .join(
            MatchDocument,
            and_(
                MatchDocument.kind == ClaimSuggestion.kind,
                MatchDocument.ref_id == ClaimSuggestion.ref_id,
            ),
        )
        .outerjoin(
            ImportedFactCheck,
            and_(
                ClaimSuggestion.kind == MatchKind.IMPORTED,
                ImportedFactCheck.id == ClaimSuggestion.ref_id,
            ),
        )
        .outerjoin(
            Verdict,
            and_(
                ClaimSuggestion.kind == MatchKind.OURS, Verdict.claim_id == ClaimSuggestion.ref_id
            ),
        )
        .outerjoin(Rating, Rating.id == Verdict.rating_id)
        .where(
            ClaimSuggestion.claim_id.in_(list(claim_ids)),
            ClaimSuggestion.similarity >= minimum,
        )
    )
    found = {}
    for suggestion, text, publisher, url, imported_rating, our_rating in db.session.execute(
        statement
    ):
        assert suggestion.kind is not None and suggestion.ref_id is not None  # joined
        found[suggestion.claim_id] = EarlierCheck(
            kind=suggestion.kind,
            ref_id=suggestion.ref_id,
            similarity=suggestion.similarity,
            text=text,
            rating=imported_rating if suggestion.kind == MatchKind.IMPORTED else our_rating,
            publisher=publisher,
            url=url,
        )
    return found


register(
    CHECK_JOB,
    check_article,
    label="Checking against earlier fact-checks",
    time_limit=5 * 60,
    retries=2,
    retry_delay=30,
)

"""Scoring stored candidates again (issue 15): their check-worthiness by the current scorer (a
new weight file changes what ingest would give them) and their most likely earlier fact-check
(ones published or imported since they were checked), in batches of a bounded size."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Select, Table, bindparam, func, select, update

from ..audit import record
from ..db.sqlite import mark_written, reading_only
from ..extensions import db
from ..extraction.worthiness import unit_score
from ..matching.suggestions import CHECKED_BEFORE_MIN, store, top_matches
from ..models import Attribution, Claim, DateMention, Quantity, User
from ..workflow import State

BATCH = 200


@dataclass(frozen=True)
class Rescored:
    """What one batch did."""

    candidates: int
    scores_changed: int
    checked_before: int  # whose top earlier fact-check reaches CHECKED_BEFORE_MIN


def rescore_candidates(
    actor: User | None, article_id: int | None = None, batch: int | None = None
) -> Iterator[Rescored]:
    """Score every candidate (of one article, or all) again, `batch` (else BATCH) at a time in
    the order of their ids, and store each one's top earlier fact-check; yields after writing
    each batch, for the caller to commit. A score is computed as ingest computes it: the hybrid
    check-worthiness of the claim's text given its stored parts. Each batch that changed scores
    is audited with their ids. Raises nothing."""
    last, size = 0, batch or BATCH
    while True:
        with reading_only(db.session):
            rows = db.session.execute(_candidates(article_id, last, size)).all()
            if not rows:
                return
            scores = _scores(rows)
        tops = top_matches([(claim_id, text) for claim_id, text, _ in rows])
        changed = {i: s for i, _, old in rows if (s := scores[i]) != old}
        _write_scores(changed)
        store(tops)
        if changed:
            record(
                "candidates_rescored",
                actor=actor,
                data={"claims": len(changed), "claim_ids": sorted(changed)},
            )
        last = rows[-1][0]
        yield Rescored(
            candidates=len(rows),
            scores_changed=len(changed),
            checked_before=sum(
                1 for m in tops.values() if m is not None and m.similarity >= CHECKED_BEFORE_MIN
            ),
        )


def _candidates(article_id: int | None, after: int, batch: int) -> Select:
    statement = (
        select(Claim.id, Claim.text, Claim.score)
        .where(Claim.state == State.CANDIDATE, Claim.id > after)
        .order_by(Claim.id)
        .limit(batch)
    )
    if article_id is not None:
        statement = statement.where(Claim.article_id == article_id)
    return statement


def _scores(rows) -> dict[int, float]:
    """Each claim's check-worthiness from its text and how many parts of each type it has:
    all the hand-set rules read of the parts."""
    ids = [row[0] for row in rows]
    counts = {}
    for part in (Quantity, DateMention, Attribution):
        counts[part] = dict(
            db.session.execute(
                select(part.claim_id, func.count())
                .where(part.claim_id.in_(ids))
                .group_by(part.claim_id)
            ).all()
        )
    return {
        claim_id: unit_score(
            text,
            range(counts[Quantity].get(claim_id, 0)),
            range(counts[DateMention].get(claim_id, 0)),
            range(counts[Attribution].get(claim_id, 0)),
        )
        for claim_id, text, _ in rows
    }


def _write_scores(changed: dict[int, float]) -> None:
    # One executemany UPDATE. Candidates are not public and the score is not what an editor's
    # form holds, so their version stays (an open edit of the claim is not made stale).
    if not changed:
        return
    mark_written(db.session)
    table = cast(Table, Claim.__table__)
    db.session.execute(
        update(table).where(table.c.id == bindparam("claim")).values(score=bindparam("new_score")),
        [{"claim": i, "new_score": s} for i, s in changed.items()],
    )

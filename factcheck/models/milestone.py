"""Claim milestones: one narrow row per step a claim reaches, for the analytics page.

The audit log (events) says everything about everything and is too wide and too big to scan
per request at a million claims. A milestone keeps only what the charts count: which claim,
which step, when (epoch seconds, so weeks are integer arithmetic on every backend), the
article, the checker holding the claim, the rating when published, and for the two waits the
charts show, how long the step took (accepted -> published, submitted -> approved).

Rows are written by `note_move` (called from audit.record for every state change) and by
`note_ingested` (bulk candidates); migration 0023 backfilled them from the audit log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from enum import StrEnum

from sqlalchemy import BigInteger, Index, Integer, insert, select
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model, db
from ..workflow import State
from ._types import str_enum, utcnow
from .claim import Claim


class MilestoneKind(StrEnum):
    INGESTED = "ingested"
    ACCEPTED = "accepted"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    PUBLISHED = "published"
    RETURNED = "returned"
    CORRECTED = "corrected"


M = MilestoneKind


class Milestone(Model):
    __tablename__ = "milestones"
    __table_args__ = (
        # The weekly range scans: everything, one article's, one checker's (the wait rides
        # along so percentiles read the index only).
        Index("ix_milestones_kind_at", "kind", "at", "wait_seconds"),
        Index("ix_milestones_article_kind_at", "article_id", "kind", "at"),
        Index("ix_milestones_checker_kind_at", "checker_id", "kind", "at"),
        # The claim's earlier steps, when a wait is computed.
        Index("ix_milestones_claim_kind", "claim_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # No foreign keys: like the audit log, history outlives a deleted article.
    claim_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[MilestoneKind] = mapped_column(str_enum(MilestoneKind, "milestone_kind"))
    at: Mapped[int] = mapped_column(BigInteger)  # epoch seconds, UTC
    article_id: Mapped[int] = mapped_column(Integer)
    checker_id: Mapped[int | None] = mapped_column(Integer)
    rating_id: Mapped[int | None] = mapped_column(Integer)
    wait_seconds: Mapped[int | None] = mapped_column(Integer)


# Workload per checker: the open states' claims by assignee, with their due dates, from the index.
Index("ix_claims_state_assignee_due", Claim.state, Claim.assignee_id, Claim.due_on)


def kinds_for(from_state: str | None, to_state: str) -> list[MilestoneKind]:
    """The milestones a state change reaches, in order; pure."""
    if from_state is None:  # born: a candidate, or queued when a person picked it
        return [M.INGESTED] + ([M.ACCEPTED] if to_state == State.QUEUED else [])
    return {
        (State.CANDIDATE, State.QUEUED): [M.ACCEPTED],
        (State.IN_PROGRESS, State.IN_REVIEW): [M.SUBMITTED],
        (State.RETURNED, State.IN_REVIEW): [M.SUBMITTED],
        (State.IN_REVIEW, State.APPROVED): [M.APPROVED],
        (State.APPROVED, State.PUBLISHED): [M.PUBLISHED],
        (State.IN_REVIEW, State.RETURNED): [M.RETURNED],
        (State.APPROVED, State.RETURNED): [M.RETURNED],
        (State.PUBLISHED, State.CORRECTED): [M.CORRECTED],
        (State.CORRECTED, State.CORRECTED): [M.CORRECTED],
    }.get((State(from_state), State(to_state)), [])


# A wait is measured from the latest earlier milestone of this kind.
WAIT_FROM = {M.PUBLISHED: M.ACCEPTED, M.APPROVED: M.SUBMITTED}


def epoch(value: dt.datetime) -> int:
    return int(value.timestamp())


def note_move(claim: Claim, from_state: str | None, to_state: str) -> None:
    """Add the milestones of `claim` moving from `from_state` to `to_state` to the session
    (the caller commits); a move that reaches none adds nothing."""
    kinds = kinds_for(from_state, to_state)
    if not kinds:
        return
    now = epoch(utcnow())
    for kind in kinds:
        wait = None
        if kind in WAIT_FROM:
            since = db.session.scalar(
                select(Milestone.at)
                .where(Milestone.claim_id == claim.id, Milestone.kind == WAIT_FROM[kind])
                .order_by(Milestone.at.desc(), Milestone.id.desc())
                .limit(1)
            )
            wait = max(0, now - since) if since is not None else None
        verdict = claim.verdict if kind == M.PUBLISHED else None
        db.session.add(
            Milestone(
                claim_id=claim.id,
                kind=kind,
                at=now,
                article_id=claim.article_id,
                checker_id=claim.assignee_id,
                rating_id=verdict.rating_id if verdict is not None else None,
                wait_seconds=wait,
            )
        )


def note_ingested(
    article_id: int, claim_ids: Sequence[int], state: State, at: dt.datetime | None = None
) -> None:
    """Milestones for claims inserted in bulk, with one statement."""
    kinds = kinds_for(None, state)
    when = epoch(at or utcnow())
    rows: Iterable[dict] = [
        {"claim_id": i, "kind": k, "at": when, "article_id": article_id}
        for i in claim_ids
        for k in kinds
    ]
    rows = list(rows)
    if rows:
        db.session.execute(insert(Milestone), rows)

"""Read-side queries for the editors' desk."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import Claim, Proposal, ProposalStatus, Verdict
from ..workflow import State


def claims_in(*states: State, limit: int = 200) -> list[Claim]:
    """Claims in `states`, longest waiting first, with what the review lists show."""
    return list(
        db.session.scalars(
            select(Claim)
            .where(Claim.state.in_(states))
            .options(
                joinedload(Claim.article),
                joinedload(Claim.assignee),
                joinedload(Claim.verdict).joinedload(Verdict.rating),
                joinedload(Claim.verdict).joinedload(Verdict.author),
            )
            .order_by(Claim.state_changed_at.asc())
            .limit(limit)
        )
    )


def pending_proposals(limit: int = 200) -> list[Proposal]:
    """Corrections and republications waiting for a second editor, oldest first."""
    return list(
        db.session.scalars(
            select(Proposal)
            .where(Proposal.status == ProposalStatus.PENDING)
            .options(joinedload(Proposal.claim), joinedload(Proposal.proposer))
            .order_by(Proposal.created_at.asc())
            .limit(limit)
        )
    )

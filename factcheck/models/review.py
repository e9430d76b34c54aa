from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    event,
    inspect as sa_inspect,
    select,
    text as sa_text,
)
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship

from ..extensions import Model
from ._types import UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from .capture import Capture
    from .claim import Claim
    from .site import Rating
    from .user import User


class SourceKind(StrEnum):
    PRIMARY = "primary document"
    OFFICIAL = "official statement"
    DATA = "dataset"
    NEWS = "news report"
    INTERVIEW = "interview"
    EXPERT = "expert"
    OTHER = "other"


class Source(Model):
    __tablename__ = "sources"
    # Audit events and capture jobs name removed sources by id: never reused on SQLite.
    __table_args__ = ({"sqlite_autoincrement": True},)
    URL_MAX = 2000
    TITLE_MAX = 300
    EXCERPT_MAX = 5000

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(URL_MAX))
    title: Mapped[str | None] = mapped_column(String(TITLE_MAX))
    publisher: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[SourceKind] = mapped_column(
        str_enum(SourceKind, "source_kind"), default=SourceKind.OTHER
    )
    excerpt: Mapped[str | None] = mapped_column(Text)
    archive_url: Mapped[str | None] = mapped_column(String(URL_MAX))
    accessed_on: Mapped[dt.date | None] = mapped_column(Date)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    claim: Mapped[Claim] = relationship(back_populates="sources")
    added_by: Mapped[User | None] = relationship()
    # Our stored copy of the page (factcheck/archive/), as opposed to archive_url, an external
    # archive's link the checker typed.
    capture: Mapped[Capture | None] = relationship(
        back_populates="source", cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )


class Verdict(Model):
    __tablename__ = "verdicts"
    SUMMARY_MAX = 280
    RATIONALE_MAX = 50_000

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), unique=True)
    rating_id: Mapped[int | None] = mapped_column(ForeignKey("ratings.id"))
    summary: Mapped[str] = mapped_column(String(SUMMARY_MAX), default="")
    rationale: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    last_editor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # The version the approval is bound to: publishing refuses a verdict changed since.
    approved_version: Mapped[int | None] = mapped_column()
    # What the approval covered: the digest of everything the public page shows (wording,
    # speakers, verdict, sources, article) and the revision it was; publishing refuses any
    # other digest, and only people who changed nothing since may approve the next one.
    approved_digest: Mapped[str | None] = mapped_column(String(64))
    approved_revision: Mapped[int | None] = mapped_column()
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # The version of the verdict's text (rating, summary, rationale): it goes up when the text
    # changes, not when the verdict is submitted, approved or returned, so an approval names
    # exactly the text that was read. Every UPDATE still checks it (optimistic locking).
    version: Mapped[int] = mapped_column(default=1)

    claim: Mapped[Claim] = relationship(back_populates="verdict")
    rating: Mapped[Rating | None] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    last_editor: Mapped[User] = relationship(foreign_keys=[last_editor_id])
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])

    __mapper_args__ = {  # noqa: RUF012 (SQLAlchemy reads it once)
        "version_id_col": version,
        "version_id_generator": False,
    }

    TEXT_FIELDS = ("rating_id", "summary", "rationale")

    def written_by(self, user: User) -> bool:
        """True if `user` wrote this verdict or is its last editor (rows from before the
        revision history; the four-eyes rule reads revisions.contributors)."""
        return user.id in (self.author_id, self.last_editor_id)


class Correction(Model):
    """A public correction to a published verdict: what changed, why, when and who."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    editor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    reason: Mapped[str] = mapped_column(Text)
    old_rating_id: Mapped[int | None] = mapped_column(ForeignKey("ratings.id"))
    new_rating_id: Mapped[int | None] = mapped_column(ForeignKey("ratings.id"))
    old_summary: Mapped[str] = mapped_column(String(Verdict.SUMMARY_MAX))
    new_summary: Mapped[str] = mapped_column(String(Verdict.SUMMARY_MAX))
    # Kept whole so readers see what the rationale and the claim's wording said before (None
    # on corrections recorded before they were kept).
    old_rationale: Mapped[str | None] = mapped_column(Text)
    new_rationale: Mapped[str | None] = mapped_column(Text)
    old_text: Mapped[str | None] = mapped_column(Text)
    new_text: Mapped[str | None] = mapped_column(Text)
    # The second editor who approved the proposed correction.
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    claim: Mapped[Claim] = relationship(back_populates="corrections")
    editor: Mapped[User] = relationship(foreign_keys=[editor_id])
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])
    old_rating: Mapped[Rating | None] = relationship(foreign_keys=[old_rating_id])
    new_rating: Mapped[Rating | None] = relationship(foreign_keys=[new_rating_id])


class Revision(Model):
    """One version of everything a claim's public page would show, kept for good: the
    database refuses UPDATE and DELETE (db/triggers.py). A new one is written whenever that
    changes (revisions/hook.py), with who changed it."""

    __tablename__ = "claim_revisions"
    __table_args__ = (UniqueConstraint("claim_id", "number", name="uq_claim_revisions_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"))
    number: Mapped[int]
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    digest: Mapped[str] = mapped_column(String(64))

    actor: Mapped[User | None] = relationship()


def contributors_since_approval(claim: Claim) -> set[int]:
    """Ids of everyone who changed what the claim's public page shows since its last
    approval (since the first draft if it was never approved): none of them may approve."""
    session = object_session(claim)
    verdict = claim.verdict
    if session is None or verdict is None:
        return set()
    after = verdict.approved_revision or 0
    ids = session.scalars(
        select(Revision.actor_id).where(
            Revision.claim_id == claim.id,
            Revision.number > after,
            Revision.actor_id.is_not(None),
        )
    )
    found = {i for i in ids if i is not None}
    if not found and after == 0:
        # Verdicts from before revisions were kept: their author and last editor.
        found = {verdict.author_id, verdict.last_editor_id}
    return found


class ProposalKind(StrEnum):
    CORRECTION = "correction"
    REPUBLISH = "republish"


class ProposalStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Proposal(Model):
    """A change to a public fact-check that one editor proposes and another approves: a
    correction (rating, summary, rationale, wording) or putting a withdrawn one back."""

    __tablename__ = "proposals"
    __table_args__ = (
        # One open proposal per claim: two editors cannot race two corrections.
        Index(
            "uq_proposals_pending",
            "claim_id",
            unique=True,
            sqlite_where=sa_text("status = 'pending'"),
            postgresql_where=sa_text("status = 'pending'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ProposalKind] = mapped_column(str_enum(ProposalKind, "proposal_kind"))
    status: Mapped[ProposalStatus] = mapped_column(
        str_enum(ProposalStatus, "proposal_status"), default=ProposalStatus.PENDING
    )
    proposer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(Text, default="")
    rating_id: Mapped[int | None] = mapped_column(ForeignKey("ratings.id"))
    summary: Mapped[str | None] = mapped_column(String(Verdict.SUMMARY_MAX))
    rationale: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str | None] = mapped_column(Text)

    claim: Mapped[Claim] = relationship()
    proposer: Mapped[User] = relationship(foreign_keys=[proposer_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    rating: Mapped[Rating | None] = relationship()


class Comment(Model):
    __tablename__ = "comments"
    BODY_MAX = 10_000

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    claim: Mapped[Claim] = relationship(back_populates="comments")
    author: Mapped[User] = relationship()


@event.listens_for(Verdict, "before_update")
def _next_text_version(mapper, connection, verdict: Verdict) -> None:
    """A new text version when the rating, summary or rationale really changed."""
    attrs = sa_inspect(verdict).attrs
    for name in (*Verdict.TEXT_FIELDS, "rating"):
        history = attrs[name].history
        if (history.added or history.deleted) and list(history.added) != list(history.deleted):
            verdict.version = verdict.version + 1
            return

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from ._types import UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from .claim import Claim
    from .user import User


class MatchKind(StrEnum):
    """Where a match document comes from: one of our published fact-checks, or a fact-check of
    another publisher that was imported."""

    OURS = "ours"
    IMPORTED = "imported"


class MatchDocument(Model):
    """One earlier fact-check as the "already checked?" matcher indexes it (issue 15): its claim
    and headline, and, once the job has run, its sentence embedding. `ref_id` is the id of the
    claim (ours) or of the imported fact-check, by `kind`; the full-text index over text and
    title lives beside the table (factcheck/matching/schema.py)."""

    __tablename__ = "match_documents"
    __table_args__ = (UniqueConstraint("kind", "ref_id"),)
    TEXT_MAX = 4000
    TITLE_MAX = 500

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[MatchKind] = mapped_column(str_enum(MatchKind, "match_kind"))
    ref_id: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(String(TITLE_MAX), default="")
    # float16 vector of the model named in embedding_model; None until the job has run.
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)
    embedding_model: Mapped[str | None] = mapped_column(String(60))
    indexed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<MatchDocument {self.kind}:{self.ref_id}>"


class MatchTerm(Model):
    """How many match documents contain a term (a stemmed word), for the reranker's BM25: the
    same figures on SQLite and PostgreSQL. Two rows that no word can produce hold the
    collection's size: DOCUMENTS (documents) and TOKENS (terms over all documents)."""

    __tablename__ = "match_terms"
    DOCUMENTS = "#documents"
    TOKENS = "#tokens"

    term: Mapped[str] = mapped_column(String(100), primary_key=True)
    documents: Mapped[int] = mapped_column(Integer, default=0)

    def __repr__(self) -> str:
        return f"<MatchTerm {self.term} {self.documents}>"


class MatchDecision(StrEnum):
    """What the desk said of a suggested earlier fact-check: the same claim, or not."""

    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


class ClaimMatch(Model):
    """The desk's decision on one earlier fact-check suggested for a claim (issue 15).

    The fact-check is named by `kind` and `ref_id` (a claim's id, or an imported fact-check's),
    never by its match document, which re-indexing may re-create. `on_page` marks a confirmed
    match of one of our fact-checks that is part of the claim's snapshot ("see_also", approved
    with the rest of the page); every other decision is desk memory only (claims/matches.py
    says which is which)."""

    __tablename__ = "claim_matches"
    __table_args__ = (
        UniqueConstraint("claim_id", "kind", "ref_id"),
        CheckConstraint(
            "NOT on_page OR (decision = 'confirmed' AND kind = 'ours')", name="see_also_is_ours"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    kind: Mapped[MatchKind] = mapped_column(str_enum(MatchKind, "match_kind"))
    ref_id: Mapped[int] = mapped_column(Integer)
    decision: Mapped[MatchDecision] = mapped_column(str_enum(MatchDecision, "match_decision"))
    on_page: Mapped[bool] = mapped_column(default=False)
    # The matcher's similarity when the decision was made (None: it was not among the
    # suggestions any more).
    similarity: Mapped[float | None] = mapped_column(Float)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    claim: Mapped[Claim] = relationship(back_populates="matches")
    decided_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<ClaimMatch {self.claim_id} {self.decision} {self.kind}:{self.ref_id}>"


class ClaimSuggestion(Model):
    """The earlier fact-check a candidate claim most likely repeats, as the job that checks an
    article's candidates found it (issue 15): a cache, so triage reads it in one query instead
    of matching a page of candidates on every view. `kind` and `ref_id` name the match document
    (as MatchDocument); both are empty when nothing earlier shared a word with the claim: it
    was checked and nothing was found. Computed again by `flask rescore-candidates`."""

    __tablename__ = "claim_suggestions"
    __table_args__ = (
        CheckConstraint("(kind IS NULL) = (ref_id IS NULL)", name="match_whole"),
        CheckConstraint("similarity >= 0 AND similarity <= 1", name="similarity_range"),
    )

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[MatchKind | None] = mapped_column(str_enum(MatchKind, "match_kind"))
    ref_id: Mapped[int | None] = mapped_column(Integer)
    # The matcher's calibrated probability that the two state the same claim (0: nothing).
    similarity: Mapped[float] = mapped_column(Float, default=0.0)
    computed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<ClaimSuggestion {self.claim_id} {self.kind}:{self.ref_id} {self.similarity}>"

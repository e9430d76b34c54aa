from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from ..extraction.types import Kind
from ..workflow import ASSIGNED_STATES, PUBLIC_STATES, State
from ._types import UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from .article import Article
    from .match import ClaimMatch
    from .review import Comment, Correction, Source, Verdict
    from .user import User


class SpeakerKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


def _in(states) -> str:
    return "(" + ", ".join(f"'{s.value}'" for s in states) + ")"


class Speaker(Model):
    """A person or organisation claims are attributed to, shared across articles."""

    __tablename__ = "speakers"
    # Audit events name merged-away speakers by id: SQLite must not hand their ids out again.
    __table_args__ = ({"sqlite_autoincrement": True},)
    NAME_MAX = 200

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    # Case-folded name: "john kirby" and "John Kirby" are one speaker.
    key: Mapped[str] = mapped_column(String(NAME_MAX), unique=True)
    kind: Mapped[SpeakerKind] = mapped_column(
        str_enum(SpeakerKind, "speaker_kind"), default=SpeakerKind.PERSON
    )
    role: Mapped[str | None] = mapped_column(String(NAME_MAX))

    def __repr__(self) -> str:
        return f"<Speaker {self.name!r}>"


class Claim(Model):
    __tablename__ = "claims"
    TEXT_MAX = 2000
    URL_MAX = 2000
    __table_args__ = (
        CheckConstraint(
            f"state NOT IN {_in(ASSIGNED_STATES)} OR assignee_id IS NOT NULL",
            name="assigned_when_worked",
        ),
        CheckConstraint(
            f"state NOT IN {_in(PUBLIC_STATES)} OR published_at IS NOT NULL",
            name="published_has_date",
        ),
        CheckConstraint('start >= 0 AND "end" >= start', name="span"),
        CheckConstraint("score >= 0 AND score <= 1", name="score_range"),
        # The queue's sort orders, walked by keyset pagination (backwards for descending).
        Index("ix_claims_score_id", "score", "id"),
        Index("ix_claims_state_score_id", "state", "score", "id"),
        Index("ix_claims_created_at_id", "created_at", "id"),
        Index("ix_claims_due_on_id", "due_on", "id"),
        # The overdue queue's count (issue 16): due dates and states read from the index alone.
        Index("ix_claims_due_on_state", "due_on", "state"),
        # The public index (newest first) and incremental pulls (changed since).
        Index("ix_claims_published_at_id", "published_at", "id"),
        Index("ix_claims_updated_at_id", "updated_at", "id"),
        Index("ix_claims_article_start", "article_id", "start"),
        # Ids are never reused on SQLite either (audit events and links name claims by id).
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    # The claim as the checker words it; `start`/`end` keep where it sits in the article.
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int]
    end: Mapped[int]
    score: Mapped[float] = mapped_column(Float, default=0.5)
    kind: Mapped[Kind] = mapped_column(str_enum(Kind, "claim_kind"), default=Kind.STATEMENT)
    state: Mapped[State] = mapped_column(str_enum(State, "claim_state"), default=State.CANDIDATE)
    state_changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id"), index=True)
    cue: Mapped[str | None] = mapped_column(String(60))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # When the claim was made, where known (a quote said before the article reported it);
    # public pages and ClaimReview fall back to the article's date, never the check's.
    said_on: Mapped[dt.date | None] = mapped_column(Date)
    # Where the claim first appeared, where known: ClaimReview's firstAppearance.
    first_appearance_url: Mapped[str | None] = mapped_column(String(URL_MAX))
    # Bumped on every change; forms carry it so a stale form is detected, not applied.
    version: Mapped[int] = mapped_column(default=1)

    article: Mapped[Article] = relationship(back_populates="claims")
    speaker: Mapped[Speaker | None] = relationship()
    assignee: Mapped[User | None] = relationship()
    quantities: Mapped[list[Quantity]] = relationship(
        back_populates="claim", order_by="Quantity.start", cascade="all, delete-orphan"
    )
    dates: Mapped[list[DateMention]] = relationship(
        back_populates="claim", order_by="DateMention.start", cascade="all, delete-orphan"
    )
    attributions: Mapped[list[Attribution]] = relationship(
        back_populates="claim", order_by="Attribution.content_start", cascade="all, delete-orphan"
    )
    sources: Mapped[list[Source]] = relationship(
        back_populates="claim", order_by="Source.id", cascade="all, delete-orphan"
    )
    comments: Mapped[list[Comment]] = relationship(
        back_populates="claim", order_by="Comment.id", cascade="all, delete-orphan"
    )
    # Every speaker of the claim in order ("A and B said" has two); `speaker` is the first.
    speaker_links: Mapped[list[ClaimSpeaker]] = relationship(
        order_by="ClaimSpeaker.position", cascade="all, delete-orphan"
    )
    verdict: Mapped[Verdict | None] = relationship(
        back_populates="claim", cascade="all, delete-orphan", uselist=False
    )
    corrections: Mapped[list[Correction]] = relationship(
        back_populates="claim", order_by="Correction.id", cascade="all, delete-orphan"
    )
    # The desk's decisions on "already checked?" suggestions (models/match.py).
    matches: Mapped[list[ClaimMatch]] = relationship(
        back_populates="claim",
        order_by="ClaimMatch.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy reads it once)

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES

    @property
    def speakers(self) -> list[Speaker]:
        """The claim's speakers in order; rows older than the list have only `speaker`."""
        if self.speaker_links:
            return [link.speaker for link in self.speaker_links]
        return [self.speaker] if self.speaker is not None else []

    def __repr__(self) -> str:
        return f"<Claim {self.id} {self.state} {self.text[:30]!r}>"


class ClaimSpeaker(Model):
    """One of a claim's speakers, in the order the article names them."""

    __tablename__ = "claim_speakers"

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(default=0)

    speaker: Mapped[Speaker] = relationship(lazy="joined")


class Quantity(Model):
    __tablename__ = "claim_quantities"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(300))
    start: Mapped[int]
    end: Mapped[int]
    value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(120))
    approximate: Mapped[bool] = mapped_column(default=False)
    qualifier: Mapped[str | None] = mapped_column(String(40))

    claim: Mapped[Claim] = relationship(back_populates="quantities")


class DateMention(Model):
    __tablename__ = "claim_dates"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(300))
    start: Mapped[int]
    end: Mapped[int]
    value: Mapped[str | None] = mapped_column(String(40))
    relative: Mapped[bool] = mapped_column(default=False)

    claim: Mapped[Claim] = relationship(back_populates="dates")


class Attribution(Model):
    __tablename__ = "claim_attributions"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id"), index=True)
    speaker_text: Mapped[str | None] = mapped_column(String(300))
    role: Mapped[str | None] = mapped_column(String(200))
    cue: Mapped[str | None] = mapped_column(String(60))
    direct: Mapped[bool] = mapped_column(default=False)
    content: Mapped[str] = mapped_column(Text)
    content_start: Mapped[int]
    content_end: Mapped[int]

    claim: Mapped[Claim] = relationship(back_populates="attributions")
    speaker: Mapped[Speaker | None] = relationship()

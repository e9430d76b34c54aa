from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, String, Text, event, inspect as sa_inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from ._types import UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
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
        """True if `user` wrote or edited this verdict (the four-eyes rule looks at both)."""
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

    claim: Mapped[Claim] = relationship(back_populates="corrections")
    editor: Mapped[User] = relationship()
    old_rating: Mapped[Rating | None] = relationship(foreign_keys=[old_rating_id])
    new_rating: Mapped[Rating | None] = relationship(foreign_keys=[new_rating_id])


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

"""Other publishers' fact-checks, imported from ClaimReview files and feeds (issue 15): what
the desk's "already checked?" matching looks at besides our own published checks."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from ..extensions import Model
from ._types import UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from .user import User


class ImportKind(StrEnum):
    FILE = "file"  # uploaded on the admin page
    FEED = "feed"  # fetched from an address by the job
    COMMAND = "command"  # `flask import-claimreviews PATH`


class ClaimReviewImport(Model):
    """One run of an import: where the file or feed came from, who asked, and what it did.
    The subject of an "import_claimreviews" job; an upload waits here for its job."""

    __tablename__ = "claimreview_imports"
    ORIGIN_MAX = 2000

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ImportKind] = mapped_column(str_enum(ImportKind, "import_kind"))
    # The file's name or the feed's address.
    origin: Mapped[str] = mapped_column(String(ORIGIN_MAX))
    # An uploaded file until its job has read it (then emptied: the rows are the record).
    payload: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    # Mark as removed what an earlier import from the same origin had and this one lacks.
    prune: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created: Mapped[int | None] = mapped_column(Integer)
    updated: Mapped[int | None] = mapped_column(Integer)
    unchanged: Mapped[int | None] = mapped_column(Integer)
    removed: Mapped[int | None] = mapped_column(Integer)

    created_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<ClaimReviewImport {self.id} {self.kind} {self.origin[:40]!r}>"


class ImportedFactCheck(Model):
    """One ClaimReview of another publisher: a claim, who said it, the publisher's rating.

    A review page may rate several claims (one ClaimReview each, same `url`), so a review is
    known by its URL and its claim: `key` is the SHA-256 of both (services.review_key), and a
    re-import updates the row it finds by it."""

    __tablename__ = "imported_factchecks"
    __table_args__ = (
        Index("ix_imported_factchecks_review_date_id", "review_date", "id"),
        Index("ix_imported_factchecks_updated_at_id", "updated_at", "id"),
    )
    URL_MAX = 2000
    TITLE_MAX = 500
    NAME_MAX = 300
    RATING_MAX = 200
    LANGUAGE_MAX = 35  # a BCP 47 tag
    CLAIM_MAX = 5000

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    review_url: Mapped[str] = mapped_column(String(URL_MAX))
    claim_text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(String(TITLE_MAX))
    publisher_name: Mapped[str] = mapped_column(String(NAME_MAX))
    publisher_url: Mapped[str | None] = mapped_column(String(URL_MAX))
    claimant: Mapped[str | None] = mapped_column(String(NAME_MAX))
    claim_date: Mapped[dt.date | None] = mapped_column(Date)
    review_date: Mapped[dt.date | None] = mapped_column(Date)
    # The publisher's own words ("Mostly false") and, where given, its numeric scale.
    rating_text: Mapped[str | None] = mapped_column(String(RATING_MAX))
    rating_value: Mapped[float | None] = mapped_column(Float)
    best_rating: Mapped[float | None] = mapped_column(Float)
    worst_rating: Mapped[float | None] = mapped_column(Float)
    language: Mapped[str | None] = mapped_column(String(LANGUAGE_MAX))
    # The file or feed it last came from, and that import.
    origin: Mapped[str] = mapped_column(String(ClaimReviewImport.ORIGIN_MAX))
    import_id: Mapped[int | None] = mapped_column(
        ForeignKey("claimreview_imports.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set when a pruning import of its origin no longer had it; kept, not deleted, so a
    # confirmed match to it keeps its target. Cleared if it comes back.
    removed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    imported_by: Mapped[ClaimReviewImport | None] = relationship()

    def __repr__(self) -> str:
        return f"<ImportedFactCheck {self.id} {self.review_url[:40]!r}>"

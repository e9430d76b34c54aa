"""Our own stored copy of a source's page (issue 14): a WARC of the exchange, the extracted
text and the checksum of what was stored. One row per source; a retry updates it."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from ._types import UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from .review import Source


class CaptureState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


class Capture(Model):
    __tablename__ = "captures"
    ERROR_MAX = 500

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), unique=True
    )
    state: Mapped[CaptureState] = mapped_column(
        str_enum(CaptureState, "capture_state"), default=CaptureState.PENDING
    )
    requested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    captured_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(String(ERROR_MAX))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Where the page was in the end (after redirects), and what it was.
    final_url: Mapped[str | None] = mapped_column(Text)
    content_type: Mapped[str | None] = mapped_column(String(100))
    # Keys in the object store (factcheck/archive/store.py), and the SHA-256 and size of the
    # WARC file as stored: anyone holding the file can check it is the one we captured.
    warc_key: Mapped[str | None] = mapped_column(String(300))
    text_key: Mapped[str | None] = mapped_column(String(300))
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(Integer)

    source: Mapped[Source] = relationship(back_populates="capture")

    @property
    def is_done(self) -> bool:
        return self.state is CaptureState.DONE

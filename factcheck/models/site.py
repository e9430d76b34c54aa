from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import CheckConstraint, Float, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from ._types import UTCDateTime, str_enum


class SiteSettings(Model):
    """The organisation as shown on public pages; a single row."""

    __tablename__ = "site_settings"
    __table_args__ = (
        CheckConstraint(
            "checkworthiness_threshold >= 0 AND checkworthiness_threshold <= 1",
            name="checkworthiness_threshold_range",
        ),
    )
    THRESHOLD_DEFAULT = 0.5

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(500))
    logo_url: Mapped[str | None] = mapped_column(String(500))
    methodology: Mapped[str] = mapped_column(Text, default="")
    # Bumped by every change to published material (factcheck/db/public_version.py): lists,
    # feeds and the API take their ETag from it in one small query, at any size.
    public_version: Mapped[int] = mapped_column(default=1, server_default="1")
    public_changed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Triage pre-ticks and lists first the candidates scored at or above it; the rest are folded
    # away below, never hidden (issue 15).
    checkworthiness_threshold: Mapped[float] = mapped_column(
        Float, default=THRESHOLD_DEFAULT, server_default=str(THRESHOLD_DEFAULT)
    )


class Tone(StrEnum):
    """Colour family of a rating badge."""

    TRUE = "true"
    MIXED = "mixed"
    FALSE = "false"
    NEUTRAL = "neutral"


class Rating(Model):
    __tablename__ = "ratings"
    LABEL_MAX = 60

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(LABEL_MAX), unique=True)
    value: Mapped[int]
    definition: Mapped[str] = mapped_column(Text, default="")
    tone: Mapped[Tone] = mapped_column(str_enum(Tone, "tone"), default=Tone.NEUTRAL)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    def __repr__(self) -> str:
        return f"<Rating {self.label} {self.value}>"

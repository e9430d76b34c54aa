from __future__ import annotations

from sqlalchemy import Float, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model


class ThrottleHit(Model):
    """One counted sign-in attempt under one rate-limit key, kept until it leaves the window.

    The sign-in limits' shared store when there is no Redis: every app process sees the same
    rows (factcheck/security/throttle_store.py)."""

    __tablename__ = "throttle_hits"
    __table_args__ = (Index("ix_throttle_hits_key_expires", "key", "expires"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(255))
    # Seconds since the epoch: a float compares the same way on every database and needs no
    # time zone.
    expires: Mapped[float] = mapped_column(Float, index=True)

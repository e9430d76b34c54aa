from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from ..workflow import INITIAL_STATES, pairs_sql
from ._types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from .user import User

_INITIAL = "(" + ", ".join(f"'{s.value}'" for s in INITIAL_STATES) + ")"


class Event(Model):
    """One audit row: who did what, when; state changes carry from/to."""

    __tablename__ = "events"
    __table_args__ = (
        # A recorded state change is always one the workflow table allows; a claim is born in
        # an initial state.
        CheckConstraint(
            "(from_state IS NULL AND to_state IS NULL)"
            f" OR (from_state IS NULL AND to_state IN {_INITIAL})"
            f" OR {pairs_sql('from_state', 'to_state')}",
            name="allowed_transition",
        ),
        Index("ix_events_claim_id_id", "claim_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    # No foreign keys: the log outlives what it describes (a deleted article keeps its events).
    claim_id: Mapped[int | None]
    article_id: Mapped[int | None] = mapped_column(index=True)
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    actor: Mapped[User | None] = relationship()

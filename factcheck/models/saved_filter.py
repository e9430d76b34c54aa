from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from ._types import UTCDateTime, utcnow


class SavedFilter(Model):
    """A person's named queue filter (issue 16): the query string of /desk/claims, kept so the
    same view is one click away. Names are unique per person; saving a name again replaces it."""

    __tablename__ = "saved_filters"
    __table_args__ = (UniqueConstraint("user_id", "name", name="uq_saved_filters_user_name"),)
    NAME_MAX = 80
    QUERY_MAX = 1000

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    # The queue's filters as a URL query string, without paging (after/before).
    query: Mapped[str] = mapped_column(String(QUERY_MAX))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from ._types import UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from .article import Article
    from .claim import Claim
    from .user import User


class TipState(StrEnum):
    OPEN = "open"
    DISMISSED = "dismissed"
    CONVERTED = "converted"


class Tip(Model):
    """A claim a reader suggested on the public site (issue 16), waiting in the desk's inbox.

    The same text sent again within TIP_FOLD_DAYS adds to `reports` instead of a new row. The
    contact is personal data: never shown publicly or exported, and emptied after
    TIP_CONTACT_DAYS (`flask purge-tip-contacts`, nightly)."""

    __tablename__ = "tips"
    __table_args__ = (Index("ix_tips_state_created", "state", "created_at"),)
    # Limits the form reuses (tips/forms.py).
    TEXT_MAX = 2000
    SEEN_MAX = 300
    URL_MAX = 2000
    CONTACT_MAX = 254

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    # SHA-256 of the text lower-cased with whitespace collapsed: what duplicate folding compares.
    text_key: Mapped[str] = mapped_column(String(64), index=True)
    seen_where: Mapped[str] = mapped_column(String(SEEN_MAX))
    url: Mapped[str | None] = mapped_column(String(URL_MAX))
    contact: Mapped[str | None] = mapped_column(String(CONTACT_MAX))
    reports: Mapped[int] = mapped_column(default=1)
    state: Mapped[TipState] = mapped_column(str_enum(TipState, "tip_state"), default=TipState.OPEN)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_reported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The article the tip became, and whether converting it created that article (a tip whose
    # text was already ingested points at the existing article, which stays unflagged).
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    created_article: Mapped[bool] = mapped_column(default=False)
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="SET NULL"))

    decided_by: Mapped[User | None] = relationship()
    article: Mapped[Article | None] = relationship()
    claim: Mapped[Claim | None] = relationship()

    def __repr__(self) -> str:
        return f"<Tip {self.id} {self.state.value} x{self.reports}>"

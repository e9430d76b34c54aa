from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from ._types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from .article import Article
    from .user import User


class ArticleFetch(Model):
    """A request to ingest the article at a web address: the subject of an "ingest_url" job,
    which fills in the article once it is fetched and stored (none while it runs, or if it
    failed)."""

    __tablename__ = "article_fetches"
    URL_MAX = 2000

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(URL_MAX))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))

    created_by: Mapped[User | None] = relationship()
    article: Mapped[Article | None] = relationship()

    def __repr__(self) -> str:
        return f"<ArticleFetch {self.id} {self.url}>"

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from ._types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from .claim import Claim
    from .tip import Tip
    from .user import User


class Article(Model):
    __tablename__ = "articles"
    # Audit events, jobs and links name deleted articles by id: SQLite must not reuse them
    # (without AUTOINCREMENT it hands the highest deleted id out again; PostgreSQL never does).
    __table_args__ = ({"sqlite_autoincrement": True},)
    TITLE_MAX = 300
    OUTLET_MAX = 200
    URL_MAX = 2000
    AUTHOR_MAX = 200

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    outlet: Mapped[str | None] = mapped_column(String(OUTLET_MAX))
    url: Mapped[str | None] = mapped_column(String(URL_MAX))
    author: Mapped[str | None] = mapped_column(String(AUTHOR_MAX))
    published_on: Mapped[dt.date | None] = mapped_column(Date)
    # Deferred: lists of claims join their article for its title, never its (large) text.
    body: Mapped[str] = mapped_column(Text, deferred=True)
    # SHA-256 of the normalised text: the same article ingested twice is found, not duplicated.
    text_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    created_by: Mapped[User | None] = relationship()
    claims: Mapped[list[Claim]] = relationship(
        back_populates="article", order_by="Claim.start", cascade="all, delete-orphan"
    )
    # The reader tips converting created this article from (tips/services.py): its claims'
    # public pages say "Suggested by a reader" once approved so (revisions/snapshot.py).
    reader_tips: Mapped[list[Tip]] = relationship(
        primaryjoin="and_(Article.id == foreign(Tip.article_id), Tip.created_article)",
        viewonly=True,
    )

    def __repr__(self) -> str:
        return f"<Article {self.id} {self.title[:30]!r}>"


class ArticleSketch(Model):
    """One of the smallest hashes of an article's word shingles (factcheck/articles/
    near_duplicates.py): articles that share most of their sketch share most of their text."""

    __tablename__ = "article_sketches"
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    value: Mapped[int] = mapped_column(BigInteger, primary_key=True, index=True)

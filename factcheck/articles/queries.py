"""Read-side queries for the articles list."""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from ..db.pagination import NumberedPage, paginate
from ..db.search import articles_matching
from ..extensions import db
from ..models import Article, Claim
from ..workflow import State


def articles_page(q: str, page: int, per_page: int) -> NumberedPage:
    """Articles newest first, those matching the words in `q` if any."""
    query = select(Article).order_by(Article.created_at.desc(), Article.id.desc())
    matching = articles_matching(q) if q else None
    if matching is not None:
        query = query.where(matching)
    return paginate(query, page, per_page)


def claim_counts(article_ids: list[int]) -> dict[int, dict[str, int]]:
    """How many claims each article has in each state: {article id: {state: count}}."""
    counts: dict[int, dict[str, int]] = {i: {} for i in article_ids}
    if article_ids:
        rows = db.session.execute(
            select(Claim.article_id, Claim.state, func.count())
            .where(Claim.article_id.in_(article_ids))
            .group_by(Claim.article_id, Claim.state)
        )
        for article_id, state, n in rows:
            counts[article_id][state.value] = n
    return counts


def candidates_page(article_id: int, page: int, per_page: int, threshold: float) -> NumberedPage:
    """An article's candidates still to triage: those scored at or above `threshold` first, then
    the rest, each group in the order of the text."""
    below = case((Claim.score >= threshold, 0), else_=1)
    query = (
        select(Claim)
        .where(Claim.article_id == article_id, Claim.state == State.CANDIDATE)
        .order_by(below, Claim.start, Claim.id)
        .options(
            selectinload(Claim.quantities),
            selectinload(Claim.dates),
            selectinload(Claim.attributions),
        )
    )
    return paginate(query, page, per_page)


def triaged_page(article_id: int, page: int, per_page: int) -> NumberedPage:
    """An article's claims past triage (accepted, dismissed, and on from there), in the order
    of the text: after a large article's weak candidates are dismissed, that is most of them."""
    query = (
        select(Claim)
        .where(Claim.article_id == article_id, Claim.state != State.CANDIDATE)
        .order_by(Claim.start, Claim.id)
        .options(
            selectinload(Claim.assignee),
            selectinload(Claim.quantities),
            selectinload(Claim.dates),
            selectinload(Claim.attributions),
        )
    )
    return paginate(query, page, per_page)


def count_below(article_id: int, threshold: float) -> int:
    """How many of an article's candidates still to triage score below `threshold`."""
    count = db.session.scalar(
        select(func.count(Claim.id)).where(
            Claim.article_id == article_id,
            Claim.state == State.CANDIDATE,
            Claim.score < threshold,
        )
    )
    return count or 0

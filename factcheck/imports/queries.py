"""Read-side queries: the desk's list of imported fact-checks and the recent imports."""

from __future__ import annotations

from sqlalchemy import select

from ..db.pagination import NumberedPage, paginate
from ..db.search import imported_matching
from ..extensions import db
from ..models import ClaimReviewImport, ImportedFactCheck


def imported_page(q: str, page: int, per_page: int) -> NumberedPage:
    """Imported fact-checks still in their feeds, newest review first (undated last), those
    matching the words in `q` if any."""
    query = (
        select(ImportedFactCheck)
        .where(ImportedFactCheck.removed_at.is_(None))
        .order_by(ImportedFactCheck.review_date.desc().nulls_last(), ImportedFactCheck.id.desc())
    )
    matching = imported_matching(q) if q else None
    if matching is not None:
        query = query.where(matching)
    return paginate(query, page, per_page)


def recent_imports(limit: int = 20) -> list[ClaimReviewImport]:
    return list(
        db.session.scalars(
            select(ClaimReviewImport).order_by(ClaimReviewImport.id.desc()).limit(limit)
        )
    )

"""What the desk's tips inbox lists."""

from __future__ import annotations

from sqlalchemy import func, select

from ..db.pagination import NumberedPage, paginate
from ..extensions import db
from ..models import Tip, TipState


def inbox_page(state: TipState, page: int, per_page: int) -> NumberedPage:
    """Tips in `state`, the most recently reported first."""
    query = (
        select(Tip).where(Tip.state == state).order_by(Tip.last_reported_at.desc(), Tip.id.desc())
    )
    return paginate(query, page, per_page)


def counts() -> dict[TipState, int]:
    """How many tips are in each state."""
    rows = db.session.execute(select(Tip.state, func.count()).group_by(Tip.state))
    found = {state: int(n) for state, n in rows}
    return {state: found.get(state, 0) for state in TipState}

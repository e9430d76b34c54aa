"""What each export reads, fetched in keyset batches.

`batches()` walks a select in id order, `size` rows at a time (`WHERE id > last ORDER BY id
LIMIT size`), so every batch is an index range scan and only one batch of rows is in memory;
the session's identity map holds objects weakly, so rows already written are freed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from ..admin.queries import audit_query
from ..claims.queries import QueueFilters, queue_select
from ..extensions import db
from ..models import Claim, Event
from ..public.queries import public_claims


def batches(query: Select, id_column: Any, size: int, descending: bool = False) -> Iterator[list]:
    """The rows of `query` in batches of at most `size`, ordered by `id_column`."""
    last = None
    order = id_column.desc() if descending else id_column.asc()
    while True:
        page = query.order_by(None).order_by(order).limit(size)
        if last is not None:
            page = page.where(id_column < last if descending else id_column > last)
        rows = list(db.session.scalars(page).unique())
        if not rows:
            return
        yield rows
        if len(rows) < size:
            return
        last = rows[-1].id


def rows_of(query: Select, id_column: Any, size: int, descending: bool = False) -> Iterator:
    for batch in batches(query, id_column, size, descending):
        yield from batch


def queue_rows(f: QueueFilters, size: int) -> Iterator[Claim]:
    """The queue as filtered, search words included, in id order. Sorting by due date lists
    only dated claims on the page (queue_page), so it does here too."""
    query = queue_select(f)
    if f.sort == "due":
        query = query.where(Claim.due_on.is_not(None))
    return rows_of(query, Claim.id, size)


def article_claims(article_id: int, size: int) -> Iterator[Claim]:
    """Every claim of one article, candidates and dismissed ones included."""
    query = (
        select(Claim)
        .where(Claim.article_id == article_id)
        .options(joinedload(Claim.article), joinedload(Claim.speaker), joinedload(Claim.assignee))
    )
    return rows_of(query, Claim.id, size)


def published(size: int) -> Iterator[Claim]:
    """Published and corrected fact-checks with what a ClaimReview needs, oldest first."""
    return rows_of(public_claims(None), Claim.id, size)


def audit_events(
    *, security_only: bool, action: str, actor_id: int | None, size: int
) -> Iterator[Event]:
    """The audit log as the admin's audit page filters it, newest first."""
    query = audit_query(security_only=security_only, action=action, actor_id=actor_id)
    return rows_of(query, Event.id, size, descending=True)

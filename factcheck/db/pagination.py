"""Two kinds of page, and nothing else pages through lists.

Keyset (seek) pagination: page N costs the same as page 1, however deep the list.

A page is fetched with `WHERE (sort keys) after (the last row's keys) ORDER BY keys LIMIT n+1`
instead of OFFSET, which makes the database walk and discard every earlier row. The position
travels in the URL as an opaque cursor; a tampered or stale cursor just starts from the top.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from ..extensions import db

MAX_CURSOR = 200  # characters; what _encode writes is far shorter


@dataclass(frozen=True)
class Key:
    """One sort key: a column expression and its direction."""

    column: Any
    descending: bool = False
    kind: type = int  # how the value travels in the cursor: int, float, str or dt.date/datetime

    def order(self):
        return self.column.desc() if self.descending else self.column.asc()

    def after(self, value) -> ColumnElement:
        return self.column < value if self.descending else self.column > value

    def reversed(self) -> Key:
        return Key(self.column, not self.descending, self.kind)


@dataclass
class KeysetPage:
    items: list
    next_cursor: str | None
    # Where this page was reached from (after or before it); None: the first page.
    cursor: str | None
    per_page: int
    # The cursor of the page before this one ("before" the first row); None on the first page
    # or where the caller did not ask for backward paging.
    prev_cursor: str | None = None

    @property
    def is_first(self) -> bool:
        return self.cursor is None


def _encode(values: Sequence) -> str:
    raw = json.dumps(
        [v.isoformat() if isinstance(v, dt.date | dt.datetime) else v for v in values],
        separators=(",", ":"),
    )
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


# A cursor's integers must fit the columns they are compared with: an INTEGER on PostgreSQL
# is 32 bits, and SQLite refuses anything past 64 (issue 13, finding 10).
INT_RANGE = (-(2**31), 2**31 - 1)


def decode_cursor(cursor: str, keys: Sequence[Key]) -> list | None:
    """The key values a cursor carries, or None for anything this module did not write."""
    if len(cursor) > MAX_CURSOR:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError, RecursionError):
        return None
    if not isinstance(values, list) or len(values) != len(keys):
        return None
    out = [_value(key.kind, value) for key, value in zip(keys, values, strict=True)]
    return None if any(v is None for v in out) else out


def _value(kind: type, value: Any) -> Any:
    """One cursor value as `kind`, or None when it is not one that a row could have."""
    try:
        if kind is int:
            ok = type(value) is int and INT_RANGE[0] <= value <= INT_RANGE[1]
            return value if ok else None
        if kind is float:
            ok = type(value) in (int, float) and math.isfinite(value)
            return float(value) if ok else None
        if kind is str:
            return value if isinstance(value, str) else None
        if not isinstance(value, str):
            return None
        if kind is dt.date:
            return dt.date.fromisoformat(value)
        if kind is dt.datetime:
            moment = dt.datetime.fromisoformat(value)
            # stored times are UTC and aware; a naive or out-of-range one matches no row
            return None if moment.tzinfo is None else moment.astimezone(dt.UTC)
    except (ValueError, TypeError, OverflowError):
        return None
    return None


def _after(keys: Sequence[Key], values: Sequence) -> ColumnElement:
    """(k1, k2, ...) strictly after (v1, v2, ...) in the keys' mixed directions."""
    clauses = []
    for i, key in enumerate(keys):
        equal = [keys[j].column == values[j] for j in range(i)]
        clauses.append(and_(*equal, key.after(values[i])))
    return or_(*clauses)


def keyset_page(
    query: Select,
    keys: Sequence[Key],
    cursor: str | None,
    per_page: int,
    values_of,
    *,
    narrow: ColumnElement | None = None,
    window: int = 0,
    backward: bool = False,
    before: str | None = None,
) -> KeysetPage:
    """Run `query` for the page after `cursor`; `values_of(row)` gives a row's key values.
    The last key must be unique (an id) so no row is skipped or repeated. Never raises on a bad
    cursor.

    With `backward`, pages also carry `prev_cursor` (the cursor of their first row), and
    `before` (when there is no `cursor`) asks for the page that ends just before that
    cursor's row: the same statement with every key's direction turned round, its rows
    reversed. A page read that way reaching the top of the list is the first page itself, so
    "previous" never shows a short page. Lists whose views pass no `before` leave `backward` off.

    `narrow` is an extra condition served by an index of its own, such as a text search. A
    database cannot walk the sort order's index and the search index together: it either
    walks the sort order testing every row, or fetches every match and sorts them, and a
    common word at a million rows makes the second slow. So with `window`, the page is first
    looked for among the next `window` rows in sort order (one cheap test each); only when
    they hold less than a page does the database fetch and sort every match, which is then
    fast because matches are rare."""
    if backward and before and not cursor:
        values = decode_cursor(before, keys)
        if values is not None:
            back = [k.reversed() for k in keys]
            rows, more = _rows(query.where(_after(back, values)), back, per_page, narrow, window)
            if more:  # a whole page with more before it
                rows.reverse()
                return KeysetPage(
                    items=rows,
                    next_cursor=_encode(values_of(rows[-1])),
                    cursor=before,
                    per_page=per_page,
                    prev_cursor=_encode(values_of(rows[0])),
                )
        cursor = None  # back at the top, or a cursor we did not write: the first page
    values = decode_cursor(cursor, keys) if cursor else None
    if values is not None:
        query = query.where(_after(keys, values))
    else:
        cursor = None
    rows, more = _rows(query, keys, per_page, narrow, window)
    next_cursor = _encode(values_of(rows[-1])) if more and rows else None
    prev_cursor = _encode(values_of(rows[0])) if backward and cursor and rows else None
    return KeysetPage(
        items=rows,
        next_cursor=next_cursor,
        cursor=cursor,
        per_page=per_page,
        prev_cursor=prev_cursor,
    )


def _rows(
    query: Select,
    keys: Sequence[Key],
    per_page: int,
    narrow: ColumnElement | None,
    window: int,
) -> tuple[list, bool]:
    """The first `per_page` rows of `query` in the keys' order, and whether more follow."""
    order = [k.order() for k in keys]
    rows = None
    if narrow is not None and window > 0:
        probe = select(keys[-1].column.label("key"), narrow.label("hit"))
        if query.whereclause is not None:
            probe = probe.where(query.whereclause)
        scan = probe.order_by(*order).limit(window).subquery()
        hits = select(scan.c.key).where(scan.c.hit).limit(per_page + 1)
        rows = list(
            db.session.scalars(query.where(keys[-1].column.in_(hits)).order_by(*order)).unique()
        )
        if len(rows) <= per_page:
            rows = None  # not a whole page in the window: ask the search index
    if rows is None:
        if narrow is not None:
            query = query.where(narrow)
        rows = list(db.session.scalars(query.order_by(*order).limit(per_page + 1)).unique())
    return rows[:per_page], len(rows) > per_page


def count_capped(column: Any, where: ColumnElement | None, cap: int) -> tuple[int, bool]:
    """How many rows of `column`'s table match `where`, counting at most `cap` + 1 of them:
    (count, capped). The count reads a LIMITed subquery of one column, so at a million rows
    it stops after cap + 1 instead of scanning them all."""
    inner = select(column)
    if where is not None:
        inner = inner.where(where)
    limited = inner.limit(cap + 1).subquery()
    total = db.session.scalar(select(func.count()).select_from(limited)) or 0
    return min(total, cap), total > cap


@dataclass
class NumberedPage:
    """One numbered page of a list that can be counted: "page 3 of 12" (the lists readers and
    editors page through by number: articles, the corrections log)."""

    items: list
    page: int
    per_page: int
    total: int
    pages: int = field(init=False)

    def __post_init__(self) -> None:
        self.pages = max(1, math.ceil(self.total / self.per_page)) if self.total else 0

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int | None:
        return self.page - 1 if self.has_prev else None

    @property
    def next_num(self) -> int | None:
        return self.page + 1 if self.has_next else None


def paginate(query: Select, page: int, per_page: int) -> NumberedPage:
    """Page `page` of `query`: two statements, the count and the page's rows (with their eager
    loads). For lists that stay small enough to count; big lists use keyset_page."""
    total = (
        db.session.scalar(
            select(func.count()).select_from(query.order_by(None).options().subquery())
        )
        or 0
    )
    items = list(db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).unique())
    return NumberedPage(items=items, page=page, per_page=per_page, total=total)

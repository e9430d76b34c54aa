"""Read-side queries for the queue, the dashboard and the claim page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import joinedload, selectinload

from ..db.pagination import Key, KeysetPage, count_capped, keyset_page
from ..db.search import claims_matching
from ..extensions import db
from ..models import (
    Article,
    Claim,
    ClaimMatch,
    Event,
    Kind,
    Proposal,
    ProposalStatus,
    Speaker,
    User,
)
from ..models._types import utc_today, utcnow
from ..workflow import CLOSED_STATES, WAITING_STATES, State


@dataclass(frozen=True)
class QueueFilters:
    """The queue's filters, already parsed (claims/forms.py reads them from a request)."""

    q: str = ""
    # None: the open queue (every state but the closed ones); all_states: no state filter.
    state: State | None = None
    all_states: bool = False
    kind: Kind | None = None
    speaker_id: int | None = None
    # Part of a speaker's name, when no id is given.
    speaker_name: str = ""
    assignee_id: int | None = None
    unassigned: bool = False
    article_id: int | None = None
    due: Literal["", "overdue", "week", "none"] = ""
    sort: str = "score"
    # Time in the current state at least this long ("waiting=2d"); None: any.
    waiting: dt.timedelta | None = None


def queue_query(f: QueueFilters, today: dt.date | None = None) -> Select:
    """The queue as a select with every filter but the words in `f.q`, which queue_page
    searches for."""
    today = today or utc_today()
    query = select(Claim).options(
        joinedload(Claim.article), joinedload(Claim.speaker), joinedload(Claim.assignee)
    )
    if f.state is not None:
        query = query.where(Claim.state == f.state)
    elif not f.all_states:
        query = query.where(Claim.state.not_in(CLOSED_STATES))
    if f.kind is not None:
        query = query.where(Claim.kind == f.kind)
    if f.speaker_id is not None:
        query = query.where(Claim.speaker_id == f.speaker_id)
    elif f.speaker_name.strip():
        like = "%" + _escape_like(f.speaker_name.strip()) + "%"
        query = query.where(
            Claim.speaker_id.in_(select(Speaker.id).where(Speaker.name.ilike(like, escape="\\")))
        )
    if f.unassigned:
        query = query.where(Claim.assignee_id.is_(None))
    elif f.assignee_id is not None:
        query = query.where(Claim.assignee_id == f.assignee_id)
    if f.article_id is not None:
        query = query.where(Claim.article_id == f.article_id)
    if f.due == "overdue":
        # A dismissed or published claim is done, whatever its date said (even with state=all).
        query = query.where(Claim.due_on < today, Claim.state.not_in(CLOSED_STATES))
    elif f.due == "week":
        query = query.where(Claim.due_on.between(today, today + dt.timedelta(days=7)))
    elif f.due == "none":
        query = query.where(Claim.due_on.is_(None))
    if f.waiting is not None:
        query = query.where(Claim.state_changed_at <= utcnow() - f.waiting)
    return query


def is_overdue(claim: Claim, today: dt.date) -> bool:
    """Past its due date and still open: what the queue highlights and ?due=overdue lists."""
    return claim.due_on is not None and claim.due_on < today and claim.state not in CLOSED_STATES


# Sort orders as keyset keys; the last key is always the unique id. Each matches an index
# on claims, so a page is an index range scan at any depth.
QUEUE_SORTS: dict[str, tuple[Key, ...]] = {
    "score": (Key(Claim.score, descending=True, kind=float), Key(Claim.id, descending=True)),
    "age": (Key(Claim.created_at, kind=dt.datetime), Key(Claim.id)),
    "newest": (
        Key(Claim.created_at, descending=True, kind=dt.datetime),
        Key(Claim.id, descending=True),
    ),
    "due": (Key(Claim.due_on, kind=dt.date), Key(Claim.id)),
}
_SORT_VALUES = {
    "score": lambda c: (c.score, c.id),
    "age": lambda c: (c.created_at, c.id),
    "newest": lambda c: (c.created_at, c.id),
    "due": lambda c: (c.due_on, c.id),
}


# How many claims in sort order a text search looks through for a page before asking the
# search index for every match (see keyset_page): a word in one claim in a few hundred fills a
# page from the window; rarer words are quick to fetch and sort in full.
SEARCH_WINDOW = 4000


def _queue_sorted(f: QueueFilters) -> tuple[str, Select]:
    sort = f.sort if f.sort in QUEUE_SORTS else "score"
    query = queue_query(f)
    if sort == "due":  # soonest first, among claims that have a due date
        query = query.where(Claim.due_on.is_not(None))
    return sort, query


def queue_page(
    f: QueueFilters, cursor: str | None, per_page: int, before: str | None = None
) -> KeysetPage:
    """One page of the queue after `cursor` (or before `before`); never raises on odd filters
    or cursors."""
    sort, query = _queue_sorted(f)
    return keyset_page(
        query,
        QUEUE_SORTS[sort],
        cursor,
        per_page,
        _SORT_VALUES[sort],
        narrow=claims_matching(f.q) if f.q.strip() else None,
        window=SEARCH_WINDOW,
        backward=True,
        before=before,
    )


def queue_count(f: QueueFilters, cap: int) -> tuple[int, bool]:
    """How many claims the queue with `f` lists, exactly up to `cap`: (count, capped)."""
    _, query = _queue_sorted(f)
    where = query.whereclause
    narrow = claims_matching(f.q) if f.q.strip() else None
    if narrow is not None:
        where = narrow if where is None else and_(where, narrow)
    return count_capped(Claim.id, where, cap)


def state_counts() -> dict[State, int]:
    rows = db.session.execute(select(Claim.state, func.count()).group_by(Claim.state))
    counts = dict.fromkeys(State, 0)
    counts.update(rows.all())
    return counts


def oldest_waiting(limit: int = 8) -> list[Claim]:
    return list(
        db.session.scalars(
            select(Claim)
            .where(Claim.state.in_(WAITING_STATES))
            .options(joinedload(Claim.article), joinedload(Claim.assignee))
            .order_by(Claim.state_changed_at.asc(), Claim.id.asc())
            .limit(limit)
        )
    )


def my_claims(user: User, limit: int = 50) -> list[Claim]:
    return list(
        db.session.scalars(
            select(Claim)
            .where(Claim.assignee_id == user.id, Claim.state.not_in(CLOSED_STATES))
            .options(joinedload(Claim.article))
            .order_by(Claim.due_on.is_(None), Claim.due_on, Claim.state_changed_at)
            .limit(limit)
        )
    )


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def speaker_name(speaker_id: int | None) -> str | None:
    """The name of the speaker with `speaker_id` ("" if there is none); None for no id."""
    if speaker_id is None:
        return None
    speaker = db.session.get(Speaker, speaker_id)
    return speaker.name if speaker else ""


def recent_articles(limit: int = 30, include: int | None = None) -> list[tuple[int, str]]:
    """(id, title) of the newest articles, plus article `include` if it is older."""
    rows = list(
        db.session.execute(
            select(Article.id, Article.title).order_by(Article.created_at.desc()).limit(limit)
        )
    )
    if include is not None and include not in {r[0] for r in rows}:
        rows += list(
            db.session.execute(select(Article.id, Article.title).where(Article.id == include))
        )
    return [(r[0], r[1]) for r in rows]


def claim_for_page(claim_id: int) -> Claim | None:
    return db.session.scalar(
        select(Claim)
        .where(Claim.id == claim_id)
        .options(
            joinedload(Claim.article),
            joinedload(Claim.speaker),
            joinedload(Claim.assignee),
            selectinload(Claim.quantities),
            selectinload(Claim.dates),
            selectinload(Claim.attributions),
            selectinload(Claim.sources),
            selectinload(Claim.speaker_links),
            selectinload(Claim.comments),
            selectinload(Claim.corrections),
            selectinload(Claim.matches).joinedload(ClaimMatch.decided_by),
            joinedload(Claim.verdict),
        )
    )


def history(claim: Claim) -> list[Event]:
    return list(
        db.session.scalars(
            select(Event)
            .where(Event.claim_id == claim.id)
            .options(joinedload(Event.actor))
            .order_by(Event.id.desc())
        )
    )


def assignee_names(history: list[Event]) -> dict[int, str]:
    """Names of the people the history's assignments went to, by id (one query)."""
    ids = {
        ev.data["assignee"]
        for ev in history
        if isinstance(ev.data, dict) and isinstance(ev.data.get("assignee"), int)
    }
    if not ids:
        return {}
    rows = db.session.execute(select(User.id, User.name).where(User.id.in_(ids)))
    return {row.id: row.name for row in rows}


def pending_proposal(claim: Claim) -> Proposal | None:
    """The correction or republication of `claim` waiting for a second editor, if any."""
    return db.session.scalar(
        select(Proposal).where(
            Proposal.claim_id == claim.id, Proposal.status == ProposalStatus.PENDING
        )
    )


def queue_select(f: QueueFilters) -> Select:
    """The queue as one select with every filter, the words in `f.q` included (as queue_page
    narrows by them): what the queue's export walks."""
    query = queue_query(f)
    narrow = claims_matching(f.q) if f.q.strip() else None
    return query if narrow is None else query.where(narrow)

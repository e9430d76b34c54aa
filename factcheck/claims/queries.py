"""Read-side queries for the queue, the dashboard and the claim page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..models import Article, Claim, Event, Speaker, User
from ..pagination import Key, Page, keyset_page
from ..params import is_digits
from ..search import claims_matching
from ..workflow import CLOSED_STATES, WAITING_STATES, State


@dataclass
class QueueFilters:
    q: str = ""
    state: str = ""
    kind: str = ""
    speaker: str = ""
    assignee: str = ""
    article: str = ""
    due: str = ""
    sort: str = "score"


def queue_query(f: QueueFilters, me: User, today: dt.date | None = None) -> Select:
    """The queue as a select with every filter but the words in `f.q`, which queue_page
    searches for; never raises on odd filter values."""
    today = today or dt.date.today()
    query = select(Claim).options(
        joinedload(Claim.article), joinedload(Claim.speaker), joinedload(Claim.assignee)
    )
    if f.state == "all":
        pass
    elif f.state in {s.value for s in State}:
        query = query.where(Claim.state == State(f.state))
    else:
        query = query.where(Claim.state.not_in(CLOSED_STATES))
    if f.kind in {k.value for k in Claim.kind.type.enum_class}:  # an unknown kind is no filter
        query = query.where(Claim.kind == f.kind)
    if is_digits(f.speaker):
        query = query.where(Claim.speaker_id == int(f.speaker))
    elif f.speaker.strip():
        like = "%" + _escape_like(f.speaker.strip()) + "%"
        query = query.where(
            Claim.speaker_id.in_(select(Speaker.id).where(Speaker.name.ilike(like, escape="\\")))
        )
    if f.assignee == "me":
        query = query.where(Claim.assignee_id == me.id)
    elif f.assignee == "none":
        query = query.where(Claim.assignee_id.is_(None))
    elif is_digits(f.assignee):
        query = query.where(Claim.assignee_id == int(f.assignee))
    if is_digits(f.article):
        query = query.where(Claim.article_id == int(f.article))
    if f.due == "overdue":
        query = query.where(Claim.due_on < today)
    elif f.due == "week":
        query = query.where(Claim.due_on.between(today, today + dt.timedelta(days=7)))
    elif f.due == "none":
        query = query.where(Claim.due_on.is_(None))
    return query


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


def queue_page(f: QueueFilters, me: User, cursor: str | None, per_page: int) -> Page:
    """One page of the queue after `cursor`; never raises on odd filters or cursors."""
    sort = f.sort if f.sort in QUEUE_SORTS else "score"
    query = queue_query(f, me)
    if sort == "due":  # soonest first, among claims that have a due date
        query = query.where(Claim.due_on.is_not(None))
    return keyset_page(
        query,
        QUEUE_SORTS[sort],
        cursor,
        per_page,
        _SORT_VALUES[sort],
        narrow=claims_matching(f.q) if f.q.strip() else None,
        window=SEARCH_WINDOW,
    )


def state_counts() -> dict[State, int]:
    rows = db.session.execute(select(Claim.state, func.count()).group_by(Claim.state))
    counts = {s: 0 for s in State}
    counts.update({state: n for state, n in rows})
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


def speaker_name(value: str) -> str:
    """What to show in the speaker filter: the name for an id from a link, else the text."""
    if is_digits(value):
        speaker = db.session.get(Speaker, int(value))
        return speaker.name if speaker else ""
    return value


def recent_articles(limit: int = 30, include: str = "") -> list[tuple[int, str]]:
    """(id, title) of the newest articles, plus the one being filtered on if older."""
    rows = list(
        db.session.execute(
            select(Article.id, Article.title).order_by(Article.created_at.desc()).limit(limit)
        )
    )
    if is_digits(include) and int(include) not in {r[0] for r in rows}:
        rows += list(
            db.session.execute(select(Article.id, Article.title).where(Article.id == int(include)))
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
            selectinload(Claim.comments),
            selectinload(Claim.corrections),
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

"""Read-side queries for the queue, the dashboard and the claim page."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..models import Article, Claim, Event, Speaker, User
from ..workflow import PUBLIC_STATES, WAITING_STATES, State

CLOSED_STATES = (State.DISMISSED, *PUBLIC_STATES, State.WITHDRAWN)


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
    """The queue as a select, filtered and sorted; never raises on odd filter values."""
    today = today or dt.date.today()
    query = select(Claim).options(joinedload(Claim.article), joinedload(Claim.speaker),
                                  joinedload(Claim.assignee))
    if f.state == "all":
        pass
    elif f.state in State.__members__.values() or f.state in {s.value for s in State}:
        query = query.where(Claim.state == State(f.state))
    else:
        query = query.where(Claim.state.not_in(CLOSED_STATES))
    if f.kind in {k.value for k in Claim.kind.type.enum_class}:  # an unknown kind is no filter
        query = query.where(Claim.kind == f.kind)
    if f.speaker.isdigit():
        query = query.where(Claim.speaker_id == int(f.speaker))
    if f.assignee == "me":
        query = query.where(Claim.assignee_id == me.id)
    elif f.assignee == "none":
        query = query.where(Claim.assignee_id.is_(None))
    elif f.assignee.isdigit():
        query = query.where(Claim.assignee_id == int(f.assignee))
    if f.article.isdigit():
        query = query.where(Claim.article_id == int(f.article))
    if f.due == "overdue":
        query = query.where(Claim.due_on < today)
    elif f.due == "week":
        query = query.where(Claim.due_on.between(today, today + dt.timedelta(days=7)))
    elif f.due == "none":
        query = query.where(Claim.due_on.is_(None))
    if f.q.strip():
        like = "%" + f.q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") \
            + "%"
        query = query.where(or_(Claim.text.ilike(like, escape="\\"),
                                Claim.article.has(Article.title.ilike(like, escape="\\"))))
    order = {
        "age": (Claim.created_at.asc(), Claim.id.asc()),
        "newest": (Claim.created_at.desc(), Claim.id.desc()),
        "due": (Claim.due_on.is_(None), Claim.due_on.asc(), Claim.id.asc()),
    }.get(f.sort, (Claim.score.desc(), Claim.id.asc()))
    return query.order_by(*order)


def state_counts() -> dict[State, int]:
    rows = db.session.execute(select(Claim.state, func.count()).group_by(Claim.state))
    counts = {s: 0 for s in State}
    counts.update({state: n for state, n in rows})
    return counts


def oldest_waiting(limit: int = 8) -> list[Claim]:
    return list(db.session.scalars(
        select(Claim).where(Claim.state.in_(WAITING_STATES))
        .options(joinedload(Claim.article), joinedload(Claim.assignee))
        .order_by(Claim.state_changed_at.asc(), Claim.id.asc()).limit(limit)))


def my_claims(user: User, limit: int = 50) -> list[Claim]:
    return list(db.session.scalars(
        select(Claim).where(Claim.assignee_id == user.id, Claim.state.not_in(CLOSED_STATES))
        .options(joinedload(Claim.article))
        .order_by(Claim.due_on.is_(None), Claim.due_on, Claim.state_changed_at).limit(limit)))


def speakers_in_use() -> list[Speaker]:
    return list(db.session.scalars(
        select(Speaker).where(Speaker.id.in_(select(Claim.speaker_id).distinct()))
        .order_by(Speaker.name)))


def recent_articles(limit: int = 200) -> list[Article]:
    return list(db.session.scalars(select(Article).order_by(Article.created_at.desc())
                                   .limit(limit)))


def claim_for_page(claim_id: int) -> Claim | None:
    return db.session.scalar(
        select(Claim).where(Claim.id == claim_id).options(
            joinedload(Claim.article), joinedload(Claim.speaker), joinedload(Claim.assignee),
            selectinload(Claim.quantities), selectinload(Claim.dates),
            selectinload(Claim.attributions), selectinload(Claim.sources),
            selectinload(Claim.comments), selectinload(Claim.corrections),
            joinedload(Claim.verdict)))


def history(claim: Claim) -> list[Event]:
    return list(db.session.scalars(
        select(Event).where(Event.claim_id == claim.id).options(joinedload(Event.actor))
        .order_by(Event.id.desc())))

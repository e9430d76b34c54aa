"""Read-side queries for the public site and the API: only published material.

Every query here filters on PUBLIC_STATES (or names WITHDRAWN for tombstones) itself, so no
view can forget to. Lists load what their templates show in a fixed number of statements
(joined or select-in loads), whatever the number of claims, sources or corrections.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import Exists, Select, func, literal, or_, select, union_all
from sqlalchemy.orm import aliased, joinedload, selectinload

from ..db.pagination import Key, KeysetPage, NumberedPage, keyset_page
from ..extensions import db
from ..models import Article, Claim, ClaimMatch, Correction, Event, SiteSettings, Speaker, Verdict
from ..revisions import latest
from ..site.services import all_ratings, current_site
from ..workflow import PUBLIC_STATES, SEEN_STATES, State
from . import microcache

# --- versions: what ETags and cache keys are made of -------------------------------------


def site_version() -> str:
    """A short hash of what every public page shows around the fact-checks: the organisation
    and the rating scale. Both tables are tiny and needed to render anyway."""
    s = current_site()
    data = repr(
        (
            s.name,
            s.url,
            s.logo_url,
            s.methodology,
            [
                (r.id, r.label, r.value, r.tone.value, r.definition, r.position, r.active)
                for r in all_ratings()
            ],
        )
    )
    return hashlib.sha256(data.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Stamp:
    """The version of a page's material: `tag` goes into the ETag and the cache key."""

    tag: str
    modified: dt.datetime | None


@dataclass(frozen=True)
class FactcheckStamp(Stamp):
    claim_id: int = 0
    state: State = State.PUBLISHED
    text: str = ""


def _remembered(key: str, compute):
    """`compute()`, remembered in this process for PUBLIC_RECHECK_SECONDS.

    Public answers already tell browsers and CDNs to reuse them for PUBLIC_MAX_AGE seconds;
    letting each app process reuse a version for a few seconds keeps a page that goes viral
    from costing a database query per request, at the price of a correction showing up to
    that much later on that process. 0 turns it off (the tests do)."""
    ttl = current_app.config["PUBLIC_RECHECK_SECONDS"]
    if ttl <= 0:
        return compute()
    memo = current_app.extensions.setdefault("factcheck.public_stamps", {})
    now = time.monotonic()
    hit = memo.get(key)
    if hit is not None and hit[0] > now:
        microcache.fresh_until(hit[0])
        return hit[1]
    if len(memo) > 20_000:  # one entry per page recently asked for; plenty for any site
        memo.clear()
    value = compute()
    memo[key] = (now + ttl, value)
    microcache.fresh_until(now + ttl)
    return value


def factcheck_stamp(claim_id: int) -> FactcheckStamp | None:
    """The version of one fact-check page, or None when there is no public page (never
    published, or not yet): one small query, so a repeat visit costs no rendering."""
    return _remembered(f"fc{claim_id}", lambda: _factcheck_stamp(claim_id))


def _linked_versions():
    """(how many, sum of versions) of the claims a fact-check links to as "see also": every
    change to one of them (a correction, a withdrawal) bumps its version, so the page's
    version changes with the links it shows."""
    target = aliased(Claim)

    def linked(column):
        return (
            select(column)
            .select_from(ClaimMatch)
            .join(target, target.id == ClaimMatch.ref_id)
            .where(ClaimMatch.claim_id == Claim.id, ClaimMatch.on_page)
            .scalar_subquery()
        )

    return linked(func.count(target.id)), linked(func.coalesce(func.sum(target.version), 0))


def _factcheck_stamp(claim_id: int) -> FactcheckStamp | None:
    row = db.session.execute(
        select(
            Claim.id,
            Claim.state,
            Claim.text,
            Claim.version,
            Claim.updated_at,
            Verdict.version,
            Verdict.updated_at,
            *_linked_versions(),
        )
        .outerjoin(Verdict, Verdict.claim_id == Claim.id)
        .where(Claim.id == claim_id, Claim.state.in_(SEEN_STATES))
    ).first()
    if row is None:
        return None
    cid, state, text, version, updated, v_version, v_updated, links, link_versions = row
    modified = max(t for t in (updated, v_updated) if t is not None)
    see_also = f"-l{links}.{link_versions}" if links else ""
    return FactcheckStamp(
        tag=f"fc{cid}-{version}-{v_version or 0}{see_also}-{site_version()}",
        modified=modified,
        claim_id=cid,
        state=State(state),
        text=text,
    )


def collection_stamp() -> Stamp:
    """The version of everything public at once, for lists, feeds and the API: the counter
    that every change to published material bumps (db/public_version.py), so one tiny query."""
    return _remembered("all", _collection_stamp)


def _collection_stamp() -> Stamp:
    version, changed = db.session.execute(
        select(SiteSettings.public_version, SiteSettings.public_changed_at).where(
            SiteSettings.id == 1
        )
    ).one_or_none() or (0, None)
    return Stamp(tag=f"all{version}-{site_version()}", modified=changed)


# --- one fact-check --------------------------------------------------------------------


def factcheck(claim_id: int) -> Claim | None:
    """A published or corrected fact-check with everything its page shows, or None."""
    return db.session.scalar(
        select(Claim)
        .where(Claim.id == claim_id, Claim.state.in_(PUBLIC_STATES))
        .options(
            joinedload(Claim.article),
            joinedload(Claim.speaker),
            selectinload(Claim.speaker_links),
            selectinload(Claim.speaker_links),
            joinedload(Claim.verdict).joinedload(Verdict.rating),
            selectinload(Claim.sources),
            selectinload(Claim.corrections).options(
                joinedload(Correction.old_rating),
                joinedload(Correction.new_rating),
                joinedload(Correction.editor),
            ),
        )
    )


def see_also(claim: Claim) -> list[Claim]:
    """The fact-checks a published page links to as "see also": the ids its published
    snapshot (the latest revision, which the hook keeps equal to what an editor approved)
    names, those still public, in the snapshot's order."""
    revision = latest(claim)
    ids = (revision.snapshot.get("see_also") if revision is not None else None) or []
    if not ids:
        return []
    found = db.session.scalars(
        select(Claim)
        .where(Claim.id.in_(ids), Claim.state.in_(PUBLIC_STATES))
        .options(joinedload(Claim.verdict).joinedload(Verdict.rating))
    )
    by_id = {c.id: c for c in found}
    return [by_id[i] for i in ids if i in by_id]


def from_reader(claim: Claim) -> bool:
    """True when the page says "Suggested by a reader": its published snapshot (the latest
    revision, what an editor approved) carries the flag, as it does "see also" (issue 16)."""
    revision = latest(claim)
    return bool(revision is not None and revision.snapshot.get("reader_tip"))


def withdrawn(claim_id: int) -> tuple[Claim, Event | None] | None:
    """A withdrawn fact-check and the audit event that withdrew it (its note is the public
    reason), or None when the claim is not withdrawn."""
    claim = db.session.scalar(
        select(Claim).where(Claim.id == claim_id, Claim.state == State.WITHDRAWN)
    )
    if claim is None:
        return None
    event = db.session.scalar(
        select(Event)
        .where(Event.claim_id == claim.id, Event.action == "unpublish")
        .order_by(Event.id.desc())
        .limit(1)
    )
    return claim, event


# --- lists -----------------------------------------------------------------------------


@dataclass
class Filters:
    rating: int | None = None
    speaker: int | None = None
    article: int | None = None

    def key(self) -> str:
        return f"r{self.rating or ''}s{self.speaker or ''}a{self.article or ''}"

    def active(self) -> bool:
        return any((self.rating, self.speaker, self.article))


def _list_options():
    return (
        joinedload(Claim.article),
        joinedload(Claim.speaker),
        selectinload(Claim.speaker_links),
        joinedload(Claim.verdict).joinedload(Verdict.rating),
    )


def public_claims(f: Filters | None = None) -> Select:
    """Published and corrected fact-checks, newest first, with what a list row shows."""
    query = (
        select(Claim)
        .join(Claim.verdict)
        .where(Claim.state.in_(PUBLIC_STATES))
        .options(*_list_options())
    )
    if f is not None:
        if f.rating:
            query = query.where(Verdict.rating_id == f.rating)
        if f.speaker:
            query = query.where(Claim.speaker_id == f.speaker)
        if f.article:
            query = query.where(Claim.article_id == f.article)
    return query


# Newest first, walked by keyset pagination over the (published_at, id) index.
NEWEST = (
    Key(Claim.published_at, descending=True, kind=dt.datetime),
    Key(Claim.id, descending=True),
)


def newest_page(f: Filters, cursor: str | None, per_page: int) -> KeysetPage:
    """One page of the public index after `cursor`: as fast at page 1,000 as at page 1."""
    return keyset_page(public_claims(f), NEWEST, cursor, per_page, lambda c: (c.published_at, c.id))


def filter_names(f: Filters) -> dict[str, str]:
    """Names of the speaker and article being filtered on, for the index's filter line: only
    those of a published fact-check. Any other id, unpublished or unknown, gets no name, so
    the page cannot tell a reader which ids exist (issue 13, finding 2)."""
    names = {}
    if f.speaker:
        speaker = db.session.scalar(
            select(Speaker.name).where(
                Speaker.id == f.speaker, _public_exists(Claim.speaker_id, Speaker.id)
            )
        )
        if speaker:
            names["speaker"] = speaker
    if f.article:
        title = db.session.scalar(
            select(Article.title).where(
                Article.id == f.article, _public_exists(Claim.article_id, Article.id)
            )
        )
        if title:
            names["article"] = title
    return names


def _public_exists(link: Any, owner: Any) -> Exists:
    """EXISTS a published fact-check whose `link` (a Claim foreign key) is `owner`, the id of
    the enclosing query's row."""
    return select(Claim.id).where(link == owner, Claim.state.in_(PUBLIC_STATES)).exists()


def article_is_public(article_id: int) -> bool:
    """True if at least one of the article's claims is a published fact-check."""
    return (
        db.session.scalar(
            select(Claim.id)
            .where(Claim.article_id == article_id, Claim.state.in_(PUBLIC_STATES))
            .limit(1)
        )
        is not None
    )


def article_with_checks(article_id: int) -> tuple[Article, list[Claim]] | None:
    """An article and its published fact-checks in reading order, or None when it has none
    (an ingested article is not public until one of its claims is)."""
    claims = list(
        db.session.scalars(
            select(Claim)
            .where(Claim.article_id == article_id, Claim.state.in_(PUBLIC_STATES))
            .options(*_list_options())
            .order_by(Claim.start, Claim.id)
        ).unique()
    )
    if not claims:
        return None
    return claims[0].article, claims


def recently_changed(limit: int) -> list[Claim]:
    """The fact-checks changed most recently (published, corrected, fixed), for the feed."""
    return list(
        db.session.scalars(
            select(Claim)
            .join(Claim.verdict)
            .where(Claim.state.in_(PUBLIC_STATES))
            .options(*_list_options(), selectinload(Claim.corrections))
            .order_by(Claim.updated_at.desc(), Claim.id.desc())
            .limit(limit)
        ).unique()
    )


# --- the corrections log ---------------------------------------------------------------


@dataclass
class LogEntry:
    kind: str  # "correction" or "withdrawal"
    when: dt.datetime
    claim: Claim
    correction: Correction | None = None
    reason: str | None = None


def corrections_log(page: int, per_page: int) -> NumberedPage:
    """Every correction and withdrawal of a fact-check, newest first: four statements a page
    (count, the page's keys, the corrections and the withdrawals with their claims)."""
    corrections = (
        select(
            literal("correction").label("kind"),
            Correction.id.label("ref"),
            Correction.created_at.label("at"),
        )
        .join(Claim, Claim.id == Correction.claim_id)
        .where(Claim.state.in_(SEEN_STATES))
    )
    withdrawals = (
        select(
            literal("withdrawal").label("kind"), Event.id.label("ref"), Event.created_at.label("at")
        )
        .join(Claim, Claim.id == Event.claim_id)
        .where(Event.action == "unpublish", Claim.state.in_(SEEN_STATES))
    )
    both = union_all(corrections, withdrawals).subquery()
    total = db.session.scalar(select(func.count()).select_from(both)) or 0
    keys = db.session.execute(
        select(both.c.kind, both.c.ref)
        .order_by(both.c.at.desc(), both.c.ref.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    by_corr = _corrections([ref for kind, ref in keys if kind == "correction"])
    by_event = _withdrawals([ref for kind, ref in keys if kind == "withdrawal"])
    entries = []
    for kind, ref in keys:
        if kind == "correction" and ref in by_corr:
            c = by_corr[ref]
            entries.append(
                LogEntry("correction", c.created_at, c.claim, correction=c, reason=c.reason)
            )
        elif kind == "withdrawal" and ref in by_event:
            ev, claim = by_event[ref]
            entries.append(LogEntry("withdrawal", ev.created_at, claim, reason=ev.note))
    return NumberedPage(items=entries, page=page, per_page=per_page, total=total)


def _corrections(ids: list[int]) -> dict[int, Correction]:
    """Corrections by id, with what a log entry shows."""
    if not ids:
        return {}
    rows = db.session.scalars(
        select(Correction)
        .where(Correction.id.in_(ids))
        .options(
            joinedload(Correction.claim).joinedload(Claim.speaker),
            joinedload(Correction.claim).selectinload(Claim.speaker_links),
            joinedload(Correction.old_rating),
            joinedload(Correction.new_rating),
            joinedload(Correction.editor),
        )
    )
    return {c.id: c for c in rows}


def _withdrawals(ids: list[int]) -> dict[int, tuple[Event, Claim]]:
    """Withdrawal events by id, each with its claim."""
    if not ids:
        return {}
    rows = (
        db.session.execute(
            select(Event, Claim)
            .join(Claim, Claim.id == Event.claim_id)
            .where(Event.id.in_(ids))
            .options(joinedload(Claim.speaker), selectinload(Claim.speaker_links))
        )
        .unique()
        .all()
    )
    return {ev.id: (ev, claim) for ev, claim in rows}


# --- the API's incremental pulls -------------------------------------------------------


def changed_since(since: dt.datetime) -> Select:
    """Public fact-checks published or changed at or after `since`, to be walked oldest change
    first (CHANGED), so a client can resume from the last item's dateModified."""
    return (
        select(Claim)
        .join(Claim.verdict)
        .where(
            Claim.state.in_(PUBLIC_STATES),
            or_(Claim.updated_at >= since, Verdict.updated_at >= since),
        )
        .options(*_list_options())
    )


# Oldest change first, over the (updated_at, id) index.
CHANGED = (Key(Claim.updated_at, kind=dt.datetime), Key(Claim.id))


def claimreview_page(since: dt.datetime | None, cursor: str | None, per_page: int) -> KeysetPage:
    """One page of the API's list after `cursor`: newest first, or oldest change first when
    `since` is given. Keyset pagination, so the thousandth page costs what the first does."""
    if since is None:
        return keyset_page(
            public_claims(), NEWEST, cursor, per_page, lambda c: (c.published_at, c.id)
        )
    return keyset_page(
        changed_since(since), CHANGED, cursor, per_page, lambda c: (c.updated_at, c.id)
    )


def claimreview_keys(since: dt.datetime | None) -> tuple[Key, ...]:
    """The sort keys claimreview_page walks, to check a cursor against."""
    return NEWEST if since is None else CHANGED


def public_count(since: dt.datetime | None = None) -> int:
    """How many fact-checks the API's list holds (those changed since `since`, if given)."""
    query = select(func.count(Claim.id)).join(Claim.verdict).where(Claim.state.in_(PUBLIC_STATES))
    if since is not None:
        query = query.where(or_(Claim.updated_at >= since, Verdict.updated_at >= since))
    return db.session.scalar(query) or 0


def withdrawn_since(since: dt.datetime) -> list[tuple[Claim, Event | None]]:
    """Fact-checks withdrawn at or after `since`, with the withdrawing event (its reason)."""
    claims = list(
        db.session.scalars(
            select(Claim)
            .where(Claim.state == State.WITHDRAWN, Claim.updated_at >= since)
            .order_by(Claim.updated_at.asc(), Claim.id.asc())
        )
    )
    if not claims:
        return []
    latest = (
        select(func.max(Event.id))
        .where(Event.action == "unpublish", Event.claim_id.in_([c.id for c in claims]))
        .group_by(Event.claim_id)
    )
    events = {e.claim_id: e for e in db.session.scalars(select(Event).where(Event.id.in_(latest)))}
    return [(c, events.get(c.id)) for c in claims]

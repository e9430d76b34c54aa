"""Synthetic load data: articles, claims in every state, sources, verdicts and users, fast.

Rows go in with bulk inserts of explicit ids (no ORM objects, no per-row round trips), so a
million claims take minutes, not hours. The text is generated from templates and word lists,
so search, sorting and pages see realistic variety. Deterministic for a given --seed.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import click
from flask.cli import with_appcontext
from sqlalchemy import func, insert, select, text

from ..articles.services import text_hash
from ..claims.speakers import speaker_key
from ..db.public_version import bump_public_version
from ..extensions import db
from ..extraction.lexicon.calendar import MONTHS
from ..models import (
    Article,
    Attribution,
    Claim,
    DateMention,
    Kind,
    Milestone,
    MilestoneKind,
    Quantity,
    Rating,
    Role,
    Source,
    SourceKind,
    Speaker,
    SpeakerKind,
    User,
    Verdict,
)
from ..models._types import utcnow
from ..security import passwords
from ..workflow import APPROVED_STATES, ASSIGNED_STATES, PUBLIC_STATES, SUBMITTED_STATES, State

# How claims spread over states, roughly as on a desk that has run for years.
STATE_WEIGHTS = {
    State.CANDIDATE: 30,
    State.QUEUED: 12,
    State.IN_PROGRESS: 8,
    State.IN_REVIEW: 4,
    State.APPROVED: 2,
    State.RETURNED: 2,
    State.DISMISSED: 14,
    State.PUBLISHED: 24,
    State.CORRECTED: 3,
    State.WITHDRAWN: 1,
}

FIRST = (
    "Maria James Chen Fatima Olga Pedro Aisha Tomas Ingrid Kwame Lucia Ravi Sofia Omar "
    "Hana Diego Elena Yusuf Grace Mateo Nadia Victor Leila Samuel Mei Jonas Amara Felix "
    "Zara Ivan"
).split()
LAST = (
    "Okafor Lindqvist Moreau Tanaka Haddad Kowalski Mendes Osei Novak Rahman Fischer "
    "Alvarez Petrov Nakamura Mensah Costa Johansson Dubois Kaya Singh Varga Laurent Ito "
    "Silva Brennan Horvat Abadi Quinn Sato Weber"
).split()
ROLES = (
    "Defence Minister",
    "Finance Minister",
    "Health Secretary",
    "Mayor",
    "Senator",
    "opposition leader",
    "army spokesman",
    "central bank governor",
    "union leader",
    "Prime Minister",
    "Interior Minister",
    "party chair",
)
ORGS = (
    "Ministry of Defence",
    "Central Bank",
    "Health Agency",
    "Electoral Commission",
    "National Statistics Office",
    "Teachers' Union",
    "Chamber of Commerce",
    "Red Cross",
    "World Bank",
    "Coast Guard",
    "Energy Regulator",
    "Housing Council",
)
PLACES = (
    "the capital",
    "the northern province",
    "the border region",
    "the coastal cities",
    "the eastern districts",
    "the islands",
    "the river valley",
    "the southern farmland",
)
TOPICS = (
    ("troops", "soldiers", "military bases", "drone strikes", "peacekeepers"),
    ("jobs", "factories", "exports", "tax revenue", "pensions"),
    ("hospital beds", "nurses", "vaccinations", "clinics", "patients"),
    ("voters", "polling stations", "ballots", "seats", "candidates"),
    ("homes", "rents", "mortgages", "building permits", "families"),
    ("tonnes of grain", "farms", "wells", "hectares", "tractors"),
)
VERBS = ("said", "told reporters", "claimed", "insisted", "announced", "warned", "argued")
OUTLETS = ("The Daily Ledger", "Evening Courier", "Metro Wire", "Public Radio")
STAFF = [Role.CHECKER] * 24 + [Role.EDITOR] * 8 + [Role.ADMIN] * 2
STATES = list(STATE_WEIGHTS)
WEIGHTS = list(STATE_WEIGHTS.values())

# Every table a run inserts into, parents before children; the rows of the last eight wait in
# buffers and go in by batch, in this order.
MODELS = (
    User,
    Speaker,
    Article,
    Claim,
    Quantity,
    DateMention,
    Attribution,
    Source,
    Verdict,
    Milestone,
)
BUFFERED = MODELS[2:]


class _Ids:
    """Next free primary key per table, so children can point at parents without RETURNING."""

    def __init__(self) -> None:
        self.next: dict[str, int] = {}

    def start(self, model) -> None:
        current = db.session.scalar(select(func.max(model.id))) or 0
        self.next[model.__tablename__] = current + 1

    def take(self, model) -> int:
        name = model.__tablename__
        value = self.next[name]
        self.next[name] = value + 1
        return value


class _Draft(NamedTuple):
    """One generated sentence of an article body, before it becomes a claim row."""

    start: int  # offset in the article body
    text: str
    parts: dict  # as _sentence returns them
    speaker_id: int


@dataclass
class _Run:
    """What the steps of one seed_bulk run share: the random source, the next ids, the clock,
    the people and ratings to pick from, and the rows waiting to be inserted."""

    rng: random.Random
    ids: _Ids
    now: dt.datetime
    tag: str  # makes this run's e-mail addresses and text hashes unique
    checkers: list[int] = field(default_factory=list)
    editors: list[int] = field(default_factory=list)
    speakers: list[tuple[int, str, str | None]] = field(default_factory=list)
    ratings: list[int] = field(default_factory=list)
    buffers: dict = field(default_factory=lambda: {model: [] for model in BUFFERED})


def _sentence(rng: random.Random, speaker: tuple[str, str | None]) -> tuple[str, dict]:
    """One claim-like sentence and the parts it carries (offsets relative to the sentence)."""
    things = rng.choice(TOPICS)
    thing = rng.choice(things)
    number = rng.choice((rng.randint(2, 99), rng.randint(100, 9999) * 10, rng.randint(1, 90)))
    qualifier = rng.choice(("", "", "nearly ", "about ", "more than ", "at least "))
    number_text = f"{qualifier}{number:,} {thing}"
    year = rng.randint(2005, 2024)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    date_text = f"{MONTHS[month - 1].capitalize()} {day}, {year}"
    name, role = speaker
    place = rng.choice(PLACES)
    shape = rng.randrange(4)
    if shape == 0:
        s = (
            f"{name} {rng.choice(VERBS)} that {number_text} were recorded in {place} "
            f"by {date_text}."
        )
    elif shape == 1:
        s = (
            f"“We have {number_text} in {place} and the number is still rising,” {name} "
            f"{rng.choice(VERBS)} on {date_text}."
        )
    elif shape == 2:
        s = (
            f"Official figures show {number_text} in {place}, up from {number // 2:,} in "
            f"{year - 3}."
        )
    else:
        s = f"The plan for {place} was agreed on {date_text} after months of talks over {thing}."
    parts: dict = {"quantities": [], "dates": [], "speaker": None}
    i = s.find(number_text)
    if i >= 0:
        parts["quantities"].append(
            (i, i + len(number_text), number_text, float(number), thing, qualifier.strip() or None)
        )
    j = s.find(date_text)
    if j >= 0:
        parts["dates"].append(
            (j, j + len(date_text), date_text, f"{year:04d}-{month:02d}-{day:02d}")
        )
    if shape in (0, 1):
        parts["speaker"] = (name, role, s.find(name))
    return s, parts


def _filler(rng: random.Random) -> str:
    place = rng.choice(PLACES)
    return rng.choice(
        (
            f"Residents of {place} have followed the debate closely.",
            f"The decision is expected to shape policy in {place} for years.",
            "Critics say the details have not been made public.",
            "Officials did not respond to requests for comment.",
            f"The issue has divided opinion in {place}.",
        )
    )


def seed_bulk(
    articles: int,
    claims_per_article: int = 20,
    seed: int = 1,
    batch: int = 2000,
    progress: Callable[[str], None] = print,
) -> dict:
    """Insert `articles` synthetic articles with their claims; returns counts and the password
    of the synthetic accounts. Raises nothing on an empty database; adds to an existing one."""
    ids = _Ids()
    for model in MODELS:
        ids.start(model)
    run = _Run(rng=random.Random(seed), ids=ids, now=utcnow(), tag=f"{seed}-{ids.next['users']}")
    password = secrets.token_urlsafe(12)
    users = _add_users(run, _shared_hash(password))
    _add_speakers(run)
    run.ratings = _active_ratings()
    total = {"articles": 0, "claims": 0}
    for a in range(articles):
        created = run.now - dt.timedelta(minutes=(articles - a) * 7)
        total["claims"] += _add_article(run, claims_per_article, created)
        total["articles"] += 1
        if len(run.buffers[Claim]) >= batch:
            _flush(run.buffers)
        if total["articles"] % max(1, articles // 10) == 0:
            progress(f"  {total['claims']:,} claims in {total['articles']:,} articles")
    _flush(run.buffers)
    _sync_sequences()
    bump_public_version(db.session.connection())  # Core inserts bypass the ORM's hook
    db.session.commit()
    return {**total, "password": password, "users": users, "emails": f"*.{run.tag}@bulk.example"}


def _shared_hash(password: str) -> str:
    """One strong hash (salt inside) that every synthetic account shares."""
    probe = User(email="x", name="x", role=Role.CHECKER)
    passwords.set_password(probe, password)
    return probe.password_hash


def _add_users(run: _Run, password_hash: str) -> int:
    """Insert the synthetic staff; returns how many."""
    users: list[dict[str, Any]] = []
    for n, role in enumerate(STAFF):
        users.append(
            {
                "id": run.ids.take(User),
                "email": f"{role.value}{n}.{run.tag}@bulk.example",
                "name": f"{run.rng.choice(FIRST)} {run.rng.choice(LAST)}",
                "role": role,
                "password_hash": password_hash,
                "active": True,
                "created_at": run.now,
            }
        )
    _insert(User, users)
    run.checkers = [u["id"] for u in users if u["role"] == Role.CHECKER]
    run.editors = [u["id"] for u in users if u["role"] != Role.CHECKER]
    return len(users)


def _add_speakers(run: _Run) -> None:
    """Every FIRST x LAST person and every organisation not in the database yet; the speakers
    already there are picked from too."""
    existing = db.session.execute(select(Speaker.id, Speaker.name, Speaker.role, Speaker.key)).all()
    run.speakers = [(r.id, r.name, r.role) for r in existing]
    seen = {r.key for r in existing}
    rows = []
    for first in FIRST:
        for last in LAST:
            name = f"{first} {last}"
            if speaker_key(name) not in seen:
                role = run.rng.choice(ROLES)
                rows.append(_speaker_row(run, name, speaker_key(name), SpeakerKind.PERSON, role))
    for org in ORGS:
        if speaker_key(org) not in seen:
            rows.append(
                _speaker_row(run, f"the {org}", speaker_key(org), SpeakerKind.ORGANISATION, None)
            )
    _insert(Speaker, rows)


def _speaker_row(run: _Run, name: str, key: str, kind: SpeakerKind, role: str | None) -> dict:
    speaker_id = run.ids.take(Speaker)
    run.speakers.append((speaker_id, name, role))
    return {"id": speaker_id, "name": name, "key": key, "kind": kind, "role": role}


def _active_ratings() -> list[int]:
    """Ids of the active ratings; raises RuntimeError when there is no rating scale."""
    ratings = list(db.session.scalars(select(Rating.id).where(Rating.active.is_(True))))
    if not ratings:
        raise RuntimeError("No rating scale: run `flask init-db` first.")
    return ratings


def _add_article(run: _Run, claims_per_article: int, created: dt.datetime) -> int:
    """Buffer one article and a claim for each of its claim sentences; returns how many."""
    published = dt.date(2024, 12, 31) - dt.timedelta(days=run.rng.randint(0, 3650))
    article_id = run.ids.take(Article)
    body, drafts = _article_body(run, claims_per_article)
    run.buffers[Article].append(
        {
            "id": article_id,
            "title": f"{drafts[0].text[:90]}",
            "outlet": run.rng.choice(OUTLETS),
            "url": f"https://news.example/{published:%Y/%m/%d}/{article_id}",
            "author": f"{run.rng.choice(FIRST)} {run.rng.choice(LAST)}",
            "published_on": published,
            "body": body,
            "text_hash": text_hash(f"{run.tag}-{article_id}-{body}"),
            "created_at": created,
        }
    )
    for draft in drafts:
        state = run.rng.choices(STATES, WEIGHTS)[0]
        _add_claim(run, article_id, draft, state, created, published)
    return len(drafts)


def _article_body(run: _Run, claims: int) -> tuple[str, list[_Draft]]:
    """An article body of `claims` claim sentences with filler between some of them."""
    rng = run.rng
    body_parts: list[str] = []
    drafts = []
    pos = 0
    for _ in range(claims):
        if rng.random() < 0.3:
            filler = _filler(rng) + " "
            body_parts.append(filler)
            pos += len(filler)
        speaker_id, name, role = rng.choice(run.speakers)
        sentence, parts = _sentence(rng, (name, role))
        drafts.append(_Draft(pos, sentence, parts, speaker_id))
        body_parts.append(sentence + ("\n\n" if rng.random() < 0.4 else " "))
        pos += len(body_parts[-1])
    return "".join(body_parts).strip(), drafts


def _add_claim(
    run: _Run,
    article_id: int,
    draft: _Draft,
    state: State,
    created: dt.datetime,
    published: dt.date,
) -> None:
    """Buffer one claim in `state` with its parts, and the sources and verdict that the state
    implies."""
    claim = _claim_row(run, article_id, draft, state, created, published)
    run.buffers[Claim].append(claim)
    _add_parts(run, claim["id"], draft)
    if state == State.IN_PROGRESS or state in SUBMITTED_STATES:
        _add_sources(run, claim, published)
    if state in SUBMITTED_STATES:
        _add_verdict(run, claim)
    _add_milestones(run, claim)


def _add_milestones(run: _Run, claim: dict) -> None:
    """The analytics history the claim's state implies: ingested when created, then the steps
    up to its state spread between creation and its last change, sometimes with a return."""
    state = claim["state"]
    start = int(claim["created_at"].timestamp())
    span = max(60, int(claim["state_changed_at"].timestamp()) - start)
    steps: list[tuple[MilestoneKind, float]] = [(MilestoneKind.INGESTED, 0)]
    if state not in (State.CANDIDATE, State.DISMISSED):
        steps.append((MilestoneKind.ACCEPTED, 0.1))
    if state in SUBMITTED_STATES:
        if run.rng.random() < 0.2 or state == State.RETURNED:
            steps += [(MilestoneKind.SUBMITTED, 0.3), (MilestoneKind.RETURNED, 0.4)]
        if state != State.RETURNED:
            steps.append((MilestoneKind.SUBMITTED, 0.5 if state != State.IN_REVIEW else 1))
    if state in APPROVED_STATES:
        steps.append((MilestoneKind.APPROVED, 0.7 if state != State.APPROVED else 1))
    if state in (*PUBLIC_STATES, State.WITHDRAWN):
        steps.append((MilestoneKind.PUBLISHED, 1 if state != State.CORRECTED else 0.8))
    if state == State.CORRECTED:
        steps.append((MilestoneKind.CORRECTED, 1))
    rating = run.buffers[Verdict][-1]["rating_id"] if state in APPROVED_STATES else None
    at: dict[MilestoneKind, int] = {}
    for kind, share in steps:
        when = start + int(span * share)
        at[kind] = when
        wait = None
        if kind == MilestoneKind.PUBLISHED:
            wait = when - at[MilestoneKind.ACCEPTED]
        elif kind == MilestoneKind.APPROVED:
            wait = when - at[MilestoneKind.SUBMITTED]
        run.buffers[Milestone].append(
            {
                "id": run.ids.take(Milestone),
                "claim_id": claim["id"],
                "kind": kind,
                "at": when,
                "article_id": claim["article_id"],
                "checker_id": claim["assignee_id"] if kind != MilestoneKind.INGESTED else None,
                "rating_id": rating if kind == MilestoneKind.PUBLISHED else None,
                "wait_seconds": wait,
            }
        )


def _claim_row(
    run: _Run,
    article_id: int,
    draft: _Draft,
    state: State,
    created: dt.datetime,
    published: dt.date,
) -> dict:
    rng = run.rng
    quoted = bool(draft.parts["speaker"])
    assignee = (
        rng.choice(run.checkers) if state in ASSIGNED_STATES or state in SUBMITTED_STATES else None
    )
    changed = created + dt.timedelta(hours=rng.randint(1, 2000))
    return {
        "id": run.ids.take(Claim),
        "article_id": article_id,
        "text": draft.text,
        "start": draft.start,
        "end": draft.start + len(draft.text),
        "score": round(rng.random(), 3),
        "kind": _kind(draft.parts),
        "state": state,
        "state_changed_at": changed,
        "speaker_id": draft.speaker_id if quoted else None,
        "cue": "said" if quoted else None,
        "assignee_id": assignee,
        "due_on": (published + dt.timedelta(days=rng.randint(1, 30))) if assignee else None,
        "created_at": created,
        "updated_at": changed,
        "published_at": changed if state in (*PUBLIC_STATES, State.WITHDRAWN) else None,
        "version": 1,
    }


def _kind(parts: dict) -> Kind:
    """The claim's kind from the parts its sentence carries, the strongest first."""
    if parts["speaker"]:
        return Kind.QUOTE
    if parts["quantities"]:
        return Kind.QUANTITY
    if parts["dates"]:
        return Kind.DATE
    return Kind.STATEMENT


def _add_parts(run: _Run, claim_id: int, draft: _Draft) -> None:
    """Buffer the claim's quantities, dates and attribution, at offsets in the article body."""
    start = draft.start
    for s, e, txt, value, unit, qual in draft.parts["quantities"]:
        run.buffers[Quantity].append(
            {
                "id": run.ids.take(Quantity),
                "claim_id": claim_id,
                "text": txt,
                "start": start + s,
                "end": start + e,
                "value": value,
                "unit": unit,
                "approximate": qual in ("nearly", "about"),
                "qualifier": qual,
            }
        )
    for s, e, txt, value in draft.parts["dates"]:
        run.buffers[DateMention].append(
            {
                "id": run.ids.take(DateMention),
                "claim_id": claim_id,
                "text": txt,
                "start": start + s,
                "end": start + e,
                "value": value,
                "relative": False,
            }
        )
    if draft.parts["speaker"]:
        _add_attribution(run, claim_id, draft)


def _add_attribution(run: _Run, claim_id: int, draft: _Draft) -> None:
    name, role, _ = draft.parts["speaker"]
    run.buffers[Attribution].append(
        {
            "id": run.ids.take(Attribution),
            "claim_id": claim_id,
            "speaker_id": draft.speaker_id,
            "speaker_text": name,
            "role": role,
            "cue": "said",
            "direct": draft.text[0] == "“",
            "content": draft.text,
            "content_start": draft.start,
            "content_end": draft.start + len(draft.text),
        }
    )


def _add_sources(run: _Run, claim: dict, published: dt.date) -> None:
    """One to four sources, added by the claim's assignee when the claim last changed."""
    claim_id = claim["id"]
    for n in range(run.rng.randint(1, 4)):
        run.buffers[Source].append(
            {
                "id": run.ids.take(Source),
                "claim_id": claim_id,
                "url": f"https://records.example/{claim_id}/{n}",
                "title": f"Official record {claim_id}-{n}",
                "publisher": run.rng.choice(ORGS),
                "kind": run.rng.choice(list(SourceKind)),
                "excerpt": claim["text"][:120],
                "archive_url": f"https://archive.example/{claim_id}/{n}",
                "accessed_on": published,
                "added_by_id": claim["assignee_id"],
                "created_at": claim["state_changed_at"],
            }
        )


def _add_verdict(run: _Run, claim: dict) -> None:
    """The assignee's submitted verdict, approved by an editor when the state says so."""
    approved = claim["state"] in APPROVED_STATES
    changed = claim["state_changed_at"]
    run.buffers[Verdict].append(
        {
            "id": run.ids.take(Verdict),
            "claim_id": claim["id"],
            "rating_id": run.rng.choice(run.ratings),
            "summary": f"The record on {claim['text'][:60]}… is clear.",
            "rationale": "We compared the claim with the official figures and the sources "
            "below. " * 3,
            "author_id": claim["assignee_id"],
            "last_editor_id": claim["assignee_id"],
            "submitted_at": changed,
            "approved_by_id": run.rng.choice(run.editors) if approved else None,
            "approved_at": changed if approved else None,
            "approved_version": 1 if approved else None,
            "updated_at": changed,
            "version": 1,
        }
    )


def _insert(model, rows: list[dict]) -> None:
    # Core executemany on the table: one statement per batch. (The ORM's bulk insert falls
    # back to a statement per row for versioned models.)
    if rows:
        db.session.execute(insert(model.__table__), rows)


def _flush(buffers: dict) -> None:
    for model, rows in buffers.items():  # parents before children: dict order
        _insert(model, rows)
        rows.clear()
    db.session.commit()


def _sync_sequences() -> None:
    """On PostgreSQL, move each id sequence past the ids we chose ourselves."""
    if db.engine.dialect.name != "postgresql":
        return
    for model in MODELS:
        table = model.__tablename__
        db.session.execute(
            text(  # table names come from our models, not from input
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        )
    db.session.commit()


@click.command("seed-bulk")
@click.option("--articles", type=click.IntRange(1), default=1000, show_default=True)
@click.option("--claims-per-article", type=click.IntRange(1, 200), default=20, show_default=True)
@click.option(
    "--seed",
    type=int,
    default=1,
    show_default=True,
    help="Random seed: the same seed gives the same data.",
)
@with_appcontext
def seed_bulk_command(articles: int, claims_per_article: int, seed: int) -> None:
    """Generate synthetic load data: articles, claims in every state, sources, verdicts,
    users. For benchmarks and load tests, never for a real newsroom's database."""

    started = time.perf_counter()
    result = seed_bulk(articles, claims_per_article, seed, progress=click.echo)
    took = time.perf_counter() - started
    click.echo(
        f"Inserted {result['claims']:,} claims in {result['articles']:,} articles and "
        f"{result['users']} accounts in {took:.1f} s "
        f"({result['claims'] / max(took, 1e-9):,.0f} claims/s)."
    )
    click.echo(
        f"Synthetic accounts {result['emails']} share the password "
        f"{result['password']} (shown once)."
    )

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
    rng = random.Random(seed)
    ids = _Ids()
    for model in (
        User,
        Speaker,
        Article,
        Claim,
        Quantity,
        DateMention,
        Attribution,
        Source,
        Verdict,
    ):
        ids.start(model)
    now = utcnow()
    password = secrets.token_urlsafe(12)
    probe = User(email="x", name="x", role=Role.CHECKER)
    passwords.set_password(probe, password)

    tag = f"{seed}-{ids.next['users']}"
    users = []
    for n, role in enumerate([Role.CHECKER] * 24 + [Role.EDITOR] * 8 + [Role.ADMIN] * 2):
        users.append(
            {
                "id": ids.take(User),
                "email": f"{role.value}{n}.{tag}@bulk.example",
                "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                "role": role,
                "password_hash": probe.password_hash,
                "active": True,
                "created_at": now,
            }
        )
    _insert(User, users)
    checkers = [u["id"] for u in users if u["role"] == Role.CHECKER]
    editors = [u["id"] for u in users if u["role"] != Role.CHECKER]

    speaker_rows = []
    existing = db.session.execute(select(Speaker.id, Speaker.name, Speaker.role, Speaker.key)).all()
    speakers = [(r.id, r.name, r.role) for r in existing]
    seen = {r.key for r in existing}
    for first in FIRST:
        for last in LAST:
            name = f"{first} {last}"
            if speaker_key(name) in seen:
                continue
            sid = ids.take(Speaker)
            job = rng.choice(ROLES)
            speaker_rows.append(
                {
                    "id": sid,
                    "name": name,
                    "key": speaker_key(name),
                    "kind": SpeakerKind.PERSON,
                    "role": job,
                }
            )
            speakers.append((sid, name, job))
    for org in ORGS:
        if speaker_key(org) not in seen:
            sid = ids.take(Speaker)
            speaker_rows.append(
                {
                    "id": sid,
                    "name": f"the {org}",
                    "key": speaker_key(org),
                    "kind": SpeakerKind.ORGANISATION,
                    "role": None,
                }
            )
            speakers.append((sid, f"the {org}", None))
    _insert(Speaker, speaker_rows)
    ratings = list(db.session.scalars(select(Rating.id).where(Rating.active.is_(True))))
    if not ratings:
        raise RuntimeError("No rating scale: run `flask init-db` first.")
    states = list(STATE_WEIGHTS)
    weights = list(STATE_WEIGHTS.values())

    buffers: dict = {
        m: [] for m in (Article, Claim, Quantity, DateMention, Attribution, Source, Verdict)
    }
    total = {"articles": 0, "claims": 0}
    for a in range(articles):
        published = dt.date(2024, 12, 31) - dt.timedelta(days=rng.randint(0, 3650))
        body_parts: list[str] = []
        claim_rows = []
        pos = 0
        article_id = ids.take(Article)
        for _ in range(claims_per_article):
            if rng.random() < 0.3:
                filler = _filler(rng) + " "
                body_parts.append(filler)
                pos += len(filler)
            sid, name, role = rng.choice(speakers)
            sentence, parts = _sentence(rng, (name, role))
            claim_rows.append((pos, sentence, parts, sid))
            body_parts.append(sentence + ("\n\n" if rng.random() < 0.4 else " "))
            pos += len(body_parts[-1])
        body = "".join(body_parts).strip()
        created = now - dt.timedelta(minutes=(articles - a) * 7)
        buffers[Article].append(
            {
                "id": article_id,
                "title": f"{claim_rows[0][1][:90]}",
                "outlet": rng.choice(
                    ("The Daily Ledger", "Evening Courier", "Metro Wire", "Public Radio")
                ),
                "url": f"https://news.example/{published:%Y/%m/%d}/{article_id}",
                "author": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                "published_on": published,
                "body": body,
                "text_hash": text_hash(f"{tag}-{article_id}-{body}"),
                "created_at": created,
            }
        )
        for start, sentence, parts, sid in claim_rows:
            _add_claim(
                buffers,
                ids,
                rng,
                article_id,
                start,
                sentence,
                parts,
                sid,
                rng.choices(states, weights)[0],
                checkers,
                editors,
                ratings,
                created,
                published,
            )
        total["articles"] += 1
        total["claims"] += len(claim_rows)
        if len(buffers[Claim]) >= batch:
            _flush(buffers)
        if total["articles"] % max(1, articles // 10) == 0:
            progress(f"  {total['claims']:,} claims in {total['articles']:,} articles")
    _flush(buffers)
    _sync_sequences()
    bump_public_version(db.session.connection())  # Core inserts bypass the ORM's hook
    db.session.commit()
    return {**total, "password": password, "users": len(users), "emails": f"*.{tag}@bulk.example"}


def _add_claim(
    buffers,
    ids,
    rng,
    article_id,
    start,
    sentence,
    parts,
    sid,
    state,
    checkers,
    editors,
    ratings,
    created,
    published,
) -> None:
    claim_id = ids.take(Claim)
    assignee = (
        rng.choice(checkers) if state in ASSIGNED_STATES or state in SUBMITTED_STATES else None
    )
    kind = (
        Kind.QUOTE
        if parts["speaker"]
        else Kind.QUANTITY
        if parts["quantities"]
        else Kind.DATE
        if parts["dates"]
        else Kind.STATEMENT
    )
    changed = created + dt.timedelta(hours=rng.randint(1, 2000))
    buffers[Claim].append(
        {
            "id": claim_id,
            "article_id": article_id,
            "text": sentence,
            "start": start,
            "end": start + len(sentence),
            "score": round(rng.random(), 3),
            "kind": kind,
            "state": state,
            "state_changed_at": changed,
            "speaker_id": sid if parts["speaker"] else None,
            "cue": "said" if parts["speaker"] else None,
            "assignee_id": assignee,
            "due_on": (published + dt.timedelta(days=rng.randint(1, 30))) if assignee else None,
            "created_at": created,
            "updated_at": changed,
            "published_at": changed if state in (*PUBLIC_STATES, State.WITHDRAWN) else None,
            "version": 1,
        }
    )
    for s, e, txt, value, unit, qual in parts["quantities"]:
        buffers[Quantity].append(
            {
                "id": ids.take(Quantity),
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
    for s, e, txt, value in parts["dates"]:
        buffers[DateMention].append(
            {
                "id": ids.take(DateMention),
                "claim_id": claim_id,
                "text": txt,
                "start": start + s,
                "end": start + e,
                "value": value,
                "relative": False,
            }
        )
    if parts["speaker"]:
        name, role, at = parts["speaker"]
        buffers[Attribution].append(
            {
                "id": ids.take(Attribution),
                "claim_id": claim_id,
                "speaker_id": sid,
                "speaker_text": name,
                "role": role,
                "cue": "said",
                "direct": sentence[0] == "“",
                "content": sentence,
                "content_start": start,
                "content_end": start + len(sentence),
            }
        )
    if state == State.IN_PROGRESS or state in SUBMITTED_STATES:
        for n in range(rng.randint(1, 4)):
            buffers[Source].append(
                {
                    "id": ids.take(Source),
                    "claim_id": claim_id,
                    "url": f"https://records.example/{claim_id}/{n}",
                    "title": f"Official record {claim_id}-{n}",
                    "publisher": rng.choice(ORGS),
                    "kind": rng.choice(list(SourceKind)),
                    "excerpt": sentence[:120],
                    "archive_url": f"https://archive.example/{claim_id}/{n}",
                    "accessed_on": published,
                    "added_by_id": assignee,
                    "created_at": changed,
                }
            )
    if state in SUBMITTED_STATES:
        approved = state in APPROVED_STATES
        buffers[Verdict].append(
            {
                "id": ids.take(Verdict),
                "claim_id": claim_id,
                "rating_id": rng.choice(ratings),
                "summary": f"The record on {sentence[:60]}… is clear.",
                "rationale": "We compared the claim with the official figures and the sources "
                "below. " * 3,
                "author_id": assignee,
                "last_editor_id": assignee,
                "submitted_at": changed,
                "approved_by_id": rng.choice(editors) if approved else None,
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
    for model in (
        User,
        Speaker,
        Article,
        Claim,
        Quantity,
        DateMention,
        Attribution,
        Source,
        Verdict,
    ):
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

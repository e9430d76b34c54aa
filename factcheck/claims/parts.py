"""The extractor's typed results as claims and claim parts of an article."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..extensions import db
from ..extraction import Attribution, Candidate, DateMention, Quantity
from ..models import (
    Article,
    Attribution as AttributionRow,
    Claim,
    ClaimSpeaker,
    DateMention as DateRow,
    Quantity as QuantityRow,
    Speaker,
    SpeakerKind,
    User,
)
from ..models.milestone import note_ingested
from ..workflow import State
from .speaker_names import guess_speakers
from .speakers import PRONOUNS, get_or_create_speaker, set_speakers, speaker_key


def create_candidates(
    article: Article,
    candidates: Iterable[Candidate],
    actor: User | None,
    state: State = State.CANDIDATE,
    offset: int = 0,
) -> list[Claim]:
    """Claims of `article` from the extractor's candidates (offsets shifted by `offset`)."""
    speakers: dict[str, Speaker] = {}
    organisations: list[str] = []
    claims = []
    for item in candidates:
        claim = Claim(
            article=article,
            state=state,
            start=item.start + offset,
            end=item.end + offset,
            text=item.text[: Claim.TEXT_MAX],
            score=min(1.0, max(0.0, float(item.score or 0))),
            kind=item.kind,
        )
        db.session.add(claim)
        add_parts(
            claim, item.quantities, item.dates, item.attributions, offset, speakers, organisations
        )
        claims.append(claim)
    return claims


def add_parts(
    claim: Claim,
    quantities: Iterable[Quantity],
    dates: Iterable[DateMention],
    attributions: Iterable[Attribution],
    offset: int,
    speakers: dict[str, Speaker],
    organisations: list[str] | None = None,
) -> None:
    """Attach quantities, dates and attributions to `claim`, shared speakers found or made
    once per `speakers` cache; `organisations` named so far in the article (in order) tie
    roles like "the group's spokesman" to their group, and grow with the ones found here."""
    for q in quantities:
        claim.quantities.append(
            QuantityRow(
                text=q.text[:300],
                start=q.start + offset,
                end=q.end + offset,
                value=q.value,
                unit=q.unit[:120] if q.unit else None,
                approximate=q.approximate,
                qualifier=q.qualifier or None,
            )
        )
    for d in dates:
        claim.dates.append(
            DateRow(
                text=d.text[:300],
                start=d.start + offset,
                end=d.end + offset,
                value=d.value[:40] if d.value else None,
                relative=d.relative,
            )
        )
    for a in attributions:
        found = _speakers_of(a, speakers, organisations)
        speaker = found[0] if found else None
        claim.attributions.append(
            AttributionRow(
                speaker=speaker,
                speaker_text=(a.speaker_text or "")[:300] or None,
                role=a.role[:200] if a.role else None,
                cue=a.cue or None,
                direct=a.direct,
                content=a.content or "",
                content_start=a.content_start + offset,
                content_end=a.content_end + offset,
            )
        )
        if claim.speaker is None and found:
            set_speakers(claim, found)
            claim.cue = a.cue or None


def _speakers_of(
    a: Attribution, speakers: dict[str, Speaker], organisations: list[str] | None
) -> list[Speaker]:
    """The speaker records behind one attribution ("A and B said" gives two); organisations
    found are added to `organisations` for the roles of later attributions."""
    guesses = guess_speakers(a.speaker or "", a.role, organisations or ())
    if organisations is not None:
        organisations.extend(g.name for g in guesses if g.kind == "organisation")
    found = (
        get_or_create_speaker(g.name, g.role, speakers, kind=SpeakerKind(g.kind)) for g in guesses
    )
    return [s for s in found if s is not None]


def insert_candidates(
    article: Article, candidates: Sequence[Candidate], state: State = State.CANDIDATE
) -> list[int]:
    """Claims of `article` from the extractor's candidates, written with set-based INSERTs (a
    handful of statements for thousands of candidates, where objects took three per claim);
    returns their ids in order. Speakers are found or made as create_candidates does."""
    named = _named_speakers(candidates)
    ids_by_key = _speaker_ids({speaker_key(n): (n, r, k) for group in named for n, r, k in group})
    claims: list[dict[str, Any]] = []
    attributions: list[dict[str, Any]] = []
    links: list[list[int]] = []
    speakers_of_attribution = iter(named)
    for item in candidates:
        speaker_ids: list[int] = []
        cue = None
        for a in item.attributions:
            found = [ids_by_key[speaker_key(n)] for n, _, _ in next(speakers_of_attribution)]
            attributions.append(_attribution_row(a, found[0] if found else None))
            if not speaker_ids and found:
                speaker_ids = list(dict.fromkeys(found))
                cue = a.cue or None
        claims.append(_claim_row(article, item, state, speaker_ids, cue))
        links.append(speaker_ids)
    if not claims:
        return []
    ids = _insert_claims(claims)
    _insert_parts(ids, candidates, links, attributions)
    note_ingested(article.id, ids, state)  # the analytics page's history
    db.session.expire(article, ["claims"])
    return ids


def _named_speakers(
    candidates: Sequence[Candidate],
) -> list[list[tuple[str, str | None, SpeakerKind]]]:
    """For each attribution of each candidate, in order, the speakers it names."""
    organisations: list[str] = []
    named: list[list[tuple[str, str | None, SpeakerKind]]] = []
    for item in candidates:
        for a in item.attributions:
            guesses = guess_speakers(a.speaker or "", a.role, organisations)
            _remember(organisations, [g.name for g in guesses if g.kind == "organisation"])
            people = []
            for g in guesses:
                name = " ".join((g.name or "").split())[: Speaker.NAME_MAX]
                if name and name.casefold() not in PRONOUNS:
                    people.append((name, g.role, SpeakerKind(g.kind)))
            named.append(people)
    return named


def _attribution_row(a: Any, speaker_id: int | None) -> dict[str, Any]:
    return {
        "speaker_id": speaker_id,
        "speaker_text": (a.speaker_text or "")[:300] or None,
        "role": a.role[:200] if a.role else None,
        "cue": a.cue or None,
        "direct": a.direct,
        "content": a.content or "",
        "content_start": a.content_start,
        "content_end": a.content_end,
    }


def _claim_row(
    article: Article, item: Candidate, state: State, speaker_ids: list[int], cue: str | None
) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "state": state,
        "start": item.start,
        "end": item.end,
        "text": item.text[: Claim.TEXT_MAX],
        "score": min(1.0, max(0.0, float(item.score or 0))),
        "kind": item.kind,
        "speaker_id": speaker_ids[0] if speaker_ids else None,
        "cue": cue,
        "version": 1,
    }


def _insert_claims(claims: list[dict[str, Any]]) -> list[int]:
    """Insert the claim rows; their ids in the rows' order. Rows come back in no promised order
    (asking for one makes SQLite insert row by row): each is matched to its candidate by its
    span, unique among one extraction's candidates."""
    table = _table(Claim)
    made = db.session.execute(
        insert(table).returning(table.c.id, table.c.start, table.c.end), claims
    )
    by_span: dict[tuple[int, int], list[int]] = {}
    for claim_id, start, end in sorted(made, key=lambda row: row[0]):
        by_span.setdefault((start, end), []).append(claim_id)
    return [by_span[(row["start"], row["end"])].pop(0) for row in claims]


def _insert_parts(
    ids: list[int],
    candidates: Sequence[Candidate],
    links: list[list[int]],
    attributions: list[dict[str, Any]],
) -> None:
    """The claims' quantities, dates, attributions and speaker links, one INSERT per table."""
    quantities: list[dict[str, Any]] = []
    dates: list[dict[str, Any]] = []
    speaker_links: list[dict[str, Any]] = []
    attribution_rows = iter(attributions)
    for claim_id, item, speaker_ids in zip(ids, candidates, links, strict=True):
        quantities += [
            {
                "claim_id": claim_id,
                "text": q.text[:300],
                "start": q.start,
                "end": q.end,
                "value": q.value,
                "unit": q.unit[:120] if q.unit else None,
                "approximate": q.approximate,
                "qualifier": q.qualifier or None,
            }
            for q in item.quantities
        ]
        dates += [
            {
                "claim_id": claim_id,
                "text": d.text[:300],
                "start": d.start,
                "end": d.end,
                "value": d.value[:40] if d.value else None,
                "relative": d.relative,
            }
            for d in item.dates
        ]
        for _ in item.attributions:
            next(attribution_rows)["claim_id"] = claim_id
        speaker_links += [
            {"claim_id": claim_id, "speaker_id": speaker_id, "position": position}
            for position, speaker_id in enumerate(speaker_ids)
        ]
    for model, rows in (
        (QuantityRow, quantities),
        (DateRow, dates),
        (AttributionRow, attributions),
        (ClaimSpeaker, speaker_links),
    ):
        if rows:
            # Core again: the ORM splits rows into a batch per set of non-NULL columns.
            db.session.execute(insert(_table(model)), rows)


def _table(model: type) -> Table:
    return cast(Table, model.__table__)  # type: ignore[attr-defined]


def _remember(organisations: list[str], names: list[str]) -> None:
    """Add `names` as the latest organisations named, each kept once: roles look back through
    the list for every attribution, and an article naming one group a thousand times made
    that quadratic (8 of 16 s for 1 MB of news)."""
    for name in names:
        if name in organisations:
            organisations.remove(name)
        organisations.append(name)


def _speaker_ids(wanted: dict[str, tuple[str, str | None, SpeakerKind]]) -> dict[str, int]:
    """Speaker ids by key for every speaker in `wanted` (key -> name, role, kind), the missing
    ones created; one made by a simultaneous ingest is taken, not duplicated."""
    if not wanted:
        return {}
    keys = list(wanted)
    found = _existing_speakers(keys)
    missing = [
        {
            "name": name,
            "key": key,
            "kind": kind,
            "role": (role or None) and role[: Speaker.NAME_MAX],
        }
        for key, (name, role, kind) in wanted.items()
        if key not in found
    ]
    if missing:
        dialect = db.session.get_bind().dialect.name
        make = pg_insert if dialect == "postgresql" else sqlite_insert
        db.session.execute(
            make(_table(Speaker)).on_conflict_do_nothing(index_elements=["key"]), missing
        )
        found = _existing_speakers(keys)
    return found


def _existing_speakers(keys: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i in range(0, len(keys), 1000):
        rows = db.session.execute(
            select(Speaker.key, Speaker.id).where(Speaker.key.in_(keys[i : i + 1000]))
        )
        found.update((key, speaker_id) for key, speaker_id in rows)
    return found

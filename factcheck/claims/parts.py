"""The extractor's typed results as claims and claim parts of an article."""

from __future__ import annotations

from collections.abc import Iterable

from ..extensions import db
from ..extraction import Attribution, Candidate, DateMention, Quantity
from ..models import (
    Article,
    Attribution as AttributionRow,
    Claim,
    DateMention as DateRow,
    Quantity as QuantityRow,
    Speaker,
    SpeakerKind,
    User,
)
from ..workflow import State
from .speaker_names import guess_speakers
from .speakers import get_or_create_speaker, set_speakers


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

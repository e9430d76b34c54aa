"""Speakers: one reusable record per person or organisation."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..extraction.lexicon.organisations import is_organisation_name
from ..models import Claim, ClaimSpeaker, Speaker, SpeakerKind

# Names that say who only in context: never a speaker record.
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})


def speaker_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def guess_kind(name: str) -> SpeakerKind:
    """Organisations by their tell-tale words; everyone else is a person."""
    if is_organisation_name(name):
        return SpeakerKind.ORGANISATION
    return SpeakerKind.PERSON


def get_or_create_speaker(
    name: str,
    role: str | None = None,
    cache: dict[str, Speaker] | None = None,
    kind: SpeakerKind | None = None,
) -> Speaker | None:
    """Return the speaker called `name`, creating it (with `kind`, else a guess, and `role`);
    None for an empty or pronoun name. An existing speaker is returned unchanged."""
    name = " ".join((name or "").split())[: Speaker.NAME_MAX]
    if not name or name.casefold() in PRONOUNS:
        return None
    key = speaker_key(name)
    if cache is not None and key in cache:
        return cache[key]
    speaker = db.session.scalar(select(Speaker).where(Speaker.key == key))
    if speaker is None:
        speaker = Speaker(
            name=name,
            key=key,
            kind=kind or guess_kind(name),
            role=(role or None) and role[: Speaker.NAME_MAX],
        )
        try:
            # A savepoint: another ingest may create the same speaker at the same moment.
            with db.session.begin_nested():
                db.session.add(speaker)
        except IntegrityError:
            speaker = db.session.scalar(select(Speaker).where(Speaker.key == key))
    # An existing speaker is never changed here: an unrelated article's label ("X, a
    # convicted fraudster, said") must not rewrite what published checks show. People change
    # speakers on purpose (edit_speaker), audited.
    if cache is not None and speaker is not None:
        cache[key] = speaker
    return speaker


def set_speakers(claim: Claim, speakers: list[Speaker]) -> None:
    """Make `speakers` (in order, without repeats) the claim's speakers; the first is its
    main speaker, which lists and filters use."""
    unique = list(dict.fromkeys(speakers))
    # Links kept for speakers that stay (a row deleted and inserted with the same key in one
    # flush would collide); the rest are removed with the list.
    kept = {link.speaker_id: link for link in claim.speaker_links if link.speaker_id}
    links = []
    for position, speaker in enumerate(unique):
        link = kept.pop(speaker.id, None) if speaker.id else None
        if link is None:
            link = ClaimSpeaker(speaker=speaker)
        link.position = position
        links.append(link)
    claim.speaker_links = links
    claim.speaker = unique[0] if unique else None

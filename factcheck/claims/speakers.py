"""Speakers: one reusable record per person or organisation."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..extraction.lexicon.organisations import is_organisation_name
from ..models import Speaker, SpeakerKind


def speaker_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def guess_kind(name: str) -> SpeakerKind:
    """Organisations by their tell-tale words; everyone else is a person."""
    if is_organisation_name(name):
        return SpeakerKind.ORGANISATION
    return SpeakerKind.PERSON


def get_or_create_speaker(
    name: str, role: str | None = None, cache: dict[str, Speaker] | None = None
) -> Speaker | None:
    """Return the speaker called `name`, creating it; None for an empty or pronoun name."""
    name = " ".join((name or "").split())[: Speaker.NAME_MAX]
    if not name or name.casefold() in {"he", "she", "they", "it", "we", "i", "you"}:
        return None
    key = speaker_key(name)
    if cache is not None and key in cache:
        return cache[key]
    speaker = db.session.scalar(select(Speaker).where(Speaker.key == key))
    if speaker is None:
        speaker = Speaker(
            name=name,
            key=key,
            kind=guess_kind(name),
            role=(role or None) and role[: Speaker.NAME_MAX],
        )
        try:
            # A savepoint: another ingest may create the same speaker at the same moment.
            with db.session.begin_nested():
                db.session.add(speaker)
        except IntegrityError:
            speaker = db.session.scalar(select(Speaker).where(Speaker.key == key))
    elif role and not speaker.role:
        speaker.role = role[: Speaker.NAME_MAX]
    if cache is not None and speaker is not None:
        cache[key] = speaker
    return speaker

"""Speakers: one reusable record per person or organisation."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .extensions import db
from .models import Speaker, SpeakerKind

_ORG_WORDS = re.compile(
    r"\b(?:ministry|department|office|agency|government|military|army|forces?|police|"
    r"group|movement|party|council|committee|parliament|congress|senate|court|commission|"
    r"union|association|institute|university|company|corp|inc|ltd|bank|news|times|post|"
    r"network|organi[sz]ation|pentagon|white house|kremlin|hezbollah|delegations?|"
    r"officials|observers|spokespeople|authorities|governments?|factions?|militias?|"
    r"lawmakers|delegations?|statement|communiqu[eé]|states|nations|kingdom|republic|"
    r"administration|coalition|alliance)s?\b",
    re.IGNORECASE,
)
# People are not named with an article: "the United States", "a joint statement".
_ARTICLE = re.compile(r"(?:the|a|an)\s", re.IGNORECASE)


def speaker_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def guess_kind(name: str) -> SpeakerKind:
    """Organisations by their tell-tale words; everyone else is a person."""
    if _ARTICLE.match(name.strip()) or _ORG_WORDS.search(name):
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
    if cache is not None:
        cache[key] = speaker
    return speaker

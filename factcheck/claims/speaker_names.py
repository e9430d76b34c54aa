"""Who spoke, from the extractor's speaker name and role: pairs split into their speakers,
outlets' labels taken off names, and roles such as "the group's spokesman" tied to the group.

Pure: no database. `guess_speakers` is the one entry point:

- "Joe Biden and Mustafa Al-Kadhimi", "A, B and C" give one speaker each when every part is
  a proper name ("US military officials and observers" is one speaker; so are "Bosnia and
  Herzegovina" and "Ministry of Oil and Gas");
- "US President; Iraq's Prime Minister" (the extractor's per-person roles) go to the person
  in the same place;
- "Iraq's anti-terror Kata'ib Hezbollah group" is "Kata'ib Hezbollah": determiners, places'
  possessives, evaluative labels and trailing type nouns ("group", "movement") come off when
  what remains is still a proper name;
- "the group's spokesman" becomes "spokesman of <the latest organisation named before>".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..extraction.attributions.words import NAME_PARTICLES, SUBJ_PRONOUNS, TITLES
from ..extraction.lexicon.organisations import (
    EVALUATIVE_LABELS,
    GROUP_NOUNS,
    LABEL_PREFIXES,
    LABEL_SUFFIXES,
    NAME_CONNECTORS,
    NAMES_WITH_AND,
    NAMES_WITH_ARTICLE,
    PLACE_OWNERS,
    ROLE_OWNERS,
    TYPE_NOUNS,
    is_organisation_name,
    is_organisation_word,
    is_place_name,
)

SpeakerKind = Literal["person", "organisation"]


@dataclass(frozen=True)
class SpeakerGuess:
    name: str
    kind: SpeakerKind
    role: str | None = None


_AND = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_ROLE_OWNER = re.compile(r"(?:(?:the\s+)?([\w-]+)['’]s|its|their)\s+(\S.*)$", re.IGNORECASE)
_DETERMINERS = ("the", "a", "an")


def guess_speakers(
    name: str, role: str | None = None, earlier_organisations: Sequence[str] = ()
) -> list[SpeakerGuess]:
    """The speakers behind one extracted speaker `name` with its `role`; `earlier_organisations`
    are the organisations the article named before, in order, for roles such as "the group's
    spokesman". An empty name or a pronoun gives no speaker."""
    name = " ".join((name or "").split())
    if not name or name.casefold() in SUBJ_PRONOUNS:
        return []
    parts = _parts(name)
    roles = _roles(role, len(parts))
    return [
        SpeakerGuess(clean_name(part), _kind(part), _resolved(r, earlier_organisations))
        for part, r in zip(parts, roles, strict=True)
    ]


def clean_name(name: str) -> str:
    """`name` without the labels an outlet put around it, when what remains is a proper name;
    else without a leading determiner when a capitalised word follows; else as it is."""
    words = name.split()
    bare = _trailing_off(_leading_off(words))
    if bare and _is_name(bare):
        return " ".join(bare)
    if _owns_article(name) or words[0].lower() not in _DETERMINERS or len(words) < 2:
        return name
    return " ".join(words[1:]) if words[1][:1].isupper() else name


def _parts(name: str) -> list[str]:
    """The speakers a name joins with "and": each part must be a proper name of its own."""
    low = name.casefold()
    if " and " not in low or any(phrase in low for phrase in NAMES_WITH_AND):
        return [name]
    parts = [p for p in _AND.split(name) if p]
    cleaned = [clean_name(p) for p in parts]
    if len({c.casefold() for c in cleaned}) < len(cleaned):  # "Johnson and Johnson"
        return [name]
    if not all(_is_name(c.split()) for c in cleaned):
        return [name]
    for left, right, raw in zip(cleaned, cleaned[1:], parts[1:], strict=False):
        if " of " in left and not _stands_alone(right, raw):
            return [name]  # "Ministry of Oil and Gas": "Gas" is part of the ministry
    return parts


def _stands_alone(part: str, raw: str) -> bool:
    """After "X of Y and", a part that is a speaker of its own rather than the end of the
    first name: one with a determiner ("the Treasury"), a place, another "X of Y", or a
    person's full name."""
    words = part.split()
    if raw.split()[0].lower() in _DETERMINERS or is_place_name(part) or " of " in part:
        return True
    return len(words) >= 2 and not any(is_organisation_word(w) for w in words)


def _kind(part: str) -> SpeakerKind:
    """Decided on the name as the outlet wrote it: its type noun ("group") tells."""
    if is_organisation_name(part) or is_organisation_name(clean_name(part)):
        return "organisation"
    return "person"


def _leading_off(words: list[str]) -> list[str]:
    """Determiners, places' possessives ("Iraq's", "the country's") and labels ("anti-terror",
    "Iran-backed") taken off the front."""
    words = list(words)
    while words:
        n = _leading_label(words)
        if not n:
            return words
        words = words[n:]
    return words


def _leading_label(words: list[str]) -> int:
    """How many words at the front are a determiner, a place's possessive or a label."""
    first = words[0]
    if first.lower() in _DETERMINERS and not _owns_article(" ".join(words)):
        return 1
    for k in (1, 2, 3):
        owner = words[:k]
        if len(owner) == k < len(words) and _POSSESSIVE.search(owner[-1]):
            place = _POSSESSIVE.sub("", " ".join(owner))
            if is_place_name(place) or (k == 1 and place.lower() in PLACE_OWNERS):
                return k
    return 1 if _is_label(first) and len(words) > 1 else 0


def _trailing_off(words: list[str]) -> list[str]:
    """Type nouns ("group") and labels ("terrorist") taken off the end, in lower case only."""
    words = list(words)
    while len(words) > 1 and (words[-1] in TYPE_NOUNS or words[-1] in EVALUATIVE_LABELS):
        words.pop()
    return words


def _is_label(word: str) -> bool:
    """An evaluative or allegiance label in lower case, or an "X-backed"-style compound."""
    low = word.lower()
    if word in EVALUATIVE_LABELS or (word.startswith(LABEL_PREFIXES) and word == low):
        return True
    return low.endswith(LABEL_SUFFIXES)


def _owns_article(name: str) -> bool:
    low = name.casefold()
    return any(low == p or low.startswith(p + " ") for p in NAMES_WITH_ARTICLE)


def _is_name(words: list[str]) -> bool:
    """A proper name: capitalised words (name particles such as "al-" allowed), with
    connectors such as "of" only inside, not a bare title, and no label left in it."""
    if not words or len(words) > 7:
        return False
    if words[0].lower() in NAME_CONNECTORS - NAME_PARTICLES or words[-1].lower() in NAME_CONNECTORS:
        return False
    if words[-1].lower().strip(".,") in TITLES:  # "Crown Prince" is a title, no name
        return False
    return all(_name_word(w) or w in NAME_CONNECTORS for w in words) and not any(
        _is_label(w) for w in words
    )


def _name_word(word: str) -> bool:
    core = word.strip(".,")
    if not core:
        return False
    if core[0].isupper() or core[0].isdigit():
        return True
    head = core.split("-")[0].lower()
    return (head in NAME_PARTICLES and "-" in core) or core.lower() in NAME_PARTICLES


def _roles(role: str | None, n: int) -> list[str | None]:
    """One role per speaker: the extractor joins per-person roles with "; ". A count that
    does not match says nothing of who holds which, so no one gets one."""
    if not role or not role.strip():
        return [None] * n
    if n == 1:
        return [role.strip()]
    roles = [r.strip() or None for r in role.split(";")]
    return roles if len(roles) == n else [None] * n


def _resolved(role: str | None, earlier: Sequence[str]) -> str | None:
    """ "the group's spokesman" -> "spokesman of <owner>", when an earlier organisation can be
    the owner; any other role as it is."""
    m = _ROLE_OWNER.match(role or "")
    if m is None or (m.group(1) and m.group(1).lower() not in ROLE_OWNERS):
        return role
    owner = _owner((m.group(1) or "").lower(), earlier)
    return f"{m.group(2)} of {owner}" if owner else role


def _owner(noun: str, earlier: Sequence[str]) -> str | None:
    """The organisation "the <noun>'s" points back to: the latest one named that is not a
    place (a capital is no group). Group, movement and militia are used interchangeably for
    one organisation, so any will do; a ministry, party or agency must be called one."""
    named = [n for n in reversed(earlier) if n.strip() and not is_place_name(clean_name(n))]
    if noun and noun not in GROUP_NOUNS:
        named = [n for n in named if noun in n.lower().replace("’", "'").split()]
    return clean_name(named[0]) if named else None

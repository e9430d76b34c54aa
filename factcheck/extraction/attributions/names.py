"""Speaker names: roles and titles kept apart, short names resolved to the fullest form, and
pronouns to the latest person or group."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator

from ..lexicon.organisations import ORGANISATION_WORDS
from .words import HONORIFICS, NAME_PARTICLES, PERSON_PRONOUNS, SUBJ_PRONOUNS, TITLES

_LINE = re.compile(r"[^\n]+")
_HONORIFIC_NAME = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?[ \u00a0]+([A-Z][\w’'\-]+)")
_CAP_RUN = re.compile(
    r"(?<![\w’'])(?:(?:[A-Z][\w’'\-]*\.?|(?:al|el|bin|ibn|abu|de|del|van|von|da|di|du|la|le)"
    r"(?:-[A-Z][\w’'\-]*)?)[ \u00a0])*(?:[A-Z]|(?:al|el)-[A-Z])[\w’'\-]*"
)


def _words(s: str) -> list[str]:
    return s.replace("\u00a0", " ").split()


def _norm(w: str) -> str:
    w = w.strip(".,;:").lower()
    for suffix in ("’s", "'s", "’", "'"):
        if w.endswith(suffix):
            w = w[: -len(suffix)]
    for p in ("al-", "el-", "bin-", "abu-"):
        if w.startswith(p) and len(w) > len(p) + 1:
            w = w[len(p) :]
    return w


def _is_title(w: str) -> bool:
    return w.strip(".,").lower() in TITLES or w.strip(".,").lower() in HONORIFICS


def _looks_name(w: str) -> bool:
    core = w.strip(".,")
    if not core:
        return False
    if core[0].isupper():
        return True
    head = core.split("-")[0].lower()
    return (head in NAME_PARTICLES and "-" in core) or core.lower() in NAME_PARTICLES


def split_name(phrase: str) -> tuple[str, str | None]:
    """Split 'Pentagon spokesman John Kirby' into ('John Kirby', 'Pentagon spokesman')."""
    ws = _words(phrase)
    if not ws:
        return phrase, None
    # The name is the longest run of name-like words at the end that are not titles.
    k = len(ws)
    while (
        k > 0 and _looks_name(ws[k - 1]) and not _is_title(ws[k - 1]) and not _possessive(ws[k - 1])
    ):
        k -= 1
    if k == len(ws):
        return phrase, None
    name_ws = ws[k:]
    while (
        name_ws
        and name_ws[0].lower() in NAME_PARTICLES
        and len(name_ws) > 1
        and "-" not in name_ws[0]
    ):
        name_ws = name_ws[1:]
    role_ws = ws[:k]
    if role_ws and role_ws[-1].strip(".").lower() in HONORIFICS:
        name_ws = [role_ws[-1], *name_ws]
        role_ws = role_ws[:-1]
    if not role_ws:
        return " ".join(name_ws), None
    if not any(_is_title(w) for w in role_ws):
        return phrase, None
    if role_ws[0].lower() in ("a", "an", "the") and any(
        w in ("by", "from", "in", "at", "with", "for") for w in role_ws
    ):
        return phrase, None  # "A study by professor Jane Roe": the study speaks, not the professor
    return " ".join(name_ws), " ".join(role_ws)


def _full_names(text: str) -> Iterator[str]:
    """Every mention of a name of two to five words, without titles, possessive owners
    ("Iraq's Prime Minister ...") or honorifics before it, outside Title Case headlines."""
    skip = [(m.start(), m.end()) for m in _LINE.finditer(text) if _title_case(m.group())]
    skip_starts = [a for a, _ in skip]
    for m in _CAP_RUN.finditer(text):
        n = bisect.bisect_right(skip_starts, m.start()) - 1
        if n >= 0 and m.start() < skip[n][1]:
            continue
        ws = _words(m.group())
        cut = 0
        for i, w in enumerate(ws[:-1]):
            if _is_title(w) or _possessive(w):
                cut = i + 1
        ws = ws[cut:]
        if len(ws) < 2 or len(ws) > 5 or _possessive(ws[-1]):
            continue
        if any(_norm(w) in ORGANISATION_WORDS for w in ws) or ws[0].lower() in ("the", "a", "an"):
            continue
        yield " ".join(ws)


def _fullest(names: Iterable[str]) -> dict[str, str]:
    """For each last word, its most frequent full name (the longest among equals)."""
    counts: dict[str, Counter[str]] = {}
    for name in names:
        counts.setdefault(_norm(_words(name)[-1]), Counter())[name] += 1
    return {key: max(c, key=lambda n: (c[n], len(_words(n)))) for key, c in counts.items()}


def _title_case(line: str) -> bool:
    """A headline in Title Case, whose capitals say nothing about names."""
    ws = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    return len(ws) >= 3 and sum(w[0].isupper() for w in ws) >= 0.8 * len(ws)


def _possessive(w: str) -> bool:
    return w.endswith(("’s", "'s", "s’", "s'"))


def is_proper_name(phrase: str) -> bool:
    """True if every word is capitalised (or a name particle) and it is not a title or pronoun."""
    ws = _words(phrase)
    if not ws or len(ws) > 6:
        return False
    if all(_is_title(w) for w in ws):
        return False
    return all(_looks_name(w) for w in ws) and ws[0].lower() not in ("the", "a", "an")


def is_person_like(name: str) -> bool:
    """A proper name that is probably a person rather than an organisation."""
    ws = _words(name)
    if not ws or not is_proper_name(name):
        return False
    if any(_norm(w) in ORGANISATION_WORDS for w in ws):
        return False
    return not (len(ws) == 1 and ws[0].isupper() and len(ws[0]) <= 5)


class NameIndex:
    """Full names found in a text, keyed by their last word, and the genders that its
    honorifics give ("Mr. Obama", "Mrs. Clinton")."""

    def __init__(self, text: str) -> None:
        self.full = _fullest(_full_names(text))
        self.gender: dict[str, str] = {}
        for m in _HONORIFIC_NAME.finditer(text):
            self.gender.setdefault(_norm(m.group(2)), "m" if m.group(1) == "Mr" else "f")

    def gender_of(self, name: str) -> str | None:
        """'m' or 'f' when the text calls this person Mr. or Mrs./Ms., else None."""
        ws = _words(name)
        return self.gender.get(_norm(ws[-1])) if ws else None

    def resolve(self, name: str) -> str:
        """The fullest form of a short name ('Kirby' -> 'John Kirby'); names pass through."""
        ws = _words(name)
        if not ws:
            return name
        core = [w for w in ws if w.strip(".").lower() not in HONORIFICS]
        if not core or len(core) > 2:
            return name
        full = self.full.get(_norm(core[-1]))
        if not full:
            return name
        if len(core) == 2 and _norm(core[0]) != _norm(_words(full)[0]):
            return name
        return full if len(_words(full)) > len(core) else name


_BRACKETS = re.compile(r"\s*\([^)]*\)")
_COMMA = re.compile(r",\s*")
_AND = re.compile(r"\s+and\s+")


def name_and_role(phrase: str) -> tuple[str, str | None]:
    """Name and role from a speaker phrase, appositives ('Peter Grant, an economist') and pairs
    ('French President Paul Martin and Prime Minister Luca Rossi') included."""
    phrase = _BRACKETS.sub("", phrase).strip(" ,")
    parts = [p.strip() for p in _COMMA.split(phrase) if p.strip()]
    if len(parts) >= 2:
        found = _name_with_appositive(parts)
        if found is not None:
            return found
        parts = parts[:1]
    pair = _AND.split(parts[0]) if parts else [phrase]
    if len(pair) == 2 and all(is_proper_name(split_name(c)[0]) for c in pair):
        names = [split_name(c) for c in pair]
        roles = [r for _, r in names if r]
        return " and ".join(n for n, _ in names), "; ".join(roles) or None
    return split_name(parts[0] if parts else phrase)


def _name_with_appositive(parts: list[str]) -> tuple[str, str | None] | None:
    """The first comma-separated part that is a name, with its title and the first other part
    that can be a role (ages, places and relative clauses are not)."""
    names = [
        p
        for p in parts
        if is_proper_name(split_name(p)[0]) and not p.lower().startswith(("who", "whose", "which"))
    ]
    if not names:
        return None
    name, inner_role = split_name(names[0])
    others = [
        p
        for p in parts
        if p is not names[0]
        and len(p.split()) > 1
        and not p[0].isdigit()
        and not p.lower().startswith(("who", "whose", "which", "of ", "from ", "in "))
    ]
    roles = ([inner_role] if inner_role else []) + others[:1]
    return name, ", ".join(roles) or None


class SpeakerResolver:
    """Resolves speakers in text order: short names to the fullest name in the text, 'he' and
    'she' to the latest person of that gender (of the last eight), 'they' to the latest group
    with a plural name and 'it' to the latest with a singular one."""

    def __init__(self, names: NameIndex) -> None:
        self.names = names
        self.persons: list[tuple[str, str | None]] = []
        self.last_group: str | None = None

    def resolve(self, speaker: str, speaker_text: str) -> tuple[str, str | None]:
        """The name and role of a speaker found as `speaker` (an antecedent, or the words as
        written) in `speaker_text`."""
        name, role = name_and_role(speaker_text if speaker in speaker_text else speaker)
        low = name.lower()
        group = self.last_group
        if low in PERSON_PRONOUNS:
            name = self._latest_person("m" if low in ("he", "him") else "f") or name
        elif (low == "they" and group and group.split()[-1].lower().endswith("s")) or (
            low == "it" and group and not group.split()[-1].lower().endswith("s")
        ):
            name = group
        elif low not in SUBJ_PRONOUNS:
            name = self.names.resolve(name)
            if is_person_like(name):
                self.persons.append((name, self.names.gender_of(name)))
            else:
                self.last_group = name
        return name, role

    def _latest_person(self, gender: str) -> str | None:
        for person, known in reversed(self.persons[-8:]):
            if known in (None, gender):
                return person
        return None

"""The unit after a number: unit tables compiled into small per-character patterns, and lookups."""

from __future__ import annotations

import re

from ..lexicon.units import UNIT_GLUED, UNIT_SYMBOLS, UNIT_WORDS

UnitTable = tuple[tuple[str, str | None], ...]


def _alternation(table: UnitTable) -> str:
    """The table's spellings as one alternation of groups named u0, u1, ... in table order."""
    return "|".join(f"(?P<u{i}>{pattern})" for i, (pattern, _name) in enumerate(table))


def _top_level_split(pattern: str) -> list[str]:
    """The alternatives of `pattern` that are not inside a group or a character class."""
    parts, depth, in_class, cur, i = [], 0, False, "", 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            cur += pattern[i : i + 2]
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(cur)
            cur = ""
            i += 1
            continue
        cur += ch
        i += 1
    return [*parts, cur]


def _group_first_chars(alt: str) -> set[str] | None:
    """First characters of an alternative that opens with a group: "(?:kilo|mega)?hertz"."""
    body = alt[3:] if alt.startswith("(?:") else alt[1:]
    depth, k = 1, 0
    while k < len(body) and depth:
        depth += {"(": 1, ")": -1}.get(body[k], 0)
        k += 1
    if body[k : k + 1] in ("?", "*"):
        return None
    return _first_chars(body[: k - 1])


def _first_chars(pattern: str) -> set[str] | None:
    """Characters a unit pattern can start with, or None when that is not simple to tell."""
    out: set[str] = set()
    for alt in _top_level_split(pattern):
        if alt.startswith("("):
            sub = _group_first_chars(alt)
            if sub is None:
                return None
            out |= sub
        elif alt.startswith("["):
            out |= set(alt[1 : alt.index("]")])
        elif alt.startswith("\\"):
            out.add(alt[1])
        elif alt:
            if alt[1:2] in ("?", "*"):
                return None
            out.add(alt[0])
        else:
            return None
    return out


def _buckets(table: UnitTable, fold: bool, prefix: str, suffix: str) -> dict[str, re.Pattern[str]]:
    """One small regex per first character, so a lookup tries only the units that could match."""
    by_char: dict[str, list[str]] = {}
    anywhere: list[str] = []
    for i, (pattern, _name) in enumerate(table):
        part = f"(?P<u{i}>{pattern})"
        chars = _first_chars(pattern)
        if chars is None:
            anywhere.append(part)
            continue
        for ch in chars:
            for key in {ch.lower(), ch.upper()} if fold else {ch}:
                by_char.setdefault(key, []).append(part)
    flags = "(?i:" if fold else "(?:"
    return {
        ch: re.compile(rf"{prefix}{flags}{'|'.join(parts + anywhere)}){suffix}")
        for ch, parts in by_char.items()
    }


_WORD_NAMES = [name for _pattern, name in UNIT_WORDS]
_SYMBOL_NAMES = [name for _pattern, name in UNIT_SYMBOLS]
_GLUED_NAMES = [name for _pattern, name in UNIT_GLUED]
# A unit after the number: optional space or hyphen, then the unit, then no letter or digit.
_BEFORE = r"[ \t\u00a0-]?"
_WORD_END = r"(?![A-Za-z0-9])"
# Symbols such as "%" may be followed by a hyphen ("98.6%-owned"); letters may not.
_SYMBOL_END = r"(?:(?<=[^A-Za-z0-9])|(?![A-Za-z0-9²'’$-]))"
_WORD_RE = re.compile(rf"{_BEFORE}(?i:{_alternation(UNIT_WORDS)}){_WORD_END}")
_GLUED_RE = re.compile(rf"(?:{_alternation(UNIT_GLUED)})(?![A-Za-z0-9'’-])")
_LOOKUPS = (
    (_buckets(UNIT_SYMBOLS, False, _BEFORE, _SYMBOL_END), _SYMBOL_NAMES),
    (_buckets(UNIT_WORDS, True, _BEFORE, _WORD_END), _WORD_NAMES),
)
# Characters no unit starts with: the lookup gives up at once.
_NO_UNIT = frozenset(' \t\n,.;:()[]"“”‘!?-–—/&')


def unit_at(text: str, pos: int) -> tuple[str | None, int]:
    """The unit that starts at `pos` (after optional space or hyphen) and where it ends."""
    best: tuple[str | None, int] = (None, pos)
    k = pos + 1 if text[pos : pos + 1] in (" ", "\t", "\u00a0", "-") else pos
    ch = text[k : k + 1]
    if not ch or ch.isdigit() or ch in _NO_UNIT:
        return best
    for buckets, names in _LOOKUPS:
        rx = buckets.get(ch)
        if rx is None:
            continue
        um = rx.match(text, pos)
        if um and um.end() > best[1]:
            group = um.lastgroup or ""
            best = (names[int(group[1:])] or um.group(group), um.end())
    if best[0] is None:
        um = _GLUED_RE.match(text, pos)
        if um:
            best = (_GLUED_NAMES[int((um.lastgroup or "")[1:])], um.end())
    # A lone "m" is metres: "37m long" (millions were taken before this is asked).
    if best[0] is None and text.startswith("m", pos) and not text[pos + 1 : pos + 2].isalpha():
        best = ("metre", pos + 1)
    return best


def currency_word(phrase: str) -> str | None:
    """The ISO code when the whole of `phrase` names a currency ("Australian dollars")."""
    um = _WORD_RE.fullmatch(phrase)
    if um:
        name = _WORD_NAMES[int((um.lastgroup or "")[1:])]
        if name and name.isupper():
            return name
    return None

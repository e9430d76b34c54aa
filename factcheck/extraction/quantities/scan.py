"""The scan over the text: where numbers may start, phone numbers to skip, and the results."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..lexicon.numbers import FRACTIONS, SMALL, VULGAR_FRACTIONS
from ..types import Quantity
from .digits import parse_digits
from .lexicon import NUMBER_WORDS
from .mention import Mention
from .ranges import mark_ranges, range_quantities
from .words import (
    MULTIPLIER_ALTERNATION,
    NUMBER_WORD_ALTERNATION,
    parse_fraction,
    parse_vague,
    parse_vulgar_fraction,
    parse_words,
)

_VULGAR = "".join(VULGAR_FRACTIONS)
_FRACTION_ALTERNATION = "|".join(sorted(FRACTIONS, key=len, reverse=True))
_NUMERATORS = "|".join(["an", "a", *(w for w, n in SMALL.items() if n <= 10)])
# Letters a number word, a numerator or a vague amount ("several hundred") starts with.
_FIRST_LETTERS = "".join(sorted({w[0] for w in (*NUMBER_WORDS, "a", "half", "several", "many")}))
_START = re.compile(
    # The lookahead lets the scanner skip most positions cheaply: a digit, a fraction sign or
    # a word starting with a letter some number word starts with.
    rf"(?=\d|\.\d|[{_VULGAR}]|\b[{_FIRST_LETTERS}{_FIRST_LETTERS.upper()}])"
    r"(?:(?P<num>(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|(?<![\w.,])\.\d+)"
    rf"|(?P<vul>[{_VULGAR}])"
    rf"|(?P<frac>(?i:\b(?:{_NUMERATORS})[ \t\u00a0-]+(?:{_FRACTION_ALTERNATION})\b))"
    r"|(?P<vague>(?i:\b(?:tens\s+of\s+(?:thousands|millions|billions)"
    r"|hundreds\s+of\s+(?:thousands|millions)|dozens|hundreds|thousands|millions|billions"
    r"|trillions|(?:several|a\s+few|a\s+couple(?:\s+of)?|many)\s+"
    r"(?:dozen|hundred|thousand|million|billion)s?)\b))"
    rf"|(?P<word>(?i:\b(?:{NUMBER_WORD_ALTERNATION}"
    rf"|a(?=[ \t\u00a0]+(?:{MULTIPLIER_ALTERNATION})\b)|half)\b)))"
)
_PARSERS: dict[str | None, Callable[[str, re.Match[str]], Mention | None]] = {
    "num": parse_digits,
    "word": parse_words,
    "frac": parse_fraction,
    "vague": parse_vague,
    "vul": parse_vulgar_fraction,
}
# The leading lookahead only skips, cheaply, positions where no phone number can start.
_PHONE = re.compile(
    r"(?=[+(\d])(?<![\w.])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,5}\)[ .-]?)?\d{2,5}"
    r"(?:[ .-]\d{2,5}){2,4}(?![\w.])"
)
_PHONE_SEPARATOR = re.compile(r"[ .-]")


def find_quantities(text: str, ranges: bool = False) -> list[Quantity]:
    """Return quantity mentions in `text` with value, unit, qualifier and a vague flag."""
    phones = [(p.start(), p.end()) for p in _PHONE.finditer(text) if _is_phone(p.group())]
    mentions: list[Mention] = []
    pos = 0
    pi = 0
    for match in _START.finditer(text):
        if match.start() < pos:
            continue
        while pi < len(phones) and phones[pi][1] <= match.start():
            pi += 1
        if pi < len(phones) and phones[pi][0] <= match.start():
            pos = phones[pi][1]
            continue
        m = _PARSERS[match.lastgroup](text, match)
        if m is None:
            continue
        pos = max(m.num_end, m.end)
        mentions.append(m)
    mark_ranges(text, mentions)
    out = [_quantity(text, m) for m in mentions if not m.rejected and not m.ranged]
    if ranges:
        out.extend(range_quantities(text, mentions))
        out.sort(key=lambda q: q.start)
    return out


def _quantity(text: str, m: Mention) -> Quantity:
    """The reported form of a mention."""
    return Quantity(
        text=text[m.start : m.end],
        start=m.start,
        end=m.end,
        value=None if m.vague else m.value,
        unit=m.unit,
        approximate=m.approximate or m.vague,
        qualifier=m.qualifier,
        vague=m.vague,
    )


def _is_phone(s: str) -> bool:
    """True when digits in groups are a telephone number: "+44 20 7946 0958", "555-123-4567"."""
    digits = sum(ch.isdigit() for ch in s)
    if digits < 7:
        return False
    if s.startswith("+") or "(" in s:
        return True
    groups = _PHONE_SEPARATOR.split(s)
    if set(_PHONE_SEPARATOR.findall(s)) == {" "}:
        return digits >= 9 and groups[0].startswith("0")
    return len(groups) >= 3 and len(groups[-1]) >= 3

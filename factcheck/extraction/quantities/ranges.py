"""Ranges: "10 to 15", "between 5% and 6%", "from $1m to $2m", "3-4", "three or four"."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from ..types import Quantity
from .mention import Mention

_JOIN = re.compile(r"(?i:\s*(?:-|–|—|‑|to-?|through|or|and)\s*)")
_TO_AT_END = re.compile(r"(?i:\bto[ \t\u00a0]*)$")
_SENTENCE_END = re.compile(r"[.;!?](?!\d)")
_TO_WORDS = frozenset(("to", "to-", "through"))
# Two numbers further apart than this are never one range.
_MAX_GAP = 60

# A join word between two numbers that does not make them a range; (word, gap, first, second).
JoinRule = Callable[[str, str, Mention, Mention], bool]


def and_without_between(word: str, gap: str, a: Mention, b: Mention) -> bool:
    """ "5 and 6" is a range only after "between"."""
    return word == "and" and a.opener != "between"


def change_then_level(word: str, gap: str, a: Mention, b: Mention) -> bool:
    """ "fell 2.3 points to 1,204": a change, then the new level."""
    return (
        word in ("to", "to-", "through") and a.opener != "from" and a.after_change and bool(a.unit)
    )


def different_units(word: str, gap: str, a: Mention, b: Mention) -> bool:
    """ "2.5 hours to 50,000 fans": two amounts of different things."""
    return word in _TO_WORDS and a.opener != "from" and bool(a.unit and b.unit) and a.unit != b.unit


def spaced_hyphen(word: str, gap: str, a: Mention, b: Mention) -> bool:
    """ "goal - from 30 yards": a spaced hyphen is punctuation unless "from" or "between"."""
    return word in ("-", "‑") and gap != word and a.opener is None


NO_RANGE_JOINS: tuple[JoinRule, ...] = (
    and_without_between,
    change_then_level,
    different_units,
    spaced_hyphen,
)


def mark_ranges(text: str, mentions: list[Mention]) -> None:
    """Mark both ends of each range among `mentions` (in text order) as `ranged`."""
    live = [m for m in mentions if not m.rejected or m.ranged]
    for a, b in pairwise(live):
        if a.kind == "vague" or b.kind == "vague" or a.end > b.start:
            continue
        gap = text[a.end : b.start]
        if len(gap) > _MAX_GAP:
            continue
        if _JOIN.fullmatch(gap):
            word = gap.strip().lower()
            if not any(rule(word, gap, a, b) for rule in NO_RANGE_JOINS):
                a.ranged = b.ranged = True
        elif a.opener == "from" and _TO_AT_END.search(gap) and not _SENTENCE_END.search(gap):
            a.ranged = b.ranged = True  # "from 5 in 2019 to 7"


def range_quantities(text: str, mentions: list[Mention]) -> list[Quantity]:
    """One item per run of range-marked numbers, value None, with its low and high ends."""
    out = []
    run: list[Mention] = []
    for m in [m for m in mentions if m.ranged]:
        if run and m.start - run[-1].end <= _MAX_GAP:
            run.append(m)
            continue
        if len(run) >= 2:
            out.append(_range_quantity(text, run[0], run[-1]))
        run = [m]
    if len(run) >= 2:
        out.append(_range_quantity(text, run[0], run[-1]))
    return out


def _range_quantity(text: str, lo: Mention, hi: Mention) -> Quantity:
    """The range from `lo` to `hi`; "33-35 billion" gives the low end the high end's scale."""
    low = lo.value
    if lo.scale == 1 < hi.scale and low < hi.value / hi.scale * 10:
        low *= hi.scale  # "33-35 billion", "$3 to $5 billion"
    return Quantity(
        text=text[lo.start : hi.end],
        start=lo.start,
        end=hi.end,
        value=None,
        low=low,
        high=hi.value,
        unit=hi.unit or lo.unit,
        approximate=False,
        qualifier=lo.qualifier,
        vague=False,
        is_range=True,
    )

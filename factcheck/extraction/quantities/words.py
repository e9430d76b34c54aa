"""Numbers in words: "twenty-five", "two dozen", "a million", "half of", "a third", "thousands"."""

from __future__ import annotations

import re

from ..lexicon.numbers import FRACTIONS, SCALES, SMALL, TENS, UNITS, VULGAR_FRACTIONS
from .following import attach_what_follows
from .lexicon import HALF_PART_LEADS, MULTIPLIERS, NUMBER_WORDS
from .mention import Mention
from .nearby import prev_word, read_left_context
from .units import unit_at
from .word_rules import apply_word_rules

NUMBER_WORD_ALTERNATION = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
MULTIPLIER_ALTERNATION = "|".join(MULTIPLIERS)
_NEXT_NUMBER_WORD = re.compile(
    rf"(?i:(?:[ \t\u00a0]+|-)(?:(and)[ \t\u00a0]+)?({NUMBER_WORD_ALTERNATION}|a\s+half)\b)"
)
_BAKERS = re.compile(r"(?i:baker['’]s\s+)$")
_DIGIT_BEFORE = re.compile(r"\d[ \t\u00a0]*$")
_HALF_SCALE = re.compile(rf"(?i:[ \t\u00a0]+an?[ \t\u00a0]+({MULTIPLIER_ALTERNATION})\b)")
_HALF_NEXT = re.compile(
    r"(?i:[ \t\u00a0]+(?:of|the|a|an|its|their|his|her|our|that|this|those|"
    r"these|my|your)\b)"
)
_ARTICLE_NEXT = re.compile(r"(?i:[ \t\u00a0]+an?)(?=[ \t\u00a0])")
_FRACTION_PARTS = re.compile(r"[ \t\u00a0-]+")
_OF_NEXT = re.compile(r"(?i:[ \t\u00a0]+of\b)")
_SCALE_NEXT = re.compile(rf"(?i:[ \t\u00a0]+({MULTIPLIER_ALTERNATION})\b)")

# Where a run of number words stands: the kind of the last word decides what may follow.
#   small: 1-19 or "twenty-five"; tens: a bare tens word ("twenty", may take "-five");
#   hundred: after "hundred" or "dozen"; scale: after "thousand", "million", ...
_FIRST_WORD: dict[str, tuple[float, str]] = {
    **{w: (float(v), "small") for w, v in SMALL.items()},
    **{w: (float(v), "tens") for w, v in TENS.items()},
    "dozen": (12.0, "hundred"),
    **{w: (v, "scale") for w, v in SCALES.items()},
    "a": (1.0, "small"),
}


def parse_words(text: str, match: re.Match[str]) -> Mention | None:
    """Spelled numbers: "twenty-five", "two dozen", "a million", "half of"."""
    cs = match.start()
    first = match.group().lower()
    if first == "half":
        return _parse_half(text, match)
    if first == "dozen" and _BAKERS.search(text[max(0, cs - 10) : cs]):
        return None
    if first in SCALES and _DIGIT_BEFORE.search(text[max(0, cs - 3) : cs]):
        return None  # the scale word of a number that was not taken ("#89.7 million")
    value, end = _read_number_words(text, first, match.end())
    m = Mention(cs, end, value, "word")
    attach_what_follows(text, m, allow_units=True)
    read_left_context(text, m)
    apply_word_rules(text, m)
    return m


def _read_number_words(text: str, first: str, pos: int) -> tuple[float, int]:
    """Value and end of a run of number words: "one hundred and twenty thousand"."""
    total = 0.0
    cur, kind = _FIRST_WORD.get(first, (0.0, ""))
    while wm := _NEXT_NUMBER_WORD.match(text, pos):
        joined, word = wm.group(1), wm.group(2).lower()
        if word[0] == "a":  # "two and a half"
            if kind != "small" or not joined:
                break
            cur += 0.5
        elif kind == "tens" and word in UNITS and not joined:
            cur += SMALL[word]  # "twenty-five"
            kind = "small"
        elif _ends_number(kind, word, joined):
            break
        elif word in SMALL:
            cur += SMALL[word]
            kind = "tens" if word in TENS else "small"
        elif word in ("hundred", "dozen"):
            cur = (cur or 1) * MULTIPLIERS[word]
            kind = "hundred"
        else:
            total += (cur or 1) * SCALES[word]
            cur, kind = 0.0, "scale"
        pos = wm.end()
    return total + cur, pos


def _ends_number(kind: str, word: str, joined: str | None) -> bool:
    """True when `word` cannot go on a run of number words whose last word is of `kind`."""
    if joined and (kind not in ("hundred", "scale") or word not in SMALL):
        return True  # "and" only between a hundred or a scale and a small number
    if word in SMALL and kind in ("small", "tens"):
        return True  # "five six", "twenty thirty"
    return word == "hundred" and kind == "hundred"


def _parse_half(text: str, match: re.Match[str]) -> Mention | None:
    """ "half of the staff", "half a million", "by half"; not "the second half" or "half-time"."""
    low = prev_word(text, match.start())
    if low in HALF_PART_LEADS or text[match.end() : match.end() + 1] == "-":
        return None
    m = Mention(match.start(), match.end(), 0.5, "frac")
    pos = match.end()
    sm = _HALF_SCALE.match(text[pos : pos + 20])
    if sm:
        m.value *= MULTIPLIERS[sm.group(1).lower()]  # "half a million"
        pos += sm.end()
    m.num_end = m.end = pos
    read_left_context(text, m)
    if not (sm or _HALF_NEXT.match(text, pos) or m.qualifier or low == "by"):
        return None
    am = _ARTICLE_NEXT.match(text[pos : pos + 4])
    if am and not sm:
        unit, end = unit_at(text, pos + am.end())
        if unit:
            m.unit, m.measured, m.end = unit, True, end  # "half an hour"
            return m
    attach_what_follows(text, m, allow_units=True)
    return m


def parse_fraction(text: str, match: re.Match[str]) -> Mention | None:
    """ "a third of", "two-thirds", "one quarter", "a half dozen"."""
    parts = _FRACTION_PARTS.split(match.group().lower())
    value = _fraction_value(text, match.end(), parts[0], parts[-1])
    if value is None:
        return None
    m = Mention(match.start(), match.end(), value, "frac")
    sm = _SCALE_NEXT.match(text[match.end() : match.end() + 12])
    if sm and FRACTIONS[parts[-1]] == 2:
        m.value *= MULTIPLIERS[sm.group(1).lower()]  # "a half dozen"
        m.kind = "word"
        m.num_end = m.end = match.end() + sm.end()
    read_left_context(text, m)
    attach_what_follows(text, m, allow_units=True)
    return m


def _fraction_value(text: str, end: int, numerator: str, denominator: str) -> float | None:
    """The value of a spelled fraction, or None when the words do not make one: "a third"
    needs "of" after it, "one thirds" and "two third" do not agree, "a quarter" alone is time."""
    den = FRACTIONS[denominator]
    of_next = _OF_NEXT.match(text[end : end + 5])
    plural = denominator.endswith("s") and denominator != "halves"
    if numerator in ("a", "an"):
        half_scale = denominator == "half" and _SCALE_NEXT.match(text[end : end + 12])
        if not of_next and not half_scale:
            return None
        return 1 / den
    num = SMALL.get(numerator, 1)
    if (num == 1) == plural:
        return None
    if denominator in ("quarter", "fourth", "second") and not of_next and num == 1:
        return None
    return num / den


def parse_vague(text: str, match: re.Match[str]) -> Mention:
    """ "thousands of troops", "dozens of", "several hundred": a size without a figure."""
    m = Mention(match.start(), match.end(), 0.0, "vague")
    m.vague = m.approximate = True
    read_left_context(text, m)
    attach_what_follows(text, m, allow_units=False)
    return m


def parse_vulgar_fraction(text: str, match: re.Match[str]) -> Mention:
    """A fraction character on its own: "¾ of the vote"."""
    m = Mention(match.start(), match.end(), VULGAR_FRACTIONS[match.group()], "frac")
    attach_what_follows(text, m, allow_units=True)
    return m

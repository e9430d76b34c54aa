"""Date words: ordinals, number words and spelled years, and how to read them as integers."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..lexicon.calendar import SEASONS, WEEKDAYS
from ..lexicon.numbers import TEENS, TENS, UNITS

WEEKDAY_NUMBERS: dict[str, int] = {day: i for i, day in enumerate(WEEKDAYS)}
SEASON_NAMES: tuple[str, ...] = tuple(SEASONS)


def _number_words() -> dict[str, int]:
    """Counts as "ago" and "in" phrases write them: "twenty-one", "thirty two", "a couple of"."""
    words = {**UNITS, **TEENS, **TENS}
    for tens, t in TENS.items():
        for unit, u in UNITS.items():
            words[f"{tens}-{unit}"] = words[f"{tens} {unit}"] = t + u
    words.update({"a": 1, "an": 1, "a couple of": 2})
    return words


NUMBER_WORDS: dict[str, int] = _number_words()

_UNIT_ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
)
_TEEN_ORDINALS = (
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
)


def _day_ordinals() -> dict[str, int]:
    """Day of the month as an ordinal word: "third", "the twenty-first", "thirty first"."""
    words = {word: n for n, word in enumerate(_UNIT_ORDINALS, start=1)}
    words.update({word: n for n, word in enumerate(_TEEN_ORDINALS, start=10)})
    words["twentieth"] = 20
    words["thirtieth"] = 30
    for n, unit in enumerate(_UNIT_ORDINALS, start=1):
        words[f"twenty-{unit}"] = words[f"twenty {unit}"] = 20 + n
    words["thirty-first"] = words["thirty first"] = 31
    return words


DAY_ORDINALS: dict[str, int] = _day_ordinals()
CENTURY_ORDINALS: dict[str, int] = {word: n for word, n in DAY_ORDINALS.items() if n <= 21}
QUARTER_ORDINALS: dict[str, int] = {
    **{word: n for n, word in enumerate(_UNIT_ORDINALS[:4], start=1)},
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
# "the eighties" -> 8: the decade of a century that a plural tens word names.
DECADE_WORDS: dict[str, int] = {f"{word[:-1]}ies": n // 10 for word, n in TENS.items()}

_SPACES = re.compile(r"\s+")
_SPACES_OR_HYPHENS = re.compile(r"[\s-]+")


def capitalised_alternation(words: Iterable[str]) -> str:
    """Regex alternation of each word capitalised and in upper case (in lower case "may",
    "march" and "august" are ordinary words), longest first so "Sept" is tried before "Sep"."""
    alts = {form for w in words for form in (w.capitalize(), w.upper())}
    return "|".join(sorted(alts, key=lambda w: (-len(w), w)))


def longest_first(words: Iterable[str]) -> str:
    """Regex alternation of the words, longest first so no word hides a longer one."""
    return "|".join(sorted(words, key=len, reverse=True))


def normalised(raw: str | None) -> str:
    """Lower case with single spaces; '' for nothing."""
    return _SPACES.sub(" ", raw.lower()) if raw else ""


def word_number(raw: str) -> int | None:
    """Integer for digits or a number word ('two', 'a couple of'); None for vague words."""
    raw = _SPACES.sub(" ", raw.strip().lower())
    if raw.isdigit():
        return int(raw)
    return NUMBER_WORDS.get(raw)


def year_of(raw: str | None) -> int | None:
    """The year written in digits or words, if any."""
    if not raw:
        return None
    raw = raw.strip()
    if raw.isdigit():
        return int(raw)
    return spelled_year(raw)


def spelled_year(raw: str) -> int | None:
    """Year for 'nineteen ninety-six', 'nineteen oh five' or 'two thousand and one'."""
    words = _SPACES_OR_HYPHENS.sub(" ", raw.strip().lower()).split()
    if words[:2] == ["the", "year"]:
        words = words[2:]
    elif words[:1] == ["year"]:
        words = words[1:]
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + (word_number(" ".join(rest)) or 0)
    century = NUMBER_WORDS.get(words[0])
    if century is None or len(words) < 2:
        return None
    return _year_in_century(century, words[1:])


def _year_in_century(century: int, rest: list[str]) -> int | None:
    """'hundred', 'oh five' or 'ninety-six' after the century's words."""
    if rest == ["hundred"]:
        return century * 100
    if rest[0] in ("oh", "o"):
        rest = rest[1:]
    n = word_number(" ".join(rest))
    return None if n is None else century * 100 + n

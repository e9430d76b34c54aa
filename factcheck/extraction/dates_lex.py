"""Word lists for dates: month, weekday, season and number words."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}

WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

# Season -> (first month, last month), northern hemisphere as in TimeML.
SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "fall": (9, 11),
    "autumn": (9, 11),
    "winter": (12, 2),
}

_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}

NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS, start=1)}
NUMBER_WORDS.update({w: i for i, w in enumerate(_TEENS, start=10)})
NUMBER_WORDS.update(_TENS)
for _t, _v in list(_TENS.items()):
    for _i, _u in enumerate(_UNITS, start=1):
        NUMBER_WORDS[f"{_t}-{_u}"] = _v + _i
        NUMBER_WORDS[f"{_t} {_u}"] = _v + _i
NUMBER_WORDS.update({"a": 1, "an": 1, "a couple of": 2})

_ORD_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_ORD_TEENS = [
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
]
DAY_ORD: dict[str, int] = {w: i for i, w in enumerate(_ORD_UNITS, start=1)}
DAY_ORD.update({w: i for i, w in enumerate(_ORD_TEENS, start=10)})
DAY_ORD["twentieth"] = 20
DAY_ORD["thirtieth"] = 30
for _i, _u in enumerate(_ORD_UNITS, start=1):
    DAY_ORD[f"twenty-{_u}"] = 20 + _i
    DAY_ORD[f"twenty {_u}"] = 20 + _i
DAY_ORD["thirty-first"] = DAY_ORD["thirty first"] = 31

CENTURY_ORD = {w: n for w, n in DAY_ORD.items() if n <= 21}

ORDINAL_NUM = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}


def cap_alt(words: list[str]) -> str:
    """Regex alternation of each word capitalised and in upper case, longest first."""
    alts = {w.capitalize() for w in words} | {w.upper() for w in words}
    return "|".join(sorted(alts, key=len, reverse=True))


def word_number(raw: str) -> int | None:
    """Integer for digits or a number word ('two', 'a couple of'); None for vague words."""
    raw = re.sub(r"\s+", " ", raw.strip().lower())
    if raw.isdigit():
        return int(raw)
    return NUMBER_WORDS.get(raw)


def spelled_year(raw: str) -> int | None:
    """Year for 'nineteen ninety-six', 'nineteen oh five' or 'two thousand and one'."""
    words = re.sub(r"[\s-]+", " ", raw.strip().lower()).split()
    if words[:2] == ["the", "year"]:
        words = words[2:]
    elif words[:1] == ["year"]:
        words = words[1:]
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + (word_number(" ".join(rest)) or 0 if rest else 0)
    century = NUMBER_WORDS.get(words[0])
    if century is None or len(words) < 2:
        return None
    rest = words[1:]
    if rest == ["hundred"]:
        return century * 100
    if rest[0] in ("oh", "o"):
        rest = rest[1:]
    n = word_number(" ".join(rest))
    return None if n is None else century * 100 + n


_FIXED_HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's": (1, 1),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "valentine's day": (2, 14),
    "halloween": (10, 31),
    "boxing day": (12, 26),
}


def _easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    wk = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * wk) // 451
    month = (h + wk - 7 * m + 114) // 31
    day = (h + wk - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def holiday_date(name: str, year: int) -> dt.date | None:
    """Date of a named holiday in `year` (fixed-date ones, Easter, US Thanksgiving)."""
    name = name.lower()
    if name in _FIXED_HOLIDAYS:
        return dt.date(year, *_FIXED_HOLIDAYS[name])
    if name.startswith("easter"):
        return _easter(year)
    if name.startswith("thanksgiving"):
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    return None

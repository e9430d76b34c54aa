"""Quantities: numbers in digits or words with their unit and qualifiers."""
from __future__ import annotations

import re

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30,
          "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12}
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6,
          "k": 1e3}
_QUALIFIER = r"(?P<qual>nearly|almost|about|around|approximately|roughly|some|over|more than|" \
             r"less than|fewer than|at least|up to|as many as)\s+"
_NUMBER = re.compile(
    rf"(?:{_QUALIFIER})?(?P<cur>[$£€])?(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    rf"(?:{'|'.join(_WORDS)}))(?:\s*(?P<scale>thousand|million|billion|trillion|bn|m|k)\b)?"
    r"(?P<pct>\s?(?:%|percent|per cent))?"
    r"(?:\s+(?P<unit>(?:[A-Za-z-]+\s+){0,1}[A-Za-z-]+))?",
    re.IGNORECASE)
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_APPROX = {"nearly", "almost", "about", "around", "approximately", "roughly", "some"}


def find_quantities(text: str) -> list[dict]:
    """Return quantity mentions in `text` with value, unit and qualifier."""
    out = []
    for m in _NUMBER.finditer(text):
        raw = m.group("num")
        if raw.isdigit() and _YEAR.match(raw) and not m.group("scale"):
            continue
        if m.start("num") > 0 and text[m.start("num") - 1].isalpha():
            continue
        word = raw.lower()
        value = float(_WORDS[word]) if word in _WORDS else float(raw.replace(",", ""))
        if m.group("scale"):
            value *= _SCALE[m.group("scale").lower()]
        qual = (m.group("qual") or "").lower() or None
        unit = "percent" if m.group("pct") else (m.group("unit") or "").lower() or None
        if m.group("cur"):
            unit = {"$": "USD", "£": "GBP", "€": "EUR"}[m.group("cur")]
        end = m.end("unit") if m.group("unit") and not m.group("pct") else m.end("pct") \
            if m.group("pct") else m.end("scale") if m.group("scale") else m.end("num")
        out.append({"text": text[m.start():end], "start": m.start(), "end": end, "value": value,
                    "unit": unit, "approximate": qual in _APPROX if qual else False,
                    "qualifier": qual})
    return out

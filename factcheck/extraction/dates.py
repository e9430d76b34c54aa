"""Dates: absolute and relative expressions normalised to ISO values (TimeML granularity)."""
from __future__ import annotations

import datetime as dt
import re

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_MON = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|" \
       r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_DATE = re.compile(
    rf"\b{_MON}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\b"
    rf"|\b(?:in\s+)?{_MON.replace('mon', 'mon2')}(?:\s+(?P<year2>\d{{4}}))?\b"
    r"|\b(?P<year3>(?:19|20)\d\d)\b")


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    for full, num in MONTHS.items():
        if full.startswith(key[:3]):
            return num
    raise KeyError(name)


def find_dates(text: str, published: dt.date | None = None) -> list[dict]:
    """Return date mentions with ISO values resolved against `published` where relative."""
    out = []
    for m in _DATE.finditer(text):
        if m.group("mon"):
            month, day = _month(m.group("mon")), int(m.group("day"))
            year = int(m.group("year")) if m.group("year") else (published.year if published else None)
            value = f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}"
            relative = not m.group("year")
        elif m.group("mon2"):
            if m.group("mon2").lower().rstrip(".") == "may" and not m.group("year2"):
                continue
            month = _month(m.group("mon2"))
            year = int(m.group("year2")) if m.group("year2") else (published.year if published else None)
            value = f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}"
            relative = not m.group("year2")
        else:
            value, relative = m.group("year3"), False
        start = m.start()
        if text[start:start + 3].lower() == "in ":
            start += 3
        out.append({"text": text[start:m.end()], "start": start, "end": m.end(), "value": value,
                    "relative": relative})
    return out

"""Named holidays and the day each falls on in a given year."""

from __future__ import annotations

import datetime as dt

FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
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


def easter(year: int) -> dt.date:
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


def thanksgiving(year: int) -> dt.date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


def holiday_date(name: str, year: int) -> dt.date | None:
    """Date of a named holiday in `year` (fixed-date ones, Easter, US Thanksgiving)."""
    name = name.lower()
    if name in FIXED_HOLIDAYS:
        return dt.date(year, *FIXED_HOLIDAYS[name])
    if name.startswith("easter"):
        return easter(year)
    if name.startswith("thanksgiving"):
        return thanksgiving(year)
    return None

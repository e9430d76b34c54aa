"""What relative dates count from: the publication date, the latest anchor, the clause's tense."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from .tense import tense

YEAR, MONTH, DAY = 1, 2, 3  # an anchor's granularity; 0 while there is none

_VALUE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
_T = TypeVar("_T")

# A resolver's answer: (value, relative), or None to drop the match. A value of None keeps the
# mention but leaves it unresolved (a relative date with no publication date).
Resolved = tuple[str | None, bool] | None


class Anchor:
    """The latest resolved calendar reference, for 'that year', 'two days later' and the like."""

    __slots__ = ("date", "granularity")

    def __init__(self) -> None:
        self.date: dt.date | None = None
        self.granularity = 0

    def set(self, value: str | None) -> None:
        """Move the anchor to a value that is a year, a month or a day; ignore other values."""
        if not value:
            return
        m = _VALUE.fullmatch(value)
        if not m:
            return
        y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
        self.date = dt.date(y, mo, d)
        self.granularity = DAY if m.group(3) else MONTH if m.group(2) else YEAR

    def day(self) -> dt.date | None:
        """The anchor's date if it names a day."""
        return self.date if self.granularity == DAY else None

    def at_least(self, granularity: int) -> dt.date | None:
        """The anchor's date if it is at least as fine as `granularity`."""
        return self.date if self.granularity >= granularity else None

    def value(self) -> str | None:
        """The anchor as a value at its own granularity: '2020-01-03', '2020-01' or '2020'."""
        d = self.date
        if d is None:
            return None
        if self.granularity == DAY:
            return d.isoformat()
        if self.granularity == MONTH:
            return f"{d.year:04d}-{d.month:02d}"
        return str(d.year)


# A named rule: True if the match is not a date after all.
Rule = Callable[[re.Match[str], "Context"], bool]


class Context:
    """What every resolver reads: the text, its publication date and the running anchor."""

    __slots__ = ("anchor", "published", "text")

    def __init__(self, text: str, published: dt.date | None) -> None:
        self.text = text
        self.published = published
        self.anchor = Anchor()

    def before(self, m: re.Match[str], width: int) -> str:
        """Up to `width` characters of text before the match."""
        return self.text[max(0, m.start() - width) : m.start()]

    def after(self, m: re.Match[str], width: int) -> str:
        """Up to `width` characters of text after the match."""
        return self.text[m.end() : m.end() + width]

    def tense(self, m: re.Match[str], infinitive: bool = True) -> int:
        """The tense of the clause around the match: +1 future, -1 past, 0 unclear."""
        return tense(self.text, m.start(), m.end(), infinitive=infinitive)


def tense_cost(delta: int, tense_sign: int, near: int) -> float:
    """Distance of a candidate from the publication date, weighted against the clause's tense.

    Going against the tense is cheap within `near` units (the tense guess is rough), dear beyond.
    """
    if (tense_sign < 0 and delta > 0) or (tense_sign > 0 and delta < 0):
        return (3 if abs(delta) <= near else 6) * abs(delta) + 1
    if tense_sign == 0 and delta > 0:
        return 1.2 * delta  # news reports more often look back than ahead
    return abs(delta)


def likeliest(
    options: Iterable[_T], distance: Callable[[_T], int], tense_sign: int, near: int
) -> _T:
    """The option nearest the publication date by `tense_cost`; the first of equals wins."""
    return min(options, key=lambda o: tense_cost(distance(o), tense_sign, near))

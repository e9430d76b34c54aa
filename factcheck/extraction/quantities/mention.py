"""A number found in the text while it is being read, before it becomes a `Quantity`."""

from __future__ import annotations

from typing import Literal

# How the number was written: digits, words, a fraction, or a vague amount ("thousands of").
MentionKind = Literal["num", "word", "frac", "vague"]


class Mention:
    """One number with what surrounds it; the parsing steps and rules fill it in.

    `num_start`/`num_end` span the number itself ("1.5 million"); `start`/`end` span the whole
    quantity, qualifier, currency and unit included ("about $1.5 million a year").
    """

    __slots__ = (
        "after_change",
        "approximate",
        "currency",
        "end",
        "kind",
        "measured",
        "num_end",
        "num_start",
        "opener",
        "plain_integer",
        "qualifier",
        "ranged",
        "rejected",
        "scale",
        "scaled",
        "second",
        "start",
        "unit",
        "vague",
        "value",
    )

    start: int
    end: int
    num_start: int
    num_end: int
    # A vague amount ("thousands of") has no figure: 0.0 until it is reported as None.
    value: float
    kind: MentionKind
    # A measurement unit or currency when `measured`, else the counted noun ("troops").
    unit: str | None
    qualifier: str | None
    approximate: bool
    vague: bool
    measured: bool
    # ISO code of a currency written before the number.
    currency: str | None
    # Written as bare digits: no comma, point, fraction or scale ("2011", not "2,011").
    plain_integer: bool
    # The factor of a scale word or multiplier ("billion" -> 1e9), 1.0 without one.
    scale: float
    scaled: bool
    # The second number of "3-4" or "5–10": it belongs to a range.
    second: bool
    # Not a quantity; rejected mentions still tell the scanner where to go on.
    rejected: bool
    # Part of a range ("10 to 15"): reported only as a range.
    ranged: bool
    # Follows a word of change: "rose 5% to $84".
    after_change: bool
    # "from" or "between" shortly before: the start of a range.
    opener: str | None

    def __init__(self, num_start: int, num_end: int, value: float, kind: MentionKind) -> None:
        self.start = self.num_start = num_start
        self.end = self.num_end = num_end
        self.value = value
        self.kind = kind
        self.unit = self.qualifier = self.currency = self.opener = None
        self.approximate = self.vague = self.measured = self.plain_integer = False
        self.scaled = self.second = self.rejected = self.ranged = self.after_change = False
        self.scale = 1.0


def reject(m: Mention, ranged: bool = False) -> Mention:
    """Mark `m` as no quantity (or, with `ranged`, as one end of a range) and return it."""
    m.rejected = True
    m.ranged = ranged
    return m

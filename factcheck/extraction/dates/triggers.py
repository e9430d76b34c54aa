"""Where each pattern may match: windows of text around trigger words.

Every pattern contains one of these trigger words or digit shapes, so each pattern only runs in
windows around the triggers of its own group; most of a long text is never scanned by most
patterns.
"""

from __future__ import annotations

import re

from ..lexicon.calendar import MONTHS, WEEKDAYS
from ..lexicon.numbers import TENS
from .patterns import CENTURY_WORDS, SEASON

_MONTH_STEMS = "|".join(month[:3] for month in MONTHS)
_WEEKDAY_STEMS = "|".join(day[:3] for day in WEEKDAYS)
# "twenty", "the sixties": tens words and their plurals.
_TENS_STEMS = "|".join(word[:-2] for word in TENS)

TRIGGER = re.compile(
    r"\b(?:(?P<yr>year)|(?P<qp>quarter|period)|(?P<wmd>week|month|day)|(?P<dec>decade|\d{3}0'?s\b)"
    rf"|(?P<ago>ago)|(?P<sea>{SEASON})|(?P<half>half)"
    rf"|(?P<mon>{_MONTH_STEMS})|(?P<wd>{_WEEKDAY_STEMS})"
    r"|(?P<dw>yesterday|to(?:day|morrow|night)|morning|afternoon|evening|night|mid-?day)"
    r"|(?P<cent>centur)|(?P<fy>fiscal|fy)|(?P<q>q[1-4]|[1-4]q)"
    rf"|(?P<sp>(?:{_TENS_STEMS})t(?:y|ies)|{CENTURY_WORDS}"
    r"|thousand)"
    r"|(?P<hol>christmas|new year's|valentine|halloween|easter|thanksgiving|boxing day)"
    r"|(?P<clk>\d{1,2}(?::\d\d)?\s?[ap]\.?m\b|noon|midnight)|(?P<then>then))"
    r"|(?P<y>\d{4})|(?P<num>\b\d\d?/\d)|(?P<dec2>'\d0s\b)"
)
KINDS_BY_TRIGGER: dict[str, tuple[str, ...]] = {
    "yr": (
        "relative_unit",
        "units_ago",
        "in_units",
        "year_ago",
        "period_end",
        "current_unit",
        "half_year",
        "quarter",
        "fiscal_year",
        "vague_span",
    ),
    "qp": ("quarter", "relative_unit"),
    "wmd": (
        "relative_unit",
        "units_ago",
        "in_units",
        "period_end",
        "current_unit",
        "vague_span",
        "adjacent_day",
    ),
    "dec": ("decade", "relative_unit", "units_ago", "vague_span"),
    "dec2": ("decade",),
    "ago": ("units_ago",),
    "sea": ("season", "relative_unit"),
    "half": ("half_year",),
    "mon": ("month_day", "month_name"),
    "wd": ("weekday",),
    "dw": ("day_word",),
    "cent": ("century", "relative_unit"),
    "fy": ("fiscal_year",),
    "q": ("quarter_code",),
    "sp": ("year", "decade"),
    "hol": ("holiday",),
    "clk": ("clock_time",),
    "then": ("until_then",),
    "y": ("iso_date", "year"),
    "num": ("numeric_date",),
}
# Upper case to lower case without changing any offsets (str.lower can lengthen some letters).
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# A window reaches this far before and after its trigger, then on to the end of a word.
_BEFORE, _AFTER = 60, 45


def regions(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per pattern kind, merged windows of text around that kind's trigger words."""
    by_group: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    for m in TRIGGER.finditer(text.translate(_LOWER)):
        a, b = max(0, m.start() - _BEFORE), min(n, m.end() + _AFTER)
        stop = min(n, b + 20)
        while b < stop and text[b].isalnum():
            b += 1
        spans = by_group.setdefault(m.lastgroup, [])  # type: ignore[arg-type]
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], b))
        else:
            spans.append((a, b))
    out: dict[str, list[tuple[int, int]]] = {}
    for group, spans in by_group.items():
        for kind in KINDS_BY_TRIGGER[group]:
            out.setdefault(kind, []).extend(spans)
    return {kind: _merged(sorted(spans)) for kind, spans in out.items()}


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping and touching ones joined."""
    out: list[list[int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]

"""find_dates: run the patterns near their triggers, keep the longest matches, resolve them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from ..types import DateMention
from . import absolute, clock, days, periods, relative, seasons, years
from .patterns import PATTERNS
from .reference import Context, Resolved
from .selection import TITLE_KINDS, PatternMatch, is_title, longest, trimmed
from .triggers import regions

RESOLVERS: dict[str, Callable[[re.Match[str], Context], Resolved]] = {
    "iso_date": absolute.iso_date,
    "numeric_date": absolute.iso_date,
    "month_day": absolute.month_day,
    "month_name": absolute.month_name,
    "weekday": days.weekday,
    "day_word": days.day_word,
    "season": seasons.season,
    "relative_unit": relative.relative_unit,
    "until_then": days.until_then,
    "adjacent_day": days.adjacent_day,
    "units_ago": relative.units_ago,
    "in_units": relative.in_units,
    "year_ago": relative.year_ago,
    "period_end": relative.period_end,
    "quarter": periods.quarter,
    "quarter_code": periods.quarter_code,
    "half_year": periods.half_year,
    "fiscal_year": periods.fiscal_year,
    "decade": years.decade,
    "century": years.century,
    "current_unit": relative.current_unit,
    "vague_span": relative.vague_span,
    "holiday": seasons.holiday,
    "clock_time": clock.clock_time,
    "year": years.year,
}
# Vague spans, quarters, decades and centuries are not dates later phrases count from.
_NOT_ANCHORS = frozenset({"vague_span", "year_ago", "quarter", "decade", "century"})


def find_dates(text: str, published: dt.date | None = None) -> list[DateMention]:
    """Return date mentions with ISO values resolved against `published` where relative."""
    ctx = Context(text, _as_date(published))
    out = []
    for start, end, _, kind, m in longest(_pattern_matches(text)):
        if kind in TITLE_KINDS and is_title(text, start):
            continue
        got = RESOLVERS[kind](m, ctx)
        if got is None:
            continue
        value, is_relative = got
        if "core" in m.re.groupindex and m["core"]:
            start, end = m.span("core")
        start, end = trimmed(text, start, end)
        if end <= start:
            continue
        out.append(
            DateMention(
                text=text[start:end], start=start, end=end, value=value, relative=is_relative
            )
        )
        if kind not in _NOT_ANCHORS:
            ctx.anchor.set(value)
    return out


def _pattern_matches(text: str) -> list[PatternMatch]:
    """Every non-empty match of every pattern within its trigger windows."""
    found = []
    windows = regions(text)
    for priority, (kind, rx) in enumerate(PATTERNS):
        for a, b in windows.get(kind, ()):
            for m in rx.finditer(text, a, b):
                if m.end() > m.start():
                    found.append((m.start(), m.end(), priority, kind, m))
    return found


def _as_date(published: object) -> dt.date | None:
    """The publication date from a date, a datetime or an ISO string; None if unreadable."""
    if isinstance(published, str):
        try:
            return dt.date.fromisoformat(published[:10])
        except ValueError:
            return None
    if isinstance(published, dt.datetime):
        return published.date()
    return published if isinstance(published, dt.date) else None

"""Days named from now or from the anchor: weekdays, "yesterday", "the following day", "then"."""

from __future__ import annotations

import datetime as dt
import re

from .reference import Context, Resolved
from .words import WEEKDAY_NUMBERS, normalised

_LAST = frozenset({"last", "this past", "the previous", "the preceding"})
_NEXT = frozenset({"next", "this coming", "coming", "the following", "the next"})
_DAY_WORD_OFFSETS = {"yesterday": -1, "last": -1, "tomorrow": 1}
_ADJACENT_OFFSETS = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "same": 0}


def weekday(m: re.Match[str], ctx: Context) -> Resolved:
    """'last Friday', 'on Thursday', 'the following Monday': the nearest such day, looking back
    unless a determiner or the clause's tense looks ahead."""
    pub = ctx.published
    if pub is None:
        return None, True
    want = WEEKDAY_NUMBERS[m["wd"].lower().rstrip(".")]
    det = normalised(m["det"])
    if det in _LAST or det in _NEXT:
        # "the previous Monday" counts from the day last mentioned, "last Monday" from today.
        base = (ctx.anchor.day() if det.startswith("the") else None) or pub
        if det in _LAST:
            return (base - dt.timedelta(days=(base.weekday() - want) % 7 or 7)).isoformat(), True
        return (base + dt.timedelta(days=(want - base.weekday()) % 7 or 7)).isoformat(), True
    back = (pub.weekday() - want) % 7
    if back == 0:
        return pub.isoformat(), True
    t = ctx.tense(m, infinitive=False)
    if (det == "this" and t >= 0) or t > 0:
        return (pub + dt.timedelta(days=(want - pub.weekday()) % 7)).isoformat(), True
    return (pub - dt.timedelta(days=back)).isoformat(), True


def day_word(m: re.Match[str], ctx: Context) -> Resolved:
    """'yesterday', 'tomorrow morning', 'last night', 'mid-afternoon': a day next to today."""
    if ctx.published is None:
        return None, True
    word = "today" if m["mid"] else (m["dw"] or m["det"] or "").lower()
    offset = _DAY_WORD_OFFSETS.get(word, 0)
    return (ctx.published + dt.timedelta(days=offset)).isoformat(), True


def adjacent_day(m: re.Match[str], ctx: Context) -> Resolved:
    """'the following day': next to the day last mentioned, else to today."""
    base = ctx.anchor.day() or ctx.published
    if base is None:
        return None, True
    offset = _ADJACENT_OFFSETS[m["det"].lower()]
    return (base + dt.timedelta(days=offset)).isoformat(), True


def until_then(m: re.Match[str], ctx: Context) -> Resolved:
    """'until then': the date last mentioned, at its own granularity."""
    value = ctx.anchor.value()
    return None if value is None else (value, True)

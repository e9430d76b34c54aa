"""Units counted from now or from the anchor: "last week", "three years ago", "in five years",
"by the end of the year", "earlier in the month", "recent years"."""

from __future__ import annotations

import datetime as dt
import re

from ..lexicon.calendar import SEASONS
from .arithmetic import add_months, iso_week, month_end, quarter_of, shifted, year_month
from .reference import DAY, MONTH, YEAR, Context, Resolved, Rule
from .seasons import relative_season
from .words import normalised, word_number

# Determiner -> how many units from the base: "last week" is one week back.
_UNIT_OFFSETS = {
    "this": 0,
    "current": 0,
    "the current": 0,
    "that": 0,
    "the same": 0,
    "last": -1,
    "previous": -1,
    "the previous": -1,
    "the preceding": -1,
    "the past": -1,
    "the last": -1,
    "this past": -1,
    "the latest": -1,
    "the most recent": -1,
    "next": 1,
    "coming": 1,
    "the coming": 1,
    "the following": 1,
    "the next": 1,
    "this coming": 1,
}
# These count from the date last mentioned ("that year", "the following month").
_ANCHORED = frozenset({"that", "the same", "the following", "the previous", "the preceding"})
_END_OF = re.compile(r"(?i)\bend\s+of\b")


def relative_unit(m: re.Match[str], ctx: Context) -> Resolved:
    """'last week', 'the coming year', 'that month', 'by the end of next month'."""
    det = normalised(m["det"])
    unit = normalised(m["unit"])
    if unit == "fiscal year":
        unit = "year"
    if unit in SEASONS:
        return relative_season(det, unit, ctx)
    if det in _ANCHORED:
        base = ctx.anchor.date
        if base is None:
            return None
    else:
        base = ctx.published
        if base is None:
            return None, True
    return _unit_value(unit, base, _UNIT_OFFSETS[det], m["pre"] or ""), True


def _unit_value(unit: str, base: dt.date, offset: int, part: str) -> str:
    """The unit `offset` units from `base`; "the end of" a year is its last day, and "by the
    end of" a month the month's last day."""
    end_of = _END_OF.search(part) is not None
    if unit == "week" or unit == "weekend":
        week = iso_week(base + dt.timedelta(weeks=offset))
        return week + "-WE" if unit == "weekend" else week
    if unit == "month":
        y, mo = add_months(base.year, base.month, offset)
        if end_of and part.lower().lstrip().startswith("by"):
            return month_end(y, mo).isoformat()
        return year_month(y, mo)
    if unit == "year":
        y = base.year + offset
        return f"{y:04d}-12-31" if end_of else str(y)
    if unit == "quarter":
        q = quarter_of(base) + offset
        return f"{base.year + (q - 1) // 4:04d}-Q{(q - 1) % 4 + 1}"
    if unit == "decade":
        return str(base.year // 10 + offset)
    return str(base.year // 100 + offset)  # century


# --- counts of units ---------------------------------------------------------------------------

_BACKWARD = frozenset({"ago", "earlier", "before", "previously"})
_VAGUE_DIRECTION = {
    "ago": "PAST_REF",
    "earlier": "PAST_REF",
    "previously": "PAST_REF",
    "from now": "FUTURE_REF",
    "hence": "FUTURE_REF",
}
_GRANULARITY = {"day": DAY, "week": DAY, "month": MONTH}
_DET_AFTER = re.compile(r"\s+(?:the|that|this|his|her|its|their)\b")


def counts_from_anchor(direction: str, unit: str) -> bool:
    """'two days after', 'a week later', 'three days earlier': counted from the date last
    mentioned, not from today ("three years earlier" stays with today)."""
    if direction in ("before", "after", "later"):
        return True
    return direction == "earlier" and unit in ("day", "week")


def is_before_clause(m: re.Match[str], ctx: Context) -> bool:
    """'two days after taking office': "before" and "after" count from an event only when a
    noun phrase follows ('two days after the attack')."""
    return normalised(m["dir"]) in ("before", "after") and not _DET_AFTER.match(ctx.after(m, 40))


def units_ago(m: re.Match[str], ctx: Context) -> Resolved:
    """'three weeks ago', 'two days after the attack', 'five years from now'; a vague count
    ('several years ago') is PAST_REF or FUTURE_REF."""
    direction = normalised(m["dir"])
    unit = m["unit"].lower().rstrip("s")
    n = word_number(m["n"])
    if n is None:
        return _VAGUE_DIRECTION.get(direction), True
    if counts_from_anchor(direction, unit):
        if is_before_clause(m, ctx):
            return None
        base = ctx.anchor.at_least(_GRANULARITY.get(unit, YEAR))
        if base is None:
            return None
    else:
        base = ctx.published
        if base is None:
            return None, True
    sign = -1 if direction in _BACKWARD else 1
    return shifted(base, unit, sign * n), True


def in_units(m: re.Match[str], ctx: Context) -> Resolved:
    """'will be redeemed in five years' is a date; 'the first time in five years' a duration,
    so only a clause about the future counts."""
    n = word_number(m["n"])
    if n is None or ctx.published is None or ctx.tense(m) <= 0:
        return None
    return shifted(ctx.published, m["unit"].lower().rstrip("s"), n), True


def year_ago(m: re.Match[str], ctx: Context) -> Resolved:
    """'year-ago', 'year-earlier': last year."""
    if ctx.published is None:
        return None, True
    return str(ctx.published.year - 1), True


def vague_span(m: re.Match[str], ctx: Context) -> Resolved:
    """'recent years', 'the coming months': TimeML's PAST_REF or FUTURE_REF."""
    forward = re.search(r"(?i)coming|next", m["dir"]) is not None
    return ("FUTURE_REF" if forward else "PAST_REF"), True


# --- the ends of periods and the current period ----------------------------------------------

_END_OFFSETS = {"this": 0, "the": 0, "the current": 0, "next": 1, "last": -1}


def period_end(m: re.Match[str], ctx: Context) -> Resolved:
    """'by the end of this year' is its last day, 'the end of the month' the month's last day,
    'the end of next week' that week; 'year-end' is the year itself."""
    pub = ctx.published
    if pub is None:
        return None, True
    offset = _END_OFFSETS[normalised(m["det"] or "this")]
    unit = (m["unit"] or "year").lower()
    if unit == "year":
        return (f"{pub.year + offset:04d}-12-31" if m["det"] else str(pub.year)), True
    if unit == "month":
        return month_end(*add_months(pub.year, pub.month, offset)).isoformat(), True
    return iso_week(pub + dt.timedelta(weeks=offset)), True


def is_weekend_aside(m: re.Match[str], ctx: Context) -> bool:
    """'earlier in the weekend': only "the weekend" itself is a date."""
    return m["unit"].lower() == "weekend" and not m["core"].lower().startswith("the")


def is_the_day(m: re.Match[str], ctx: Context) -> bool:
    """'in the day': only "earlier in the day" and "later in the day" are dates."""
    return m["unit"].lower() == "day" and m["core"].lower().startswith("the")


CURRENT_UNIT_REJECTS: tuple[Rule, ...] = (is_weekend_aside, is_the_day)


def current_unit(m: re.Match[str], ctx: Context) -> Resolved:
    """'in the year', 'over the whole month', 'earlier in the day', 'at the weekend': the
    period holding the publication date (the weekend just gone unless the clause looks
    ahead)."""
    if any(rule(m, ctx) for rule in CURRENT_UNIT_REJECTS):
        return None
    pub = ctx.published
    if pub is None:
        return None, True
    unit = m["unit"].lower().split()[-1]
    if unit == "year":
        return str(pub.year), True
    if unit == "day":
        return pub.isoformat(), True
    if unit == "month":
        return year_month(pub.year, pub.month), True
    if unit == "weekend":
        saturday = pub + dt.timedelta(days=(5 - pub.weekday()) % 7)
        if saturday > pub and ctx.tense(m) <= 0:
            saturday -= dt.timedelta(days=7)
        return iso_week(saturday) + "-WE", True
    return iso_week(pub), True

"""Seasons and holidays: "last summer", "the spring of 2019", "Christmas Day", "Easter 2019"."""

from __future__ import annotations

import datetime as dt
import re

from ..lexicon.calendar import SEASONS
from .holidays import holiday_date
from .reference import Context, Resolved, Rule, likeliest
from .words import normalised, year_of

_OF_PHRASE_AFTER = re.compile(r"\s+(?:of|in)\s+(?:the|a|an|his|her|its|their)\b")
_WORD_AFTER = re.compile(r"[-\w]")
# Before these, "fall" and "spring" are too often the verb or the noun ("rates fell by spring").
_VERB_PREPOSITIONS = frozenset({"since", "until", "by", "over", "through"})
_ANCHORED_OFFSETS = {"that": 0, "the same": 0, "the following": 1, "the previous": -1}
_PAST = frozenset({"the past", "the last", "this past", "previous", "the previous"})
_COMING = frozenset({"the coming", "this coming", "coming", "the next"})


def lacks_determiner(m: re.Match[str], ctx: Context) -> bool:
    """'Spring is here': a lone season name is a common noun or verb; a determiner or a part
    ('early', 'the end of') makes it a date."""
    return not m["det"] and not m["pre"]


def is_verb_after_preposition(m: re.Match[str], ctx: Context) -> bool:
    """'since fall', 'by spring': the seasons that double as verbs are not trusted after
    these prepositions."""
    return m["season"].lower() in ("fall", "spring") and normalised(m["det"]) in _VERB_PREPOSITIONS


def is_of_phrase(m: re.Match[str], ctx: Context) -> bool:
    """'the fall in the dollar', 'the spring of his career': a noun, not a season."""
    return _OF_PHRASE_AFTER.match(ctx.after(m, 20)) is not None


def is_compound(m: re.Match[str], ctx: Context) -> bool:
    """'the summer-long drought': part of a compound word."""
    return _WORD_AFTER.match(ctx.after(m, 20)) is not None


SEASON_REJECTS: tuple[Rule, ...] = (
    lacks_determiner,
    is_verb_after_preposition,
    is_of_phrase,
    is_compound,
)


def season(m: re.Match[str], ctx: Context) -> Resolved:
    """'last summer', 'this spring', 'in the fall', 'the winter of 1998': the season's year."""
    year = year_of(m["year"])
    if year:
        return str(year), False
    if any(rule(m, ctx) for rule in SEASON_REJECTS):
        return None
    if ctx.published is None:
        return None, True
    return str(_year_of_season(m, ctx, ctx.published)), True


def _year_of_season(m: re.Match[str], ctx: Context, pub: dt.date) -> int:
    """The year of a season named without one, from its determiner, else the clause's tense."""
    name = m["season"].lower()
    det = normalised(m["det"])
    started = pub.month >= SEASONS[name][0]
    if det in ("last", "this past"):
        return _last_season_year(name, pub)
    if det in ("next", "this coming"):
        return pub.year + 1 if started else pub.year
    if det == "this":
        return pub.year
    t = ctx.tense(m)
    if t > 0:
        return pub.year + 1 if started else pub.year
    if t < 0 and not started:
        return pub.year - 1
    return pub.year


def _last_season_year(name: str, pub: dt.date) -> int:
    """The most recent season of that name that has already ended (winter spans the new
    year, so last winter is this year's only from April)."""
    if name == "winter":
        return pub.year if pub.month >= 4 else pub.year - 1
    return pub.year if pub.month > SEASONS[name][1] else pub.year - 1


def relative_season(det: str, name: str, ctx: Context) -> Resolved:
    """A season after a relative determiner ('the past summer', 'that winter')."""
    pub = ctx.published
    if pub is None:
        return None, True
    if det in _ANCHORED_OFFSETS:
        if not ctx.anchor.date:
            return None
        return str(ctx.anchor.date.year + _ANCHORED_OFFSETS[det]), True
    first, last = SEASONS[name]
    if det in _PAST:
        return str(pub.year if pub.month > last and name != "winter" else pub.year - 1), True
    if det in _COMING:
        return str(pub.year if pub.month < first else pub.year + 1), True
    return str(pub.year), True


def holiday(m: re.Match[str], ctx: Context) -> Resolved:
    """'Christmas Day', 'Easter 2019': the holiday in the year given, else the likeliest of
    last year's, this year's and next year's for the clause's tense."""
    name = normalised(m["hol"])
    if m["year"]:
        d = holiday_date(name, int(m["year"]))
        return (d.isoformat(), False) if d else None
    pub = ctx.published
    if pub is None:
        return None, True
    days = [holiday_date(name, y) for y in (pub.year - 1, pub.year, pub.year + 1)]
    options = [d for d in days if d is not None]
    if len(options) < len(days):
        return None
    return likeliest(options, lambda d: (d - pub).days, ctx.tense(m), 60).isoformat(), True

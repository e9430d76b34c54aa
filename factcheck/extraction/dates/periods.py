"""Quarters, halves and fiscal years: "the third quarter", "Q3 2019", "the first half of 2021",
"FY2021"."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from .arithmetic import quarter_of
from .reference import Context, Resolved
from .words import QUARTER_ORDINALS

_QUALIFIER = re.compile(r"year-(?:ago|earlier)|[a-z0-9]+")
_DETERMINERS = frozenset({"the", "this", "last", "next", "that", "its", "their"})
# Words that make "period" a reporting period: "the year-ago period", "the same period".
_PERIOD_QUALIFIERS = frozenset(
    {
        "year-ago",
        "year-earlier",
        "latest",
        "comparable",
        "same",
        "corresponding",
        "fiscal",
        "current",
        "previous",
    }
)
_OF_OR_IN_AFTER = re.compile(r"\s+(?:of|in)\s+(?!\d)")


class QuarterWords(NamedTuple):
    """What a quarter or period phrase says, word by word."""

    det: str  # "the", "last", ... or ""
    qualifiers: frozenset[str]  # "third", "fiscal", "year-ago", "1989", ...
    word: str  # "quarter" or "period"
    ordinal: int | None  # the first of "first" ... "fourth", "1st" ... "4th"
    qualifier_year: int | None  # the first year among the qualifiers
    year: int | None  # the year after the word, else the qualifier's
    end: int  # where the phrase ends in the text


def _quarter_words(m: re.Match[str]) -> QuarterWords:
    quals = _QUALIFIER.findall((m["quals"] or "").lower())
    ordinal = next((QUARTER_ORDINALS[q] for q in quals if q in QUARTER_ORDINALS), None)
    qualifier_year = next((int(q) for q in quals if q.isdigit()), None)
    return QuarterWords(
        det=(m["det"] or "").lower(),
        qualifiers=frozenset(quals),
        word=m["q"].lower(),
        ordinal=ordinal,
        qualifier_year=qualifier_year,
        year=int(m["year"]) if m["year"] else qualifier_year,
        end=m.end(),
    )


def is_bare_period(q: QuarterWords, ctx: Context) -> bool:
    """'the period', 'each period': "period" is a date only with a reporting qualifier
    ('the year-ago period') or a year among its qualifiers."""
    return q.word == "period" and not (
        q.qualifiers & _PERIOD_QUALIFIERS or q.qualifier_year is not None
    )


def lacks_determiner(q: QuarterWords, ctx: Context) -> bool:
    """'a quarter of the voters', 'each quarter': without qualifiers only a definite or
    possessive determiner makes a quarter a period."""
    return not q.qualifiers and q.det not in _DETERMINERS


def is_district(q: QuarterWords, ctx: Context) -> bool:
    """'the quarter of Montmartre', 'the quarter in Paris': a district, not a period."""
    return (
        q.word == "quarter"
        and not q.qualifiers
        and q.det == "the"
        and _OF_OR_IN_AFTER.match(ctx.text[q.end : q.end + 10]) is not None
    )


QUARTER_REJECTS: tuple[Callable[[QuarterWords, Context], bool], ...] = (
    is_bare_period,
    lacks_determiner,
    is_district,
)


def quarter(m: re.Match[str], ctx: Context) -> Resolved:
    """'the third quarter of 1988', 'last quarter', 'the year-ago period': a quarter, or the
    year of a reporting period."""
    q = _quarter_words(m)
    if any(rule(q, ctx) for rule in QUARTER_REJECTS):
        return None
    pub = ctx.published
    if q.year is not None:
        year = q.year
    elif pub is None:
        return None, True
    else:
        year = pub.year - (1 if _is_year_back(q) else 0)
    relative = q.year is None
    if q.word == "period":
        return str(year), relative
    current = quarter_of(pub) if pub else 1
    if q.ordinal is None:
        year, n = _implied_quarter(q.det, q.qualifiers, year, current)
    else:
        n = q.ordinal
        if relative and n > current and "fiscal" not in q.qualifiers and ctx.tense(m) <= 0:
            year -= 1  # "the third quarter" told in the spring of a past clause: last year's
    return f"{year:04d}-Q{n}", relative


def _is_year_back(q: QuarterWords) -> bool:
    """The words put the quarter in last year: 'the year-ago quarter', or "last" without an
    ordinal ('last fiscal quarter')."""
    if "year-ago" in q.qualifiers or "year-earlier" in q.qualifiers:
        return True
    return q.det == "last" and not q.ordinal


def _implied_quarter(
    det: str, qualifiers: frozenset[str], year: int, current: int
) -> tuple[int, int]:
    """(year, quarter) when no ordinal is given: next, this or else the last quarter."""
    if det == "next":
        n = current + 1
    elif det == "this" or "current" in qualifiers:
        n = current
    else:
        n = current - 1
    if n == 0:
        return year - 1, 4
    if n == 5:
        return year + 1, 1
    return year, n


def quarter_code(m: re.Match[str], ctx: Context) -> Resolved:
    """'Q3', '3Q 2019': the quarter of the year given, else of the publication year."""
    n = int(m["q"] or m["q2"])
    if m["year"]:
        return f"{m['year']}-Q{n}", False
    if ctx.published is None:
        return f"XXXX-Q{n}", True
    return f"{ctx.published.year:04d}-Q{n}", True


_HALF_OFFSETS = {"this": 0, "the": 0, "last": -1, "next": 1}


def half_year(m: re.Match[str], ctx: Context) -> Resolved:
    """'the first half of 2021', 'the second half of next year', 'second-half profit'."""
    pub = ctx.published
    if m["which2"]:
        if pub is None:
            return None, True
        h = 1 if m["which2"].lower() == "first" else 2
        # "second-half profit" reported in the first half of a year is last year's.
        back = h == 2 and pub.month <= 6 and ctx.tense(m) <= 0
        return f"{pub.year - 1 if back else pub.year:04d}-H{h}", True
    h = 1 if m["which"].lower() == "first" else 2
    if m["year"]:
        return f"{m['year']}-H{h}", False
    if pub is None:
        return None, True
    return f"{pub.year + _HALF_OFFSETS[m['rel'].lower()]:04d}-H{h}", True


def fiscal_year(m: re.Match[str], ctx: Context) -> Resolved:
    """'fiscal 2020', 'FY2021', "FY '98": the year; two digits above 40 are the 1900s."""
    raw = (m["year"] or m["year2"]).lstrip("'")
    year = int(raw)
    if len(raw) == 2:
        year += 1900 if year > 40 else 2000
    return str(year), False

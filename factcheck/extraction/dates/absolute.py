"""Calendar dates and month names: "2021-11-01", "January 3, 2020", "last February"."""

from __future__ import annotations

import datetime as dt
import re

from ..lexicon.calendar import month_number
from .arithmetic import safe_date, year_month
from .reference import Context, Resolved, Rule, likeliest
from .words import DAY_ORDINALS, WEEKDAY_NUMBERS, year_of

_YEAR_OFFSETS = {"last": -1, "this": 0, "next": 1}


def iso_date(m: re.Match[str], ctx: Context) -> Resolved:
    """'2021-11-01' and '11/01/2021': as written, if the day exists."""
    d = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return (d.isoformat(), False) if d else None


def _day_of(raw: str) -> int:
    """The day of the month in digits ('3rd') or words ('the third')."""
    raw = raw.strip().lower()
    if raw.startswith("the"):
        raw = raw[3:].strip()
    digits = re.match(r"\d+", raw)
    return int(digits.group()) if digits else DAY_ORDINALS[raw]


# --- a month and a day -----------------------------------------------------------------------


def is_may_then_ordinal(m: re.Match[str], ctx: Context) -> bool:
    """'May first': the verb "may" before an ordinal word, unless a year makes it a date."""
    mon = m["mon"]
    return bool(mon) and mon.rstrip(".").lower() == "may" and not m["day"][0].isdigit()


def month_day(m: re.Match[str], ctx: Context) -> Resolved:
    """'January 3, 2020', 'the third of May', 'November 8 next year', 'Friday, Dec. 10'."""
    month = month_number(m["mon"] or m["mon2"])
    day = _day_of(m["day"] or m["day2"])
    year = year_of(m["year"])
    if year:
        d = safe_date(year, month, day)
        return (d.isoformat(), False) if d else None
    pub = ctx.published
    if m["rel"] and pub:
        d = safe_date(pub.year + _YEAR_OFFSETS[m["rel"].lower()], month, day)
        return (d.isoformat(), True) if d else None
    if is_may_then_ordinal(m, ctx):
        return None
    if pub is None:
        return f"XXXX-{month:02d}-{day:02d}", True
    if m["wd"]:
        d = _pinned_by_weekday(month, day, WEEKDAY_NUMBERS[m["wd"].lower().rstrip(".")], pub)
        if d:
            return d.isoformat(), True
    days = (safe_date(y, month, day) for y in (pub.year - 1, pub.year, pub.year + 1))
    options = [d for d in days if d is not None]
    if not options:
        return None
    best = likeliest(options, lambda d: (d - pub).days, ctx.tense(m), 60)
    return best.isoformat(), True


def _pinned_by_weekday(month: int, day: int, weekday: int, pub: dt.date) -> dt.date | None:
    """The weekday pins the year: the nearest year in which that day is that weekday."""
    for y in (pub.year, pub.year + 1, pub.year - 1):
        d = safe_date(y, month, day)
        if d and d.weekday() == weekday:
            return d
    return None


# --- a month without a day -------------------------------------------------------------------

_ARTICLE_BEFORE = re.compile(r"(?i:\b(?:a|an|the|its|his|her|their))\s+$")
_NAME_AFTER = re.compile(r"\s*(?!(?:The|This|That|A|An|In|On|At|It|He|She|We|They|I)\b)[A-Z][a-z]")
_TIME_PREP_BEFORE = re.compile(
    r"(?i:\b(?:in|since|until|till|by|from|to|through|during|before|after|of|and|or|between|last"
    r"|next|"
    r"this|early|late|mid|for|on|that|as|each|every))\W*$"
)
_MONTH_SUBJECT_AFTER = re.compile(r"\s*[,.;:)]|\s+(?:[a-z]+ed|is|was|were|be|will|has|have|had)\b")
_MODAL_AFTER = re.compile(r"\s+(?:be|have|not|also|still|well|never|want|need)\b")
_LAST = frozenset({"last", "this past", "past"})
_NEXT = frozenset({"next", "this coming", "coming"})


def _is_bare(m: re.Match[str], ctx: Context) -> bool:
    """No part, determiner, relative year or article marks the month name as a date."""
    return not (m["pre"] or m["det"] or m["rel"]) and not _ARTICLE_BEFORE.search(ctx.before(m, 30))


def is_first_name(m: re.Match[str], ctx: Context) -> bool:
    """'April Glaspie': a bare month name before a capitalised word is a first name."""
    return _is_bare(m, ctx) and _NAME_AFTER.match(ctx.after(m, 30)) is not None


def is_ordinary_word(m: re.Match[str], ctx: Context) -> bool:
    """'March forward': a bare month name needs a time word before it ('in', 'since') or,
    except May, a verb or punctuation after it ('July was hot')."""
    if not _is_bare(m, ctx) or _TIME_PREP_BEFORE.search(ctx.before(m, 30)):
        return False
    may = m["mon"].rstrip(".").lower() == "may"
    return may or not _MONTH_SUBJECT_AFTER.match(ctx.after(m, 30))


def is_modal_may(m: re.Match[str], ctx: Context) -> bool:
    """'that May be': "May" before a verb or adverb is the modal, whatever comes before."""
    return m["mon"].rstrip(".").lower() == "may" and bool(_MODAL_AFTER.match(ctx.after(m, 30)))


MONTH_NAME_REJECTS: tuple[Rule, ...] = (is_first_name, is_ordinary_word, is_modal_may)


def month_name(m: re.Match[str], ctx: Context) -> Resolved:
    """'March 1996', 'last February', 'in October': a month, in the year the words imply."""
    month = month_number(m["mon"])
    year = year_of(m["year"])
    if year:
        return year_month(year, month), False
    if any(rule(m, ctx) for rule in MONTH_NAME_REJECTS):
        return None
    if ctx.published is None:
        return f"XXXX-{month:02d}", True
    return year_month(_year_of_month(month, m, ctx, ctx.published), month), True


def _year_of_month(month: int, m: re.Match[str], ctx: Context, pub: dt.date) -> int:
    """The year of a month named without one, from its determiner, else the clause's tense."""
    py, pm = pub.year, pub.month
    det = (m["det"] or "").lower()
    if m["rel"]:
        return py + _YEAR_OFFSETS[m["rel"].lower()]
    if det in _LAST:
        # "last February" said in March means a year earlier: last month is "last month".
        return py if month < pm - 1 else py - 1
    if det in _NEXT:
        return py if month > pm else py + 1
    if det == "this":
        return py
    if det == "that" and ctx.anchor.date:
        return ctx.anchor.date.year
    if month == pm:
        return py
    return likeliest((py - 1, py, py + 1), lambda y: (y - py) * 12 + month - pm, ctx.tense(m), 2)

"""Years, decades and centuries: "2017", "nineteen ninety-six", "the 1980s", "the 11th century"."""

from __future__ import annotations

import re

from .patterns import MONTH_NAME
from .reference import Context, Resolved, Rule
from .words import CENTURY_ORDINALS, DECADE_WORDS, SEASON_NAMES, year_of

_CODE_BEFORE = re.compile(
    r"(?i)(?:\bno\.|\bnumber|#|\bflight|\broute|\bsuite|\broom|\bpage|\bp\.|\bmodel|\bversion|"
    r"\bresolution|\bbill|\bchapter|\barticle|\bsection|\bpsalm)\s*$"
)
_MONEY_BEFORE = re.compile(r"[$€£]\s*$")
_PERCENT_AFTER = re.compile(r"\s*(?:%|percent|per\s+cent)")
_RANGE_AFTER = re.compile(r"\s*(?:-|to|and)\s*\d{1,3}\b(?!\d)")
_YEAR_RANGE_AFTER = re.compile(r"\s*-\s*\d\d\b")
_PLURAL_AFTER = re.compile(r"\s+[a-z]+s\b")
_YEAR_NOUN_AFTER = re.compile(
    r"\s+(?:was|has|is|as|levels?|this|does|says|sales|results|earnings|figures|elections|games"
    r"|olympics|"
    r"models?|budgets|rates|prices|highs|lows|profits|losses)\b"
)
_YEAR_PREP_BEFORE = re.compile(
    r"(?i)\b(?:in|since|by|until|till|from|of|during|before|after|through|to|and|or|between"
    r"|for)\s+$"
)
_SEASON_WORDS = "|".join(name.capitalize() for name in SEASON_NAMES)
# A capitalised word before a number names a thing, unless it is a word that leads into a date.
_NAME_BEFORE = re.compile(
    r"\b(?!(?:In|On|At|By|For|From|Since|Until|Through|During|After|Before|Of|And|Or|But|The|A|An|"
    r"That|This|These|Those|Its|His|Her|Their|Our|Between|Around|About|Early|Late|Mid|Last|Circa"
    r"|Every|"
    rf"Each|Only|Christmas|Easter|Thanksgiving|{_SEASON_WORDS}|Class|Fiscal|FY)\b)"
    r"[A-Z][a-z]+ $"
)
_MONTH_BEFORE = re.compile(rf"(?:{MONTH_NAME})\s*$")


def is_code_number(m: re.Match[str], ctx: Context) -> bool:
    """'Flight 1989', 'No. 2000', 'Resolution 1441': a code, not a year."""
    return _CODE_BEFORE.search(ctx.before(m, 12)) is not None


def is_money(m: re.Match[str], ctx: Context) -> bool:
    """'$ 2015': an amount."""
    return _MONEY_BEFORE.search(ctx.before(m, 12)) is not None


def is_percentage(m: re.Match[str], ctx: Context) -> bool:
    """'1999 percent': a rate."""
    return _PERCENT_AFTER.match(ctx.after(m, 24)) is not None


def is_number_range(m: re.Match[str], ctx: Context) -> bool:
    """'from 2000 to 800': a range of counts; '1990-95' stays a year."""
    after = ctx.after(m, 24)
    return _RANGE_AFTER.match(after) is not None and not _YEAR_RANGE_AFTER.match(after)


def is_count(m: re.Match[str], ctx: Context) -> bool:
    """'2000 workers': a count before a plural noun, unless the noun is one years take
    ('2020 elections') or a time preposition comes first ('in 1988 profits rose')."""
    after = ctx.after(m, 24)
    return (
        _PLURAL_AFTER.match(after) is not None
        and not _YEAR_NOUN_AFTER.match(after)
        and not _YEAR_PREP_BEFORE.search(ctx.before(m, 12))
    )


def is_part_of_name(m: re.Match[str], ctx: Context) -> bool:
    """'Orion 1980', 'Windows 2000': part of a name, unless the word is a month's."""
    before = ctx.before(m, 12)
    return _NAME_BEFORE.search(before) is not None and not _MONTH_BEFORE.search(before)


# Counts, codes, money and names that happen to fall in the year range.
YEAR_REJECTS: tuple[Rule, ...] = (
    is_code_number,
    is_money,
    is_percentage,
    is_number_range,
    is_count,
    is_part_of_name,
)


def year(m: re.Match[str], ctx: Context) -> Resolved:
    """'2017', 'nineteen ninety-six', 'the year two thousand'; a number in digits must pass
    the rules above."""
    value = year_of(m["year"])
    if value is None:
        return None
    if m["year"].isdigit() and any(rule(m, ctx) for rule in YEAR_REJECTS):
        return None
    return str(value), False


def decade(m: re.Match[str], ctx: Context) -> Resolved:
    """'the 1980s' -> '198', "the '90s" -> '199', 'the late sixties' -> '196' (a decade in
    words needs 'the' or a part before it)."""
    if m["dd"]:
        return m["dd"][:3], False
    if m["d2"]:
        return "19" + m["d2"][0], False
    if not (m["pre"] or "").strip():
        return None
    word = m["dw"].lower().split()[-1].split("-")[-1]
    return f"19{DECADE_WORDS[word]}", False


def century(m: re.Match[str], ctx: Context) -> Resolved:
    """'the 11th century' -> '10': TimeML writes a century as its first two digits."""
    raw = m["c"].lower()
    digits = re.match(r"\d+", raw)
    n = int(digits.group()) if digits else CENTURY_ORDINALS[raw]
    return f"{n - 1:02d}", False

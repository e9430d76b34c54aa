"""The date patterns, one per kind of expression, and the building blocks they share.

Month and weekday names must be capitalised (or upper case): "may", "march" and "august" in
lower case are ordinary words. Earlier patterns win ties of equal length (see selection.py).
"""

from __future__ import annotations

import re

from ..lexicon.calendar import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from ..lexicon.numbers import SMALL, TEENS, TENS, UNITS
from .words import (
    CENTURY_ORDINALS,
    DAY_ORDINALS,
    DECADE_WORDS,
    SEASON_NAMES,
    capitalised_alternation,
    longest_first,
)

MONTH_NAME = capitalised_alternation(MONTHS)
MONTH_ABBREVIATION = f"(?:{capitalised_alternation(MONTH_ABBREVIATIONS)})"
_MONTH = rf"(?:{MONTH_NAME}|{MONTH_ABBREVIATION}\.?)"
_WEEKDAY = rf"(?:{capitalised_alternation(WEEKDAYS)})"
SEASON = "|".join(SEASON_NAMES)

_DAY_NUMBER = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d|%|\.\d|,\d{3})"
_DAY_ORDINAL = f"(?i:{longest_first(DAY_ORDINALS)})"
YEAR4 = r"(?<![\w$€£.,/#])(?<!\d-)(?:1[6-9]\d\d|20\d\d)(?!\w|%|\.\d|,\d|/\d|-\d\d\d)"

_UNIT_WORDS = "|".join(UNITS)
# Ten to ninety-nine in words.
_TENS = rf"(?:{'|'.join(TEENS)}|(?:{'|'.join(TENS)})(?:[- ](?:{_UNIT_WORDS}))?)"
# The centuries years are spelled in: "nineteen", "eighteen", "seventeen".
CENTURY_WORDS = "|".join(reversed([word for word, n in TEENS.items() if n >= 17]))
_SPELLED_YEAR = (
    rf"(?i:(?:{CENTURY_WORDS})[- ](?:{_TENS}|hundred|o[h]?[- ](?:{_UNIT_WORDS}))"
    rf"|(?:the\s+)?year\s+two\s+thousand(?:(?:\s+and)?\s+(?:{_UNIT_WORDS}|{_TENS}))?)"
)
_YEAR = rf"(?:{YEAR4}|{_SPELLED_YEAR})"

# A clock time before a date: "9 p.m. on Friday".
_TIME = (
    r"(?:(?:[01]?\d(?::[0-5]\d)?\s*(?:[ap]\.m\.|[AP]\.M\.|[ap]m\b|[AP]M\b)|(?i:noon|midnight))"
    r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|local\s+time))?,?\s+(?:(?i:on)\s+)?)"
)
_PART_OF_DAY = r"(?i:morning|afternoon|evening|night|overnight)"
# The counts news writes in words before "ago" and after "in".
_COUNT_WORDS = "|".join(w for w, n in SMALL.items() if n <= 12 or n in (15, 20, 30, 40, 50))
_COUNT = rf"(?:\d{{1,3}}|(?i:a|an|{_COUNT_WORDS}|a\s+couple\s+of|a\s+few|several|some|many))"
# "early", "the end of", "later in the": a part of the period that follows.
_PART_OF = (
    r"(?:(?i:(?:early|late|mid|earlier|later)(?:\s+|-)|(?:at\s+|by\s+|until\s+)?the\s+"
    r"(?:beginning|start|middle|end|close|turn|rest|"
    r"remainder|first\s+half|second\s+half|last\s+half|latter\s+half|latter\s+part|early\s+part"
    r"|first\s+part)\s+of\s+(?:the\s+)?"
    r"|(?:earlier|later)\s+in\s+(?:the\s+)?))"
)
_UNIT = rf"(?i:week(?:end)?|month|year|quarter|decade|century|fiscal\s+year|{SEASON})"

ISO_DATE = re.compile(
    r"(?<![\w/.-])(?P<y>(?:1[6-9]|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
    r"(?![\w/-])"
)
NUMERIC_DATE = re.compile(
    r"(?<![\w/.-])(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>(?:19|20)\d\d)"
    r"(?![\w/])"
)
# "Saturday, April 25, 1998", "3 January 1999", "the third of May", "November 8 next year".
MONTH_DAY = re.compile(
    rf"(?:{_TIME})?(?:(?P<wd>{_WEEKDAY})\.?,?\s+(?:(?i:the)\s+)?)?"
    rf"(?:(?P<mon>{_MONTH})\s+(?P<day>{_DAY_NUMBER}|{_DAY_ORDINAL}\b)|(?P<day2>{_DAY_NUMBER}|"
    rf"(?i:the\s+)?{_DAY_ORDINAL})\s+(?:(?i:of)\s+)?(?P<mon2>{_MONTH})\b)"
    rf"(?:,?\s+(?P<year>{_YEAR})|\s+(?P<rel>(?i:last|this|next))\s+(?i:year)\b)?"
)
# "March 1996", "last February", "early July".
MONTH_NAME_PATTERN = re.compile(
    rf"(?P<pre>{_PART_OF})?(?:(?P<det>(?i:last|next|this(?:\s+past|\s+coming)?|this\s+past"
    rf"|coming|past|that))\s+)?"
    rf"(?P<mon>{MONTH_NAME}|{MONTH_ABBREVIATION}\.(?=\s*(?:,\s*)?\d))\b"
    rf"(?:(?:,|\s+of)?\s+(?P<year>{_YEAR})|\s+(?P<rel>(?i:last|this|next))\s+(?i:year))?"
)
# "last Friday", "Thursday evening", "the following Monday".
WEEKDAY = re.compile(
    rf"(?:{_TIME})?(?P<pre>(?i:early|late|earlier|later|mid-?)\s+)?"
    rf"(?:(?P<det>(?i:last|next|this(?:\s+coming|\s+past)?|coming|the\s+(?:previous"
    rf"|following|next|preceding)))\s+)?"
    rf"(?P<wd>{_WEEKDAY})(?:'s)?(?:\s+(?P<pod>{_PART_OF_DAY}))?\b"
)
# "yesterday", "tomorrow morning", "last night", "mid-afternoon".
DAY_WORD = re.compile(
    rf"(?:{_TIME})?(?P<pre>(?i:early|late|earlier|later|mid-?)\s*)?"
    r"(?P<dw>(?i:yesterday|today|tomorrow|tonight))\b(?:\s+(?P<pod>(?i:morning|afternoon"
    r"|evening|night)))?"
    r"|(?P<det>(?i:this|last|yesterday|tomorrow))\s+(?P<pod2>(?i:morning|afternoon|evening"
    r"|night))\b"
    r"|(?P<mid>(?i:mid-?\s?(?:morning|afternoon|day)))\b"
)
# "last summer", "the spring of 2019".
SEASON_PATTERN = re.compile(
    rf"(?P<pre>{_PART_OF})?(?:(?P<det>(?i:this(?:\s+past|\s+coming)?|last|next|the|that|in\s+the"
    rf"|in|during|over|through|since|until|by))\s+)?"
    rf"\b(?P<season>(?i:{SEASON}))\b(?!\s+of\s+(?!{_YEAR}))"
    rf"(?:(?:,|\s+of)?\s+(?P<year>{_YEAR}))?"
)
# "last week", "the coming year", "that month", "early next year".
RELATIVE_UNIT = re.compile(
    rf"(?P<pre>{_PART_OF})?(?P<det>(?i:this|last|next|this\s+past|this\s+coming|the\s+past"
    rf"|the\s+last|the\s+coming|"
    r"the\s+current|the\s+previous|the\s+preceding|the\s+following|the\s+next|the\s+same"
    r"|the\s+latest|"
    r"the\s+most\s+recent|current|previous|coming|that))\s+"
    rf"(?P<unit>{_UNIT})\b(?!-)(?P<orso>\s+or\s+so)?"
)
UNTIL_THEN = re.compile(r"\b(?i:until|till|by)\s+(?P<core>then)\b")
# "the following day", "the previous day".
ADJACENT_DAY = re.compile(
    r"(?i:the\s+(?P<det>next|following|previous|preceding|same))\s+(?i:day)\b(?!-)"
)
# "three weeks ago", "two days after", "a year earlier".
UNITS_AGO = re.compile(
    rf"(?:(?i:about|around|nearly|almost|some|roughly|more\s+than|less\s+than|just|only"
    rf"|barely|over|exactly)\s+)?"
    rf"(?P<n>{_COUNT})\s+(?:(?i:or\s+so)\s+)?(?P<unit>(?i:days?|weeks?|months?|years?"
    rf"|decades?))(?:\s+(?i:or\s+so))?\s+"
    r"(?P<dir>(?i:ago|earlier|before|later|after|previously|from\s+now|hence))\b(?!\s+"
    r"(?i:than|that))"
)
# "(in) five years".
IN_UNITS = re.compile(
    rf"(?<=\b(?i:in) )(?P<n>{_COUNT})\s+(?P<unit>(?i:days?|weeks?|months?|years?))\b(?!\s+"
    rf"(?i:of|to|and|or|ago|before|after|earlier|later)\b|')"
)
YEAR_AGO = re.compile(r"(?P<dir>(?i:year-ago|year-earlier|year-before))\b")
# "by the end of this year", "the close of the month", "year-end".
PERIOD_END = re.compile(
    r"(?P<by>(?i:by|at|before|until)\s+)?(?:(?i:the\s+)?(?i:end|close)\s+of\s+(?P<det>"
    r"(?i:this|the|the\s+current|next|last))\s+"
    r"(?P<unit>(?i:year|month|week))|(?i:year[- ]end|year's\s+end)(?![-\w]))"
)
# "the third quarter of 1988", "the year-ago period", "last quarter".
QUARTER = re.compile(
    rf"(?:(?P<det>(?i:the|this|last|next|that|its|their|each))\s+)?"
    rf"(?P<quals>(?:(?:(?i:year-ago|year-earlier|latest|current|comparable|same"
    rf"|corresponding|fiscal|final|"
    rf"first|second|third|fourth|1st|2nd|3rd|4th|calendar|most\s+recent|recent|previous|past"
    rf"|flat)|{YEAR4})[\s-]+){{0,4}})"
    rf"\b(?P<q>(?i:quarter|period))(?!-|ly|s\b|(?:\s+of\s+(?:a|an|the|its|all|his|her"
    rf"|their)\b))"
    rf"(?:\s+(?:(?i:of|in)\s+)?(?P<year>{YEAR4}))?"
)
# "Q3", "3Q 2019".
QUARTER_CODE = re.compile(
    r"(?<![\w-])(?:(?P<q>[1-4])Q|Q(?P<q2>[1-4]))(?:\s+(?P<year>(?:19|20)\d\d))?(?![\w-])"
)
# "the first half of 2021", "second-half".
HALF_YEAR = re.compile(
    rf"(?P<det>(?i:the|this|last|next))\s+(?P<which>(?i:first|second|last"
    rf"|latter))\s+half\s+of\s+"
    rf"(?:(?P<year>{YEAR4})|(?P<rel>(?i:this|last|next|the))\s+year)"
    r"|(?<![\w-])(?P<which2>(?i:first|second))-half\b(?!-)"
)
# "fiscal 2020", "FY2021", "FY '98".
FISCAL_YEAR = re.compile(
    rf"(?P<pre>{_PART_OF})?(?:(?i:fiscal(?:\s+year)?)\s+(?P<year>{YEAR4}|'?\d\d\b)"
    r"|\bFY\s?'?(?P<year2>(?:19|20)\d\d|\d\d)\b)"
)
# "the 1980s", "the '90s", "the late sixties".
DECADE = re.compile(
    r"(?P<pre>(?i:the\s+)?(?:(?i:early|late|mid)(?:\s+|-))?)"
    r"(?:(?P<dd>(?:1[6-9]|20)\d0)'?s\b|'(?P<d2>\d0)s\b"
    rf"|(?P<dw>(?i:nineteen[- ])?(?i:{'|'.join(DECADE_WORDS)}))\b)"
)
# "the 11th century", "the early nineteenth century".
CENTURY = re.compile(
    r"(?:(?i:the)\s+)?(?:(?i:early|late|mid)[\s-]+)?(?P<c>\d{1,2}(?:st|nd|rd|th)|(?i:"
    + longest_first(CENTURY_ORDINALS)
    + r"))[\s-](?i:century)\b"
)
# "in the year", "over the whole month", "earlier in the day".
CURRENT_UNIT = re.compile(
    r"(?:\b(?i:in|for|during|of|through|throughout|over|on|at)\s+|(?=(?i:earlier"
    r"|later)\s+in\s))(?P<core>(?:(?i:earlier|later)\s+in\s+)?"
    r"(?i:the\s+(?:full\s+|whole\s+|entire\s+|current\s+)?(?P<unit>(?:fiscal\s+)?year|week"
    r"(?:end)?|month|day)))\b(?!\s+(?:beginning"
    r"|starting|through|to\s+date)\b|\s*(?:-|before"
    r"|after|ago|earlier|to\s+\w+\s+\d|in\s+which|when|of\s+the))"
)
# "recent years", "the coming months".
VAGUE_SPAN = re.compile(
    r"(?P<dir>(?i:recent|the\s+past\s+few|the\s+last\s+few"
    r"|(?:the\s+)?coming|the\s+next\s+few))"
    r"\s+(?i:days|weeks|months|years|decades)\b"
)
HOLIDAY = re.compile(
    r"(?P<hol>Christmas(?:\s+Eve|\s+Day)?|New\s+Year's(?:\s+Eve|\s+Day)?|Valentine's\s+Day"
    r"|Halloween|"
    r"Easter(?:\s+Sunday)?|Thanksgiving(?:\s+Day)?|Boxing\s+Day)\b"
    rf"(?:,?\s+(?P<year>{YEAR4}))?"
)
# "9 p.m.", "10:30 am EST", "noon".
CLOCK_TIME = re.compile(
    r"(?<![\w:.])(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.m\.|[AP]\.M\.|[ap]m\b"
    r"|[AP]M\b)"
    r"(?:\s+(?:[ECMP][SD]T|GMT|UTC)\b)?|\b(?P<word>(?i:noon|midnight))\b"
)
# "2017", "nineteen ninety-six", "2030 and beyond".
YEAR = re.compile(
    rf"(?P<pre>{_PART_OF})?(?P<year>{_YEAR})(?:\s+(?i:and\s+beyond|or\s+later|or\s+earlier))?"
)

# Each kind names its resolver (finder.py); the order is the priority among equal lengths.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso_date", ISO_DATE),
    ("numeric_date", NUMERIC_DATE),
    ("month_day", MONTH_DAY),
    ("month_name", MONTH_NAME_PATTERN),
    ("weekday", WEEKDAY),
    ("day_word", DAY_WORD),
    ("season", SEASON_PATTERN),
    ("relative_unit", RELATIVE_UNIT),
    ("until_then", UNTIL_THEN),
    ("adjacent_day", ADJACENT_DAY),
    ("units_ago", UNITS_AGO),
    ("in_units", IN_UNITS),
    ("year_ago", YEAR_AGO),
    ("period_end", PERIOD_END),
    ("quarter", QUARTER),
    ("quarter_code", QUARTER_CODE),
    ("half_year", HALF_YEAR),
    ("fiscal_year", FISCAL_YEAR),
    ("decade", DECADE),
    ("century", CENTURY),
    ("current_unit", CURRENT_UNIT),
    ("vague_span", VAGUE_SPAN),
    ("holiday", HOLIDAY),
    ("clock_time", CLOCK_TIME),
    ("year", YEAR),
)

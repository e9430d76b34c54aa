"""Dates: absolute and relative expressions normalised to ISO values (TimeML granularity)."""

from __future__ import annotations

import bisect
import datetime as dt
import re

from .dates_lex import (
    CENTURY_ORD,
    DAY_ORD,
    MONTHS,
    ORDINAL_NUM,
    SEASONS,
    WEEKDAYS,
    cap_alt,
    holiday_date,
    spelled_year,
    word_number,
)
from .dates_tense import tense
from .types import DateMention

# ---------------------------------------------------------------------------------------------
# Building blocks. Month and weekday names must be capitalised (or upper case): "may", "march"
# and "august" in lower case are ordinary words.
_MON_FULL = cap_alt(list(MONTHS))
_MON_ABBR = (
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP"
    r"|OCT|NOV|DEC)"
)
_MON = rf"(?:{_MON_FULL}|{_MON_ABBR}\.?)"
_WD = rf"(?:{cap_alt(list(WEEKDAYS))})"
_DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d|%|\.\d|,\d{3})"
_DAYORD = "(?i:" + "|".join(sorted(DAY_ORD, key=len, reverse=True)) + ")"
_YEAR4 = r"(?<![\w$€£.,/#])(?<!\d-)(?:1[6-9]\d\d|20\d\d)(?!\w|%|\.\d|,\d|/\d|-\d\d\d)"
_TENS = (
    r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five"
    r"|six|seven|eight|nine))?)"
)
_SPELLED_YEAR = (
    rf"(?i:(?:nineteen|eighteen|seventeen)[- ](?:{_TENS}|hundred|o[h]?[- ](?:one|two|three|four"
    rf"|five|six|seven|eight|nine))"
    rf"|(?:the\s+)?year\s+two\s+thousand(?:(?:\s+and)?\s+(?:one|two|three|four|five|six|seven"
    rf"|eight|nine|{_TENS}))?)"
)
_YEAR = rf"(?:{_YEAR4}|{_SPELLED_YEAR})"
_TIME = (
    r"(?:(?:[01]?\d(?::[0-5]\d)?\s*(?:[ap]\.m\.|[AP]\.M\.|[ap]m\b|[AP]M\b)|(?i:noon|midnight))"
    r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|local\s+time))?,?\s+(?:(?i:on)\s+)?)"
)
_POD = r"(?i:morning|afternoon|evening|night|overnight)"
_NUM = (
    r"(?:\d{1,3}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|a\s+couple\s+of|a\s+few|several|some|many))"
)
_PRE = (
    r"(?:(?i:(?:early|late|mid|earlier|later)(?:\s+|-)|(?:at\s+|by\s+|until\s+)?the\s+"
    r"(?:beginning|start|middle|end|close|turn|rest|"
    r"remainder|first\s+half|second\s+half|last\s+half|latter\s+half|latter\s+part|early\s+part"
    r"|first\s+part)\s+of\s+(?:the\s+)?"
    r"|(?:earlier|later)\s+in\s+(?:the\s+)?))"
)
_UNIT = (
    r"(?i:week(?:end)?|month|year|quarter|decade|century|fiscal\s+year|spring|summer|fall|autumn"
    r"|winter)"
)

# Each pattern has a kind that selects its resolver; earlier patterns win ties of equal length.
_PATTERNS: list[tuple[str, re.Pattern]] = [
    (
        "iso",
        re.compile(
            r"(?<![\w/.-])(?P<y>(?:1[6-9]|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
            r"(?![\w/-])"
        ),
    ),
    (
        "numeric",
        re.compile(
            r"(?<![\w/.-])(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>(?:19|20)\d\d)"
            r"(?![\w/])"
        ),
    ),
    (
        "mdy",
        re.compile(
            rf"(?:{_TIME})?(?:(?P<wd>{_WD})\.?,?\s+(?:(?i:the)\s+)?)?"
            rf"(?:(?P<mon>{_MON})\s+(?P<day>{_DAYNUM}|{_DAYORD}\b)|(?P<day2>{_DAYNUM}|"
            rf"(?i:the\s+)?{_DAYORD})\s+(?:(?i:of)\s+)?(?P<mon2>{_MON})\b)"
            rf"(?:,?\s+(?P<year>{_YEAR})|\s+(?P<rel>(?i:last|this|next))\s+(?i:year)\b)?"
        ),
    ),
    (
        "month",
        re.compile(
            rf"(?P<pre>{_PRE})?(?:(?P<det>(?i:last|next|this(?:\s+past|\s+coming)?|this\s+past"
            rf"|coming|past|that))\s+)?"
            rf"(?P<mon>{_MON_FULL}|{_MON_ABBR}\.(?=\s*(?:,\s*)?\d))\b"
            rf"(?:(?:,|\s+of)?\s+(?P<year>{_YEAR})|\s+(?P<rel>(?i:last|this|next))\s+(?i:year))?"
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"(?:{_TIME})?(?P<pre>(?i:early|late|earlier|later|mid-?)\s+)?"
            rf"(?:(?P<det>(?i:last|next|this(?:\s+coming|\s+past)?|coming|the\s+(?:previous"
            rf"|following|next|preceding)))\s+)?"
            rf"(?P<wd>{_WD})(?:'s)?(?:\s+(?P<pod>{_POD}))?\b"
        ),
    ),
    (
        "dayword",
        re.compile(
            rf"(?:{_TIME})?(?P<pre>(?i:early|late|earlier|later|mid-?)\s*)?"
            r"(?P<dw>(?i:yesterday|today|tomorrow|tonight))\b(?:\s+(?P<pod>(?i:morning|afternoon"
            r"|evening|night)))?"
            r"|(?P<det>(?i:this|last|yesterday|tomorrow))\s+(?P<pod2>(?i:morning|afternoon|evening"
            r"|night))\b"
            r"|(?P<mid>(?i:mid-?\s?(?:morning|afternoon|day)))\b"
        ),
    ),
    (
        "season",
        re.compile(
            rf"(?P<pre>{_PRE})?(?:(?P<det>(?i:this(?:\s+past|\s+coming)?|last|next|the|that|in\s+the"
            rf"|in|during|over|through|since|until|by))\s+)?"
            rf"\b(?P<season>(?i:spring|summer|fall|autumn|winter))\b(?!\s+of\s+(?!{_YEAR}))"
            rf"(?:(?:,|\s+of)?\s+(?P<year>{_YEAR}))?"
        ),
    ),
    (
        "relunit",
        re.compile(
            rf"(?P<pre>{_PRE})?(?P<det>(?i:this|last|next|this\s+past|this\s+coming|the\s+past"
            rf"|the\s+last|the\s+coming|"
            r"the\s+current|the\s+previous|the\s+preceding|the\s+following|the\s+next|the\s+same"
            r"|the\s+latest|"
            r"the\s+most\s+recent|current|previous|coming|that))\s+"
            rf"(?P<unit>{_UNIT})\b(?!-)(?P<orso>\s+or\s+so)?"
        ),
    ),
    ("then", re.compile(r"\b(?i:until|till|by)\s+(?P<core>then)\b")),
    (
        "dayrel",
        re.compile(r"(?i:the\s+(?P<det>next|following|previous|preceding|same))\s+(?i:day)\b(?!-)"),
    ),
    (
        "ago",
        re.compile(
            rf"(?:(?i:about|around|nearly|almost|some|roughly|more\s+than|less\s+than|just|only"
            rf"|barely|over|exactly)\s+)?"
            rf"(?P<n>{_NUM})\s+(?:(?i:or\s+so)\s+)?(?P<unit>(?i:days?|weeks?|months?|years?"
            rf"|decades?))(?:\s+(?i:or\s+so))?\s+"
            r"(?P<dir>(?i:ago|earlier|before|later|after|previously|from\s+now|hence))\b(?!\s+"
            r"(?i:than|that))"
        ),
    ),
    (
        "inunits",
        re.compile(
            rf"(?<=\b(?i:in) )(?P<n>{_NUM})\s+(?P<unit>(?i:days?|weeks?|months?|years?))\b(?!\s+"
            rf"(?i:of|to|and|or|ago|before|after|earlier|later)\b|')"
        ),
    ),
    ("yearago", re.compile(r"(?P<dir>(?i:year-ago|year-earlier|year-before))\b")),
    (
        "yearend",
        re.compile(
            r"(?P<by>(?i:by|at|before|until)\s+)?(?:(?i:the\s+)?(?i:end|close)\s+of\s+(?P<det>"
            r"(?i:this|the|the\s+current|next|last))\s+"
            r"(?P<unit>(?i:year|month|week))|(?i:year[- ]end|year's\s+end)(?![-\w]))"
        ),
    ),
    (
        "quarter",
        re.compile(
            rf"(?:(?P<det>(?i:the|this|last|next|that|its|their|each))\s+)?"
            rf"(?P<quals>(?:(?:(?i:year-ago|year-earlier|latest|current|comparable|same"
            rf"|corresponding|fiscal|final|"
            rf"first|second|third|fourth|1st|2nd|3rd|4th|calendar|most\s+recent|recent|previous|past"
            rf"|flat)|{_YEAR4})[\s-]+){{0,4}})"
            rf"\b(?P<q>(?i:quarter|period))(?!-|ly|s\b|(?:\s+of\s+(?:a|an|the|its|all|his|her"
            rf"|their)\b))"
            rf"(?:\s+(?:(?i:of|in)\s+)?(?P<year>{_YEAR4}))?"
        ),
    ),
    (
        "qcode",
        re.compile(
            r"(?<![\w-])(?:(?P<q>[1-4])Q|Q(?P<q2>[1-4]))(?:\s+(?P<year>(?:19|20)\d\d))?(?![\w-])"
        ),
    ),
    (
        "half",
        re.compile(
            rf"(?P<det>(?i:the|this|last|next))\s+(?P<which>(?i:first|second|last"
            rf"|latter))\s+half\s+of\s+"
            rf"(?:(?P<year>{_YEAR4})|(?P<rel>(?i:this|last|next|the))\s+year)"
            r"|(?<![\w-])(?P<which2>(?i:first|second))-half\b(?!-)"
        ),
    ),
    (
        "fiscal",
        re.compile(
            rf"(?P<pre>{_PRE})?(?:(?i:fiscal(?:\s+year)?)\s+(?P<year>{_YEAR4}|'?\d\d\b)"
            r"|\bFY\s?'?(?P<year2>(?:19|20)\d\d|\d\d)\b)"
        ),
    ),
    (
        "decade",
        re.compile(
            r"(?P<pre>(?i:the\s+)?(?:(?i:early|late|mid)(?:\s+|-))?)"
            r"(?:(?P<dd>(?:1[6-9]|20)\d0)'?s\b|'(?P<d2>\d0)s\b"
            r"|(?P<dw>(?i:nineteen[- ])?(?i:twenties"
            r"|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b)"
        ),
    ),
    (
        "century",
        re.compile(
            r"(?:(?i:the)\s+)?(?:(?i:early|late|mid)[\s-]+)?(?P<c>\d{1,2}(?:st|nd|rd|th)|(?i:"
            + "|".join(sorted(CENTURY_ORD, key=len, reverse=True))
            + r"))[\s-](?i:century)\b"
        ),
    ),
    (
        "theyear",
        re.compile(
            r"(?:\b(?i:in|for|during|of|through|throughout|over|on|at)\s+|(?=(?i:earlier"
            r"|later)\s+in\s))(?P<core>(?:(?i:earlier|later)\s+in\s+)?"
            r"(?i:the\s+(?:full\s+|whole\s+|entire\s+|current\s+)?(?P<unit>(?:fiscal\s+)?year|week"
            r"(?:end)?|month|day)))\b(?!\s+(?:beginning"
            r"|starting|through|to\s+date)\b|\s*(?:-|before"
            r"|after|ago|earlier|to\s+\w+\s+\d|in\s+which|when|of\s+the))"
        ),
    ),
    (
        "recent",
        re.compile(
            r"(?P<dir>(?i:recent|the\s+past\s+few|the\s+last\s+few"
            r"|(?:the\s+)?coming|the\s+next\s+few))"
            r"\s+(?i:days|weeks|months|years|decades)\b"
        ),
    ),
    (
        "holiday",
        re.compile(
            r"(?P<hol>Christmas(?:\s+Eve|\s+Day)?|New\s+Year's(?:\s+Eve|\s+Day)?|Valentine's\s+Day"
            r"|Halloween|"
            r"Easter(?:\s+Sunday)?|Thanksgiving(?:\s+Day)?|Boxing\s+Day)\b"
            rf"(?:,?\s+(?P<year>{_YEAR4}))?"
        ),
    ),
    (
        "clock",
        re.compile(
            r"(?<![\w:.])(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.m\.|[AP]\.M\.|[ap]m\b"
            r"|[AP]M\b)"
            r"(?:\s+(?:[ECMP][SD]T|GMT|UTC)\b)?|\b(?P<word>(?i:noon|midnight))\b"
        ),
    ),
    (
        "year",
        re.compile(
            rf"(?P<pre>{_PRE})?(?P<year>{_YEAR})(?:\s+(?i:and\s+beyond|or\s+later|or\s+earlier))?"
        ),
    ),
]

# Context tests used by the resolvers (compiled once: they run for every candidate).
_ARTICLE_BEFORE = re.compile(r"(?i:\b(?:a|an|the|its|his|her|their))\s+$")
_NAME_AFTER = re.compile(r"\s*(?!(?:The|This|That|A|An|In|On|At|It|He|She|We|They|I)\b)[A-Z][a-z]")
_TIME_PREP_BEFORE = re.compile(
    r"(?i:\b(?:in|since|until|till|by|from|to|through|during|before|after|of|and|or|between|last"
    r"|next|"
    r"this|early|late|mid|for|on|that|as|each|every))\W*$"
)
_MONTH_SUBJECT_AFTER = re.compile(r"\s*[,.;:)]|\s+(?:[a-z]+ed|is|was|were|be|will|has|have|had)\b")
_MODAL_AFTER = re.compile(r"\s+(?:be|have|not|also|still|well|never|want|need)\b")
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
_NAME_BEFORE = re.compile(
    r"\b(?!(?:In|On|At|By|For|From|Since|Until|Through|During|After|Before|Of|And|Or|But|The|A|An|"
    r"That|This|These|Those|Its|His|Her|Their|Our|Between|Around|About|Early|Late|Mid|Last|Circa"
    r"|Every|"
    r"Each|Only|Christmas|Easter|Thanksgiving|Spring|Summer|Fall|Autumn|Winter|Class|Fiscal|FY)\b)"
    r"[A-Z][a-z]+ $"
)
_OF_PHRASE_AFTER = re.compile(r"\s+(?:of|in)\s+(?:the|a|an|his|her|its|their)\b")
_DET_AFTER = re.compile(r"\s+(?:the|that|this|his|her|its|their)\b")
_PERIOD_QUALS = {
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
_MONTH_BEFORE = re.compile(rf"(?:{_MON_FULL})\s*$")

_GRAN_YEAR, _GRAN_MONTH, _GRAN_DAY = 1, 2, 3


class _Anchor:
    """The latest resolved calendar reference, for 'that year', 'two days later' and the like."""

    def __init__(self) -> None:
        self.date: dt.date | None = None
        self.gran = 0

    def set(self, value: str | None) -> None:
        if not value:
            return
        m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value)
        if not m:
            return
        y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
        self.date = dt.date(y, mo, d)
        self.gran = _GRAN_DAY if m.group(3) else _GRAN_MONTH if m.group(2) else _GRAN_YEAR


def _cost(delta: int, tense_sign: int, near: int) -> float:
    """Distance of a candidate from the publication date, weighted against the clause's tense.

    Going against the tense is cheap within `near` units (the tense guess is rough), dear beyond.
    """
    if tense_sign < 0 and delta > 0 or tense_sign > 0 and delta < 0:
        return (3 if abs(delta) <= near else 6) * abs(delta) + 1
    if tense_sign == 0 and delta > 0:
        return 1.2 * delta  # news reports more often look back than ahead
    return abs(delta)


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _month_num(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    for full, num in MONTHS.items():
        if full.startswith(key):
            return num
    raise KeyError(name)


def _year_of(raw: str | None) -> int | None:
    if not raw:
        return None
    raw = raw.strip()
    if raw.isdigit():
        return int(raw)
    return spelled_year(raw)


def _day_of(raw: str) -> int:
    raw = raw.strip().lower()
    if raw.startswith("the"):
        raw = raw[3:].strip()
    digits = re.match(r"\d+", raw)
    return int(digits.group()) if digits else DAY_ORD[raw]


class _Resolver:
    """Turns matched expressions into values, given the publication date and the text."""

    def __init__(self, text: str, published: dt.date | None) -> None:
        self.text = text
        self.pub = published
        self.anchor = _Anchor()

    # Each method returns (value, relative) or None to drop the match.
    def iso(self, m: re.Match) -> tuple[str | None, bool] | None:
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        return (d.isoformat(), False) if d else None

    numeric = iso

    def mdy(self, m: re.Match) -> tuple[str | None, bool] | None:
        month = _month_num(m["mon"] or m["mon2"])
        day = _day_of(m["day"] or m["day2"])
        year = _year_of(m["year"])
        if year:
            d = _safe_date(year, month, day)
            return (d.isoformat(), False) if d else None
        if m["rel"] and self.pub:
            off = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
            d = _safe_date(self.pub.year + off, month, day)
            return (d.isoformat(), True) if d else None
        if m["mon"] and m["mon"].rstrip(".").lower() == "may" and not m["day"][0].isdigit():
            return None
        if self.pub is None:
            return f"XXXX-{month:02d}-{day:02d}", True
        if m["wd"]:
            # The weekday pins the year: take the nearest year in which that day is that weekday.
            want = WEEKDAYS[m["wd"].lower().rstrip(".")]
            for y in (self.pub.year, self.pub.year + 1, self.pub.year - 1):
                d = _safe_date(y, month, day)
                if d and d.weekday() == want:
                    return d.isoformat(), True
        t = tense(self.text, m.start(), m.end())
        best = None
        for y in (self.pub.year - 1, self.pub.year, self.pub.year + 1):
            d = _safe_date(y, month, day)
            if d is not None:
                cost = _cost((d - self.pub).days, t, 60)
                if best is None or cost < best[0]:
                    best = (cost, d)
        return (best[1].isoformat(), True) if best else None

    def month(self, m: re.Match) -> tuple[str | None, bool] | None:
        name = m["mon"].rstrip(".")
        month = _month_num(name)
        year = _year_of(m["year"])
        if year:
            return _ym(year, month), False
        before = self.text[max(0, m.start() - 30) : m.start()]
        after = self.text[m.end() : m.end() + 30]
        det = (m["det"] or "").lower()
        may = name.lower() == "may"
        if not (m["pre"] or det or m["rel"]) and not _ARTICLE_BEFORE.search(before):
            # Bare month names double as first names ("April Glaspie") and, for May, a modal verb.
            if _NAME_AFTER.match(after):
                return None
            if not _TIME_PREP_BEFORE.search(before) and (
                may or not _MONTH_SUBJECT_AFTER.match(after)
            ):
                return None
        if may and _MODAL_AFTER.match(after):
            return None
        if self.pub is None:
            return f"XXXX-{month:02d}", True
        py, pm = self.pub.year, self.pub.month
        if m["rel"]:
            off = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
            return _ym(py + off, month), True
        if det.startswith("last") or det in ("this past", "past"):
            # "last February" said in March means a year earlier: last month is "last month".
            return _ym(py if month < pm - 1 else py - 1, month), True
        if det.startswith("next") or det in ("this coming", "coming"):
            return _ym(py if month > pm else py + 1, month), True
        if det == "this":
            return _ym(py, month), True
        if det == "that" and self.anchor.date:
            return _ym(self.anchor.date.year, month), True
        if month == pm:
            return _ym(py, month), True
        t = tense(self.text, m.start(), m.end())
        y = min((py - 1, py, py + 1), key=lambda y: _cost((y - py) * 12 + month - pm, t, 2))
        return _ym(y, month), True

    def weekday(self, m: re.Match) -> tuple[str | None, bool] | None:
        want = WEEKDAYS[m["wd"].lower().rstrip(".")]
        if self.pub is None:
            return None, True
        det = re.sub(r"\s+", " ", (m["det"] or "").lower())
        have = self.pub.weekday()
        back = (have - want) % 7
        fwd = (want - have) % 7
        if det in ("last", "this past", "the previous", "the preceding"):
            from_anchor = det.startswith("the") and self.anchor.gran == _GRAN_DAY
            base = self.anchor.date if from_anchor else self.pub
            back = (base.weekday() - want) % 7 or 7
            return (base - dt.timedelta(days=back)).isoformat(), True
        if det in ("next", "this coming", "coming", "the following", "the next"):
            from_anchor = det.startswith("the") and self.anchor.gran == _GRAN_DAY
            base = self.anchor.date if from_anchor else self.pub
            fwd = (want - base.weekday()) % 7 or 7
            return (base + dt.timedelta(days=fwd)).isoformat(), True
        if back == 0:
            return self.pub.isoformat(), True
        t = tense(self.text, m.start(), m.end(), infinitive=False)
        if det == "this" and t >= 0 or t > 0:
            return (self.pub + dt.timedelta(days=fwd)).isoformat(), True
        return (self.pub - dt.timedelta(days=back)).isoformat(), True

    def dayword(self, m: re.Match) -> tuple[str | None, bool] | None:
        if self.pub is None:
            return None, True
        word = (m["dw"] or m["det"] or "").lower()
        if m["mid"]:
            word = "today"
        if word == "yesterday" or word == "last" and (m["pod2"] or "").lower() == "night":
            return (self.pub - dt.timedelta(days=1)).isoformat(), True
        if word == "tomorrow":
            return (self.pub + dt.timedelta(days=1)).isoformat(), True
        if word == "last":
            return (self.pub - dt.timedelta(days=1)).isoformat(), True
        return self.pub.isoformat(), True

    def season(self, m: re.Match) -> tuple[str | None, bool] | None:
        season = m["season"].lower()
        det = re.sub(r"\s+", " ", (m["det"] or "").lower())
        year = _year_of(m["year"])
        if year:
            return str(year), False
        # Lone "fall" and "spring" are common verbs and nouns: insist on a determiner.
        if not det and not m["pre"]:
            return None
        if season in ("fall", "spring") and det in ("since", "until", "by", "over", "through"):
            return None
        after = self.text[m.end() : m.end() + 20]
        if _OF_PHRASE_AFTER.match(after) or re.match(r"[-\w]", after):
            return None
        if self.pub is None:
            return None, True
        start_month, _ = SEASONS[season]
        py = self.pub.year
        started = self.pub.month >= start_month
        if det in ("last", "this past"):
            # The most recent season that has already ended (winter spans the new year).
            y = py if self.pub.month > SEASONS[season][1] and season != "winter" else py - 1
            if season == "winter":
                y = py if self.pub.month >= 4 else py - 1
            return str(y), True
        if det in ("next", "this coming"):
            return str(py if not started else py + 1), True
        if det == "this":
            return str(py), True
        t = tense(self.text, m.start(), m.end())
        if t > 0:
            return str(py if not started else py + 1), True
        if t < 0 and not started:
            return str(py - 1), True
        return str(py), True

    def relunit(self, m: re.Match) -> tuple[str | None, bool] | None:
        det = re.sub(r"\s+", " ", m["det"].lower())
        unit = re.sub(r"\s+", " ", m["unit"].lower())
        if unit == "fiscal year":
            unit = "year"
        if unit in SEASONS:
            return self.season_rel(det, unit)
        end_of = bool(m["pre"]) and re.search(r"(?i)\bend\s+of\b", m["pre"]) is not None
        anchored = det in ("that", "the same", "the following", "the previous", "the preceding")
        base = self.pub
        if anchored:
            if self.anchor.date is None:
                return None
            base = self.anchor.date
        if base is None:
            return None, True
        off = {
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
        }[det]
        if unit in ("week", "weekend"):
            d = base + dt.timedelta(weeks=off)
            return _week(d) + ("-WE" if unit == "weekend" else ""), True
        if unit == "month":
            y, mo = _add_months(base.year, base.month, off)
            if end_of and m["pre"].lower().lstrip().startswith("by"):
                last = dt.date(*_add_months(y, mo, 1), 1) - dt.timedelta(days=1)
                return last.isoformat(), True
            return _ym(y, mo), True
        if unit == "year":
            y = base.year + off
            if end_of:
                return f"{y:04d}-12-31", True
            return str(y), True
        if unit == "quarter":
            q = (base.month - 1) // 3 + 1 + off
            y = base.year + (q - 1) // 4
            return f"{y:04d}-Q{(q - 1) % 4 + 1}", True
        if unit == "decade":
            return str(base.year // 10 + off), True
        if unit == "century":
            return str(base.year // 100 + off), True
        return None

    def season_rel(self, det: str, season: str) -> tuple[str | None, bool] | None:
        if self.pub is None:
            return None, True
        if det in ("that", "the same", "the following", "the previous"):
            if not self.anchor.date:
                return None
            off = {"that": 0, "the same": 0, "the following": 1, "the previous": -1}[det]
            return str(self.anchor.date.year + off), True
        start_month, end_month = SEASONS[season]
        py = self.pub.year
        if det in ("the past", "the last", "this past", "previous", "the previous"):
            y = py if self.pub.month > end_month and season != "winter" else py - 1
            return str(y), True
        if det in ("the coming", "this coming", "coming", "the next"):
            return str(py if self.pub.month < start_month else py + 1), True
        return str(py), True

    def then(self, m: re.Match) -> tuple[str | None, bool] | None:
        if self.anchor.date is None:
            return None
        a = self.anchor
        value = (
            a.date.isoformat()
            if a.gran == _GRAN_DAY
            else _ym(a.date.year, a.date.month)
            if a.gran == _GRAN_MONTH
            else str(a.date.year)
        )
        return value, True

    def dayrel(self, m: re.Match) -> tuple[str | None, bool] | None:
        base = self.anchor.date if self.anchor.gran == _GRAN_DAY else self.pub
        if base is None:
            return None, True
        offsets = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "same": 0}
        off = offsets[m["det"].lower()]
        return (base + dt.timedelta(days=off)).isoformat(), True

    def ago(self, m: re.Match) -> tuple[str | None, bool] | None:
        n = word_number(m["n"])
        unit = m["unit"].lower().rstrip("s")
        direction = re.sub(r"\s+", " ", m["dir"].lower())
        after = self.text[m.end() : m.end() + 40]
        if n is None:
            return (
                "PAST_REF"
                if direction in ("ago", "earlier", "previously")
                else "FUTURE_REF"
                if direction in ("from now", "hence")
                else None
            ), True
        sign = -1 if direction in ("ago", "earlier", "before", "previously") else 1
        base = self.pub
        # "two days after the attack" and "a week later" count from the last date mentioned.
        short = unit in ("day", "week")
        if direction in ("before", "after", "later") or direction == "earlier" and short:
            if direction in ("before", "after") and not _DET_AFTER.match(after):
                return None
            need = _GRAN_DAY if short else _GRAN_MONTH if unit == "month" else _GRAN_YEAR
            if self.anchor.date is None or self.anchor.gran < need:
                return None
            base = self.anchor.date
        if base is None:
            return None, True
        if unit in ("day", "week"):
            d = base + dt.timedelta(days=sign * n * (7 if unit == "week" else 1))
            return d.isoformat(), True
        if unit == "month":
            return _ym(*_add_months(base.year, base.month, sign * n)), True
        if unit == "year":
            return str(base.year + sign * n), True
        return str(base.year // 10 + sign * n), True

    def inunits(self, m: re.Match) -> tuple[str | None, bool] | None:
        # "will be redeemed in five years" is a date; "the first time in five years" a duration.
        n = word_number(m["n"])
        if n is None or self.pub is None or tense(self.text, m.start(), m.end()) <= 0:
            return None
        unit = m["unit"].lower().rstrip("s")
        if unit in ("day", "week"):
            days = n * (7 if unit == "week" else 1)
            return (self.pub + dt.timedelta(days=days)).isoformat(), True
        if unit == "month":
            return _ym(*_add_months(self.pub.year, self.pub.month, n)), True
        return str(self.pub.year + n), True

    def yearago(self, m: re.Match) -> tuple[str | None, bool] | None:
        if self.pub is None:
            return None, True
        return str(self.pub.year - 1), True

    def yearend(self, m: re.Match) -> tuple[str | None, bool] | None:
        if self.pub is None:
            return None, True
        det = re.sub(r"\s+", " ", (m["det"] or "this").lower())
        unit = (m["unit"] or "year").lower()
        off = {"this": 0, "the": 0, "the current": 0, "next": 1, "last": -1}[det]
        if unit == "year":
            if not m["det"]:
                return str(self.pub.year), True
            return f"{self.pub.year + off:04d}-12-31", True
        if unit == "month":
            y, mo = _add_months(self.pub.year, self.pub.month, off)
            return (dt.date(*_add_months(y, mo, 1), 1) - dt.timedelta(days=1)).isoformat(), True
        return _week(self.pub + dt.timedelta(weeks=off)), True

    def quarter(self, m: re.Match) -> tuple[str | None, bool] | None:
        quals = re.findall(r"year-(?:ago|earlier)|[a-z0-9]+", (m["quals"] or "").lower())
        det = (m["det"] or "").lower()
        word = m["q"].lower()
        ordinal = next((ORDINAL_NUM[q] for q in quals if q in ORDINAL_NUM), None)
        years = [int(q) for q in quals if q.isdigit()]
        year = int(m["year"]) if m["year"] else (years[0] if years else None)
        if word == "period" and not (set(quals) & _PERIOD_QUALS or years):
            return None
        if not quals and det not in ("the", "this", "last", "next", "that", "its", "their"):
            return None
        if word == "quarter" and not quals and det == "the":
            # "the quarter" is a period in reporting prose, not in "the quarter of the city".
            if re.match(r"\s+(?:of|in)\s+(?!\d)", self.text[m.end() : m.end() + 10]):
                return None
        relative = year is None
        if self.pub is None and year is None:
            return None, True
        cur_q = (self.pub.month - 1) // 3 + 1 if self.pub else 1
        if year is None:
            year = self.pub.year
            if "year-ago" in quals or "year-earlier" in quals or det == "last" and not ordinal:
                year -= 1
        if word == "period":
            return str(year), relative
        if ordinal is None:
            if det == "next":
                ordinal = cur_q + 1
            elif det == "this" or "current" in quals:
                ordinal = cur_q
            else:
                ordinal = cur_q - 1
            if ordinal == 0:
                ordinal, year = 4, year - 1
            elif ordinal == 5:
                ordinal, year = 1, year + 1
        elif (
            relative
            and ordinal > cur_q
            and "fiscal" not in quals
            and tense(self.text, m.start(), m.end()) <= 0
        ):
            year -= 1
        return f"{year:04d}-Q{ordinal}", relative

    def qcode(self, m: re.Match) -> tuple[str | None, bool] | None:
        q = int(m["q"] or m["q2"])
        if m["year"]:
            return f"{m['year']}-Q{q}", False
        if self.pub is None:
            return f"XXXX-Q{q}", True
        return f"{self.pub.year:04d}-Q{q}", True

    def half(self, m: re.Match) -> tuple[str | None, bool] | None:
        if m["which2"]:
            if self.pub is None:
                return None, True
            h = 1 if m["which2"].lower() == "first" else 2
            # "second-half profit" reported in the first half of a year is last year's.
            year = self.pub.year
            if h == 2 and self.pub.month <= 6 and tense(self.text, m.start(), m.end()) <= 0:
                year -= 1
            return f"{year:04d}-H{h}", True
        h = 1 if m["which"].lower() == "first" else 2
        if m["year"]:
            return f"{m['year']}-H{h}", False
        if self.pub is None:
            return None, True
        off = {"this": 0, "the": 0, "last": -1, "next": 1}[m["rel"].lower()]
        return f"{self.pub.year + off:04d}-H{h}", True

    def fiscal(self, m: re.Match) -> tuple[str | None, bool] | None:
        raw = (m["year"] or m["year2"]).lstrip("'")
        year = int(raw)
        if len(raw) == 2:
            year += 1900 if year > 40 else 2000
        return str(year), False

    def decade(self, m: re.Match) -> tuple[str | None, bool] | None:
        if m["dd"]:
            return m["dd"][:3], False
        if m["d2"]:
            return "19" + m["d2"][0], False
        if not (m["pre"] or "").strip():
            return None
        tens = {
            "twenties": 2,
            "thirties": 3,
            "forties": 4,
            "fifties": 5,
            "sixties": 6,
            "seventies": 7,
            "eighties": 8,
            "nineties": 9,
        }[m["dw"].lower().split()[-1].split("-")[-1]]
        return f"19{tens}", False

    def century(self, m: re.Match) -> tuple[str | None, bool] | None:
        raw = m["c"].lower()
        n = int(re.match(r"\d+", raw).group()) if raw[0].isdigit() else CENTURY_ORD[raw]
        return f"{n - 1:02d}", False

    def theyear(self, m: re.Match) -> tuple[str | None, bool] | None:
        unit = m["unit"].lower().split()[-1]
        if unit == "weekend" and not m["core"].lower().startswith("the"):
            return None
        if unit == "day" and m["core"].lower().startswith("the"):
            return None  # only "earlier/later in the day"
        if self.pub is None:
            return None, True
        if unit == "year":
            return str(self.pub.year), True
        if unit == "day":
            return self.pub.isoformat(), True
        if unit == "month":
            return _ym(self.pub.year, self.pub.month), True
        day = self.pub
        if unit == "weekend":
            # The weekend just gone unless the clause looks ahead.
            sat = day + dt.timedelta(days=(5 - day.weekday()) % 7)
            if tense(self.text, m.start(), m.end()) <= 0 and sat > day:
                sat -= dt.timedelta(days=7)
            return _week(sat) + "-WE", True
        return _week(day), True

    def recent(self, m: re.Match) -> tuple[str | None, bool] | None:
        forward = re.search(r"(?i)coming|next", m["dir"]) is not None
        return ("FUTURE_REF" if forward else "PAST_REF"), True

    def holiday(self, m: re.Match) -> tuple[str | None, bool] | None:
        name = re.sub(r"\s+", " ", m["hol"].lower())
        year = int(m["year"]) if m["year"] else None
        if year is None and self.pub is None:
            return None, True
        t = tense(self.text, m.start(), m.end())
        best = None
        for y in (year,) if year else (self.pub.year - 1, self.pub.year, self.pub.year + 1):
            d = holiday_date(name, y)
            if d is None:
                return None
            cost = 0 if year else _cost((d - self.pub).days, t, 60)
            if best is None or cost < best[0]:
                best = (cost, d)
        return best[1].isoformat(), year is None

    def clock(self, m: re.Match) -> tuple[str | None, bool] | None:
        if m["word"]:
            hour, minute = (12 if m["word"].lower() == "noon" else 0), 0
        else:
            hour, minute = int(m["h"]), int(m["mi"] or 0)
            if not 1 <= hour <= 12:
                return None
            pm = m["ap"].lower().startswith("p")
            hour = hour % 12 + (12 if pm else 0)
        if self.pub is None:
            return f"XXXX-XX-XXT{hour:02d}:{minute:02d}", True
        return f"{self.pub.isoformat()}T{hour:02d}:{minute:02d}", True

    def year(self, m: re.Match) -> tuple[str | None, bool] | None:
        year = _year_of(m["year"])
        if year is None:
            return None
        raw = m["year"]
        if raw.isdigit():
            before = self.text[max(0, m.start() - 12) : m.start()]
            after = self.text[m.end() : m.end() + 24]
            # Counts, codes, money and names that happen to fall in the year range.
            if (
                _CODE_BEFORE.search(before)
                or _MONEY_BEFORE.search(before)
                or _PERCENT_AFTER.match(after)
            ):
                return None
            if _RANGE_AFTER.match(after) and not _YEAR_RANGE_AFTER.match(after):
                return None
            if (
                _PLURAL_AFTER.match(after)
                and not _YEAR_NOUN_AFTER.match(after)
                and not _YEAR_PREP_BEFORE.search(before)
            ):
                return None  # "2000 workers": a count, unless "in 1988 profits rose"
            if _NAME_BEFORE.search(before) and not _MONTH_BEFORE.search(before):
                return None  # "Orion 1980", "Windows 2000": part of a name
        return str(year), False


_Cand = tuple[int, int, int, str, re.Match]


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Keep the longest of overlapping candidates (ties go to the earlier pattern)."""
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    starts: list[int] = []
    chosen: list[_Cand] = []
    for c in cands:
        i = bisect.bisect_left(starts, c[0])
        if i > 0 and chosen[i - 1][1] > c[0]:
            continue
        if i < len(chosen) and chosen[i][0] < c[1]:
            continue
        starts.insert(i, c[0])
        chosen.insert(i, c)
    return chosen


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ,\t\n":
        end -= 1
    while start < end and text[start] in " ,\t\n":
        start += 1
    return start, end


# Every pattern contains one of these trigger words or digit shapes, so each pattern only runs in
# windows around the triggers of its own group.
_TRIGGER = re.compile(
    r"\b(?:(?P<yr>year)|(?P<qp>quarter|period)|(?P<wmd>week|month|day)|(?P<dec>decade|\d{3}0'?s\b)"
    r"|(?P<ago>ago)|(?P<sea>spring|summer|fall|autumn|winter)|(?P<half>half)"
    r"|(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(?P<wd>mon|tue|wed|thu|fri|sat|sun)"
    r"|(?P<dw>yesterday|to(?:day|morrow|night)|morning|afternoon|evening|night|mid-?day)"
    r"|(?P<cent>centur)|(?P<fy>fiscal|fy)|(?P<q>q[1-4]|[1-4]q)"
    r"|(?P<sp>(?:twen|thir|for|fif|six|seven|eigh|nine)t(?:y|ies)|nineteen|eighteen|seventeen"
    r"|thousand)"
    r"|(?P<hol>christmas|new year's|valentine|halloween|easter|thanksgiving|boxing day)"
    r"|(?P<clk>\d{1,2}(?::\d\d)?\s?[ap]\.?m\b|noon|midnight)|(?P<then>then))"
    r"|(?P<y>\d{4})|(?P<num>\b\d\d?/\d)|(?P<dec2>'\d0s\b)"
)
_KINDS_BY_TRIGGER = {
    "yr": (
        "relunit",
        "ago",
        "inunits",
        "yearago",
        "yearend",
        "theyear",
        "half",
        "quarter",
        "fiscal",
        "recent",
    ),
    "qp": ("quarter", "relunit"),
    "wmd": ("relunit", "ago", "inunits", "yearend", "theyear", "recent", "dayrel"),
    "dec": ("decade", "relunit", "ago", "recent"),
    "dec2": ("decade",),
    "ago": ("ago",),
    "sea": ("season", "relunit"),
    "half": ("half",),
    "mon": ("mdy", "month"),
    "wd": ("weekday",),
    "dw": ("dayword",),
    "cent": ("century", "relunit"),
    "fy": ("fiscal",),
    "q": ("qcode",),
    "sp": ("year", "decade"),
    "hol": ("holiday",),
    "clk": ("clock",),
    "then": ("then",),
    "y": ("iso", "year"),
    "num": ("numeric",),
}
# Upper case to lower case without changing any offsets (str.lower can lengthen some letters).
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_BEFORE, _AFTER = 60, 45


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _regions(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per pattern kind, merged windows of text around that kind's trigger words."""
    by_group: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    for m in _TRIGGER.finditer(text.translate(_LOWER)):
        a, b = max(0, m.start() - _BEFORE), min(n, m.end() + _AFTER)
        stop = min(n, b + 20)
        while b < stop and text[b].isalnum():
            b += 1
        spans = by_group.setdefault(m.lastgroup, [])
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], b))
        else:
            spans.append((a, b))
    out: dict[str, list[tuple[int, int]]] = {}
    for group, spans in by_group.items():
        for kind in _KINDS_BY_TRIGGER[group]:
            out.setdefault(kind, []).extend(spans)
    return {kind: _merge(sorted(spans)) for kind, spans in out.items()}


def _mid_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 8) : start].rstrip(" \t\"'“‘(`")
    return bool(before) and before[-1] not in ".!?:\n_-—"


def find_dates(text: str, published: dt.date | None = None) -> list[DateMention]:
    """Return date mentions with ISO values resolved against `published` where relative."""
    if isinstance(published, str):
        try:
            published = dt.date.fromisoformat(published[:10])
        except ValueError:
            published = None
    if isinstance(published, dt.datetime):
        published = published.date()
    cands = []
    regions = _regions(text)
    for prio, (kind, rx) in enumerate(_PATTERNS):
        for a, b in regions.get(kind, ()):
            for m in rx.finditer(text, a, b):
                if m.end() > m.start():
                    cands.append((m.start(), m.end(), prio, kind, m))
    resolver = _Resolver(text, published)
    out = []
    for start, end, _, kind, m in _select(cands):
        if kind in ("dayword", "relunit") and text[start].isupper() and _mid_sentence(text, start):
            continue  # "USA Today", ABC's "This Week": titles, not dates
        got = getattr(resolver, kind)(m)
        if got is None:
            continue
        value, relative = got
        if "core" in m.re.groupindex and m["core"]:
            start, end = m.span("core")
        start, end = _trim(text, start, end)
        if end <= start:
            continue
        out.append(
            DateMention(text=text[start:end], start=start, end=end, value=value, relative=relative)
        )
        if kind not in ("recent", "yearago", "quarter", "decade", "century"):
            resolver.anchor.set(value)
    return out

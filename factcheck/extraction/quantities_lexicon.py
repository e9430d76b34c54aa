"""Word lists and unit tables used by the quantity finder."""

from __future__ import annotations

import re

UNITS_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEENS_WORDS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SMALL_WORDS = {**UNITS_WORDS, **TEENS_WORDS, **TENS_WORDS}
SCALE_WORDS = {
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
NUMBER_WORDS = {**SMALL_WORDS, **SCALE_WORDS, "dozen": 12}

# Denominators for spelled fractions ("a third of", "two-thirds").
FRACTION_WORDS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
    "hundredth": 100,
    "hundredths": 100,
}
VULGAR = {
    "½": 0.5,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 0.25,
    "¾": 0.75,
    "⅕": 0.2,
    "⅖": 0.4,
    "⅗": 0.6,
    "⅘": 0.8,
    "⅙": 1 / 6,
    "⅚": 5 / 6,
    "⅛": 0.125,
    "⅜": 0.375,
    "⅝": 0.625,
    "⅞": 0.875,
}

# "May" only capitalised: "these 5 may rise" is not a date.
MONTHS = (
    "(?i:January|February|March|April|June|July|August|September|October|November|"
    "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)|May"
)

# Qualifiers in front of a number: word -> True when it makes the value approximate.
QUALIFIERS = {
    "about": True,
    "around": True,
    "approximately": True,
    "roughly": True,
    "nearly": True,
    "almost": True,
    "some": True,
    "circa": True,
    "close to": True,
    "an estimated": True,
    "estimated": True,
    "just about": True,
    "approx.": True,
    "ca.": True,
    "~": True,
    "≈": True,
    "more than": False,
    "over": False,
    "at least": False,
    "upwards of": False,
    "in excess of": False,
    "above": False,
    "well over": False,
    "just over": False,
    "no less than": False,
    "not less than": False,
    "a minimum of": False,
    "over than": False,
    "less than": False,
    "fewer than": False,
    "under": False,
    "just under": False,
    "up to": False,
    "as many as": False,
    "as much as": False,
    "as few as": False,
    "as little as": False,
    "at most": False,
    "below": False,
    "no more than": False,
    "not more than": False,
    "a maximum of": False,
    "exactly": False,
    "precisely": False,
    "well under": False,
    "just below": False,
    "just above": False,
    "slightly more than": False,
    "slightly less than": False,
    "a little over": False,
    "a little under": False,
    "more or less": True,
}

# Words that may stand capitalised before a number without making it part of a name.
FUNCTION_WORDS = frozenset(
    """
a an the this that these those its it his her their our your my some any each every no not all
both either neither other another such and or but nor so yet for of in on at by to from with
without within into onto over under above below between among through during before after since
until till upon about against across along around behind beyond near off out up down than as per
via while when where whereas whether which who whom whose what why how if then though although
because unless except is are was were be been being am has have had having do does did will would
shall should can could may might must i you he she we they me him us them more most less least
very just only also even still already again ever never now here there too quite rather really
almost nearly roughly mostly approximately exactly some around fewer many much few several
barely perhaps maybe probably precisely fully
said says say told according reported per cent percent plus minus last next first top estimated
""".split()
)

# Words before a number that make it a label ("category 4", "phase 3", "No. 1").
LABEL_WORDS = frozenset(
    """
category level phase grade stage class type version season episode chapter page section article
number no room gate route flight platform row game week round group model verse volume vol channel
district ward precinct highway interstate exit pier dock terminal lane apartment apt suite
resolution amendment proposition prop clause paragraph item appendix exhibit
""".split()
)

# Words right before a number that signal a change ("rose 5% to $84" is not a range).
CHANGE_WORDS = frozenset(
    """
up down rose fell risen fallen gained lost climbed dropped jumped slid increased decreased added
shed declined plunged surged soared tumbled advanced slipped sank rallied eased grew shrank
by rise fall gain loss increase decrease drop jump
""".split()
)

# People who may have their age in apposition: "the suspect, 23, was".
PERSON_NOUNS = frozenset(
    """
man woman boy girl suspect victim driver mother father son daughter wife husband brother sister
teenager student resident owner worker officer player singer actor actress defendant friend
partner pilot passenger patient survivor widow widower neighbour neighbor child baby mum mom dad
grandmother grandfather rider cyclist pedestrian gunman attacker teacher nurse doctor
""".split()
)

# Stop words for the counted noun phrase after a number.
NP_STOP = FUNCTION_WORDS | frozenset(
    """
said says say told added noted reported would will could can may might is are was were has have
had who which that what where when while whilst and or but last next this ago earlier later
such same other another each every mostly respectively s year-on-year
""".split()
) - frozenset(["top"])
IRREGULAR_PLURALS = frozenset(
    """
people men women children staff police cattle feet teeth mice geese personnel troops
""".split()
)

# Currency written before the number: symbol or code -> ISO code.
CURRENCY_PREFIX = {
    "$": "USD",
    "US$": "USD",
    "US $": "USD",
    "$US": "USD",
    "USD": "USD",
    "£": "GBP",
    "PS": "GBP",
    "GBP": "GBP",
    "€": "EUR",
    "EUR": "EUR",
    "¥": "JPY",
    "Y=": "JPY",
    "JPY": "JPY",
    "₹": "INR",
    "Rs": "INR",
    "Rs.": "INR",
    "INR": "INR",
    "₩": "KRW",
    "A$": "AUD",
    "$A": "AUD",
    "AU$": "AUD",
    "AUD": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "CAD": "CAD",
    "NZ$": "NZD",
    "NZD": "NZD",
    "HK$": "HKD",
    "HK $": "HKD",
    "HKD": "HKD",
    "S$": "SGD",
    "SGD": "SGD",
    "R$": "BRL",
    "CHF": "CHF",
    "CNY": "CNY",
    "dlrs": "USD",
    "RMB": "CNY",
    "RM": "MYR",
    "MYR": "MYR",
    "₪": "ILS",
    "ILS": "ILS",
    "R": "ZAR",
    "₦": "NGN",
    "KSh": "KES",
    "Ksh": "KES",
    "Sh": "KES",
    "₽": "RUB",
    "₺": "TRY",
}
CURRENCY_CODES = (
    "USD|EUR|GBP|JPY|CNY|RMB|INR|AUD|CAD|CHF|HKD|ILS|SEK|NOK|DKK|RUB|KRW|BRL|MXN|"
    "ZAR|NGN|TRY|SGD|NZD|MYR|PLN|CZK|HUF|THB|IDR|PHP|PKR|EGP|SAR|AED|QAR|KWD"
)

# Measurement and currency units after a number: (pattern, canonical name).  Patterns in
# _CASED are matched case-sensitively (symbols and abbreviations), the rest ignoring case.
_PL = r"(?:e?s)?"
_UNIT_WORDS = [
    (r"percentage[\s-]points?", "percentage points"),
    (r"basis[\s-]points?|bps", "basis points"),
    (r"per\s?cent|percent|pct", "percent"),
    (r"square\s+(?:kilomet(?:re|er)s?)", "square kilometre"),
    (r"square\s+(?:met(?:re|er)s?)", "square metre"),
    (r"square\s+miles?", "square mile"),
    (r"square\s+(?:feet|foot)", "square foot"),
    (r"cubic\s+(?:feet|foot)", "cubic foot"),
    (r"cubic\s+met(?:re|er)s?", "cubic metre"),
    (r"miles?\s+(?:per|an|a)\s+hour", "mile per hour"),
    (r"kilomet(?:re|er)s?\s+(?:per|an|a)\s+hour", "kilometre per hour"),
    (r"miles?\s+per\s+gallon", "mile per gallon"),
    (r"(?:years?|yrs?)[\s-]+old", "years of age"),
    (r"months?[\s-]+old", "months of age"),
    (r"weeks?[\s-]+old", "weeks of age"),
    (r"days?[\s-]+old", "days of age"),
    (r"light[\s-]years?", "light year"),
    (r"nanomet(?:re|er)s?", "nanometre"),
    (r"micromet(?:re|er)s?|microns?", "micrometre"),
    (r"millimet(?:re|er)s?", "millimetre"),
    (r"centimet(?:re|er)s?", "centimetre"),
    (r"kilomet(?:re|er)s?", "kilometre"),
    (r"met(?:re|er)s?", "metre"),
    (r"miles?", "mile"),
    (r"feet|foot", "foot"),
    (r"inch(?:es)?", "inch"),
    (r"yards?", "yard"),
    (r"acres?", "acre"),
    (r"hectares?", "hectare"),
    (r"milligrams?", "milligram"),
    (r"kilograms?|kilos?", "kilogram"),
    (r"grams?", "gram"),
    (r"tonnes?|tons?", "tonne"),
    (r"pound[\s-]feet|pound[\s-]foot", "pound-foot"),
    (r"pounds?", "pound"),
    (r"ounces?", "ounce"),
    (r"stones?", "stone"),
    (r"millilit(?:re|er)s?", "millilitre"),
    (r"lit(?:re|er)s?", "litre"),
    (r"gallons?", "gallon"),
    (r"barrels?", "barrel"),
    (r"milliseconds?", "millisecond"),
    (r"seconds?", "second"),
    (r"minutes?", "minute"),
    (r"hours?", "hour"),
    (r"days?", "day"),
    (r"nights?", "night"),
    (r"weeks?", "week"),
    (r"months?", "month"),
    (r"years?", "year"),
    (r"decades?", "decade"),
    (r"centur(?:y|ies)", "century"),
    (r"millenni(?:um|a)", "millennium"),
    (r"degrees?\s+(?:celsius|centigrade|C)\b", "degree Celsius"),
    (r"degrees?\s+(?:fahrenheit|F)\b", "degree Fahrenheit"),
    (r"degrees?", "degree"),
    (r"celsius|centigrade", "degree Celsius"),
    (r"fahrenheit", "degree Fahrenheit"),
    (r"kelvins?", "kelvin"),
    (r"kilowatt[\s-]hours?", "kilowatt hour"),
    (r"megawatt[\s-]hours?", "megawatt hour"),
    (r"gigawatt[\s-]hours?", "gigawatt hour"),
    (r"terawatt[\s-]hours?", "terawatt hour"),
    (r"kilowatts?", "kilowatt"),
    (r"megawatts?", "megawatt"),
    (r"gigawatts?", "gigawatt"),
    (r"watts?", "watt"),
    (r"volts?", "volt"),
    (r"amps?|amperes?", "ampere"),
    (r"farads?", "farad"),
    (r"ohms?", "ohm"),
    (r"(?:kilo|mega|giga)?hertz", "hertz"),
    (r"horsepower", "horsepower"),
    (r"decibels?", "decibel"),
    (r"(?:giga|mega|kilo)?pascals?", "pascal"),
    (r"newton[\s-]met(?:re|er)s?", "newton metre"),
    (r"calories?", "calorie"),
    (r"kilocalories?", "kilocalorie"),
    (r"joules?", "joule"),
    (r"terabytes?", "terabyte"),
    (r"gigabytes?", "gigabyte"),
    (r"megabytes?", "megabyte"),
    (r"kilobytes?", "kilobyte"),
    (r"bytes?", "byte"),
    (r"bits?", "bit"),
    (r"knots?", "knot"),
    (r"times", "times"),
    (r"(?:us|american)\s+dollars?", "USD"),
    (r"australian\s+dollars?", "AUD"),
    (r"canadian\s+dollars?", "CAD"),
    (r"hong\s+kong\s+dollars?", "HKD"),
    (r"new\s+zealand\s+dollars?", "NZD"),
    (r"singapore\s+dollars?", "SGD"),
    (r"taiwan(?:ese)?\s+dollars?", "TWD"),
    (r"dollars?", "USD"),
    (r"euros?", "EUR"),
    (r"pounds?\s+sterling|sterling", "GBP"),
    (r"yen", "JPY"),
    (r"yuan|renminbi", "CNY"),
    (r"rupees?", "INR"),
    (r"shekels?", "ILS"),
    (r"danish\s+(?:crowns?|kroner?)", "DKK"),
    (r"swedish\s+(?:crowns?|kronor|krona)", "SEK"),
    (r"norwegian\s+(?:crowns?|kroner?)", "NOK"),
    (r"kron(?:or|er|a|e)", "crown"),
    (r"swiss\s+francs?", "CHF"),
    (r"francs?", "franc"),
    (r"roubles?|rubles?", "RUB"),
    (r"pesos?", "peso"),
    (r"ringgit", "MYR"),
    (r"rand", "ZAR"),
    (r"naira", "NGN"),
    (r"lira", "TRY"),
    (r"cents?", "cent"),
    (r"pence|penny", "pence"),
    (r"sen", "sen"),
]
_UNIT_CASED = [
    (r"%", "percent"),
    (r"pc", "percent"),
    (r"‰", "per mille"),
    (r"km/h|kmh|kph|km/hr|kmph", "kilometre per hour"),
    (r"mph|MPH", "mile per hour"),
    (r"mpg|MPG", "mile per gallon"),
    (r"rpm|RPM", "revolutions per minute"),
    (r"sq\.?\s?m|m2|m²", "square metre"),
    (r"sq\.?\s?ft|ft2|ft²", "square foot"),
    (r"sq\.?\s?km|km2|km²", "square kilometre"),
    (r"sq\.?\s?mi", "square mile"),
    (r"km", "kilometre"),
    (r"cm", "centimetre"),
    (r"mm", "millimetre"),
    (r"nm", "nanometre"),
    (r"[μµ]m", "micrometre"),
    (r"mi", "mile"),
    (r"ft", "foot"),
    (r"yd", "yard"),
    (r"in\.", "inch"),
    (r"″", "inch"),
    (r"′", "foot"),
    (r"kg", "kilogram"),
    (r"mg", "milligram"),
    (r"g", "gram"),
    (r"lbs?", "pound"),
    (r"lb-ft|lb ft", "pound-foot"),
    (r"oz", "ounce"),
    (r"mL|ml", "millilitre"),
    (r"L", "litre"),
    (r"cc", "cubic centimetre"),
    (r"ms", "millisecond"),
    (r"sec|secs", "second"),
    (r"min|mins", "minute"),
    (r"hrs?", "hour"),
    (r"yrs?", "year"),
    (r"°\s?C|ºC", "degree Celsius"),
    (r"°\s?F|ºF", "degree Fahrenheit"),
    (r"°", "degree"),
    (r"kWh|KWh|kwh", "kilowatt hour"),
    (r"MWh", "megawatt hour"),
    (r"GWh", "gigawatt hour"),
    (r"TWh", "terawatt hour"),
    (r"kW|KW|kw", "kilowatt"),
    (r"MW", "megawatt"),
    (r"GW", "gigawatt"),
    (r"W", "watt"),
    (r"kV", "kilovolt"),
    (r"V", "volt"),
    (r"mAh", "milliampere hour"),
    (r"mA", "milliampere"),
    (r"A", "ampere"),
    (r"F", "farad"),
    (r"C", "degree Celsius"),
    (r"GHz", "gigahertz"),
    (r"MHz", "megahertz"),
    (r"kHz", "kilohertz"),
    (r"Hz", "hertz"),
    (r"dB", "decibel"),
    (r"TB", "terabyte"),
    (r"GB", "gigabyte"),
    (r"MB", "megabyte"),
    (r"KB|kB", "kilobyte"),
    (r"Gbps", "gigabit per second"),
    (r"Mbps", "megabit per second"),
    (r"Gb", "gigabit"),
    (r"Mb", "megabit"),
    (r"bhp", "brake horsepower"),
    (r"hp", "horsepower"),
    (r"PS", "metric horsepower"),
    (r"Nm", "newton metre"),
    (r"GPa", "gigapascal"),
    (r"MPa", "megapascal"),
    (r"kPa", "kilopascal"),
    (r"ppm", "parts per million"),
    (r"ppb", "parts per billion"),
    (r"mcg|µg|μg", "microgram"),
    (r"kcal", "kilocalorie"),
    (r"€", "EUR"),
    (r"£", "GBP"),
    (r"¢", "cent"),
    (r"p", "pence"),
    (CURRENCY_CODES, None),
]
# Short symbols that count as units only when written against the number ("3x", "5t", "24h").
_UNIT_GLUED = [(r"x", "times"), (r"t", "tonne"), (r"l", "litre"), (r"h", "hour"), (r"in", "inch")]


def _alternation(pairs: list[tuple[str, str | None]]) -> tuple[str, list[str | None]]:
    """Join unit patterns into one alternation of named groups, longest spelling first."""
    parts, names = [], []
    for i, (pat, name) in enumerate(pairs):
        parts.append(f"(?P<u{i}>{pat})")
        names.append(name)
    return "|".join(parts), names


def _top_level_split(pat: str) -> list[str]:
    parts, depth, cls, cur, i = [], 0, False, "", 0
    while i < len(pat):
        ch = pat[i]
        if ch == "\\":
            cur += pat[i : i + 2]
            i += 2
            continue
        if cls:
            cls = ch != "]"
        elif ch == "[":
            cls = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(cur)
            cur = ""
            i += 1
            continue
        cur += ch
        i += 1
    return parts + [cur]


def _first_chars(pat: str) -> set[str] | None:
    """Characters a unit pattern can start with, or None when that is not simple to tell."""
    out: set[str] = set()
    for alt in _top_level_split(pat):
        if alt.startswith("(?:") or alt.startswith("("):
            body = alt[3:] if alt.startswith("(?:") else alt[1:]
            depth, k = 1, 0
            while k < len(body) and depth:
                depth += {"(": 1, ")": -1}.get(body[k], 0)
                k += 1
            if body[k : k + 1] in ("?", "*"):
                return None
            sub = _first_chars(body[: k - 1])
            if sub is None:
                return None
            out |= sub
        elif alt.startswith("["):
            out |= set(alt[1 : alt.index("]")])
        elif alt.startswith("\\"):
            out.add(alt[1])
        elif alt:
            if alt[1:2] in ("?", "*"):
                return None
            out.add(alt[0])
        else:
            return None
    return out


def _buckets(
    pairs: list[tuple[str, str | None]], fold: bool, prefix: str, suffix: str
) -> dict[str, re.Pattern]:
    """One small regex per first character, so a lookup tries only the units that could match."""
    by_char: dict[str, list[str]] = {}
    anywhere: list[str] = []
    for i, (pat, _name) in enumerate(pairs):
        part = f"(?P<u{i}>{pat})"
        chars = _first_chars(pat)
        if chars is None:
            anywhere.append(part)
            continue
        for ch in chars:
            for key in {ch.lower(), ch.upper()} if fold else {ch}:
                by_char.setdefault(key, []).append(part)
    flags = "(?i:" if fold else "(?:"
    return {
        ch: re.compile(rf"{prefix}{flags}{'|'.join(parts + anywhere)}){suffix}")
        for ch, parts in by_char.items()
    }


_W_ALT, UNIT_WORD_NAMES = _alternation(_UNIT_WORDS)
_C_ALT, UNIT_CASED_NAMES = _alternation(_UNIT_CASED)
_G_ALT, UNIT_GLUED_NAMES = _alternation(_UNIT_GLUED)
_PREFIX = r"[ \t\u00a0-]?"
_WORD_END = r"(?![A-Za-z0-9])"
# Symbols such as "%" may be followed by a hyphen ("98.6%-owned"); letters may not.
_CASED_END = r"(?:(?<=[^A-Za-z0-9])|(?![A-Za-z0-9²'’$-]))"
# A unit after the number: optional space or hyphen, then the unit, then no letter or digit.
UNIT_WORD_RE = re.compile(rf"{_PREFIX}(?i:{_W_ALT}){_WORD_END}")
UNIT_CASED_RE = re.compile(rf"{_PREFIX}(?:{_C_ALT}){_CASED_END}")
UNIT_GLUED_RE = re.compile(rf"(?:{_G_ALT})(?![A-Za-z0-9'’-])")
UNIT_WORD_BUCKETS = _buckets(_UNIT_WORDS, True, _PREFIX, _WORD_END)
UNIT_CASED_BUCKETS = _buckets(_UNIT_CASED, False, _PREFIX, _CASED_END)

# Units that may be introduced with "a"/"an" after an amount ("$3,500 a month").
RATE_NOUNS = frozenset(
    """
second minute hour day night week month quarter year head piece share barrel ounce gallon litre
liter pound kilo kilogram ton tonne unit person passenger ticket game match
""".split()
)

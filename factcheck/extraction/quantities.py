"""Quantities: numbers in digits or words with their unit and qualifiers.

Conventions (see tests/extraction/test_quantities.py):
- Not quantities: years, days of the month, clock times, phone numbers, ordinals, ages in
  apposition to a name ("Smith, 45,"), numbers inside names and identifiers ("F-16",
  "COVID-19", "G7", "iPhone 11", "Big 12", "Boeing 737"), labels ("category 4", "No. 1"),
  sports scores ("2-0") and decades ("the 1990s").
- Ranges ("10 to 15", "between 5% and 6%", "from $1m to $2m", "3-4") are not reported as
  separate quantities; with ``ranges=True`` each is reported once, value None, with low/high.
- Vague amounts ("thousands of troops", "dozens of") have value None and vague=True.
- Fractions count when they quantify something: "half of", "a third of", "two-thirds",
  "one in five", "1/16 of"; "twice"/"double" and "the second half" do not.
- `approximate` is True for hedges (about, nearly, some, ~) and vague amounts; bounds such
  as "more than" or "up to" keep approximate False and are reported in `qualifier`.
"""

from __future__ import annotations

import re

from . import quantities_lexicon as L
from .types import Quantity

_SCALE_ALT = "hundred|thousand|million|billion|trillion|lakh|crore"
_WORD_ALT = "|".join(sorted(L.NUMBER_WORDS, key=len, reverse=True))
_FRAC_ALT = "|".join(sorted(L.FRACTION_WORDS, key=len, reverse=True))
_NUMER = "an|a|one|two|three|four|five|six|seven|eight|nine|ten"

_START = re.compile(
    # The lookahead lets the scanner skip most positions cheaply: a digit, a fraction sign or
    # a word starting with a letter some number word starts with.
    rf"(?=\d|\.\d|[{''.join(L.VULGAR)}]|\b[abcdefhlmnostABCDEFHLMNOST])"
    r"(?:(?P<num>(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|(?<![\w.,])\.\d+)"
    rf"|(?P<vul>[{''.join(L.VULGAR)}])"
    rf"|(?P<frac>(?i:\b(?:{_NUMER})[ \t\u00a0-]+(?:{_FRAC_ALT})\b))"
    r"|(?P<vague>(?i:\b(?:tens\s+of\s+(?:thousands|millions|billions)"
    r"|hundreds\s+of\s+(?:thousands|millions)|dozens|hundreds|thousands|millions|billions"
    r"|trillions|(?:several|a\s+few|a\s+couple(?:\s+of)?|many)\s+"
    r"(?:dozen|hundred|thousand|million|billion)s?)\b))"
    rf"|(?P<word>(?i:\b(?:{_WORD_ALT}|a(?=[ \t\u00a0]+(?:{_SCALE_ALT}|dozen)\b)|half)\b)))"
)
_WSEQ = re.compile(rf"(?i:(?:[ \t\u00a0]+|-)(?:(and)[ \t\u00a0]+)?({_WORD_ALT}|a\s+half)\b)")
_DSCALE = re.compile(rf"(?i:(?:[ \t\u00a0]+|-)({_SCALE_ALT}|dozen)\b)")
_AND_HALF = re.compile(r"(?i:[ \t\u00a0]+and\s+a\s+half\b)")
_CUR_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?P<code>US ?\$|\$ ?US|dlrs |\$A|AU\$|A\$|CA\$|C\$|NZ\$|HK ?\$|S\$|R\$|"
    r"Rs\.?|"
    rf"{L.CURRENCY_CODES})[ \u00a0]?|(?<![A-Za-z])(?P<tight>PS|RM|Y=|KSh|Ksh|Sh)"
    r"|(?P<sym>[$£€¥₹₩₪₦₽₺])[ \u00a0]?)(?P<sign>[-−])?$"
)
_SCI = re.compile(
    r"[ \u00a0]?[×xX*][ \u00a0]?10(?:(?:\^|\*\*)[ \u00a0]?(?P<e1>[-−]?\d{1,3})"
    r"|(?P<e2>[-−⁻]\d{1,3})|(?P<e3>⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))"
    r"|[eE](?P<e4>[-+]?\d{1,3})(?![\w.])"
)
_SUPER = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_TIME_AFTER = re.compile(
    r"(?:[ \u00a0]?[aApP]\.?[ \u00a0]?[mM]\.?|[ \u00a0]o['’]clock)"
    r"(?![A-Za-z])"
)
_ORDINAL = re.compile(r"(?i:st|nd|rd|th)\b")
_PLURAL_S = re.compile(r"['’′]?s\b")
_MULT = re.compile(
    r"(?P<m>bn|tn|trn|mn|mln|b|m|M|k|K)(?![A-Za-z0-9])"
    r"|[ \u00a0](?P<w>bn|mn|mln|tn)\b"
)
_US_AFTER = re.compile(r"[ \u00a0](?:US|U\.S\.)(?![A-Za-z])")
_PER = re.compile(r"(?i:[ \t\u00a0-]+(?P<w>per|an?|each|every)[ \t\u00a0-]+)")
_SLASH = re.compile(r"[ \u00a0]?[/⁄][ \u00a0]?(\d{1,4})(?![\d/.,])")
_OF_DET = re.compile(
    r"(?i:[ \t\u00a0]+of(?:[ \t\u00a0]+(?:the|its|their|his|her|our|these|those|"
    r"my|your|all|all\s+the))?)(?=[ \t\u00a0]+[A-Za-z])"
)
_NP_WORD = re.compile(
    r"[ \t\u00a0]+([A-Za-z](?:\.[A-Za-z])+\.?|[A-Za-z][A-Za-z'’-]*[A-Za-z]"
    r"|[A-Za-z])(?![\w'’-])"
)
_SUFFIX_QUAL = re.compile(
    r"(?i:[ \t\u00a0]+or\s+(so|more|less|fewer)\b"
    r"|(-?plus\b|\+)(?![\d\w]))"
)
_N_IN_M = re.compile(
    rf"(?i:[ \t\u00a0]+(?:in|out\s+of)[ \t\u00a0]+"
    rf"(\d{{1,4}}|{'|'.join(L.SMALL_WORDS)})\b)"
)
_FROM_BEFORE = re.compile(r"(?i:\b(?P<w>from|between)(?:[ \t\u00a0]+[a-z]+){0,3}[ \t\u00a0]+)$")
_MONTH = re.compile(rf"(?:{L.MONTHS})\.?$")
_MONTH_AFTER = re.compile(rf"[ \t\u00a0]+(?:of[ \t\u00a0]+)?(?:{L.MONTHS})\b")
_PHONE = re.compile(
    r"(?<![\w.])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,5}\)[ .-]?)?\d{2,5}"
    r"(?:[ .-]\d{2,5}){2,4}(?![\w.])"
)
_RANGE_JOIN = re.compile(r"(?i:\s*(?:-|–|—|‑|to-?|through|or|and)\s*)")
_FROM_TO = re.compile(r"(?i:\bto[ \t\u00a0]*)$")
_DEMONYM = re.compile(r"(?:ans|ese|ish|is)$")
_HYPHENS = "-−‐‑"
_HYPHEN_NOUN = re.compile(r"-([A-Za-z]{2,})(?![\w-])")
_PUNCT = ".,;:!?\"'“”‘’`()[]"
_ABBREV_END = re.compile(
    r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|St|No|Gen|Sen|Rep|Gov|Inc|Corp|Co|Ltd|"
    r"vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)[ \t\u00a0]*$"
)
_NP_WORD_HYPHEN = re.compile(r"[ \t\u00a0-]+([A-Za-z][A-Za-z'’]*)(?![\w'’])")
_NO_UNIT = frozenset(' \t\n,.;:()[]"“”‘!?-–—/&')
_TERMINAL = frozenset(',;:.)!?"”]\n')
_CUR_HINT = "$£€¥₹₩₪₦₽₺=."
_MIXED = re.compile(r"[ \u00a0](\d)[/⁄](\d{1,2})(?![\d/])")
_MINUS_BEFORE = re.compile(r"(?i:\b(?:minus|negative)[ \t\u00a0]+)$")
_ADDRESS = re.compile(
    r"[ \t\u00a0]+(?:[A-Z0-9][\w'’-]*\.?[ \t\u00a0]+){0,3}(?:Road|Rd|Street|St|"
    r"Avenue|Ave|Way|Lane|Ln|Drive|Dr|Boulevard|Blvd|Place|Pl|Court|Ct|Square|"
    r"Sq|Terrace|Close|Crescent|Highway|Hwy|Parkway|Pkwy)\b\.?"
)
_QUAL_APPROX = dict(L.QUALIFIERS)
_QUAL_LAST = frozenset(q.split()[-1] for q in L.QUALIFIERS)
_YEAR_PREV = frozenset(
    "in since of by from until till to during before after the its their his "
    "her our this that mid early late between and or circa season fiscal "
    "class model summer winter spring autumn fall".split()
)
_ONE_PREV = frozenset(
    "each every any no the this that which same another other someone anyone one".split()
)
_ONE_NEXT = frozenset(
    "that who which whose whom they he she it we you i is was are were has have "
    "had will would can could should may might must does did do another else "
    "'s".split()
)
_HALF_NEXT = re.compile(
    r"(?i:[ \t\u00a0]+(?:of|the|a|an|its|their|his|her|our|that|this|those|"
    r"these|my|your)\b)"
)
_HALF_BAD_PREV = frozenset(
    "first second third fourth final the this that last next one each other".split()
)
_DURATION_ADJ = re.compile(
    r"(?i:-(?:year|month|week|day|hour|minute|second|decade)s?)"
    r"(?=[ \t\u00a0]+[A-Za-z$£€])"
)


class _Cand:
    """One number found in the text, with what surrounds it."""

    __slots__ = (
        "s",
        "e",
        "cs",
        "ce",
        "value",
        "unit",
        "qual",
        "approx",
        "vague",
        "kind",
        "measured",
        "skip",
        "ranged",
        "change",
        "opener",
        "int_like",
        "scale",
    )

    def __init__(self, cs: int, ce: int, value: float | None, kind: str) -> None:
        self.s, self.e, self.cs, self.ce = cs, ce, cs, ce
        self.value, self.kind = value, kind
        self.unit = self.qual = self.opener = None
        self.approx = self.vague = self.measured = self.skip = self.ranged = False
        self.change = False
        self.int_like = False
        self.scale = 1.0


def find_quantities(text: str, ranges: bool = False) -> list[Quantity]:
    """Return quantity mentions in `text` with value, unit, qualifier and a vague flag."""
    phones = [(m.start(), m.end()) for m in _PHONE.finditer(text) if _is_phone(m.group())]
    cands: list[_Cand] = []
    pos = 0
    pi = 0
    for m in _START.finditer(text):
        if m.start() < pos:
            continue
        while pi < len(phones) and phones[pi][1] <= m.start():
            pi += 1
        if pi < len(phones) and phones[pi][0] <= m.start():
            pos = phones[pi][1]
            continue
        c = _parse(text, m)
        if c is None:
            continue
        pos = max(c.ce, c.e)
        cands.append(c)
    _mark_ranges(text, cands)
    out = [_emit(text, c) for c in cands if not c.skip and not c.ranged]
    if ranges:
        out.extend(_range_items(text, cands))
        out.sort(key=lambda q: q.start)
    return out


def _emit(text: str, c: _Cand) -> Quantity:
    return Quantity(
        text=text[c.s : c.e],
        start=c.s,
        end=c.e,
        value=c.value,
        unit=c.unit,
        approximate=bool(c.approx or c.vague),
        qualifier=c.qual,
        vague=c.vague,
    )


def _is_phone(s: str) -> bool:
    digits = sum(ch.isdigit() for ch in s)
    if digits < 7:
        return False
    if s.startswith("+") or "(" in s:
        return True
    groups = re.split(r"[ .-]", s)
    seps = set(re.findall(r"[ .-]", s))
    if seps == {" "}:
        return digits >= 9 and groups[0].startswith("0")
    return len(groups) >= 3 and len(groups[-1]) >= 3


# ----------------------------------------------------------------------------- parsing


def _parse(text: str, m: re.Match) -> _Cand | None:
    kind = m.lastgroup
    if kind == "num":
        return _parse_digits(text, m)
    if kind == "word":
        return _parse_words(text, m)
    if kind == "frac":
        return _parse_fraction(text, m)
    if kind == "vague":
        return _parse_vague(text, m)
    c = _Cand(m.start(), m.end(), L.VULGAR[m.group()], "frac")
    _finish(text, c, allow_units=True)
    return c


def _parse_digits(text: str, m: re.Match) -> _Cand | None:
    raw = m.group()
    if len(raw) > 24:
        return None
    cs, ce = m.span()
    value = float(raw.replace(",", ""))
    c = _Cand(cs, ce, value, "num")
    c.int_like = "," not in raw and "." not in raw
    n = len(text)
    # What stands right before the number.
    pc0 = text[cs - 1] if cs else ""
    cur = (
        _CUR_BEFORE.search(text, max(0, cs - 8), cs)
        if pc0
        and (
            pc0 in _CUR_HINT
            or pc0.isalpha()
            or (
                pc0 in " \u00a0-−"
                and cs > 1
                and (text[cs - 2] in _CUR_HINT or text[cs - 2].isalpha())
            )
        )
        else None
    )
    currency = None
    second = False  # the second number of "3-4" or "5–10"
    if cur:
        code = cur.group("code") or cur.group("tight") or cur.group("sym")
        code = code.replace(" ", "")
        if cur.group("tight") == "PS" and c.int_like and value < 10:
            return _reject(c)  # "PS5" is a console, not five pounds
        currency = L.CURRENCY_PREFIX.get(code, code)
        c.s = cur.start()
        if cur.group("sign"):
            c.value = -value
    else:
        pc = text[cs - 1] if cs else " "
        if pc == "#" and re.match(r"(?i:[ \t\u00a0]+(?:million|billion)\b)", text[ce : ce + 9]):
            currency = "GBP"  # "#89.7 million": the pound sign in older wire copy
            c.s = cs - 1
        elif pc.isalnum() or pc in "_#@№&=":
            return _reject(c)
        if c.int_like and len(raw) > 10:
            return _reject(c)  # long digit strings are ids and account numbers
        if pc in "'’‘" and len(raw) == 2:
            return _reject(c)  # '90s, ’19
        if pc in _HYPHENS:
            ppc = text[cs - 2] if cs > 1 else " "
            if ppc.isalpha():
                wm = re.search(r"[^\W\d_]+$", text[max(0, cs - 12) : cs - 1])
                word = wm.group().lower() if wm else ""
                if word in ("minus", "negative"):
                    c.value = -value
                    c.s = cs - 1 - len(word)
                elif word == "to":
                    second = True  # "200,000 to-260,000"
                elif word == "sub":
                    c.qual = "under"
                    c.s = cs - 4
                elif word not in ("now", "then", "aged", "almost", "nearly"):
                    return _reject(c)
            elif ppc.isdigit():
                second = True
            elif ppc in " \t\u00a0\n" or cs == 1:
                tok = _prev_token(text, cs - 1)
                if tok and any(ch.isupper() for ch in tok) and tok.lower() not in L.FUNCTION_WORDS:
                    return _reject(c)  # "COVID -19"
                c.value = -value
                c.s = cs - 1
        elif pc in "–—" and cs > 1 and text[cs - 2].isdigit():
            second = True
        elif (
            pc in " \t\u00a0"
            and (
                "minus" in text[max(0, cs - 12) : cs].lower()
                or "negative" in text[max(0, cs - 12) : cs].lower()
            )
            and _MINUS_BEFORE.search(text, max(0, cs - 12), cs)
        ):
            c.value = -value
            c.s = _MINUS_BEFORE.search(text, max(0, cs - 12), cs).start()
        elif pc in "/:" and cs > 1 and text[cs - 2].isdigit():
            return _reject(c)
        elif pc == "." and cs > 1 and text[cs - 2].isdigit():
            return _reject(c)
        elif pc in "~≈":
            c.qual, c.approx, c.s = pc, True, cs - 1
        if pc == "+" and cs > 1 and text[cs - 2] not in " \t(\n":
            return _reject(c)
    pos = ce
    # Versions, clock times, dates with slashes, ordinals, decades.
    if pos < n:
        ch = text[pos]
        if ch == "." and pos + 1 < n and text[pos + 1].isdigit():
            return _reject(c)
        if ch == ":" and pos + 1 < n and text[pos + 1].isdigit():
            return _reject(c)
    nxt = text[pos] if pos < n else ""
    if not nxt or nxt in _TERMINAL:
        # Nothing can follow: skip the suffix parsing (keeps long number lists fast).
        c.e = pos
        if currency:
            c.unit, c.measured = currency, True
        _left_context(text, c)
        if second:
            return _reject(c, ranged=True)
        _digit_filters(text, c, currency, False)
        return c
    spaced = nxt in " \t\u00a0"
    if (spaced or nxt in "aApP") and _TIME_AFTER.match(text, pos) and value <= 24 and not currency:
        return _reject(c)
    if (nxt.isalpha() or nxt in "'’′") and (
        _ORDINAL.match(text, pos) or _PLURAL_S.match(text, pos)
    ):
        return _reject(c)  # "2nd", "1990s", "2018’s"
    sci = _SCI.match(text, pos) if spaced or nxt in "×xX*eE" else None
    if sci:
        exp = sci.group("e1") or sci.group("e2") or sci.group("e3") or sci.group("e4")
        exp = int(exp.translate(_SUPER).replace("−", "-"))
        c.value = c.value * 10.0**exp
        pos = sci.end()
        c.int_like = False
    mixed = _MIXED.match(text, pos) if c.int_like and spaced else None
    if mixed and int(mixed.group(1)) < int(mixed.group(2)):
        c.value += int(mixed.group(1)) / int(mixed.group(2))  # "12 3/4%"
        pos = mixed.end()
        c.int_like = False
    if pos < n and text[pos] in L.VULGAR:
        c.value += L.VULGAR[text[pos]]
        pos += 1
        c.int_like = False
    sl = _SLASH.match(text, pos) if spaced or nxt in "/⁄" else None
    if not sl and nxt in "/⁄" and text[pos + 1 : pos + 2].isdigit():
        return _reject(c)  # "3/15/2021"
    if sl:
        den = int(sl.group(1))
        after = sl.end()
        is_frac = (
            c.int_like
            and 0 < value < den <= 1000
            and (
                re.match(r"(?i:[ \t\u00a0]+of\b)", text[after : after + 6])
                or _unit_at(text, after)[0]
            )
        )
        if not is_frac:
            return _reject(c)
        c.value = value / den
        c.kind = "frac"
        pos = after
        c.int_like = False
    # Scale words and glued multipliers: "1.5 million", "$3bn", "4.3M".
    scaled = False
    while True:
        sm = _DSCALE.match(text, pos)
        if not sm:
            break
        word = sm.group(1).lower()
        factor = 12 if word == "dozen" else L.SCALE_WORDS[word]
        c.value *= factor
        c.scale *= factor
        pos = sm.end()
        scaled = True
    if not scaled:
        mm = _MULT.match(text, pos)
        if mm:
            mult = mm.group("m") or mm.group("w")
            factor = _multiplier(text, mm.end(), mult, currency, c.value)
            if factor is None and mm.group("m") and mult not in ("m",):
                return _reject(c)
            if factor:
                c.value *= factor
                c.scale *= factor
                pos = mm.end()
                scaled = True
    ah = _AND_HALF.match(text, pos)
    if ah and not scaled:
        c.value += 0.5
        pos = ah.end()
    if scaled or not c.int_like:
        c.int_like = False
    c.ce = pos
    if currency:
        c.unit, c.measured = currency, True
        us = _US_AFTER.match(text, pos)
        if us:
            pos = us.end()
        c.e = pos
        _per(text, c)
    else:
        c.e = pos
        # Letters glued to the number that are no unit: identifiers such as "5G" or "3D".
        if (
            pos < n
            and text[pos].isalpha()
            and not _unit_at(text, pos)[0]
            and text[pos] not in "½⅓⅔¼¾"
        ):
            return _reject(c)
        _finish(text, c, allow_units=True)
    if c.skip:
        return c
    _left_context(text, c)
    if second:
        return _reject(c, ranged=True)
    if not c.skip:
        _digit_filters(text, c, currency, scaled)
    return c


def _multiplier(text: str, end: int, mult: str, currency: str | None, value: float) -> float | None:
    """Factor for a glued multiplier, or None when the letters are not one."""
    if mult in ("bn", "mn", "mln", "tn", "trn"):
        return {"bn": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12, "trn": 1e12}[mult]
    if mult == "M":
        return 1e6
    if mult == "b":
        return 1e9 if currency else None
    if mult in ("k", "K"):
        if currency or (mult == "k" and re.match(r"[ \t\u00a0]+[a-z]", text[end : end + 2])):
            return 1e3
        return None
    if mult == "m":
        if currency:
            return 1e6
        nxt = _NP_WORD.match(text, end)
        if nxt and _is_plural(nxt.group(1)) and not _unit_at(text, end)[0]:
            return 1e6
        return 0.0  # metres: handled as a unit
    return None


def _unit_at(text: str, pos: int) -> tuple[str | None, int]:
    """The unit that starts at `pos` (after optional space or hyphen) and where it ends."""
    best: tuple[str | None, int] = (None, pos)
    k = pos + 1 if text[pos : pos + 1] in (" ", "\t", "\u00a0", "-") else pos
    ch = text[k : k + 1]
    if not ch or ch.isdigit() or ch in _NO_UNIT:
        return best
    for buckets, names in (
        (L.UNIT_CASED_BUCKETS, L.UNIT_CASED_NAMES),
        (L.UNIT_WORD_BUCKETS, L.UNIT_WORD_NAMES),
    ):
        rx = buckets.get(ch)
        if rx is None:
            continue
        um = rx.match(text, pos)
        if um and um.end() > best[1]:
            idx = int(um.lastgroup[1:])
            best = (names[idx] or um.group(um.lastgroup), um.end())
    if best[0] is None:
        um = L.UNIT_GLUED_RE.match(text, pos)
        if um:
            best = (L.UNIT_GLUED_NAMES[int(um.lastgroup[1:])], um.end())
    if best[0] is None and text.startswith("m", pos) and not text[pos + 1 : pos + 2].isalpha():
        best = ("metre", pos + 1)
    return best


def _finish(text: str, c: _Cand, allow_units: bool) -> None:
    """Attach unit, rate ("per barrel"), suffix qualifier or counted noun after the number."""
    pos = c.ce
    sq = _SUFFIX_QUAL.match(text, pos)
    if sq:
        word = (sq.group(1) or "plus").lower()
        c.qual = {
            "so": "or so",
            "more": "or more",
            "less": "or less",
            "fewer": "or fewer",
            "plus": "or more",
            "-plus": "or more",
        }.get(word, "or more")
        c.approx = word == "so"
        pos = sq.end()
    unit, end = _unit_at(text, pos) if allow_units else (None, pos)
    if unit:
        c.unit, c.measured = unit, True
        c.e = end
        _per(text, c)
        return
    c.e = pos
    if c.kind in ("num", "word"):
        frac = _N_IN_M.match(text, pos)
        if frac:
            den = _small_value(frac.group(1))
            if (
                den
                and c.value
                and c.value < den <= 1000
                and float(c.value).is_integer()
                and not _unit_at(text, frac.end())[0]
            ):
                c.value = c.value / den
                c.kind = "frac"
                c.int_like = False
                pos = c.e = frac.end()
    hm = _HYPHEN_NOUN.match(text, pos)
    if hm and hm.group(1).lower() not in L.NP_STOP:
        c.unit, c.e = hm.group(1), hm.end()  # "a 28-nation bloc"
        return
    np_text, np_end = _noun_phrase(text, pos, c.value)
    if not np_text:
        of = _OF_DET.match(text, pos)
        if of:
            np_text, np_end = _noun_phrase(text, of.end(), None)
            if np_text and np_text.split()[0].lower() in L.NP_STOP:
                np_text = None
    if np_text:
        c.unit, c.e = np_text, np_end
        cu = _currency_word(np_text)
        if cu:
            c.unit, c.measured = cu, True
        _per(text, c)


def _currency_word(np_text: str) -> str | None:
    um = L.UNIT_WORD_RE.fullmatch(np_text)
    if um:
        name = L.UNIT_WORD_NAMES[int(um.lastgroup[1:])]
        if name and name.isupper():
            return name
    return None


def _per(text: str, c: _Cand) -> None:
    """Extend the unit with a rate: "$58 per barrel", "$3,500 a month", "barrel-a-day"."""
    if text.startswith("/", c.e):
        unit, end = _unit_at(text, c.e + 1)
        if unit and end > c.e + 1:
            c.unit = f"{c.unit} per {unit}"
            c.e = end
        return
    pm = _PER.match(text, c.e)
    if not pm:
        return
    word = pm.group("w").lower()
    if word == "per":
        unit, end = _unit_at(text, pm.end() - 1)
        if unit:
            c.unit = f"{c.unit} per {unit}"
            c.e = end
            return
        nm = _NP_WORD.match(text, pm.end() - 1)
        if nm and nm.group(1).lower() not in L.NP_STOP:
            c.unit = f"{c.unit} per {nm.group(1)}"
            c.e = nm.end()
        return
    nm = _NP_WORD_HYPHEN.match(text, pm.end() - 1)
    if nm and re.match(
        r"(?i:[ \t\u00a0]+(?:earlier|ago|later|before|after|on|since))\b",
        text[nm.end() : nm.end() + 8],
    ):
        return  # "a year earlier" dates the amount; it is no rate
    if nm and nm.group(1).lower().rstrip("s") in L.RATE_NOUNS:
        c.unit = f"{c.unit} per {nm.group(1).lower()}"
        c.e = nm.end()


def _noun_phrase(text: str, pos: int, value: float | None) -> tuple[str | None, int]:
    """Up to three words naming what is counted, stopping at function words and plurals."""
    words: list[str] = []
    ends: list[int] = []
    p = pos
    for _ in range(3):
        nm = _NP_WORD.match(text, p)
        if not nm:
            break
        w = nm.group(1)
        lw = w.lower()
        base = re.split(r"['’]", lw)[0]
        if base in L.NP_STOP or lw.endswith("ly") or lw in L.NUMBER_WORDS or _MONTH.fullmatch(w):
            break
        if words and (
            (w[0].isupper() and words[-1][0].islower() and _is_plural(words[-1]))
            or lw.endswith("ed")
            or (value == 1 and _is_plural(w))
        ):
            break  # "one proposal asks": a verb follows a singular count
        words.append(w)
        p = nm.end()
        ends.append(p)
        if _is_plural(w) and value != 1:
            break
        if text[p : p + 1] not in " \t\u00a0":
            break
    while (
        words
        and (words[-1].lower().endswith(("ing", "ed")) or words[-1].lower() in ("due", "worth"))
        and len(words) == 1
    ):
        words.pop()
    if not words:
        return None, pos
    return " ".join(words), ends[len(words) - 1]


def _is_plural(w: str) -> bool:
    lw = w.lower()
    if lw in L.IRREGULAR_PLURALS:
        return True
    return len(lw) > 2 and lw.endswith("s") and not lw.endswith(("ss", "us", "is", "'s", "’s"))


def _small_value(word: str) -> float | None:
    if word.isdigit():
        return float(word)
    return L.SMALL_WORDS.get(word.lower())


def _reject(c: _Cand, ranged: bool = False) -> _Cand:
    c.skip = True
    c.ranged = ranged
    return c


def _prev_token_span(text: str, pos: int) -> tuple[str, int] | None:
    """The whitespace-separated token before `pos` (there must be whitespace between)."""
    lo = max(0, pos - 40)
    i = pos
    while i > lo and text[i - 1] in " \t\u00a0":
        i -= 1
    if i == pos or i == lo:
        return None
    j = i
    while j > lo and not text[j - 1].isspace():
        j -= 1
    return text[j:i], j


def _prev_token(text: str, pos: int) -> str | None:
    span = _prev_token_span(text, pos)
    return span[0] if span else None


def _prev_token_start(text: str, pos: int) -> int:
    span = _prev_token_span(text, pos)
    return span[1] if span else pos


def _qualifier_before(text: str, pos: int) -> tuple[str, int] | None:
    """A qualifier such as "more than" or "~" right before `pos`, and where it starts."""
    if pos == 0:
        return None
    last = text[pos - 1]
    if last in "~≈":
        return last, pos - 1
    if last not in " \t\u00a0":
        return None
    span = _prev_token_span(text, pos)
    if not span or span[0].lower() not in _QUAL_LAST:
        return None
    p = pos
    words: list[tuple[str, int]] = []
    for _ in range(4):
        span = _prev_token_span(text, p)
        if not span:
            break
        words.append(span)
        p = span[1]
    best = None
    for k in range(1, len(words) + 1):
        phrase = " ".join(w for w, _ in reversed(words[:k])).lower().lstrip("(\"“‘'")
        if phrase in _QUAL_APPROX:
            start = words[k - 1][1] + (len(words[k - 1][0]) - len(words[k - 1][0].lstrip("(\"“‘'")))
            best = (phrase, start)
    return best


def _left_context(text: str, c: _Cand) -> None:
    """Qualifier before the number, and whether it opens a range or follows a change verb."""
    qm = _qualifier_before(text, c.s)
    anchor = c.s
    if qm and not (c.qual and c.qual in "~≈"):
        c.qual = qm[0]
        c.approx = _QUAL_APPROX.get(qm[0], False) or c.approx
        anchor = c.s = qm[1]
    window = text[max(0, anchor - 40) : anchor].lower()
    if "from" in window or "between" in window:
        fm = _FROM_BEFORE.search(text, max(0, anchor - 40), anchor)
        if fm:
            c.opener = fm.group("w").lower()
    tok = _prev_token(text, anchor)
    if tok and tok.lower().strip(".,") in L.CHANGE_WORDS:
        c.change = True


def _is_title_case(text: str, pos: int) -> bool:
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    hi = len(text) if hi < 0 else hi
    words = [w for w in re.findall(r"[A-Za-z]{4,}", text[max(lo, pos - 80) : min(hi, pos + 80)])]
    if len(words) < 3:
        return False
    caps = sum(w[0].isupper() for w in words)
    return caps >= 0.75 * len(words)


def _name_like(text: str, pos: int) -> bool:
    """True when the token before `pos` looks like part of a name ("iPhone", "Big", "S&P")."""
    tok = _prev_token(text, pos)
    if not tok or tok[-1] in ",:;()\"“”'’—–-" or not any(ch.isupper() for ch in tok):
        return False
    core = tok.strip("([\"“‘'")
    low = core.lower().rstrip(".")
    if low in L.FUNCTION_WORDS or _MONTH.fullmatch(core) or core in L.CURRENCY_PREFIX:
        return False
    start = _prev_token_start(text, pos)
    before = text[max(0, start - 3) : start].rstrip(" \t\u00a0")
    sentence_initial = (
        not before
        or before[-1] in '!?\n"“”:;(—–'
        or (before[-1] == "." and not _ABBREV_END.search(text, max(0, start - 12), start))
    )
    if sentence_initial and low in L.FUNCTION_WORDS:
        return False
    return not _is_title_case(text, pos)


def _digit_filters(text: str, c: _Cand, currency: str | None, scaled: bool) -> None:
    """Drop dates, years, ages, labels and numbers that belong to names."""
    tok = _prev_token(text, c.s)
    low = tok.lower().strip(_PUNCT) if tok else ""
    bare = not currency and not c.measured
    if c.kind == "frac":
        return
    if (
        tok
        and _MONTH.fullmatch(tok.lstrip("([\"“‘'`"))
        and c.int_like
        and c.value <= 31
        and not currency
        and not scaled
        and c.unit != "percent"
    ):
        c.skip = True
        return
    if bare and not scaled:
        if c.int_like and c.value <= 31 and _MONTH_AFTER.match(text, c.ce):
            c.skip = True
            return
        if not c.qual and (low in L.LABEL_WORDS or tok in ("#", "No.", "no.", "Nos.")):
            c.skip = True
            return
        if c.value in (911, 999, 112) and (
            low in ("call", "dial", "called", "dialled", "dialed", "calling", "a", "the")
            or re.match(r"[ \t\u00a0]+(?:call|dispatch|operator)", text[c.ce : c.ce + 12])
        ):
            c.skip = True  # emergency numbers
            return
        if c.int_like and _ADDRESS.match(text, c.ce):
            c.skip = True
            return
        if text.startswith("-based", c.ce) or (
            c.int_like
            and c.value >= 100
            and not c.unit
            and low in ("the", "its", "their")
            and not c.qual
        ):
            c.skip = True  # "486-based machines", "the 737 was grounded": model numbers
            return
        if c.int_like and 1000 <= c.value <= 2199 and not c.qual:
            plural = c.unit and _is_plural(c.unit.split()[-1])
            if (
                not plural
                or low in _YEAR_PREV
                or low.endswith(("'s", "’s"))
                or re.match(r"[ \t\u00a0]+(?:AD|BC|BCE|CE)\b", text[c.ce : c.ce + 5])
            ):
                c.skip = True
                return
        if c.int_like and not c.qual and _age_apposition(text, c):
            c.skip = True
            return
        if not c.qual and _name_like(text, c.s):
            c.skip = True
            return
        if c.int_like and not c.qual and _capitalised_next(text, c):
            c.skip = True
            return
    elif (
        not c.qual
        and low.rstrip(".") in L.LABEL_WORDS
        and c.int_like
        and not currency
        and c.unit in (None,)
    ):
        c.skip = True
    if tok == "aged" and bare:
        c.unit = "years of age"


def _age_apposition(text: str, c: _Cand) -> bool:
    """ "Smith, 45," and "Smith (45)": an age next to a name, not a reported quantity."""
    if not 1 <= c.value <= 120 or c.unit:
        return False
    before = text[max(0, c.s - 40) : c.s]
    if before.rstrip()[-1:] not in (",", "("):
        return False
    after = text[c.ce : c.ce + 3]
    if re.match(r"[ \t\u00a0]*(?:[,;)]|\.(?:\s|$))", after):
        pm = re.search(r"([A-Za-z][\w'’.-]*)[ \t\u00a0]*[,(][ \t\u00a0]*$", before)
        if pm and (pm.group(1)[0].isupper() or pm.group(1).lower() in L.PERSON_NOUNS):
            return before.rstrip()[-1] == "," or after.lstrip().startswith(")")
    return False


def _capitalised_next(text: str, c: _Cand) -> bool:
    """A bare number followed by a capitalised word is usually a model or address number."""
    if c.unit and c.unit[:1].islower():
        return False
    nm = re.match(r"[ \t\u00a0]+([A-Z][A-Za-z]*)", text[c.ce : c.ce + 30])
    if not nm:
        return False
    w = nm.group(1)
    if w.lower() in L.FUNCTION_WORDS or _DEMONYM.search(w):
        return False
    if w[1:].islower() or len(w) == 1:
        return not _is_title_case(text, c.cs)
    return c.value >= 1000


def _parse_words(text: str, m: re.Match) -> _Cand | None:
    """Spelled numbers: "twenty-five", "two dozen", "a million", "half of"."""
    cs = m.start()
    first = m.group().lower()
    c = _Cand(cs, m.end(), None, "word")
    if first == "half":
        return _parse_half(text, m, c)
    if first == "dozen" and re.search(r"(?i:baker['’]s\s+)$", text[max(0, cs - 10) : cs]):
        return None
    if first in L.SCALE_WORDS and re.search(r"\d[ \t\u00a0]*$", text[max(0, cs - 3) : cs]):
        return None  # the scale word of a number that was not taken ("#89.7 million")
    total, cur = 0.0, 0.0
    prev = None
    pos = m.end()
    cur, prev = _word_step(first, total, cur, prev)
    if first == "a":
        cur, prev = 1.0, "small"
    while True:
        wm = _WSEQ.match(text, pos)
        if not wm:
            break
        w = wm.group(2).lower()
        if w.startswith("a") and "half" in w:
            if prev not in ("small",) or not wm.group(1):
                break
            cur += 0.5
            pos = wm.end()
            continue
        if wm.group(1) and (prev not in ("hundred", "scale") or w not in L.SMALL_WORDS):
            break
        if w in L.SMALL_WORDS:
            if prev == "small_tens" and w in L.UNITS_WORDS and not wm.group(1):
                cur += L.SMALL_WORDS[w]
                prev = "small"
                pos = wm.end()
                continue
            if prev in ("small", "small_tens"):
                break
        if w == "hundred" and prev == "hundred":
            break
        total, cur, prev = _word_apply(w, total, cur, prev)
        pos = wm.end()
    c.value = total + cur
    c.ce = c.e = pos
    word_text = text[cs:pos]
    _finish(text, c, allow_units=True)
    _left_context(text, c)
    _word_filters(text, c, first, word_text)
    return c


def _word_step(first: str, total: float, cur: float, prev: str | None) -> tuple[float, str]:
    if first in L.TENS_WORDS:
        return float(L.TENS_WORDS[first]), "small_tens"
    if first in L.SMALL_WORDS:
        return float(L.SMALL_WORDS[first]), "small"
    if first == "dozen":
        return 12.0, "hundred"
    if first in L.SCALE_WORDS:
        return L.SCALE_WORDS[first], "scale"
    return 0.0, None


def _word_apply(w: str, total: float, cur: float, prev: str | None) -> tuple[float, float, str]:
    if w in L.TENS_WORDS:
        return total, cur + L.TENS_WORDS[w], "small_tens"
    if w in L.SMALL_WORDS:
        return total, cur + L.SMALL_WORDS[w], "small"
    if w == "hundred":
        return total, (cur or 1) * 100, "hundred"
    if w == "dozen":
        return total, (cur or 1) * 12, "hundred"
    return total + (cur or 1) * L.SCALE_WORDS[w], 0.0, "scale"


def _word_filters(text: str, c: _Cand, first: str, word_text: str) -> None:
    nxt = text[c.ce : c.ce + 40]
    if re.match(r"[ \t\u00a0]+[\d$£€]", nxt):
        c.skip = True  # "one 52,000-barrel refinery": the word is an article here
        return
    if _DURATION_ADJ.match(nxt) and c.unit in (
        None,
        "year",
        "month",
        "week",
        "day",
        "hour",
        "minute",
        "second",
        "decade",
    ):
        c.skip = True  # "a three-year plan" describes the plan
        return
    if word_text[0].isupper() and _name_like(text, c.cs):
        c.skip = True  # "BBC One", "Channel Four"
        return
    tok = _prev_token(text, c.s)
    low = tok.lower().strip(_PUNCT) if tok else ""
    if low in L.LABEL_WORDS and not c.measured:
        c.skip = True
        return
    if word_text.lower() == "one" and not c.measured:
        if low in _ONE_PREV:
            c.skip = True
            return
        if c.unit is None and not c.qual:
            after = re.match(r"[ \t\u00a0]*([A-Za-z'’]+|\S)?", nxt)
            w = (after.group(1) or "").lower() if after else ""
            if not w or not w[0].isalpha() or w in _ONE_NEXT or w.startswith(("'", "’")):
                if not _OF_DET.match(text, c.ce):
                    c.skip = True


def _parse_half(text: str, m: re.Match, c: _Cand) -> _Cand | None:
    cs = m.start()
    tok = _prev_token(text, cs)
    low = tok.lower().strip(_PUNCT) if tok else ""
    if low in _HALF_BAD_PREV or text[m.end() : m.end() + 1] == "-":
        return None
    c.value = 0.5
    c.kind = "frac"
    pos = m.end()
    sm = re.match(rf"(?i:[ \t\u00a0]+an?[ \t\u00a0]+({_SCALE_ALT}|dozen)\b)", text[pos : pos + 20])
    if sm:
        word = sm.group(1).lower()
        c.value *= 12 if word == "dozen" else L.SCALE_WORDS[word]
        pos += sm.end()
    c.ce = c.e = pos
    _left_context(text, c)
    if not (sm or _HALF_NEXT.match(text, pos) or c.qual or low == "by"):
        return None
    am = re.match(r"(?i:[ \t\u00a0]+an?)(?=[ \t\u00a0])", text[pos : pos + 4])
    if am and not sm:
        unit, end = _unit_at(text, pos + am.end())
        if unit:
            c.unit, c.measured, c.e = unit, True, end
            return c
    _finish(text, c, allow_units=True)
    return c


def _parse_fraction(text: str, m: re.Match) -> _Cand | None:
    """ "a third of", "two-thirds", "one quarter"."""
    parts = re.split(r"[ \t\u00a0-]+", m.group().lower())
    num_w, den_w = parts[0], parts[-1]
    den = L.FRACTION_WORDS[den_w]
    of_next = re.match(r"(?i:[ \t\u00a0]+of\b)", text[m.end() : m.end() + 5])
    plural = den_w.endswith("s") and den_w != "halves"
    half_scale = den_w == "half" and re.match(
        rf"(?i:[ \t\u00a0]+(?:{_SCALE_ALT}|dozen)\b)", text[m.end() : m.end() + 12]
    )
    if num_w in ("a", "an"):
        if not of_next and not half_scale:
            return None
        num = 1
    else:
        num = L.SMALL_WORDS.get(num_w, 1)
        if num == 1 and plural:
            return None
        if num > 1 and not plural:
            return None
        if den_w in ("quarter", "fourth", "second") and not of_next and num == 1:
            return None
    c = _Cand(m.start(), m.end(), num / den, "frac")
    sm = re.match(rf"(?i:[ \t\u00a0]+({_SCALE_ALT}|dozen)\b)", text[m.end() : m.end() + 12])
    if sm and den == 2:
        word = sm.group(1).lower()
        c.value *= 12 if word == "dozen" else L.SCALE_WORDS[word]  # "a half dozen"
        c.kind = "word"
        c.ce = c.e = m.end() + sm.end()
    _left_context(text, c)
    _finish(text, c, allow_units=True)
    return c


def _parse_vague(text: str, m: re.Match) -> _Cand | None:
    """ "thousands of troops", "dozens of", "several hundred": value unknown."""
    c = _Cand(m.start(), m.end(), None, "vague")
    c.vague = c.approx = True
    _left_context(text, c)
    _finish(text, c, allow_units=False)
    return c


# ----------------------------------------------------------------------------- ranges


def _mark_ranges(text: str, cands: list[_Cand]) -> None:
    """Mark "10 to 15", "between 5% and 6%", "from $1m to $2m", "3-4" and "three or four"."""
    live = [c for c in cands if not c.skip or c.ranged]
    for i in range(len(live) - 1):
        a, b = live[i], live[i + 1]
        if a.kind == "vague" or b.kind == "vague" or a.e > b.s:
            continue
        gap = text[a.e : b.s]
        if len(gap) > 60:
            continue
        if _RANGE_JOIN.fullmatch(gap):
            word = gap.strip().lower()
            if word == "and" and a.opener != "between":
                continue
            if word in ("to", "to-", "through") and a.opener != "from":
                if a.change and a.unit:
                    continue  # "fell 2.3 points to 1,204": a change, then the new level
                if a.unit and b.unit and a.unit != b.unit:
                    continue  # "2.5 hours to 50,000 fans"
            if word in ("-", "‑") and gap != word and a.opener is None:
                continue  # a spaced hyphen is punctuation: "goal - from 30 yards"
            a.ranged = b.ranged = True
            continue
        if a.opener == "from" and _FROM_TO.search(gap) and not re.search(r"[.;!?](?!\d)", gap):
            a.ranged = b.ranged = True


def _range_items(text: str, cands: list[_Cand]) -> list[Quantity]:
    """One item per run of range-marked numbers, value None, with its low and high ends."""
    out = []
    run: list[_Cand] = []
    for c in [c for c in cands if c.ranged] + [None]:
        if c is not None and run and c.s - run[-1].e <= 60:
            run.append(c)
            continue
        if len(run) >= 2:
            lo, hi = run[0], run[-1]
            low = lo.value
            if low is not None and lo.scale == 1 < hi.scale and low < hi.value / hi.scale * 10:
                low *= hi.scale  # "33-35 billion", "$3 to $5 billion"
            out.append(
                Quantity(
                    text=text[lo.s : hi.e],
                    start=lo.s,
                    end=hi.e,
                    value=None,
                    low=low,
                    high=hi.value,
                    unit=hi.unit or lo.unit,
                    approximate=False,
                    qualifier=lo.qual,
                    vague=False,
                    is_range=True,
                )
            )
        run = [c] if c is not None else []
    return out

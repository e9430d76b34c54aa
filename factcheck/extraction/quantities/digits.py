"""Numbers written in digits: "2,500", "$3.2bn", "1.5 million", "12 3/4%", "6×10⁻³".

`parse_digits` reads one number in steps: what stands before it, its notation (exponent,
fraction), its scale ("million", "bn"), its unit, then the rules that say it is no quantity.
"""

from __future__ import annotations

import re

from ..lexicon.numbers import VULGAR_FRACTIONS
from .before_digits import read_before
from .digit_rules import apply_digit_rules
from .following import NP_WORD, attach_rate, attach_what_follows, is_plural
from .lexicon import MULTIPLIERS
from .mention import Mention, reject
from .nearby import SPACES, read_left_context
from .units import unit_at

# Nothing that could belong to the number follows these.
_TERMINAL = frozenset(',;:.)!?"”]\n')
_TIME_AFTER = re.compile(
    r"(?:[ \u00a0]?[aApP]\.?[ \u00a0]?[mM]\.?|[ \u00a0]o['’]clock)"
    r"(?![A-Za-z])"
)
_ORDINAL = re.compile(r"(?i:st|nd|rd|th)\b")
_PLURAL_S = re.compile(r"['’′]?s\b")
_EXPONENT = re.compile(
    r"[ \u00a0]?[×xX*][ \u00a0]?10(?:(?:\^|\*\*)[ \u00a0]?(?P<e1>[-−]?\d{1,3})"
    r"|(?P<e2>[-−⁻]\d{1,3})|(?P<e3>⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))"
    r"|[eE](?P<e4>[-+]?\d{1,3})(?![\w.])"
)
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_MIXED_FRACTION = re.compile(r"[ \u00a0](\d)[/⁄](\d{1,2})(?![\d/])")
_SLASH_FRACTION = re.compile(r"[ \u00a0]?[/⁄][ \u00a0]?(\d{1,4})(?![\d/.,])")
_OF_NEXT = re.compile(r"(?i:[ \t\u00a0]+of\b)")
_SCALE_WORD = re.compile(rf"(?i:(?:[ \t\u00a0]+|-)({'|'.join(MULTIPLIERS)})\b)")
_MULTIPLIER = re.compile(
    r"(?P<m>bn|tn|trn|mn|mln|b|m|M|k|K)(?![A-Za-z0-9])"
    r"|[ \u00a0](?P<w>bn|mn|mln|tn)\b"
)
_FIXED_MULTIPLIERS = {"bn": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12, "trn": 1e12, "M": 1e6}
_LOWER_WORD_NEXT = re.compile(r"[ \t\u00a0]+[a-z]")
_AND_A_HALF = re.compile(r"(?i:[ \t\u00a0]+and\s+a\s+half\b)")
_US_AFTER = re.compile(r"[ \u00a0](?:US|U\.S\.)(?![A-Za-z])")


def parse_digits(text: str, match: re.Match[str]) -> Mention | None:
    """The number `match` found, rejected when it is no quantity; None when it is too long."""
    raw = match.group()
    if len(raw) > 24:
        return None
    value = float(raw.replace(",", ""))
    m = Mention(match.start(), match.end(), value, "num")
    m.plain_integer = "," not in raw and "." not in raw
    if read_before(text, m, raw):
        return reject(m)
    pos = m.num_end
    nxt = text[pos : pos + 1]
    if (nxt == "." or nxt == ":") and text[pos + 1 : pos + 2].isdigit():
        return reject(m)  # versions and clock times: "1.2.3", "10:30"
    if not nxt or nxt in _TERMINAL:
        # Nothing can follow: skip the steps below (keeps long number lists fast).
        m.end = pos
        if m.currency:
            m.unit, m.measured = m.currency, True
        return _conclude(text, m)
    end = _read_notation(text, m, pos, value)
    if end is not None:
        end = _read_scale(text, m, end)
    if end is None:
        return reject(m)
    m.num_end = end
    if _attach_unit(text, m, end):
        return reject(m)
    return _conclude(text, m)


def _conclude(text: str, m: Mention) -> Mention:
    """Qualifier before, then the second number of a range or the rules against quantities."""
    read_left_context(text, m)
    if m.second:
        return reject(m, ranged=True)
    apply_digit_rules(text, m)
    return m


def _read_notation(text: str, m: Mention, pos: int, value: float) -> int | None:
    """Exponents and fractions written with the number; None for times, ordinals and dates."""
    nxt = text[pos]
    spaced = nxt in SPACES
    if _clock_time(text, m, pos, value) or _ordinal_or_decade(text, pos):
        return None
    if spaced or nxt in "×xX*eE":
        pos = _read_exponent(text, m, pos)
    if m.plain_integer and spaced:
        pos = _read_mixed_fraction(text, m, pos)
    if pos < len(text) and text[pos] in VULGAR_FRACTIONS:
        m.value += VULGAR_FRACTIONS[text[pos]]  # "3½"
        pos += 1
        m.plain_integer = False
    sl = _SLASH_FRACTION.match(text, pos) if spaced or nxt in "/⁄" else None
    if sl:
        return _read_slash_fraction(text, m, sl, value)
    if nxt in "/⁄" and text[pos + 1 : pos + 2].isdigit():
        return None  # "3/15/2021"
    return pos


def _clock_time(text: str, m: Mention, pos: int, value: float) -> bool:
    """ "3 p.m.", "5pm", "5 o'clock": an hour of the day, unless it is money ("$5 p.m.")."""
    return (
        text[pos] in " \t\u00a0aApP"
        and value <= 24
        and not m.currency
        and bool(_TIME_AFTER.match(text, pos))
    )


def _ordinal_or_decade(text: str, pos: int) -> bool:
    """ "2nd", "100th", "the 1990s", "2018’s": a rank, a decade or a possessive year."""
    nxt = text[pos]
    return (nxt.isalpha() or nxt in "'’′") and bool(
        _ORDINAL.match(text, pos) or _PLURAL_S.match(text, pos)
    )


def _read_exponent(text: str, m: Mention, pos: int) -> int:
    """Scientific notation: "3 x 10^5", "6×10⁻³", "1e9"."""
    em = _EXPONENT.match(text, pos)
    if not em:
        return pos
    exp = em.group("e1") or em.group("e2") or em.group("e3") or em.group("e4")
    m.value = m.value * 10.0 ** int(exp.translate(_SUPERSCRIPTS).replace("−", "-"))
    m.plain_integer = False
    return em.end()


def _read_mixed_fraction(text: str, m: Mention, pos: int) -> int:
    """A whole number and a fraction: "12 3/4%"."""
    mf = _MIXED_FRACTION.match(text, pos)
    if not mf or int(mf.group(1)) >= int(mf.group(2)):
        return pos
    m.value += int(mf.group(1)) / int(mf.group(2))
    m.plain_integer = False
    return mf.end()


def _read_slash_fraction(text: str, m: Mention, sl: re.Match[str], value: float) -> int | None:
    """ "1/16 of a pint", "5/8 inch": a fraction of something; "9/11" and "24/7" are not."""
    den = int(sl.group(1))
    after = sl.end()
    if not (
        m.plain_integer
        and 0 < value < den <= 1000
        and (_OF_NEXT.match(text[after : after + 6]) or unit_at(text, after)[0])
    ):
        return None
    m.value = value / den
    m.kind = "frac"
    m.plain_integer = False
    return after


def _read_scale(text: str, m: Mention, pos: int) -> int | None:
    """Scale words and glued multipliers: "1.5 million", "$3bn", "4.3M", "3 and a half"."""
    scaled = False
    while sm := _SCALE_WORD.match(text, pos):
        word_factor = MULTIPLIERS[sm.group(1).lower()]
        m.value *= word_factor
        m.scale *= word_factor
        pos = sm.end()
        scaled = True
    if not scaled:
        mm = _MULTIPLIER.match(text, pos)
        if mm:
            factor = _multiplier(text, mm.end(), mm.group("m") or mm.group("w"), m.currency)
            if factor is None:
                return None  # "5b", "3K": letters glued to the number that are no multiplier
            if factor:
                m.value *= factor
                m.scale *= factor
                pos = mm.end()
                scaled = True
    ah = _AND_A_HALF.match(text, pos)
    if ah and not scaled:
        m.value += 0.5
        pos = ah.end()
    if scaled:
        m.plain_integer = False
    m.scaled = scaled
    return pos


def _multiplier(text: str, end: int, letters: str, currency: str | None) -> float | None:
    """Factor for letters glued to a number: 0 when "m" means metres, None when no multiplier."""
    factor = _FIXED_MULTIPLIERS.get(letters)
    if factor:
        return factor
    if letters == "b":
        return 1e9 if currency else None  # "$5b", but "5b" is no amount
    if letters in ("k", "K"):
        if currency or (letters == "k" and _LOWER_WORD_NEXT.match(text[end : end + 2])):
            return 1e3  # "$5K", "5k people"
        return None
    # "m": millions of money or of a plural noun ("30m units"), else metres ("37m long").
    if currency:
        return 1e6
    nxt = NP_WORD.match(text, end)
    if nxt and is_plural(nxt.group(1)) and not unit_at(text, end)[0]:
        return 1e6
    return 0.0


def _attach_unit(text: str, m: Mention, pos: int) -> bool:
    """The currency or unit after the number; True when letters glued to it make it an id."""
    if m.currency:
        m.unit, m.measured = m.currency, True
        us = _US_AFTER.match(text, pos)
        m.end = us.end() if us else pos  # "$5 US"
        attach_rate(text, m)
        return False
    m.end = pos
    if pos < len(text) and text[pos].isalpha() and not unit_at(text, pos)[0]:
        return True  # "5G", "3D"
    attach_what_follows(text, m, allow_units=True)
    return False

"""What stands right before digits: a currency, a sign, a range dash, or what rules them out.

`read_before` fills in the mention and returns True when the number is no quantity. The
character before the digits picks the rule (`RULES_BY_CHAR`); each rule is one small function.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..lexicon.units import CURRENCY_CODES, CURRENCY_PREFIX
from .lexicon import FUNCTION_WORDS
from .mention import Mention
from .nearby import prev_token

_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?P<code>US ?\$|\$ ?US|dlrs |\$A|AU\$|A\$|CA\$|C\$|NZ\$|HK ?\$|S\$|R\$|"
    r"Rs\.?|"
    rf"{CURRENCY_CODES})[ \u00a0]?|(?<![A-Za-z])(?P<tight>PS|RM|Y=|KSh|Ksh|Sh)"
    r"|(?P<sym>[$£€¥₹₩₪₦₽₺])[ \u00a0]?)(?P<sign>[-−])?$"
)
# Characters a currency before the number may end with (with letters, and one space between).
_CURRENCY_HINT = "$£€¥₹₩₪₦₽₺=."
_POUND_SCALE = re.compile(r"(?i:[ \t\u00a0]+(?:million|billion)\b)")
_WORD_BEFORE_HYPHEN = re.compile(r"[^\W\d_]+$")
_MINUS_BEFORE = re.compile(r"(?i:\b(?:minus|negative)[ \t\u00a0]+)$")
_HYPHENS = "-−‐‑"
# Words before a hyphen that leave the number standing: "now-5", "aged-7".
_HYPHEN_LEADS_KEPT = frozenset(("now", "then", "aged", "almost", "nearly"))


def read_before(text: str, m: Mention, raw: str) -> bool:
    """Currency, sign or range dash before the number; True when what precedes rules it out."""
    cs = m.num_start
    pc = text[cs - 1] if cs else ""
    if pc and (
        pc in _CURRENCY_HINT
        or pc.isalpha()
        or (
            pc in " \u00a0-−"
            and cs > 1
            and (text[cs - 2] in _CURRENCY_HINT or text[cs - 2].isalpha())
        )
    ):
        cur = _CURRENCY_BEFORE.search(text, max(0, cs - 8), cs)
        if cur:
            return _take_currency(m, cur)
    return _read_plain_before(text, m, raw, pc or " ")


def _take_currency(m: Mention, cur: re.Match[str]) -> bool:
    """ "$3", "US$ 5", "€-4": the currency's ISO code and sign; "PS5" is a console."""
    code = (cur.group("code") or cur.group("tight") or cur.group("sym")).replace(" ", "")
    if cur.group("tight") == "PS" and m.plain_integer and m.value < 10:
        return True
    m.currency = CURRENCY_PREFIX.get(code, code)
    m.start = cur.start()
    if cur.group("sign"):
        m.value = -m.value
    return False


def _read_plain_before(text: str, m: Mention, raw: str, pc: str) -> bool:
    """The rules for a number with no currency before it, picked by the character before."""
    if pc == "#" and _POUND_SCALE.match(text[m.num_end : m.num_end + 9]):
        m.currency = "GBP"  # "#89.7 million": the pound sign in older wire copy
        m.start = m.num_start - 1
    elif pc.isalnum() or pc in "_#@№&=":
        return True  # "A380", "G7", "#1", "@2": part of a name or identifier
    if m.plain_integer and len(raw) > 10:
        return True  # long digit strings are ids and account numbers
    if pc in "'’‘" and len(raw) == 2:
        return True  # '90s, ’19
    rule = RULES_BY_CHAR.get(pc)
    return rule(text, m) if rule else False


def _after_hyphen(text: str, m: Mention) -> bool:
    """A hyphen before the number: a minus sign, a range ("3-4"), or part of a name ("F-16")."""
    cs = m.num_start
    ppc = text[cs - 2] if cs > 1 else " "
    if ppc.isalpha():
        return _after_word_hyphen(text, m)
    if ppc.isdigit():
        m.second = True
    elif ppc in " \t\u00a0\n" or cs == 1:
        return _after_spaced_hyphen(text, m)
    return False


def _after_word_hyphen(text: str, m: Mention) -> bool:
    """ "minus-130", "200,000 to-260,000", "sub-20", "now-5"; any other word makes a name."""
    cs = m.num_start
    wm = _WORD_BEFORE_HYPHEN.search(text[max(0, cs - 12) : cs - 1])
    word = wm.group().lower() if wm else ""
    if word in ("minus", "negative"):
        m.value = -m.value
        m.start = cs - 1 - len(word)
    elif word == "to":
        m.second = True
    elif word == "sub":
        m.qualifier = "under"
        m.start = cs - 4
    elif word not in _HYPHEN_LEADS_KEPT:
        return True
    return False


def _after_spaced_hyphen(text: str, m: Mention) -> bool:
    """ " -10C" is negative; "COVID -19" is a name written with a stray space."""
    tok = prev_token(text, m.num_start - 1)
    if tok and any(ch.isupper() for ch in tok) and tok.lower() not in FUNCTION_WORDS:
        return True
    m.value = -m.value
    m.start = m.num_start - 1
    return False


def _after_dash(text: str, m: Mention) -> bool:
    """ "5–10": the second number of a range."""
    if m.num_start > 1 and text[m.num_start - 2].isdigit():
        m.second = True
    return False


def _after_space(text: str, m: Mention) -> bool:
    """ "minus 387", "negative 7": a sign written as a word."""
    cs = m.num_start
    window = text[max(0, cs - 12) : cs].lower()
    if "minus" in window or "negative" in window:
        mm = _MINUS_BEFORE.search(text, max(0, cs - 12), cs)
        if mm:
            m.value = -m.value
            m.start = mm.start()
    return False


def _after_digit_separator(text: str, m: Mention) -> bool:
    """ "9/11", "12:30": the later parts of dates and clock times."""
    return m.num_start > 1 and text[m.num_start - 2].isdigit()


def _after_tilde(text: str, m: Mention) -> bool:
    """ "~5", "≈7": an approximate amount."""
    m.qualifier, m.approximate = text[m.num_start - 1], True
    m.start = m.num_start - 1
    return False


def _after_plus(text: str, m: Mention) -> bool:
    """ "+7" stands alone or after "("; "a+7" and "1+7" are no quantities."""
    return m.num_start > 1 and text[m.num_start - 2] not in " \t(\n"


CharRule = Callable[[str, Mention], bool]
RULES_BY_CHAR: dict[str, CharRule] = {
    **dict.fromkeys(_HYPHENS, _after_hyphen),
    **dict.fromkeys("–—", _after_dash),
    **dict.fromkeys(" \t\u00a0", _after_space),
    **dict.fromkeys("/:", _after_digit_separator),
    **dict.fromkeys("~≈", _after_tilde),
    "+": _after_plus,
}

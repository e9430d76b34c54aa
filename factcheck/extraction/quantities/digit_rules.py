"""Rules that say a number in digits is no quantity: dates, years, ages, labels and names.

Each rule takes the text, the mention, the token before it and that token in lower case
without punctuation; the first rule that holds rejects the mention.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .following import is_plural
from .lexicon import (
    EMERGENCY_LEADS,
    EMERGENCY_NUMBERS,
    FUNCTION_WORDS,
    LABEL_WORDS,
    PERSON_NOUNS,
    YEAR_LEADS,
)
from .mention import Mention
from .nearby import MONTH_AFTER, MONTH_TOKEN, PUNCTUATION, is_title_case, name_like, prev_token

DigitRule = Callable[[str, Mention, str | None, str], bool]

_EMERGENCY_AFTER = re.compile(r"[ \t\u00a0]+(?:call|dispatch|operator)")
_ADDRESS = re.compile(
    r"[ \t\u00a0]+(?:[A-Z0-9][\w'’-]*\.?[ \t\u00a0]+){0,3}(?:Road|Rd|Street|St|"
    r"Avenue|Ave|Way|Lane|Ln|Drive|Dr|Boulevard|Blvd|Place|Pl|Court|Ct|Square|"
    r"Sq|Terrace|Close|Crescent|Highway|Hwy|Parkway|Pkwy)\b\.?"
)
_ERA_AFTER = re.compile(r"[ \t\u00a0]+(?:AD|BC|BCE|CE)\b")
_AGE_CLOSE = re.compile(r"[ \t\u00a0]*(?:[,;)]|\.(?:\s|$))")
_AGE_NAME = re.compile(r"([A-Za-z][\w'’.-]*)[ \t\u00a0]*[,(][ \t\u00a0]*$")
_CAPITALISED_NEXT = re.compile(r"[ \t\u00a0]+([A-Z][A-Za-z]*)")
_DEMONYM = re.compile(r"(?:ans|ese|ish|is)$")
_LABEL_TOKENS = frozenset(("#", "No.", "no.", "Nos."))


def day_after_month(text: str, m: Mention, tok: str | None, low: str) -> bool:
    """A day of the month after its name: "July 26", "Dec. 31"."""
    return bool(
        tok
        and MONTH_TOKEN.fullmatch(tok.lstrip("([\"“‘'`"))
        and m.plain_integer
        and m.value <= 31
        and not m.currency
        and not m.scaled
        and m.unit != "percent"
    )


def day_before_month(text: str, m: Mention, tok: str | None, low: str) -> bool:
    """A day of the month before its name: "3 March", "4 of May"."""
    return m.plain_integer and m.value <= 31 and bool(MONTH_AFTER.match(text, m.num_end))


def label(text: str, m: Mention, tok: str | None, low: str) -> bool:
    """A label, not an amount: "category 4", "phase 3", "No. 1", "#6"."""
    return not m.qualifier and (low in LABEL_WORDS or tok in _LABEL_TOKENS)


def emergency_number(text: str, m: Mention, tok: str | None, low: str) -> bool:
    """ "call 911", "the 999 operator": a telephone number, not a count."""
    return m.value in EMERGENCY_NUMBERS and (
        low in EMERGENCY_LEADS or bool(_EMERGENCY_AFTER.match(text[m.num_end : m.num_end + 12]))
    )


def street_address(text: str, m: Mention, tok: str | None, low: str) -> bool:
    """A house number: "575 Wilbraham Road", "12 Baker Street"."""
    return m.plain_integer and bool(_ADDRESS.match(text, m.num_end))


def based_on_model(text: str, m: Mention, tok: str | None, low: str) -> bool:
    """ "486-based machines": a model number."""
    return text.startswith("-based", m.num_end)


def model_after_article(text: str, m: Mention, tok: str | None, low: str) -> bool:
    """ "the 737 was grounded", "its 747 fleet": a model number after an article."""
    return (
        m.plain_integer
        and m.value >= 100
        and not m.unit
        and low in ("the", "its", "their")
        and not m.qualifier
    )


def year(text: str, m: Mention, tok: str | None, low: str) -> bool:
    """A year: "in 2011", "2019's report", "1066 AD"; "2500 troops" is a count."""
    if not (m.plain_integer and 1000 <= m.value <= 2199 and not m.qualifier):
        return False
    return (
        not (m.unit and is_plural(m.unit.split()[-1]))
        or low in YEAR_LEADS
        or low.endswith(("'s", "’s"))
        or bool(_ERA_AFTER.match(text[m.num_end : m.num_end + 5]))
    )


def age_in_apposition(text: str, m: Mention, tok: str | None, low: str) -> bool:
    """An age next to a name: "Smith, 45,", "Jones (45)", "the suspect, 23,"."""
    if not m.plain_integer or m.qualifier or not 1 <= m.value <= 120 or m.unit:
        return False
    before = text[max(0, m.start - 40) : m.start]
    if before.rstrip()[-1:] not in (",", "("):
        return False
    after = text[m.num_end : m.num_end + 3]
    if not _AGE_CLOSE.match(after):
        return False
    pm = _AGE_NAME.search(before)
    if pm and (pm.group(1)[0].isupper() or pm.group(1).lower() in PERSON_NOUNS):
        return before.rstrip()[-1] == "," or after.lstrip().startswith(")")
    return False


def part_of_name(text: str, m: Mention, tok: str | None, low: str) -> bool:
    """A number after a name-like word: "iPhone 11", "Big 12", "Apollo 11"."""
    return not m.qualifier and name_like(text, m.start)


def before_capitalised_word(text: str, m: Mention, tok: str | None, low: str) -> bool:
    """A bare number before a capitalised word is a model or address number: "2000 Guineas",
    "10 Downing"; not before a people ("300 Spartans") nor in a headline in title case."""
    if not m.plain_integer or m.qualifier or (m.unit and m.unit[:1].islower()):
        return False
    nm = _CAPITALISED_NEXT.match(text[m.num_end : m.num_end + 30])
    if not nm:
        return False
    word = nm.group(1)
    if word.lower() in FUNCTION_WORDS or _DEMONYM.search(word):
        return False
    if word[1:].islower() or len(word) == 1:
        return not is_title_case(text, m.num_start)
    return m.value >= 1000


# Rules for a bare number: no currency, no unit of measurement, no scale word.
BARE_NUMBER_RULES: tuple[DigitRule, ...] = (
    day_after_month,
    day_before_month,
    label,
    emergency_number,
    street_address,
    based_on_model,
    model_after_article,
    year,
    age_in_apposition,
    part_of_name,
    before_capitalised_word,
)
# An amount, measurement or scaled number is still no quantity as a day of the month.
AMOUNT_RULES: tuple[DigitRule, ...] = (day_after_month,)


def apply_digit_rules(text: str, m: Mention) -> None:
    """Reject `m` when a rule says it is no quantity; "aged 45" gets its unit."""
    if m.kind == "frac":
        return
    tok = prev_token(text, m.start)
    low = tok.lower().strip(PUNCTUATION) if tok else ""
    bare = not m.currency and not m.measured
    for rule in BARE_NUMBER_RULES if bare and not m.scaled else AMOUNT_RULES:
        if rule(text, m, tok, low):
            m.rejected = True
            return
    if tok == "aged" and bare:
        m.unit = "years of age"

"""What follows a number: a qualifier ("or more"), its unit, a rate ("a month"), what it counts."""

from __future__ import annotations

import re

from ..lexicon.numbers import SMALL
from .lexicon import IRREGULAR_PLURALS, NP_STOP, NUMBER_WORDS, RATE_NOUNS
from .mention import Mention
from .nearby import MONTH_TOKEN, SPACES
from .units import currency_word, unit_at

# One word of a noun phrase after a space: "troops", "U.S.", "long-range".
NP_WORD = re.compile(
    r"[ \t\u00a0]+([A-Za-z](?:\.[A-Za-z])+\.?|[A-Za-z][A-Za-z'’-]*[A-Za-z]"
    r"|[A-Za-z])(?![\w'’-])"
)
# "of", "of the", "of their" before what is counted: "one of the best", "thousands of its troops".
OF_DETERMINER = re.compile(
    r"(?i:[ \t\u00a0]+of(?:[ \t\u00a0]+(?:the|its|their|his|her|our|these|those|"
    r"my|your|all|all\s+the))?)(?=[ \t\u00a0]+[A-Za-z])"
)
_SUFFIX_QUALIFIER = re.compile(
    r"(?i:[ \t\u00a0]+or\s+(so|more|less|fewer)\b"
    r"|(-?plus\b|\+)(?![\d\w]))"
)
_N_IN_M = re.compile(
    rf"(?i:[ \t\u00a0]+(?:in|out\s+of)[ \t\u00a0]+"
    rf"(\d{{1,4}}|{'|'.join(SMALL)})\b)"
)
_HYPHEN_NOUN = re.compile(r"-([A-Za-z]{2,})(?![\w-])")
_RATE = re.compile(r"(?i:[ \t\u00a0-]+(?P<w>per|an?|each|every)[ \t\u00a0-]+)")
_RATE_NOUN = re.compile(r"[ \t\u00a0-]+([A-Za-z][A-Za-z'’]*)(?![\w'’])")
_TIME_AFTER_RATE = re.compile(r"(?i:[ \t\u00a0]+(?:earlier|ago|later|before|after|on|since))\b")
_APOSTROPHE = re.compile(r"['’]")


def attach_what_follows(text: str, m: Mention, allow_units: bool) -> None:
    """Attach unit, rate ("per barrel"), suffix qualifier or counted noun after the number."""
    pos = _read_suffix_qualifier(text, m, m.num_end)
    unit, end = unit_at(text, pos) if allow_units else (None, pos)
    if unit:
        m.unit, m.measured = unit, True
        m.end = end
        attach_rate(text, m)
        return
    m.end = pos
    if m.kind in ("num", "word"):
        pos = _read_one_in_n(text, m, pos)
    hm = _HYPHEN_NOUN.match(text, pos)
    if hm and hm.group(1).lower() not in NP_STOP:
        m.unit, m.end = hm.group(1), hm.end()  # "a 28-nation bloc"
        return
    _attach_counted_noun(text, m, pos)


def _read_suffix_qualifier(text: str, m: Mention, pos: int) -> int:
    """ "20 or more", "about 5 or so", "30-plus", "40+": the qualifier after the number."""
    sq = _SUFFIX_QUALIFIER.match(text, pos)
    if not sq:
        return pos
    word = sq.group(1)
    m.qualifier = f"or {word.lower()}" if word else "or more"
    m.approximate = bool(word) and word.lower() == "so"
    return sq.end()


def _read_one_in_n(text: str, m: Mention, pos: int) -> int:
    """ "one in five", "9 in 10", "one out of three": a fraction, unless a unit follows."""
    nm = _N_IN_M.match(text, pos)
    if not nm:
        return pos
    den = _small_value(nm.group(1))
    if (
        den
        and m.value
        and m.value < den <= 1000
        and float(m.value).is_integer()
        and not unit_at(text, nm.end())[0]
    ):
        m.value = m.value / den
        m.kind = "frac"
        m.plain_integer = False
        pos = m.end = nm.end()
    return pos


def _attach_counted_noun(text: str, m: Mention, pos: int) -> None:
    """The noun phrase the number counts, directly or after "of the": "2,500 troops"."""
    phrase, end = noun_phrase(text, pos, m.value)
    if not phrase:
        of = OF_DETERMINER.match(text, pos)
        if of:
            phrase, end = noun_phrase(text, of.end(), None)
            if phrase and phrase.split()[0].lower() in NP_STOP:
                phrase = None
    if phrase:
        m.unit, m.end = phrase, end
        code = currency_word(phrase)
        if code:
            m.unit, m.measured = code, True
        attach_rate(text, m)


def attach_rate(text: str, m: Mention) -> None:
    """Extend the unit with a rate: "$58 per barrel", "$3,500 a month", "barrel-a-day"."""
    if text.startswith("/", m.end):
        unit, end = unit_at(text, m.end + 1)
        if unit and end > m.end + 1:
            m.unit = f"{m.unit} per {unit}"
            m.end = end
        return
    pm = _RATE.match(text, m.end)
    if not pm:
        return
    if pm.group("w").lower() == "per":
        _attach_per(text, m, pm.end() - 1)
        return
    nm = _RATE_NOUN.match(text, pm.end() - 1)
    if nm and _TIME_AFTER_RATE.match(text[nm.end() : nm.end() + 8]):
        return  # "a year earlier" dates the amount; it is no rate
    if nm and nm.group(1).lower().rstrip("s") in RATE_NOUNS:
        m.unit = f"{m.unit} per {nm.group(1).lower()}"
        m.end = nm.end()


def _attach_per(text: str, m: Mention, pos: int) -> None:
    """ "per barrel", "per head": a unit or any noun after "per"."""
    unit, end = unit_at(text, pos)
    if unit:
        m.unit = f"{m.unit} per {unit}"
        m.end = end
        return
    nm = NP_WORD.match(text, pos)
    if nm and nm.group(1).lower() not in NP_STOP:
        m.unit = f"{m.unit} per {nm.group(1)}"
        m.end = nm.end()


def _ends_noun_phrase(word: str, words: list[str], value: float | None) -> bool:
    """True when `word` cannot extend the counted noun phrase `words`."""
    low = word.lower()
    if (
        _APOSTROPHE.split(low)[0] in NP_STOP
        or low.endswith("ly")
        or low in NUMBER_WORDS
        or MONTH_TOKEN.fullmatch(word)
    ):
        return True
    # "one proposal asks": a verb follows a singular count.
    return bool(words) and (
        (word[0].isupper() and words[-1][0].islower() and is_plural(words[-1]))
        or low.endswith("ed")
        or (value == 1 and is_plural(word))
    )


def noun_phrase(text: str, pos: int, value: float | None) -> tuple[str | None, int]:
    """Up to three words naming what is counted, stopping at function words and plurals."""
    words: list[str] = []
    ends: list[int] = []
    p = pos
    for _ in range(3):
        nm = NP_WORD.match(text, p)
        if not nm or _ends_noun_phrase(nm.group(1), words, value):
            break
        word = nm.group(1)
        words.append(word)
        p = nm.end()
        ends.append(p)
        if (is_plural(word) and value != 1) or text[p : p + 1] not in SPACES:
            break
    # A lone participle or "due"/"worth" describes the number; it is not what it counts.
    if len(words) == 1 and (
        words[0].lower().endswith(("ing", "ed")) or words[0].lower() in ("due", "worth")
    ):
        words.pop()
    if not words:
        return None, pos
    return " ".join(words), ends[len(words) - 1]


def is_plural(word: str) -> bool:
    """True for a plural noun: "troops", "people"; not "class", "bus", "crisis"."""
    low = word.lower()
    if low in IRREGULAR_PLURALS:
        return True
    return len(low) > 2 and low.endswith("s") and not low.endswith(("ss", "us", "is", "'s", "’s"))


def _small_value(word: str) -> float | None:
    """The value of digits or a small number word."""
    if word.isdigit():
        return float(word)
    return SMALL.get(word.lower())

"""What stands around a number: the token before it, its qualifier, month names, name-like words."""

from __future__ import annotations

import re

from ..lexicon.calendar import MONTH_ABBREVIATIONS, MONTH_NUMBERS, MONTHS
from ..lexicon.units import CURRENCY_PREFIX
from .lexicon import CHANGE_WORDS, FUNCTION_WORDS, QUALIFIERS
from .mention import Mention

SPACES = " \t\u00a0"
# Stripped from a token before it is looked up in a word list.
PUNCTUATION = ".,;:!?\"'“”‘’`()[]"


def _month_alternation() -> str:
    """Month names and short forms, ignoring case, except a month whose short form is its own
    name ("May"): that one only capitalised, since "these 5 may rise" is no date."""
    own_short = [m for m in MONTHS if not any(m.startswith(a) for a in MONTH_ABBREVIATIONS)]
    full = [m.capitalize() for m in MONTHS if m not in own_short]
    short = sorted(MONTH_ABBREVIATIONS, key=lambda a: (MONTH_NUMBERS[a], -len(a)))
    cased = "|".join(m.capitalize() for m in own_short)
    return f"(?i:{'|'.join(full + [a.capitalize() for a in short])})|{cased}"


_MONTHS = _month_alternation()
MONTH_TOKEN = re.compile(rf"(?:{_MONTHS})\.?$")
MONTH_AFTER = re.compile(rf"[ \t\u00a0]+(?:of[ \t\u00a0]+)?(?:{_MONTHS})\b")
_FROM_BEFORE = re.compile(r"(?i:\b(?P<w>from|between)(?:[ \t\u00a0]+[a-z]+){0,3}[ \t\u00a0]+)$")
_LONG_WORD = re.compile(r"[A-Za-z]{4,}")
_QUALIFIER_LAST_WORDS = frozenset(q.split()[-1] for q in QUALIFIERS)


def _prev_token_span(text: str, pos: int) -> tuple[str, int] | None:
    """The whitespace-separated token before `pos` (there must be whitespace between)."""
    lo = max(0, pos - 40)
    i = pos
    while i > lo and text[i - 1] in SPACES:
        i -= 1
    if i in (pos, lo):
        return None
    j = i
    while j > lo and not text[j - 1].isspace():
        j -= 1
    return text[j:i], j


def prev_token(text: str, pos: int) -> str | None:
    """The token before `pos`, or None."""
    span = _prev_token_span(text, pos)
    return span[0] if span else None


def prev_word(text: str, pos: int) -> str:
    """The token before `pos` in lower case without punctuation, or ""."""
    span = _prev_token_span(text, pos)
    return span[0].lower().strip(PUNCTUATION) if span else ""


def _qualifier_before(text: str, pos: int) -> tuple[str, int] | None:
    """A qualifier such as "more than" or "~" right before `pos`, and where it starts."""
    if pos == 0:
        return None
    last = text[pos - 1]
    if last in "~≈":
        return last, pos - 1
    if last not in SPACES:
        return None
    span = _prev_token_span(text, pos)
    if not span or span[0].lower() not in _QUALIFIER_LAST_WORDS:
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
        if phrase in QUALIFIERS:
            first, first_start = words[k - 1]
            best = (phrase, first_start + len(first) - len(first.lstrip("(\"“‘'")))
    return best


def read_left_context(text: str, m: Mention) -> None:
    """Qualifier before the number, and whether it opens a range or follows a change verb."""
    qm = _qualifier_before(text, m.start)
    anchor = m.start
    if qm and not (m.qualifier and m.qualifier in "~≈"):
        m.qualifier = qm[0]
        m.approximate = QUALIFIERS.get(qm[0], False) or m.approximate
        anchor = m.start = qm[1]
    window = text[max(0, anchor - 40) : anchor].lower()
    if "from" in window or "between" in window:
        fm = _FROM_BEFORE.search(text, max(0, anchor - 40), anchor)
        if fm:
            m.opener = fm.group("w").lower()
    tok = prev_token(text, anchor)
    if tok and tok.lower().strip(".,") in CHANGE_WORDS:
        m.after_change = True


def is_title_case(text: str, pos: int) -> bool:
    """True when the line around `pos` is a headline: most of its longer words capitalised."""
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    hi = len(text) if hi < 0 else hi
    words = _LONG_WORD.findall(text[max(lo, pos - 80) : min(hi, pos + 80)])
    if len(words) < 3:
        return False
    caps = sum(w[0].isupper() for w in words)
    return caps >= 0.75 * len(words)


def name_like(text: str, pos: int) -> bool:
    """True when the token before `pos` looks like part of a name ("iPhone", "Big", "S&P")."""
    tok = prev_token(text, pos)
    if not tok or tok[-1] in ",:;()\"“”'’—–-" or not any(ch.isupper() for ch in tok):
        return False
    core = tok.strip("([\"“‘'")
    low = core.lower().rstrip(".")
    if low in FUNCTION_WORDS or MONTH_TOKEN.fullmatch(core) or core in CURRENCY_PREFIX:
        return False
    return not is_title_case(text, pos)

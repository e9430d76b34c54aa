"""A rough tense guess for the clause around a date: is the event past or still to come?"""

from __future__ import annotations

import re

from .tense_words import (
    AUXILIARIES,
    COPULAS,
    DETERMINERS_ADVERBS,
    NEEDS_TO,
    NOT_ED_VERBS,
    NOT_VERBS,
    PARTICIPLES,
    TENSE_OF_WORD,
)

_WORD = re.compile(
    r"[A-Za-z]+(?:'[a-z]+)?|'ll|[;:()\[\]\"“”]"
    r"|(?<=[a-z]{2})[.!?](?=\s|$)|(?<=[\d)])[.!?](?=\s)"
)
# Punctuation that ends the clause: the scan stops there.
_STOP = frozenset(';:()[]"“”.!?')
_Token = tuple[str, int, int]


def tense(
    text: str, start: int, end: int, left: int = 160, right: int = 100, infinitive: bool = True
) -> int:
    """+1 if the clause around text[start:end] reads as future, -1 as past, 0 if unclear.

    The nearest tense word decides: up to 13 words back, else up to 10 words ahead.
    With infinitive=False a "to" + verb does not count as pointing forward.
    """
    lo = max(0, start - left)
    before = _tokens(text[lo:start])
    order = range(len(before) - 1, max(-1, len(before) - 14), -1)
    got = _scan(before, order, text[lo:start], infinitive)
    if got is not None:
        return got
    after = _tokens(text[end : end + right])
    return _scan(after, range(min(10, len(after))), text[end : end + right], infinitive) or 0


def _tokens(text: str) -> list[_Token]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def _scan(toks: list[_Token], order: range, text: str, infinitive: bool) -> int | None:
    """The tense of the first word in `order` that shows one; None at a clause break."""
    for i in order:
        word, _, e = toks[i]
        if word in _STOP:
            return None
        prev = toks[i - 1][0].lower() if i else ""
        nxt = ""
        if i + 1 < len(toks) and text[e : toks[i + 1][1]] == " ":
            nxt = toks[i + 1][0]
        got = _classify(word, prev, nxt, infinitive)
        if got is not None:
            return got
    return None


def _classify(word: str, prev: str, nxt: str, infinitive: bool) -> int | None:
    """The tense one word shows given its neighbours, or None if it shows none."""
    w = word.lower()
    if w == "to":
        return _infinitive_to(prev, nxt, infinitive)
    if w in NEEDS_TO:
        return 1 if nxt == "to" else None
    if w in PARTICIPLES and prev in AUXILIARIES:
        return None
    got = TENSE_OF_WORD.get(w)
    if got is not None:
        return got
    if word.islower() and w.endswith("ed") and len(w) > 4 and w not in NOT_ED_VERBS:
        return _ed_word(prev)
    return None


def _infinitive_to(prev: str, nxt: str, infinitive: bool) -> int | None:
    """'to purchase ... in February' points forward, 'to holders' does not; with
    infinitive=False only 'is to' + verb does."""
    if not infinitive and prev not in COPULAS:
        return None
    if nxt == "be" or (
        nxt.isalpha()
        and nxt.islower()
        and nxt not in NOT_VERBS
        and not nxt.endswith(("s", "ing", "ed"))
    ):
        return 1
    return None


def _ed_word(prev: str) -> int | None:
    """A word in -ed: past unless an adjective ('a still unspecified date') or a participle
    after an auxiliary ('was delayed'); 'has delayed' is past."""
    if prev in DETERMINERS_ADVERBS:
        return None
    if prev in ("has", "have", "'ve"):
        return -1
    if prev in AUXILIARIES:
        return None
    return -1

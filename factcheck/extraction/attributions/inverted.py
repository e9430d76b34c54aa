"""Inverted: '"...," said Smith, the director of X.' and 'The plan will fail, said Smith.'"""

from __future__ import annotations

from .content import content_after
from .draft import Draft, make_draft
from .phrases import np_forward
from .text import Tok, last_token
from .unit import Cue, Unit
from .words import PREPS, TIME

Span = tuple[int, int]
# What may follow an inverted speaker's name: "said Smith, ...", "said Smith on Monday".
_AFTER_SPEAKER = frozenset({",", ".", "!", "?", ";", "—", "–", "("})


def inverted(unit: Unit, cue: Cue) -> Draft | None:
    """The speaker follows the verb, after a quotation or a comma before the verb."""
    text, toks, lo, hi = unit.text, unit.toks, unit.lo, unit.hi
    j, k = cue.before, cue.after
    e = np_forward(toks, k, hi)
    if e is None or toks[k].low in TIME or not _speaker_ends(toks, e, hi):
        return None
    q = _quotation_before(toks, lo, j)
    if q is None and _lowercase_phrase(toks[k : e + 1]):
        return None
    end = _appositive_end(toks, e, hi)
    if q is not None:
        content, direct = _quoted(toks, lo, hi, j, end, q)
    elif j - 1 < lo or content_after(toks, end + 1, hi, "say").kind not in ("none", "light"):
        return None
    else:
        content, direct = (toks[lo].start, toks[j - 1].end), False
    who = text[toks[k].start : toks[e].end]
    return make_draft(text, (toks[k].start, toks[end].end), content, direct, who)


def _speaker_ends(toks: list[Tok], e: int, hi: int) -> bool:
    """Does the speaker's phrase end the unit or meet a mark, a quotation, a preposition or a
    time ('said Smith on Monday')?"""
    if e + 1 >= hi:
        return True
    nxt = toks[e + 1]
    return nxt.text in _AFTER_SPEAKER or nxt.kind == "Q" or nxt.low in PREPS or nxt.low in TIME


def _quotation_before(toks: list[Tok], lo: int, j: int) -> Tok | None:
    """The quotation right before the verb, or before the comma before it."""
    if toks[j].kind == "Q":
        return toks[j]
    if j - 1 >= lo and toks[j - 1].kind == "Q":
        return toks[j - 1]
    return None


def _lowercase_phrase(words: list[Tok]) -> bool:
    """'..., said the man in the grey coat': without a quotation, a long phrase with no capital
    is no speaker."""
    return not any(t.text[0].isupper() for t in words) and len(words) > 3


def _appositive_end(toks: list[Tok], e: int, hi: int) -> int:
    """'said Peter Grant, an economist at the Ridley Institute': the speaker's text runs
    through an appositive up to the next mark (not a participle: 'said Smith, adding ...')."""
    if e + 2 < hi and toks[e + 1].text == "," and not toks[e + 2].low.endswith("ing"):
        m = e + 2
        while m < hi and toks[m].text not in (",", ".", ";", ":") and toks[m].kind != "Q":
            m += 1
        if m > e + 2:
            return m - 1
    return e


def _quoted(toks: list[Tok], lo: int, hi: int, j: int, end: int, q: Tok) -> tuple[Span, bool]:
    """The quotation before the cue, with a second one after the speaker ('"A," said X, "B."')
    or at the unit's end ('"A," said X, adding, "B."'); words before it make it reported."""
    content, direct = q.inner, True
    if q is not toks[lo] and sum(t.kind == "W" for t in toks[lo:j]) >= 2:
        content, direct = (toks[lo].start, q.inner[1]), False
    after = end + 1
    if after + 1 < hi and toks[after].text == "," and toks[after + 1].kind == "Q":
        return (q.inner[0], toks[after + 1].inner[1]), direct
    if after < hi and toks[after].kind == "Q":
        return (q.inner[0], toks[after].inner[1]), direct
    tail = last_token(toks, lo, hi)
    if tail is not None and tail.kind == "Q" and tail.start > toks[end].end:
        return (q.inner[0], tail.inner[1]), direct
    return content, direct

"""According to: 'According to the health ministry, ...' and '..., according to two officials.'"""

from __future__ import annotations

from .draft import Draft, make_draft
from .text import Tok
from .unit import Unit
from .words import CONJ, DETS, PREPS

Span = tuple[int, int]
_IN_NAME = frozenset({"’", "'", "-", "&", "."})
_BEFORE_ACCORDING = ",—–("


def according_to(unit: Unit, i: int) -> Draft | None:
    """The source after 'according to' at toks[i] is the speaker; the content is the words
    before it, or after the comma that ends the source."""
    text, toks, lo, hi = unit.text, unit.toks, unit.lo, unit.hi
    k = i + 2
    if k >= hi or toks[k].kind != "W":
        return None
    e = _source_end(toks, k, hi)
    if toks[e].low in DETS or toks[e].low in PREPS:
        return None
    if sum(t.kind != "P" for t in toks[lo:i]) >= 3:
        content: Span | None = _content_before(toks, lo, hi, i, e)
    else:
        content = _content_after(toks, hi, e)
    if content is None:
        return None
    return make_draft(
        text,
        (toks[k].start, toks[e].end),
        content,
        False,
        cue="according to",
        cue_pos=toks[i].start,
    )


def _source_end(toks: list[Tok], k: int, hi: int) -> int:
    """The last word of the source starting at toks[k] (15 words at most; a quotation, a
    conjunction or a mark other than an apostrophe, hyphen, ampersand or inner full stop ends
    it)."""
    e = k
    while (
        e + 1 < hi
        and e - k < 14
        and toks[e + 1].kind != "Q"
        and toks[e + 1].low not in CONJ
        and (
            toks[e + 1].kind == "W"
            or (toks[e + 1].text in _IN_NAME and not (toks[e + 1].text == "." and e + 2 >= hi))
        )
    ):
        e += 1
    return e


def _content_before(toks: list[Tok], lo: int, hi: int, i: int, e: int) -> Span:
    """'The hospital will close, according to two officials': the words before the cue, and
    what follows the source after a comma ('..., according to X, and ...')."""
    last = i - 1
    while last > lo and toks[last].kind == "P" and toks[last].text in _BEFORE_ACCORDING:
        last -= 1
    if e + 2 < hi and toks[e + 1].text == ",":
        return toks[lo].start, toks[hi - 1].end
    return toks[lo].start, toks[last].end


def _content_after(toks: list[Tok], hi: int, e: int) -> Span | None:
    """'According to the ministry, 300 beds were added': the words after the source's comma."""
    c = e + 1
    while c < hi and toks[c].text != ",":
        c += 1
    if c + 1 >= hi:
        return None
    return toks[c + 1].start, toks[hi - 1].end

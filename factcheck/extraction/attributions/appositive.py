"""Appositives: 'Smith, a spokesman for the group, said ...', 'Smith, who ..., said ...'."""

from __future__ import annotations

from .draft import Draft
from .phrases import np_back
from .subject_first import attribute_to
from .text import Tok, is_abbrev
from .unit import Cue, Unit


def appositive(unit: Unit, cue: Cue) -> Draft | None:
    """The name before an appositive that ends with a comma right before the cue is the
    speaker; the speaker's text runs through the appositive."""
    toks, lo = unit.toks, unit.lo
    j = cue.before
    c1 = _comma_before(toks, lo, j)
    if c1 is None or c1 == j - 1 or c1 - 1 < lo:
        return None
    c1 = _head_of_chain(toks, lo, c1)
    r = np_back(toks, c1 - 1, lo) if c1 - 1 >= lo else None
    if r is None:
        return None
    return attribute_to(unit, cue, r[0], j - 1, None, None)


def _comma_before(toks: list[Tok], lo: int, j: int) -> int | None:
    """The comma that opens the appositive ending at the comma toks[j] (40 tokens back at
    most; a quotation or a sentence mark in between means there is none)."""
    for m in range(j - 1, max(lo - 1, j - 40), -1):
        if toks[m].text == "." and m - 1 >= lo and is_abbrev(toks[m - 1]):
            continue
        if toks[m].kind == "Q" or toks[m].text in (".", ";", ":"):
            return None
        if toks[m].text == ",":
            return m
    return None


def _head_of_chain(toks: list[Tok], lo: int, c1: int) -> int:
    """'Donna Rawlings, 59, of Ashton, Md., who watched ..., said': walk back over age, place
    and party segments (four at most) to the comma after the name that heads the chain."""
    for _ in range(4):
        p = c1 - 1
        while (
            p >= lo
            and toks[p].text != ","
            and toks[p].kind != "Q"
            and not (
                toks[p].text in (".", ";", ":") and not (p - 1 >= lo and is_abbrev(toks[p - 1]))
            )
        ):
            p -= 1
        if p < lo or toks[p].text != "," or not _appositive_like(toks[p + 1 : c1]):
            break
        c1 = p
    return c1


def _appositive_like(seg: list[Tok]) -> bool:
    """Age, place, party or relative-clause segments that sit between a name and its verb."""
    if not seg:
        return False
    first = seg[0]
    if first.low in ("who", "which", "whose", "of", "from", "in") or first.text[0].isdigit():
        return True
    words = [t for t in seg if t.kind == "W"]
    return len(words) == 1 and (
        is_abbrev(words[0]) or (len(words[0].text) <= 5 and words[0].text[0].isupper())
    )

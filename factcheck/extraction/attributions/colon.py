"""A cue and a colon at a paragraph's end: 'Limbaugh added:' reports the next paragraph."""

from __future__ import annotations

from typing import NamedTuple

from ..lexicon.speech import FORMS, SAY
from .draft import Draft, make_draft
from .phrases import np_back
from .text import Tok, is_ly_adverb
from .unit import Unit
from .words import ADVERBS, AUX


class PendingCue(NamedTuple):
    """A speaker and cue waiting for the next paragraph, their content."""

    speaker: tuple[int, int]
    who: str
    lemma: str
    cue: str
    cue_pos: int

    def draft(self, text: str, toks: list[Tok]) -> Draft:
        """The attribution of the paragraph `toks`: a lone quotation, else all of it."""
        direct = toks[0].kind == "Q"
        content = toks[0].inner if direct and len(toks) <= 2 else (toks[0].start, toks[-1].end)
        found = make_draft(text, self.speaker, content, direct, self.who, self.cue, self.cue_pos)
        found.lemma = self.lemma
        return found


def colon_cue(unit: Unit) -> PendingCue | None:
    """A verb of saying among the last words before a colon that ends the unit, with its
    subject: 'The governor added:', 'Smith said in a statement:'."""
    toks, lo, hi = unit.toks, unit.lo, unit.hi
    if hi - lo < 3 or toks[hi - 1].text != ":":
        return None
    for i in range(hi - 2, max(lo, hi - 6) - 1, -1):
        t = toks[i]
        if t.kind == "W" and t.low in FORMS and t.text[0].islower() and FORMS[t.low][0] in SAY:
            return _with_subject(unit, i)
    return None


def _with_subject(unit: Unit, i: int) -> PendingCue | None:
    """The verb toks[i] with the subject before its auxiliaries and adverbs, if it has one."""
    text, toks, lo, hi = unit.text, unit.toks, unit.lo, unit.hi
    j = i - 1
    while (
        j >= lo
        and toks[j].kind == "W"
        and (toks[j].low in AUX or toks[j].low in ADVERBS or is_ly_adverb(toks[j]))
    ):
        j -= 1
    r = np_back(toks, j, lo) if j >= lo and toks[j].kind == "W" else None
    if r is None:
        return None
    s, e, ante = r
    who = (
        text[toks[ante[0]].start : toks[ante[1]].end] if ante else text[toks[s].start : toks[e].end]
    )
    t = toks[i]
    return PendingCue(
        (toks[s].start, toks[e].end),
        who,
        FORMS[t.low][0],
        text[t.start : toks[hi - 2].end],
        t.start,
    )

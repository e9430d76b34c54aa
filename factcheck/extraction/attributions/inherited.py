"""Shared subjects: ', saying that ...' and '... and added that ...' take their clause's subject."""

from __future__ import annotations

from .content import content_after
from .draft import Draft, make_draft
from .phrases import np_back, unit_subject
from .unit import Cue, Unit
from .words import REL_PRONOUNS


def inherited(unit: Unit, cue: Cue, in_unit: list[Draft]) -> Draft | None:
    """A participle or a coordinated verb reports for the subject of its clause: a relative
    pronoun before it, else the speaker of the unit's outermost attribution so far, else the
    unit's first noun phrase."""
    text, toks = unit.text, unit.toks
    i = cue.at
    right = content_after(toks, cue.after, unit.hi, cue.lemma)
    if right.kind not in ("quote", "clause"):
        return None
    if in_unit and in_unit[-1].content_start <= toks[i].start < in_unit[-1].content_end:
        return None  # "Police say he ... and refused ...": the second verb belongs to the content
    rel = _relative_pronoun(unit, i)
    if rel is not None:
        base = _relative_subject(unit, rel)
    elif in_unit:
        base = _outermost(in_unit).copy()
    else:
        subject = unit_subject(toks, unit.lo, i)
        if subject is None:
            return None
        base = make_draft(text, (toks[subject[0]].start, toks[subject[1]].end), (0, 0), False)
    base.set_content(text, right.start, right.end, right.kind == "quote")
    return base


def _relative_pronoun(unit: Unit, i: int) -> int | None:
    """'who', 'which' shortly before the verb, in the same clause."""
    toks = unit.toks
    for m in range(i - 1, max(unit.lo - 1, i - 20), -1):
        if toks[m].kind == "Q" or toks[m].text in (",", ";", ":"):
            return None
        if toks[m].low in REL_PRONOUNS:
            return m
    return None


def _relative_subject(unit: Unit, rel: int) -> Draft:
    """The relative pronoun as the speaker, standing for its antecedent where there is one."""
    text, toks = unit.text, unit.toks
    r = np_back(toks, rel, unit.lo)
    ante = r[2] if r else None
    who = text[toks[ante[0]].start : toks[ante[1]].end] if ante else toks[rel].text
    return make_draft(text, (toks[rel].start, toks[rel].end), (0, 0), False, who)


def _outermost(in_unit: list[Draft]) -> Draft:
    """The unit's latest attribution whose speaker is not inside another one's content."""
    top = [
        a
        for a in in_unit
        if not any(
            b is not a and b.content_start <= a.speaker_start < b.content_end for b in in_unit
        )
    ]
    return top[-1] if top else in_unit[-1]

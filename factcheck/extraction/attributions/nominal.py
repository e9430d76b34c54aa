"""Statement nouns: 'Trump's claim that ...', 'his warning that ...': the owner is the speaker."""

from __future__ import annotations

from .draft import Draft, make_draft
from .phrases import np_back
from .text import Tok, unit_end
from .unit import Unit
from .words import DETS, POSSESSIVE_PRONOUNS

# Plural statement nouns that report without "that": "his remarks about the war".
_WITHOUT_THAT = frozenset({"claims", "comments", "remarks"})


def statement_noun(unit: Unit, i: int) -> Draft | None:
    """The statement noun toks[i], with an owner before it (a possessive pronoun or a
    possessive name, one modifier between) and a that-clause after it."""
    text, toks, lo = unit.text, unit.toks, unit.lo
    j = i - 1
    if (
        j >= lo
        and toks[j].kind == "W"
        and toks[j].text[0].islower()
        and toks[j].low not in DETS
        and not toks[j].low.endswith(("’s", "'s"))
    ):
        j -= 1  # one modifier: "earlier claim"
    if j < lo:
        return None
    owner = _owner(toks, lo, j)
    if owner is None:
        return None
    if toks[i + 1].low != "that" and toks[i].low not in _WITHOUT_THAT:
        return None
    end = unit_end(toks, i + 2, unit.hi)
    if end <= i + 2:
        return None
    return make_draft(
        text,
        (toks[owner].start, toks[j].end),
        (toks[i + 1].start, toks[end - 1].end),
        False,
        cue=text[toks[j + 1].start : toks[i].end],
        cue_pos=toks[i].start,
    )


def _owner(toks: list[Tok], lo: int, j: int) -> int | None:
    """Where the owner ending at toks[j] starts: 'his', "Morrison's", "the senators'"."""
    if toks[j].low in POSSESSIVE_PRONOUNS:
        return j
    if (toks[j].kind == "W" and toks[j].low.endswith(("’s", "'s"))) or (
        toks[j].text in ("’", "'") and j - 1 >= lo and toks[j - 1].low.endswith("s")
    ):
        r = np_back(toks, j if toks[j].kind == "W" else j - 1, lo)
        return None if r is None else r[0]
    return None

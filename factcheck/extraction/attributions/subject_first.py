"""Subject first: 'Smith said ...', 'The plan will fail, Smith said.', '"...," she said.'

`attribute_to` also serves the appositive pattern: given the speaker before the cue, it finds
the content, from the ordered `CONTENT_SOURCES` (a quotation before the speaker, the words
around a parenthetical cue, the words after the cue, the words before it, the quotation that
ended the previous unit).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .content import After, content_after
from .draft import Draft, make_draft
from .phrases import np_back
from .text import Tok, last_token
from .unit import Cue, Unit

Span = tuple[int, int]


def subject_first(unit: Unit, cue: Cue, prev_q: Tok | None) -> Draft | None:
    """The subject before the verb is the speaker: 'Smith said ...', 'he said'."""
    r = np_back(unit.toks, cue.before, unit.lo)
    if r is None:
        return None
    s, e, antecedent = r
    return attribute_to(unit, cue, s, e, prev_q, antecedent)


def attribute_to(
    unit: Unit, cue: Cue, s: int, e: int, prev_q: Tok | None, antecedent: Span | None
) -> Draft | None:
    """The attribution to the speaker toks[s..e] before the cue (or to the antecedent of the
    relative pronoun there); `prev_q` is a quotation that ended the previous unit."""
    text, toks = unit.text, unit.toks
    speaker = (toks[s].start, toks[e].end)
    who = None
    if antecedent is not None:
        who = text[toks[antecedent[0]].start : toks[antecedent[1]].end]
    right = content_after(toks, cue.after, unit.hi, cue.lemma)
    as_clause = _as_clause(unit, s - 1, right)
    if as_clause is not None:
        return make_draft(text, speaker, as_clause, False, who)
    sides = _Sides(unit, cue, s, right, _quotation_before(unit, s - 1, right), prev_q)
    for source in CONTENT_SOURCES:
        found = source(sides)
        if found is not None:
            break
    else:
        return None
    content, direct = found
    if content[1] <= content[0]:
        return None
    if antecedent is not None and right.kind == "clause":
        content = _end_at_comma(toks, cue.after, unit.hi, content)
    return make_draft(text, speaker, content, direct, who)


def _as_clause(unit: Unit, left: int, right: After) -> Span | None:
    """'The bridge was never inspected, as officials have said.' and 'Hawaii, as one adviser
    pointed out, rarely ...', 'As he said, ...': the content is the main clause."""
    toks, lo = unit.toks, unit.lo
    if (
        left - 1 > lo
        and toks[left].low == "as"
        and toks[left - 1].text == ","
        and right.kind in ("none", "light")
    ):
        return toks[lo].start, toks[left - 2].end
    if left >= lo and toks[left].low == "as" and right.comma_first and right.kind == "clause":
        return (toks[lo].start if left > lo else right.start), right.end
    return None


def _quotation_before(unit: Unit, left: int, right: After) -> Tok | None:
    """The quotation just before the speaker ('"...," Smith said'), or opening the unit before
    a comma; one further back only counts when nothing follows the cue."""
    toks, lo = unit.toks, unit.lo
    q = None
    if left >= lo and toks[left].kind == "Q":
        q = toks[left]
    elif left - 1 == lo and toks[left].text == "," and toks[lo].kind == "Q":
        q = toks[lo]
    if q is not None and q is not toks[lo] and right.kind in ("quote", "clause"):
        return None
    return q


@dataclass(slots=True)
class _Sides:
    """What surrounds a cue whose speaker starts at toks[s]: what follows the cue, the
    quotation before the speaker, and the quotation that ended the previous unit."""

    unit: Unit
    cue: Cue
    s: int
    right: After
    left_q: Tok | None
    prev_q: Tok | None

    @property
    def words_before(self) -> bool:
        """Words and a comma or dash (no quotation) before the speaker: 'The plan, he said'."""
        left = self.s - 1
        return (
            left - 1 >= self.unit.lo
            and self.unit.toks[left].text in (",", "—", "–")
            and self.left_q is None
        )


# Where the content is, in order of preference; each returns (span, direct) or None.
def _quotation(sd: _Sides) -> tuple[Span, bool] | None:
    """'"We tried," she said' and '"We tried," she said, "but failed."': the quotation before the
    speaker, with a second one after the cue; words before the quotation make it reported."""
    q, toks, lo = sd.left_q, sd.unit.toks, sd.unit.lo
    if q is None or not sd.cue.speech or not (q is toks[lo] or sd.right.kind in ("none", "light")):
        return None
    content, direct = q.inner, True
    if q is not toks[lo] and sum(t.kind == "W" for t in toks[lo : sd.s - 1]) >= 2:
        content, direct = (toks[lo].start, q.inner[1]), False
    tail = last_token(toks, lo, sd.unit.hi)
    if (
        tail is not None
        and tail.kind == "Q"
        and tail is not q
        and tail.start > toks[sd.cue.after - 1].end
    ):
        content = (q.inner[0], tail.inner[1])
    return content, direct


def _words_around(sd: _Sides) -> tuple[Span, bool] | None:
    """'The plan, he said, will fail.': the words on both sides of a parenthetical cue."""
    toks, lo = sd.unit.toks, sd.unit.lo
    if (
        sd.cue.speech
        and sd.words_before
        and sd.right.comma_first
        and sd.right.kind in ("clause", "quote")
        and sum(t.kind != "P" for t in toks[lo : sd.s - 1]) >= 2
    ):
        return (toks[lo].start, sd.right.end), False
    return None


def _words_after(sd: _Sides) -> tuple[Span, bool] | None:
    """'Smith said the plan will fail.', 'Smith said: "..."'."""
    if sd.right.kind in ("quote", "clause"):
        return (sd.right.start, sd.right.end), sd.right.kind == "quote"
    return None


def _words_before(sd: _Sides) -> tuple[Span, bool] | None:
    """'The plan will fail, Smith said.' ('"..." — Smith said' when it is one quotation)."""
    if not (sd.cue.speech and sd.words_before):
        return None
    toks, lo, left = sd.unit.toks, sd.unit.lo, sd.s - 1
    if left - 1 == lo and toks[lo].kind == "Q":
        return toks[lo].inner, True
    return (toks[lo].start, toks[left - 1].end), False


def _previous_quotation(sd: _Sides) -> tuple[Span, bool] | None:
    """'"We will not stop." He said.': a unit that is only the cue reports the quotation that
    ended the unit before."""
    if sd.cue.speech and sd.s == sd.unit.lo and sd.prev_q is not None:
        return sd.prev_q.inner, True
    return None


CONTENT_SOURCES: tuple[Callable[[_Sides], tuple[Span, bool] | None], ...] = (
    _quotation,
    _words_around,
    _words_after,
    _words_before,
    _previous_quotation,
)


def _end_at_comma(toks: list[Tok], k: int, hi: int, content: Span) -> Span:
    """'Smith, who said that the plan failed, will ...': a cue inside a relative clause reports
    content that ends at the clause's comma."""
    for m in range(k, hi):
        if toks[m].text == "," and toks[m].start > content[0]:
            return content[0], toks[m - 1].end
    return content

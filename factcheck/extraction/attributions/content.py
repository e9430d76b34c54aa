"""What follows a cue: where the reported content ends, and what shape it has.

`content_after` first cuts the unit at the first stop rule that applies (`CONTENT_STOPS`, in
order), then reads the words after the cue with the shape rules (`CONTENT_SHAPES`, in order):
a quotation, a that-clause, a hearer and then the content, or a short adverbial ('light') that
leaves the content elsewhere (before the cue, or in a quotation before it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from ..lexicon.speech import ALSO_NOUNS, FORMS, SAY, TELL
from .text import Tok, unit_end
from .words import AUX, BE, CONJ, DETS, HEARERS, PREPS, TIME

_LINKING = AUX | BE | CONJ | PREPS
# A verb or a conjunction other than "that" ends the adverbial before a that-clause.
_ENDS_ADVERBIAL = BE | AUX | (CONJ - {"that"})
_LEADING_MARKS = (",", ":", "—", "–")
# After a comma these open an adverbial clause, not content: "said Friday, as they bristled".
_SUBORDINATORS = frozenset(
    "as while when because after before although though until whereas".split()
)
# -ing words after a comma that are not participle clauses.
_NOT_PARTICIPLES = frozenset({"during", "including", "according"})
# Prepositions that may start content of their own ("warned about ...", "argued for ...").
_CONTENT_PREPS = frozenset({"about", "against", "of", "for", "on", "to", "like", "with"})


class After(NamedTuple):
    """What follows a cue: kind 'quote', 'clause', 'light' (a short adverbial, no content) or
    'none'; the content span for a quote or clause; and whether a comma comes first."""

    kind: str
    start: int
    end: int
    comma_first: bool


def content_after(toks: list[Tok], k: int, hi: int, lemma: str) -> After:
    """What follows a cue that ends before toks[k], in a unit ending at toks[hi]."""
    end = unit_end(toks, k, hi)
    for stop in CONTENT_STOPS:
        cut = stop(toks, k, end)
        if cut is not None:
            end = cut
    r = k
    # "the senator said then, ...", "he said Monday, ..."
    while r < end - 1 and toks[r].low in TIME and toks[r + 1].text == ",":
        r += 1
    comma_first = r < end and toks[r].text == ","
    while r < end and toks[r].kind == "P" and toks[r].text in _LEADING_MARKS:
        r += 1
    if r >= end:
        return After("none", 0, 0, comma_first)
    words = _Words(toks, r, end, lemma in TELL, lemma, comma_first, _rest(toks, r, end))
    for shape in CONTENT_SHAPES:
        after = shape(words)
        if after is not None:
            return after
    return words.clause(words.rest[0].start)


# --------------------------------------------------------------------------- stop rules
# Each takes (toks, k, end): the cue ends before toks[k] and the content before toks[end];
# it returns a new end, or None when it does not apply.


def _according_to(toks: list[Tok], k: int, end: int) -> int | None:
    """', according to officials': the source's own attribution is not its content."""
    for m in range(k, end - 1):
        if toks[m].text == "," and toks[m + 1].low == "according":
            return m
    return None


def _participle_clause(toks: list[Tok], k: int, end: int) -> int | None:
    """', saying ...', ', referring to ...': a participle clause after a comma is not the content
    (right after the cue any -ing word starts one; later, only a reporting verb's)."""
    for m in range(k, end - 1):
        nxt = toks[m + 1]
        if (
            toks[m].text == ","
            and nxt.kind == "W"
            and nxt.text[0].islower()
            and nxt.low.endswith("ing")
            and nxt.low not in _NOT_PARTICIPLES
            and (m == k or nxt.low in FORMS)
        ):
            return m
    return None


def _coordinated_clause(toks: list[Tok], k: int, end: int) -> int | None:
    """'..., but added that ...', '... and Democrats accused ...': a coordinated clause with its
    own reporting verb starts its own content."""
    for m in range(k + 1, end - 1):
        if toks[m].low not in ("and", "but"):
            continue
        if toks[m - 1].text == "," and _is_finite_cue(toks[m + 1]):
            return m - 1
        if (
            toks[m + 1].kind == "W"
            and toks[m + 1].text[0].isupper()
            and _subject_and_cue(toks, m, end)
        ):
            return m - 1 if toks[m - 1].text == "," else m
    return None


def _is_finite_cue(tok: Tok) -> bool:
    """A reporting verb in the past or -s form: 'added', 'says'."""
    return tok.low in FORMS and tok.text[0].islower() and FORMS[tok.low][1] in ("ed", "s")


def _subject_and_cue(toks: list[Tok], m: int, end: int) -> bool:
    """After the conjunction toks[m], a short subject and a verb that is not also a noun."""
    v = m + 1
    while (
        v < min(end, m + 6)
        and toks[v].kind == "W"
        and toks[v].low not in FORMS
        and toks[v].low not in _LINKING
    ):
        v += 1
    return (
        v < end
        and _is_finite_cue(toks[v])
        and FORMS[toks[v].low][0] not in ALSO_NOUNS
        and v > m + 1
    )


CONTENT_STOPS: tuple[Callable[[list[Tok], int, int], int | None], ...] = (
    _according_to,
    _participle_clause,
    _coordinated_clause,
)


# --------------------------------------------------------------------------- shape rules


def _rest(toks: list[Tok], r: int, end: int) -> list[Tok]:
    """The words after the cue, up to a comma and a subordinator ('said Friday, as ...')."""
    for m in range(r + 1, min(end - 1, r + 14)):
        if toks[m].text == "," and toks[m + 1].low in _SUBORDINATORS:
            return toks[r:m]
    return toks[r:end]


@dataclass(slots=True)
class _Words:
    """The words after a cue: toks[r:end], the cue's verb, and whether it takes a hearer
    ('told reporters ...'); `rest` stops before a subordinate clause."""

    toks: list[Tok]
    r: int
    end: int
    takes_hearer: bool
    lemma: str
    comma_first: bool
    rest: list[Tok]

    def clause(self, start: int) -> After:
        return After("clause", start, self.toks[self.end - 1].end, self.comma_first)

    def quote(self, q: Tok) -> After:
        return After("quote", q.inner[0], q.inner[1], self.comma_first)

    def light(self) -> After:
        return After("light", 0, 0, self.comma_first)


def _quotation_first(w: _Words) -> After | None:
    """'said: "..."': a quotation right after the cue is the content (with what follows it)."""
    q = w.toks[w.r]
    if q.kind != "Q":
        return None
    return w.quote(q) if w.r + 1 >= w.end else w.clause(q.start)


def _that_first(w: _Words) -> After | None:
    """'said that ...'."""
    t = w.toks[w.r]
    return w.clause(t.start) if t.low == "that" and w.r + 1 < w.end else None


def _quotation_after_short_lead(w: _Words) -> After | None:
    """'told reporters: "..."', 'said in a statement, "..."': a quotation after a few words."""
    toks, r, end = w.toks, w.r, w.end
    last = toks[end - 1]
    if (
        last.kind == "Q"
        and end - 1 - r <= 9
        and toks[end - 2].text in (":", ",")
        and all(
            (
                t.kind == "W"
                and t.low not in ("that", "and", "but")
                and not (t.low in FORMS and t.text[0].islower())
            )
            or t.text in (",", ".")
            for t in toks[r : end - 2]
        )
    ):
        return w.quote(last)
    return None


def _that_after_adverbial(w: _Words) -> After | None:
    """'said on Monday that ...', 'told reporters that ...', 'said, however, that ...'."""
    toks, r, end = w.toks, w.r, w.end
    m = r
    since_prep = 0
    while m < min(end, r + 16):
        t = toks[m]
        low = t.low
        if t.kind == "Q" or t.text in (";", ":") or low in _ENDS_ADVERBIAL:
            return None
        if low == "that":
            return w.clause(t.start) if m + 1 < end and m > r else None
        if low == "to" and m + 1 < end and _verb_after_to(toks[m + 1]):
            return None
        if _opens_phrase(t):
            since_prep = 0
        else:
            since_prep += 1
            # A hearer may take a few more words: "told a closed session of the committee".
            limit = 6 if m == r + since_prep - 1 and w.takes_hearer else 4
            if since_prep > limit or (low in FORMS and m > r):
                return None
        m += 1
    return None


def _opens_phrase(t: Tok) -> bool:
    """A preposition, a time, a comma or an adverb: the count of a phrase's words starts anew."""
    low = t.low
    return low in PREPS or low in TIME or t.text == "," or low == "however" or low.endswith("ly")


def _parenthetical_cue(w: _Words) -> After | None:
    """'He has a model, he said, for how the industry can survive': the content goes on."""
    if w.comma_first and len(w.rest) >= 3 and not w.rest[0].low.endswith("ing"):
        return w.clause(w.rest[0].start)
    return None


def _infinitive(w: _Words) -> After | None:
    """'vowed to fight', 'urged to act': an infinitive is the content."""
    rest = w.rest
    if rest[0].low == "to" and len(rest) > 1 and _verb_after_to(rest[1]):
        return w.clause(rest[0].start)
    return None


def _verb_after_to(tok: Tok) -> bool:
    """Does 'to' take a verb here ('to fight'), not a noun phrase ('to the panel')?"""
    return tok.text[0].islower() and tok.low not in DETS


def _adverbial_preposition(w: _Words) -> After | None:
    """'criticised in an interview', 'wrote on Twitter': a preposition after a verb other than
    saying starts no content unless a that-clause follows."""
    first = w.rest[0].low
    if (
        first in PREPS
        and first not in _CONTENT_PREPS
        and w.lemma not in SAY
        and not any(t.low == "that" for t in w.rest)
    ):
        return w.light()
    return None


def _hearer_then_content(w: _Words) -> After | None:
    """'urged Congress to act', 'told Reuters the deal was close': after a hearer, an
    infinitive or a clause is the content."""
    if not w.takes_hearer:
        return None
    rest = w.rest
    n = _hearer_length(rest)
    after = rest[n:]
    if not n:
        return None
    if after and after[0].low == "to" and len(after) > 1 and after[1].text[0].islower():
        return w.clause(rest[0].start)
    if (
        len(after) >= 3
        and after[0].low not in PREPS
        and after[0].low not in TIME
        and after[0].kind == "W"
    ):
        return w.clause(after[0].start)
    return None


def _hearer_length(rest: list[Tok]) -> int:
    """How many words of `rest` name a hearer: 'Reuters', 'reporters', 'the panel', 'Fox News'."""
    n = 0
    while (
        n < min(len(rest), 4)
        and rest[n].kind == "W"
        and (
            (rest[n].text[0].isupper() and (n == 0 or rest[n - 1].text[0].isupper()))
            or (rest[n].low in DETS and n == 0)
            or (rest[n].low in HEARERS and n == 0)
            or rest[n].low.endswith(("’s", "'s"))
            or (n and rest[n - 1].low in DETS)
        )
    ):
        n += 1
    return n


def _short_adverbial(w: _Words) -> After | None:
    """'said on Monday', 'told reporters', 'said in 2019': a short adverbial (or a hearer) with
    no quotation is no content; the content is elsewhere."""
    rest = w.rest
    first = rest[0].low
    if (
        len(rest) <= 12
        and all(t.kind != "Q" for t in rest)
        and (
            first in PREPS
            or first in TIME
            or rest[0].text[0].isdigit()
            or (w.takes_hearer and (first in DETS or rest[0].text[0].isupper() or first in HEARERS))
        )
    ):
        return w.light()
    return None


CONTENT_SHAPES: tuple[Callable[[_Words], After | None], ...] = (
    _quotation_first,
    _that_first,
    _quotation_after_short_lead,
    _that_after_adverbial,
    _parenthetical_cue,
    _infinitive,
    _adverbial_preposition,
    _hearer_then_content,
    _short_adverbial,
)

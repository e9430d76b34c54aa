"""Noun phrases: walking back from a verb to its subject, forward from a verb to its speaker."""

from __future__ import annotations

from collections.abc import Callable

from ..lexicon.speech import ALSO_NOUNS, FORMS
from .text import Tok, is_abbrev, is_ly_adverb, is_plural_noun
from .words import (
    AUX,
    BE,
    CONJ,
    DETS,
    LY_NOUNS,
    PLURAL_SUBJECTS,
    PREPS,
    PREPS_NOT_OF,
    PRONOUN_AUX,
    REL_PRONOUNS,
    SENT_ADVERBS,
    SUBJ_PRONOUNS,
    TIME,
)

# (start, end) of a phrase, and of the antecedent when the phrase is a relative pronoun.
Phrase = tuple[int, int, tuple[int, int] | None]

# Counts and quantifiers that can end a subject: "two said", "many say".
_QUANTIFIERS = frozenset(
    "one two three four five all both top some many most several few each".split()
)
# Words a phrase does not end with: "the", "of", "that", "has".
_CANNOT_END = (DETS - _QUANTIFIERS) | PREPS | (CONJ - REL_PRONOUNS) | AUX | BE
# Words a phrase does not reach past: conjunctions, prepositions other than "of", auxiliaries.
_BOUNDARY = CONJ | PREPS_NOT_OF | AUX | BE
# Prepositions after a head noun: "A lawyer for the news outlets", "The Commission on ...".
_HEAD_PREPS = PREPS - {"of", "than", "like"}
# Conjunctions that may open the clause whose subject the phrase is.
_CLAUSE_CONJ = CONJ - {"and", "or", "not", "also"}
_MEANS = frozenset({"statement", "interview", "email", "letter"})
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me"})
_JOINERS = frozenset({"&", "’", "'", "-"})
_DEMONSTRATIVES = frozenset({"that", "this", "which", "what", "there", "here"})


def np_back(toks: list[Tok], j: int, lo: int) -> Phrase | None:
    """The noun phrase ending at toks[j] and starting no earlier than toks[lo], or None; a
    relative pronoun ('who') comes with the phrase it stands for."""
    t = toks[j]
    if t.text == ")":
        return _before_brackets(toks, j, lo)
    if t.text == "." and j - 1 >= lo and is_abbrev(toks[j - 1]):
        r = np_back(toks, j - 1, lo)
        return None if r is None else (r[0], j, r[2])
    if t.kind != "W" or t.low in _CANNOT_END:
        return None
    if t.low in SUBJ_PRONOUNS or t.low in PRONOUN_AUX:
        return j, j, None
    if t.low in REL_PRONOUNS:
        return j, j, _antecedent(toks, j, lo)
    k, j = _walk_back(toks, j, lo)
    k = _head_before_preposition(toks, k, j, lo)
    if _after_relative_pronoun(toks, k, lo):
        return _relative_clause_subject(toks, k, j, lo)
    k = _skip_openers(toks, k, j)
    if any(rule(toks, k, j, lo) for rule in PHRASE_REJECTIONS):
        return None
    return k, j, None


def _before_brackets(toks: list[Tok], j: int, lo: int) -> Phrase | None:
    """'Rep. Jane Roe (D-Ohio)': the phrase before the brackets, brackets included."""
    m = j - 1
    while m > lo and m > j - 12 and toks[m].text != "(":
        m -= 1
    if toks[m].text != "(" or m - 1 < lo:
        return None
    r = np_back(toks, m - 1, lo)
    return None if r is None else (r[0], j, r[2])


def _antecedent(toks: list[Tok], j: int, lo: int) -> tuple[int, int] | None:
    """The phrase a relative pronoun at toks[j] stands for: 'Smith, who ...'."""
    m = j - 1
    if m >= lo and toks[m].text == ",":
        m -= 1
    if m >= lo:
        r = np_back(toks, m, lo)
        if r is not None and r[2] is None:
            return r[0], r[1]
    return None


def _walk_back(toks: list[Tok], j: int, lo: int) -> tuple[int, int]:
    """Walk back from toks[j] over the words of one phrase; returns its (start, end), the end
    moving back past a phrase like 'on Tuesday' that sits between the subject and its verb."""
    k = j
    while k - 1 >= lo and j - k < 12:
        p = toks[k - 1]
        if p.kind == "Q":
            break
        if p.kind == "P":
            step = _past_punctuation(toks, k, lo)
            if step is None:
                break
            k = step
            continue
        w = p.low
        if w == "and" and _joins_names(toks, k, j, lo):
            k -= 1
            continue
        if w in PREPS_NOT_OF and _time_or_object_phrase(toks, k, j, lo):
            # "Sanders on Tuesday said", "those close to him say": look past the phrase.
            k -= 1
            j = k - 1
            continue
        if w in _BOUNDARY or (
            w in FORMS
            and p.text[0].islower()
            and (FORMS[w][0] not in ALSO_NOUNS or FORMS[w][1] == "ed")
        ):
            break
        k -= 1
    return k, j


def _past_punctuation(toks: list[Tok], k: int, lo: int) -> int | None:
    """Where the phrase goes on past the mark toks[k - 1] ('Sen.', "O'Neill", 'AT&T', a
    bracket), or None when the mark ends it."""
    p = toks[k - 1]
    if p.text == "." and k - 2 >= lo and toks[k - 2].end == p.start and is_abbrev(toks[k - 2]):
        return k - 1
    if p.text in _JOINERS:
        return k - 1
    if p.text == ")":
        m = k - 2
        while m >= lo and m > k - 10 and toks[m].text != "(":
            m -= 1
        if m >= lo and toks[m].text == "(":
            return m
    return None


def _joins_names(toks: list[Tok], k: int, j: int, lo: int) -> bool:
    """Does the 'and' at toks[k - 1] join two names ('Smith and Jones') or two plural nouns
    ('analysts and economists')?"""
    if k - 2 < lo or toks[k - 2].kind != "W":
        return False
    before, after = toks[k - 2], toks[k]
    return (before.text[0].isupper() and after.text[0].isupper()) or (
        is_plural_noun(before, True) and is_plural_noun(after) and k == j
    )


def _time_or_object_phrase(toks: list[Tok], k: int, j: int, lo: int) -> bool:
    """Is toks[k..j], after a preposition, a time ('on Tuesday', 'in a statement') or an object
    pronoun ('close to him')?"""
    if k - 2 < lo or toks[k - 2].kind != "W":
        return False
    return all(
        t.low in TIME or t.low in DETS or t.text.isdigit() or t.low in _MEANS
        for t in toks[k : j + 1]
    ) or (k == j and toks[j].low in _OBJECT_PRONOUNS)


def _head_before_preposition(toks: list[Tok], k: int, j: int, lo: int) -> int:
    """'A lawyer for the news outlets', 'The Commission on Presidential Debates': take in a head
    noun phrase before a preposition (twice at most) when it starts the clause."""
    for _ in range(2):
        if not (k - 2 >= lo and k <= j and toks[k - 1].low in _HEAD_PREPS):
            break
        if toks[k - 1].low == "to" and toks[k].text[0].islower() and toks[k].low not in DETS:
            break
        m = _head_start(toks, k - 2, lo)
        if m == k - 2 or not _opens_clause(toks, m, lo):
            break
        k = m + 1
    return k


def _head_start(toks: list[Tok], m: int, lo: int) -> int:
    """Walk back from toks[m] over a head noun phrase (eight words at most); returns the index
    of the token before it."""
    start = m
    while m >= lo and start - m < 8:
        p = toks[m]
        if (
            p.kind == "P"
            and not (p.text == "." and m > lo and is_abbrev(toks[m - 1]))
            and p.text not in _JOINERS
        ):
            break
        if p.kind == "Q" or p.low in _BOUNDARY or (p.low in FORMS and p.text[0].islower()):
            break
        m -= 1
    return m


def _opens_clause(toks: list[Tok], m: int, lo: int) -> bool:
    """Does a clause start after toks[m]: the unit's start, a quotation, a comma or dash, or a
    subordinating conjunction?"""
    return (
        m < lo
        or toks[m].kind == "Q"
        or toks[m].text in (",", "—", "–", ":")
        or toks[m].low in _CLAUSE_CONJ
    )


def _after_relative_pronoun(toks: list[Tok], k: int, lo: int) -> bool:
    """Does the phrase follow a relative pronoun: 'the doctor who sent the letter said'?"""
    return (
        k - 1 >= lo
        and toks[k - 1].low in ("who", "that", "which")
        and toks[k].text[0].islower()
        and toks[k].low not in DETS
        and toks[k].low not in SUBJ_PRONOUNS
    )


def _relative_clause_subject(toks: list[Tok], k: int, j: int, lo: int) -> Phrase | None:
    """The subject is the phrase before the relative pronoun, through the relative clause."""
    m = k - 2
    if m >= lo and toks[m].text == ",":
        m -= 1
    if m >= lo:
        r = np_back(toks, m, lo)
        if r is not None:
            return r[0], j, None
    return None


def _skip_openers(toks: list[Tok], k: int, j: int) -> int:
    """Skip sentence adverbs, conjunctions, marks and participles that open the phrase:
    'Later, officials said', 'But critics say'."""
    while k < j and (
        toks[k].low in SENT_ADVERBS
        or toks[k].kind == "P"
        or toks[k].low in FORMS
        or toks[k].low in CONJ
        or is_ly_adverb(toks[k])
        or (toks[k].low.endswith(("ly", "ing")) and toks[k].low not in LY_NOUNS)
    ):
        k += 1
    return k


# Phrases that are no subject, whatever their shape: each takes (toks, start, end, lo).
def _capitalised_participle(toks: list[Tok], k: int, j: int, lo: int) -> bool:
    """A participle alone at the start of the unit: 'Speaking at the rally, said ...'."""
    return k == j == lo and toks[k].text[0].isupper() and toks[k].low.endswith(("ing", "ed"))


def _numbers_only(toks: list[Tok], k: int, j: int, lo: int) -> bool:
    """Nothing but numbers and punctuation, or nothing at all: 'In 2019, 45% said'."""
    return all(toks[x].text[0].isdigit() or toks[x].kind == "P" for x in range(k, j + 1))


def _demonstrative(toks: list[Tok], k: int, j: int, lo: int) -> bool:
    """A demonstrative or 'there' alone: 'that shows', 'there said'."""
    return k == j and toks[k].low in _DEMONSTRATIVES


PHRASE_REJECTIONS: tuple[Callable[[list[Tok], int, int, int], bool], ...] = (
    _capitalised_participle,
    _numbers_only,
    _demonstrative,
)


def np_forward(toks: list[Tok], k: int, hi: int) -> int | None:
    """End index of a short noun phrase starting at toks[k] (an inverted speaker), or None."""
    if k >= hi or toks[k].kind != "W":
        return None
    if not _opens_speaker(toks[k]):
        return None
    e = m = k
    while m < hi and m - k < 14:
        t = toks[m]
        if t.kind == "Q":
            break
        if t.kind == "P":
            if (
                t.text == "." and m > k and is_abbrev(toks[m - 1]) and toks[m - 1].end == t.start
            ) or t.text in _JOINERS:
                m += 1
                continue
            break
        if m > k and (t.low in _BOUNDARY or (t.low in FORMS and t.text[0].islower())):
            break
        e = m
        m += 1
    if toks[e].low in DETS or toks[e].low == "of":
        return None
    return e


def _opens_speaker(tok: Tok) -> bool:
    """A speaker after the verb starts with a capital, a digit, a determiner or a pronoun."""
    return (
        tok.text[0].isupper()
        or tok.text[0].isdigit()
        or tok.low in DETS
        or tok.low in SUBJ_PRONOUNS
    )


def unit_subject(toks: list[Tok], lo: int, i: int) -> tuple[int, int] | None:
    """The first noun phrase of a unit, before toks[i]: the subject a participle or a second
    verb shares ('The army has claimed ..., saying ...')."""
    k = _subject_start(toks, lo, i)
    if k >= i or toks[k].kind != "W":
        return None
    low = toks[k].low
    if low in ("this", "that", "there", "here", "it", "what"):
        return None
    if low in SUBJ_PRONOUNS:
        return k, k
    if not (toks[k].text[0].isupper() or low in DETS):
        return None
    e = k
    while e + 1 < i and _continues_subject(toks[e], toks[e + 1]):
        e += 1
    return k, e


def _subject_start(toks: list[Tok], lo: int, i: int) -> int:
    """Where a unit's subject starts: after an opening quotation, or after an opening phrase
    and its comma ('In Paris, ...', 'Later, ...')."""
    k = lo
    if toks[k].kind == "Q":
        k += 1
        while k < i and toks[k].kind == "P":
            k += 1
    elif toks[k].low in PREPS or toks[k].low in SENT_ADVERBS or is_ly_adverb(toks[k]):
        while k < i and toks[k].text != ",":
            k += 1
        k += 1
    return k


def _continues_subject(prev: Tok, t: Tok) -> bool:
    """Does `t` continue the subject phrase after `prev`: a capitalised word, a possessive, or
    a noun after a determiner?"""
    return t.kind == "W" and (
        t.text[0].isupper()
        or t.low.endswith(("’s", "'s"))
        or (prev.low in DETS and t.low not in _VERBISH)
    )


_VERBISH = BE | AUX | CONJ | PREPS


def plural_phrase(phrase: str) -> bool:
    """Could this subject take a plain verb form ('they say', 'Smith and Jones say')?"""
    words = phrase.replace("\u00a0", " ").split()
    for w in words:
        low = w.lower().strip(",.")
        if low in PREPS_NOT_OF:
            break
        if low in PLURAL_SUBJECTS or low == "and":
            return True
        if (
            (w[:1].islower() or w is words[0])
            and low.endswith("s")
            and not low.endswith(("ss", "us", "is", "’s", "'s"))
        ):
            return True
    return (
        len(words) == 1
        and words[0].isupper() is False
        and words[0].endswith("s")
        and not words[0].endswith(("’s", "'s", "ss"))
    )

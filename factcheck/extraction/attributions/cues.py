"""Cues: whether a form of a reporting verb reports speech here, and which pattern reads it.

`cue_at` reads the verb (`read_cue`), drops it if any of `VERB_REJECTIONS` applies (a passive,
a noun use, an infinitive...), hands it to the pattern its neighbours call for (shared subject,
subject first, inverted, appositive), and drops the result if any of `DRAFT_REJECTIONS` applies.
"""

from __future__ import annotations

from collections.abc import Callable

from ..lexicon.speech import (
    ALSO_NOUNS,
    FORMS,
    INVERTING,
    NEEDS_PARTICLE,
    NOT_PARTICLES,
    PARTICLES,
    QUOTE_ONLY,
    THAT_OR_QUOTE,
)
from .appositive import appositive
from .draft import Draft
from .inherited import inherited
from .inverted import inverted
from .phrases import plural_phrase
from .subject_first import subject_first
from .text import Tok, is_ly_adverb
from .unit import Cue, Unit
from .words import (
    ADJ_ENDINGS,
    ADVERBS,
    AUX,
    BE,
    CONJ,
    PREPS,
    PRONOUN_AUX,
    REL_PRONOUNS,
    SUBJ_PRONOUNS,
)

_PARENTHETICAL = frozenset({"however", "meanwhile", "though", "too", "instead"})
# Words before a verb that make it an infinitive or a noun: "to say", "the report", "his claims".
_NOT_SUBJECTS = frozenset(
    "to of the a an his her their its our my your this these those no any such".split()
)
_PERFECT = frozenset({"has", "have", "had", "’ve", "'ve"})
# Words before an -ing form that make it a participle clause: ", saying", "after warning".
_PARTICIPLE_LINKS = frozenset({"while", "after", "before", "by", "in", "when", "without", "and"})
# A conjunction after an -s form other than these makes it a noun: "claims and counterclaims".
_NOUN_CONJ = CONJ - {"that", "how", "what", "why"}
_NOUN_NEXT = frozenset({"and", "or", "were", "are", "have", "had", "was", "is"})
# Nouns for people that an adjective's ending would hide: "the official said".
_PERSON_NOUNS = frozenset({"official", "president", "spokesman", "spokeswoman"})


def cue_at(unit: Unit, i: int, in_unit: list[Draft], prev_q: Tok | None) -> Draft | None:
    """The attribution whose cue is the reporting verb toks[i], or None; `in_unit` holds the
    unit's attributions so far, `prev_q` the quotation that ended the previous unit."""
    cue = read_cue(unit.toks, unit.lo, unit.hi, i)
    for verb_rule in VERB_REJECTIONS:
        if verb_rule(unit, cue):
            return None
    found = _pattern(unit, cue, in_unit, prev_q)
    if found is None:
        return None
    for draft_rule in DRAFT_REJECTIONS:
        if draft_rule(unit, cue, found):
            return None
    found.cue = _cue_text(unit, cue)
    found.cue_pos = unit.toks[i].start
    found.lemma = cue.lemma
    return found


def read_cue(toks: list[Tok], lo: int, hi: int, i: int) -> Cue:
    """The verb toks[i] with its particle, and what comes between it and its subject."""
    lemma, tag = FORMS[toks[i].low]
    k = i + 1
    particle = lemma in PARTICLES and k < hi and toks[k].low in PARTICLES[lemma]
    if particle:
        k += 1
    j, passive, saw_be, saw_aux = _walk_back(toks, lo, i, tag)
    j = _skip_insertion(toks, lo, j)
    if j >= lo and toks[j].low in PRONOUN_AUX:
        saw_aux = True
        if toks[j].low.endswith(("’s", "'s", "’re", "'re", "’m", "'m")):
            saw_be = True
    return Cue(i, k, j, lemma, tag, particle, passive, saw_aux, saw_be)


def _walk_back(toks: list[Tok], lo: int, i: int, tag: str) -> tuple[int, bool, bool, bool]:
    """Walk back from the verb over auxiliaries, adverbs and forms of 'be' ('has long said',
    'he, however, said', 'really, really wants'); returns where that stops and whether the verb
    is passive, after a form of 'be', after an auxiliary."""
    j = i - 1
    passive = saw_be = saw_aux = False
    while j >= lo:
        if toks[j].text == ",":
            past = _past_comma(toks, lo, j)
            if past is None:
                break
            j = past
            continue
        w = toks[j]
        low = w.low
        if not (w.kind == "W" and (low in AUX or low in ADVERBS or low in BE or is_ly_adverb(w))):
            break
        if low in BE:
            saw_be = True
            if low not in AUX:
                passive = True
        if low in AUX:
            saw_aux = True
        if low in ("’s", "'s") and tag in ("ed", "en"):
            passive = False
        j -= 1
    return j, passive, saw_be, saw_aux


def _past_comma(toks: list[Tok], lo: int, j: int) -> int | None:
    """Where the walk goes on past the comma toks[j]: before an adverb set off by commas ('he,
    however, said') or an adverb before a comma ('really, really wants'); None to stop."""
    if (
        j - 2 >= lo
        and toks[j - 2].text == ","
        and (
            toks[j - 1].low in ADVERBS
            or is_ly_adverb(toks[j - 1])
            or toks[j - 1].low in _PARENTHETICAL
        )
    ):
        return j - 3
    if j - 1 >= lo and (is_ly_adverb(toks[j - 1]) or toks[j - 1].low in ADVERBS):
        return j - 2
    return None


def _skip_insertion(toks: list[Tok], lo: int, j: int) -> int:
    """'Rep. Smith (D-Ohio) said', 'The transcript – published by the Post – shows': look past
    a bracket or a dashed insertion between the subject and the verb."""
    if j >= lo and toks[j].text in (")", "–", "—", "--"):
        opener = "(" if toks[j].text == ")" else toks[j].text
        m = j - 1
        while m >= lo and m > j - 16 and toks[m].text != opener:
            m -= 1
        if m > lo and toks[m].text == opener:
            return m - 1
    return j


def _cue_text(unit: Unit, cue: Cue) -> str:
    """The cue as written: the verb with its particle, and an auxiliary before it ('has said')."""
    toks = unit.toks
    j, i = cue.before, cue.at
    start = toks[j + 1].start if j + 1 < i and toks[j + 1].low in AUX else toks[i].start
    return unit.text[start : toks[cue.after - 1].end]


# --------------------------------------------------------------------------- verb rules
# Each takes (unit, cue) and is true when the verb is no cue.


def _missing_particle(unit: Unit, cue: Cue) -> bool:
    """A verb that reports only with its particle, without it: 'pointed', 'weighed'."""
    return not cue.particle and cue.lemma in NEEDS_PARTICLE


def _other_particle(unit: Unit, cue: Cue) -> bool:
    """A particle that makes the verb something else: 'backed down', 'gave up', 'called off'."""
    k = cue.after
    return not cue.particle and k < unit.hi and unit.toks[k].low in NOT_PARTICLES


def _agent(unit: Unit, cue: Cue) -> bool:
    """A participle with its agent: 'a report released by the ministry', 'called by'."""
    k = cue.after
    return k < unit.hi and unit.toks[k].low == "by" and cue.tag in ("ed", "en")


def _comparison(unit: Unit, cue: Cue) -> bool:
    """'compared to', 'compared with'."""
    k = cue.after
    return cue.lemma == "compare" and k < unit.hi and unit.toks[k].low in ("to", "with")


def _passive(unit: Unit, cue: Cue) -> bool:
    """A passive: 'was written', 'is said to be', 'were told'."""
    return cue.passive and cue.tag in ("ed", "en")


def _infinitive_or_noun(unit: Unit, cue: Cue) -> bool:
    """An infinitive, or a noun after 'of' or a determiner: 'to say', 'a flurry of tweets',
    'the report', 'his claims'."""
    j = cue.before
    return j >= unit.lo and unit.toks[j].low in _NOT_SUBJECTS


def _after_possessive(unit: Unit, cue: Cue) -> bool:
    """A noun after a possessive: "Smith's report", "the agency's estimate"."""
    j = cue.before
    if j < unit.lo:
        return False
    before = unit.toks[j]
    return (
        before.kind == "W"
        and before.low.endswith(("’s", "'s"))
        and before.low not in AUX
        and before.low not in PRONOUN_AUX
    )


def _contracted_passive(unit: Unit, cue: Cue) -> bool:
    """A passive after a contracted 'be': "they're told", "I'm called"."""
    j = cue.before
    return (
        j >= unit.lo
        and cue.tag in ("ed", "en")
        and unit.toks[j].low in PRONOUN_AUX
        and unit.toks[j].low.endswith(("’re", "'re", "’m", "'m"))
    )


def _bare_participle(unit: Unit, cue: Cue) -> bool:
    """A past participle without 'have': 'the letter written in May', 'a video shown'."""
    toks = unit.toks
    return cue.tag == "en" and not any(
        toks[x].low in _PERFECT for x in range(cue.before + 1, cue.at)
    )


def _plural_noun(unit: Unit, cue: Cue) -> bool:
    """An -s form used as a plural noun: 'retaliatory attacks against', 'news reports.'."""
    return (
        cue.tag in ("s", "base")
        and cue.lemma in ALSO_NOUNS
        and (_noun_by_what_follows(unit, cue) or _noun_by_what_precedes(unit, cue))
    )


def _noun_before_verb(unit: Unit, cue: Cue) -> bool:
    """A noun that is the subject of the next verb: 'news reports say', 'the claims are'."""
    k = cue.after
    if cue.tag not in ("s", "base") or k >= unit.hi or unit.toks[k].kind != "W":
        return False
    nxt = unit.toks[k].low
    return (nxt in FORMS and FORMS[nxt][1] in ("base", "s")) or nxt in AUX or nxt in BE


VERB_REJECTIONS: tuple[Callable[[Unit, Cue], bool], ...] = (
    _missing_particle,
    _other_particle,
    _agent,
    _comparison,
    _passive,
    _infinitive_or_noun,
    _after_possessive,
    _contracted_passive,
    _bare_participle,
    _plural_noun,
    _noun_before_verb,
)


def _noun_by_what_follows(unit: Unit, cue: Cue) -> bool:
    """After a noun comes a preposition, a conjunction, a verb or a mark: 'attacks on',
    'claims and', 'reports were', 'reports.'."""
    toks, k, hi = unit.toks, cue.after, unit.hi
    if k >= hi:
        return False
    nxt = toks[k]
    if nxt.kind == "W":
        low = nxt.low
        if low in PREPS and low != "to" and not (cue.lemma == "call" and low in ("for", "on")):
            return True
        if low in _NOUN_NEXT or low in _NOUN_CONJ:
            return True
    return (nxt.kind == "P" and nxt.text in (".", ")", ";", ",")) or nxt.kind == "Q"


def _noun_by_what_precedes(unit: Unit, cue: Cue) -> bool:
    """Before a noun comes nothing, a mark, a plural noun or an adjective: 'Reports say'
    opening a unit, 'news reports', 'retaliatory attacks'; not a name or a pronoun."""
    j = cue.before
    if j < unit.lo:
        return True
    prev = unit.toks[j]
    if prev.kind != "W":
        return prev.text != ","
    low = prev.low
    if prev.text[0].isupper() or low in SUBJ_PRONOUNS or low in REL_PRONOUNS or low == "that":
        return False
    if low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return cue.tag == "s"
    return low.endswith(ADJ_ENDINGS) and low not in _PERSON_NOUNS


# --------------------------------------------------------------------------- patterns


def _pattern(unit: Unit, cue: Cue, in_unit: list[Draft], prev_q: Tok | None) -> Draft | None:
    """Read the cue with the pattern that what comes before the verb calls for."""
    toks, lo = unit.toks, unit.lo
    j, tag = cue.before, cue.tag
    before = toks[j] if j >= lo else None
    if tag == "ing":
        if before is None or before.text in (",", "—", "–", "(") or before.low in _PARTICIPLE_LINKS:
            return inherited(unit, cue, in_unit)  # ", saying ...", "after warning ..."
        if not cue.saw_be:
            return None
    if before is None:
        return None
    if before.low in ("and", "but") and tag in ("ed", "s"):
        return inherited(unit, cue, in_unit)  # "... and added that ..."
    if before.kind == "W":
        return subject_first(unit, cue, prev_q)
    if before.kind == "Q" or before.text == ",":
        found = None
        if cue.speech and cue.lemma in INVERTING and tag in ("ed", "s"):
            found = inverted(unit, cue)
        if found is None and before.text == ",":
            found = appositive(unit, cue)
        return found
    return None


# --------------------------------------------------------------------------- draft rules
# Each takes (unit, cue, draft) and is true when the draft is no attribution.


def _quote_only_without_quote(unit: Unit, cue: Cue, found: Draft) -> bool:
    """'continued' reports only a quotation: 'the talks continued into the night'."""
    return cue.lemma in QUOTE_ONLY and not found.direct


def _object_not_content(unit: Unit, cue: Cue, found: Draft) -> bool:
    """'answer questions', 'could add fuel': a verb that reports only a that-clause, a
    quotation or the words before it has an object after it."""
    return (
        (cue.lemma in THAT_OR_QUOTE or (cue.lemma == "add" and cue.tag == "base"))
        and not found.direct
        and found.content_start > unit.toks[cue.at].start
        and not unit.text.startswith("that", found.content_start)
    )


def _plain_form_singular(unit: Unit, cue: Cue, found: Draft) -> bool:
    """A plain form needs an auxiliary or a plural subject: not 'the minister warn'."""
    return cue.tag == "base" and not cue.saw_aux and not plural_phrase(found.speaker_text)


DRAFT_REJECTIONS: tuple[Callable[[Unit, Cue, Draft], bool], ...] = (
    _quote_only_without_quote,
    _object_not_content,
    _plain_form_singular,
)

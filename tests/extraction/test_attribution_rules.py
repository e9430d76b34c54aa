"""Unit tests for the named rules of attribution finding: each test fails if its rule is gone."""

import pytest

from factcheck.extraction.attributions import find_attributions
from factcheck.extraction.attributions.content import content_after
from factcheck.extraction.attributions.cues import cue_at
from factcheck.extraction.attributions.phrases import np_back
from factcheck.extraction.attributions.text import Tok, tokenize
from factcheck.extraction.attributions.unit import Unit
from factcheck.extraction.lexicon.abbreviations import (
    SENTENCE_ABBREVIATIONS,
    SENTENCE_FINAL_ABBREVIATIONS,
    WORD_ABBREVIATIONS,
)
from factcheck.extraction.lexicon.speech import FORMS, forms
from factcheck.extraction.segment import sentences


def index(toks: list[Tok], word: str) -> int:
    return next(i for i, t in enumerate(toks) if t.text == word)


# --------------------------------------------------------------------------- lexicon


def test_verb_forms_double_only_where_english_does():
    assert forms("admit") == {"admit": "base", "admits": "s", "admitted": "ed", "admitting": "ing"}
    assert "scoffed" in forms("scoff") and "labeled" in forms("label")
    assert forms("write")["written"] == "en"
    assert FORMS["told"] == ("tell", "ed") and FORMS["pointing"] == ("point", "ing")


def test_abbreviation_lists_share_titles_and_months():
    assert {"sen", "gov", "jan", "sept", "u.s", "calif"} <= WORD_ABBREVIATIONS
    assert "Sen" in SENTENCE_ABBREVIATIONS and "Sept" in SENTENCE_ABBREVIATIONS
    assert "U.S" in SENTENCE_FINAL_ABBREVIATIONS and "U.S" not in SENTENCE_ABBREVIATIONS
    assert "Calif" not in SENTENCE_ABBREVIATIONS  # "in Springfield, Ill. The ..." ends there


def test_sentence_splitter_reads_its_abbreviations():
    text = "Sen. Warren spoke in Sept. Officials left the U.S. The talks ended."
    assert [text[a:b] for a, b in sentences(text)] == [
        "Sen. Warren spoke in Sept. Officials left the U.S.",
        "The talks ended.",
    ]


# --------------------------------------------------------------------------- phrases


def test_phrase_rejects_a_capitalised_participle_alone():
    toks = tokenize("Responding said nothing")
    assert np_back(toks, 0, 0) is None


def test_phrase_rejects_numbers_only():
    toks = tokenize("In 2019, 45 said no")
    assert np_back(toks, index(toks, "45"), 0) is None


def test_phrase_rejects_a_demonstrative_alone():
    toks = tokenize("there said no")
    assert np_back(toks, 0, 0) is None
    toks = tokenize("this on Monday showed")
    assert np_back(toks, index(toks, "Monday"), 0) is None


def test_phrase_keeps_a_plain_subject():
    toks = tokenize("The health ministry said")
    assert np_back(toks, index(toks, "ministry"), 0) == (0, 2, None)


# --------------------------------------------------------------------------- content


def after(text: str, cue: str, lemma: str = "say") -> tuple[str, str]:
    """The kind and text of what follows `cue` in `text` (one unit)."""
    toks = tokenize(text)
    a = content_after(toks, index(toks, cue) + 1, len(toks), lemma)
    return a.kind, text[a.start : a.end] if a.kind in ("quote", "clause") else ""


@pytest.mark.parametrize(
    ("text", "cue", "lemma", "content"),
    [
        ("He said the plan failed, according to aides.", "said", "say", "the plan failed"),
        ("He said the plan failed, saying it was late.", "said", "say", "the plan failed"),
        (
            "Republicans said the inquiry was botched and Democrats accused the majority.",
            "said",
            "say",
            "the inquiry was botched",
        ),
        ("He denied the report, but added that talks go on.", "denied", "deny", "the report"),
    ],
    ids=["according-to", "participle-clause", "coordinated-subject-and-verb", "but-added"],
)
def test_content_stops(text, cue, lemma, content):
    assert after(text, cue, lemma) == ("clause", content)


@pytest.mark.parametrize(
    ("text", "cue", "lemma", "expected"),
    [
        ('He said "We will win."', "said", "say", ("quote", "We will win.")),
        ("She warned that it rained.", "warned", "warn", ("clause", "that it rained")),
        (
            'The mayor told reporters: "The bridge stays closed."',
            "told",
            "tell",
            ("quote", "The bridge stays closed."),
        ),
        (
            "The ministry said on Monday that exports rose.",
            "said",
            "say",
            ("clause", "that exports rose"),
        ),
        (
            "He has a model, he said, for how the industry can survive.",
            "said",
            "say",
            ("clause", "for how the industry can survive"),
        ),
        ("He vowed to fight the ruling.", "vowed", "vow", ("clause", "to fight the ruling")),
        (
            "They criticised in an interview the plan of the council to close the old bridge "
            "over the river",
            "criticised",
            "criticise",
            ("light", ""),
        ),
        (
            "Officials told Reuters the deal was close.",
            "told",
            "tell",
            ("clause", "the deal was close"),
        ),
        ("The senator said on Monday.", "said", "say", ("light", "")),
        ("The senator said.", "said", "say", ("none", "")),
    ],
    ids=[
        "quotation-first",
        "that-first",
        "quotation-after-short-lead",
        "that-after-adverbial",
        "parenthetical-cue",
        "infinitive",
        "adverbial-preposition",
        "hearer-then-content",
        "short-adverbial",
        "nothing",
    ],
)
def test_content_shapes(text, cue, lemma, expected):
    assert after(text, cue, lemma) == expected


# --------------------------------------------------------------------------- cues


def cue(text: str, verb: str) -> tuple[str, str] | None:
    """(speaker text, content) of the attribution whose cue is `verb`, or None."""
    toks = tokenize(text)
    found = cue_at(Unit(text, toks, 0, len(toks)), index(toks, verb), [], None)
    return None if found is None else (found.speaker_text, found.content)


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Smith pointed that the plan failed.", "pointed"),
        ("The union called off the strike that was planned.", "called"),
        ("The warning repeated by the minister that the plan would fail was ignored.", "repeated"),
        ("Smith compared with Jones that the plan failed.", "compared"),
        ("It is said that the plan failed.", "said"),
        ("Trump unleashed a flurry of tweets shaming her.", "tweets"),
        ("Smith's promised reforms never came.", "promised"),
        ("They're told that the plan failed.", "told"),
        ("A video shown that night proved that he lied.", "shown"),
        ("The group condemned retaliatory attacks that killed civilians.", "attacks"),
        ("News reports say the plan failed.", "reports"),
        ("Officials continued their work on the bill.", "continued"),
        ("They answered questions about the plan.", "answered"),
        ("The minister warn that the plan failed.", "warn"),
    ],
    ids=[
        "missing-particle",
        "other-particle",
        "agent",
        "comparison",
        "passive",
        "infinitive-or-noun",
        "after-possessive",
        "contracted-passive",
        "bare-participle",
        "plural-noun",
        "noun-before-verb",
        "quote-only-without-quote",
        "object-not-content",
        "plain-form-singular",
    ],
)
def test_verb_is_no_cue(text, verb):
    assert cue(text, verb) is None


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        ("Smith pointed out that the plan failed.", "pointed", ("Smith", "that the plan failed")),
        ("They have answered that the plan failed.", "answered", ("They", "that the plan failed")),
        (
            "The ministers warn that the plan failed.",
            "warn",
            ("The ministers", "that the plan failed"),
        ),
        ("He is saying that the plan failed.", "saying", ("He", "that the plan failed")),
    ],
)
def test_verb_is_a_cue(text, verb, expected):
    assert cue(text, verb) == expected


# --------------------------------------------------------------------------- content sources


def contents(text: str) -> list[tuple[str, str, bool]]:
    return [(a.speaker_text, a.content, a.direct) for a in find_attributions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We tried," she said.', ("she", "We tried,", True)),
        ('"We tried," she said, "but failed."', ("she", 'We tried," she said, "but failed.', True)),
        ("The plan, he said, will fail.", ("he", "The plan, he said, will fail", False)),
        ("Smith said the plan will fail.", ("Smith", "the plan will fail", False)),
        ("The plan will fail, Smith said.", ("Smith", "The plan will fail", False)),
        ('"We will not stop." He said.', ("He", "We will not stop.", True)),
    ],
    ids=[
        "quotation",
        "quotation-and-second-quotation",
        "words-around",
        "words-after",
        "words-before",
        "previous-quotation",
    ],
)
def test_content_sources(text, expected):
    assert contents(text) == [expected]

"""Unit tests for the named rules of attribution finding: each test fails if its rule is gone."""

import pytest

from factcheck.extraction.attributions.content import content_after
from factcheck.extraction.attributions.phrases import np_back
from factcheck.extraction.attributions.text import tokenize


def toks_of(text: str) -> list:
    return tokenize(text)


def index(toks: list, word: str) -> int:
    return next(i for i, t in enumerate(toks) if t.text == word)


# --------------------------------------------------------------------------- phrases


def test_phrase_rejects_a_capitalised_participle_alone():
    toks = toks_of("Responding said nothing")
    assert np_back(toks, 0, 0) is None


def test_phrase_rejects_numbers_only():
    toks = toks_of("In 2019, 45 said no")
    assert np_back(toks, index(toks, "45"), 0) is None


def test_phrase_rejects_a_demonstrative_alone():
    toks = toks_of("there said no")
    assert np_back(toks, 0, 0) is None
    toks = toks_of("this on Monday showed")
    assert np_back(toks, index(toks, "Monday"), 0) is None


def test_phrase_keeps_a_plain_subject():
    toks = toks_of("The health ministry said")
    assert np_back(toks, index(toks, "ministry"), 0) == (0, 2, None)


# --------------------------------------------------------------------------- content


def after(text: str, cue: str, lemma: str = "say") -> tuple[str, str]:
    """The kind and text of what follows `cue` in `text` (one unit)."""
    toks = toks_of(text)
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

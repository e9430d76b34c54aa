"""Unit tests for the named rules of attribution finding: each test fails if its rule is gone."""

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

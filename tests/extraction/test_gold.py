"""A quality gate that runs everywhere: the demo article against gold labels of our own.

The shared evaluation sets (test_scores.py) measure more, but a user's clone may not have
them; this file and its gold labels live in the repository.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from factcheck.extraction import Attribution, extract
from tests.extraction.gold import load, score


@pytest.fixture(scope="module")
def demo():
    text, gold = load("demo")
    return text, gold, extract(text, dt.date.fromisoformat(gold["published"]))


def test_the_demo_article_meets_its_gold_labels(demo):
    text, gold, result = demo
    tallies = score(text, gold, result)
    assert tallies["claims"].f1 == 1.0, tallies["claims"]
    assert tallies["quantities"].f1 >= 0.95, tallies["quantities"]
    assert tallies["dates"].f1 >= 0.9, tallies["dates"]
    assert tallies["attributions"].f1 >= 0.9, tallies["attributions"]
    assert len(result.claims) <= 15, "a claim per paragraph, not per sentence"


def test_the_scorer_counts_misses_and_false_positives(demo):
    text, gold, result = demo
    before = score(text, gold, result)
    first_dated = next(i for i, c in enumerate(result.claims) if c.dates)
    bogus = Attribution(
        speaker="Nobody",
        speaker_text="Nobody",
        speaker_start=None,
        speaker_end=None,
        role=None,
        cue="said",
        direct=False,
        content=text[:20],
        content_start=0,
        content_end=20,
    )
    claims = list(result.claims)
    claims[first_dated] = dataclasses.replace(claims[first_dated], dates=())
    claims[0] = dataclasses.replace(claims[0], attributions=(*claims[0].attributions, bogus))
    after = score(text, gold, dataclasses.replace(result, claims=tuple(claims)))
    lost = len(result.claims[first_dated].dates)
    assert after["dates"].fn == before["dates"].fn + lost
    assert after["attributions"].fp == before["attributions"].fp + 1
    assert score(text, gold, dataclasses.replace(result, claims=()))["claims"].f1 == 0.0

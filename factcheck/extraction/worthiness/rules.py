"""The hand-set check-worthiness score: does a unit of text assert something a fact-checker
could verify, judged by named rules?

The score is logistic, 1 / (1 + e^-x), where x is `BASE` plus the weight of each piece of
evidence present (`EVIDENCE`, a table of named features, applied in order). With a base of
-1.0 a bare declarative sentence scores about 0.3, and a sentence with a statistic, a named
source and a date about 0.8 to 0.9.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sized
from typing import NamedTuple

from ..lexicon.checkworthiness import (
    CAUSAL,
    CAUSAL_PHRASES,
    COMPARE,
    COMPARE_PHRASES,
    EVENT,
    FIRST_PERSON,
    HEDGE,
    HEDGE_PHRASES,
    NORMATIVE,
    NORMATIVE_PHRASES,
    SECOND_PERSON,
    STATS,
    STATS_PHRASES,
)

BASE = -1.0

# Word features: a name, its single words and its phrases.
_WORD_FEATURES = (
    ("compare", COMPARE, COMPARE_PHRASES),
    ("stats", STATS, STATS_PHRASES),
    ("causal", CAUSAL, CAUSAL_PHRASES),
    ("normative", NORMATIVE, NORMATIVE_PHRASES),
    ("hedge", HEDGE, HEDGE_PHRASES),
    ("event", EVENT, ()),
    ("second", SECOND_PERSON, ()),
    ("first", FIRST_PERSON, ()),
)


def _features_by_word() -> dict[str, set[str]]:
    by_word: dict[str, set[str]] = {}
    for name, single, _ in _WORD_FEATURES:
        for word in single:
            by_word.setdefault(word, set()).add(name)
    return by_word


_FEATURES_OF = _features_by_word()
_TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)?")
_OPINION = re.compile(
    r"\b(?:i|we) (?:think|believe|feel|hope|guess|suppose|wish|love|hate)\b|"
    r"\bin (?:my|our) (?:view|opinion)\b|\bi'?m (?:sure|convinced)\b|\bimo\b"
)
_NAME_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+|al-|bin\s+)?[A-Z][\w'’.-]*)*")
_DIGIT = re.compile(r"\d")


def word_features(low: str) -> set[str]:
    """Names of the word features present in lower-cased `low`; a word of five letters or
    more in -ed counts as an event verb."""
    found: set[str] = set()
    for token in _TOKEN.findall(low):
        names = _FEATURES_OF.get(token)
        if names:
            found |= names
        elif len(token) > 4 and token.endswith("ed"):
            found.add("event")
    for name, _, phrases in _WORD_FEATURES:
        if name not in found and any(p in low for p in phrases):
            found.add(name)
    return found


def names(text: str) -> int:
    """Capitalised runs, at most three, not counting 'I' or a lone first word."""
    n = 0
    for m in _NAME_RUN.finditer(text):
        word = m.group()
        if word == "I":
            continue
        at_start = m.start() == 0 or text[: m.start()].strip("\"'“‘( ") == ""
        if at_start and " " not in word:
            continue
        n += 1
        if n == 3:
            break
    return n


class Evidence:
    """What the features read: the unit, its words and the parts found in it."""

    __slots__ = ("attributions", "dates", "features", "low", "quantities", "tail", "text", "words")

    def __init__(self, text: str, quantities: int, dates: bool, attributions: bool) -> None:
        self.text = text
        self.low = text.lower()
        self.features = word_features(self.low)
        self.words = len(text.split())
        self.tail = text.rstrip("\"'”’) ")
        self.quantities = quantities
        self.dates = dates
        self.attributions = attributions


class Feature(NamedTuple):
    """A piece of evidence: what it is, its weight, and how many times it is present (a
    count or a truth value)."""

    name: str
    weight: float
    present: Callable[[Evidence], int | bool]


EVIDENCE: tuple[Feature, ...] = (
    Feature("very short: under 4 words", -2.0, lambda e: e.words < 4),
    Feature("short: under 7 words", -0.8, lambda e: 4 <= e.words < 7),
    Feature("substantial: 12 words or more", 0.3, lambda e: e.words >= 12),
    Feature("a quantity", 1.3, lambda e: e.quantities == 1),
    Feature("two or more quantities", 1.3 + 0.3, lambda e: e.quantities > 1),
    Feature("a bare number", 0.4, lambda e: not e.quantities and _DIGIT.search(e.text) is not None),
    Feature("a date", 0.5, lambda e: e.dates),
    Feature("an attribution: someone is on the record", 0.7, lambda e: e.attributions),
    Feature("named people, places or bodies (each, up to three)", 0.25, lambda e: names(e.text)),
    Feature(
        "comparative, superlative or change words ('more than', 'highest', 'rose', 'doubled')",
        0.6,
        lambda e: "compare" in e.features,
    ),
    Feature(
        "statistical words ('percent', 'rate', 'survey', 'data')",
        0.5,
        lambda e: "stats" in e.features,
    ),
    Feature(
        "causal and policy words ('because', 'led to', 'bill', 'banned', 'approved')",
        0.4,
        lambda e: "causal" in e.features,
    ),
    Feature(
        "a past-tense event verb ('boycotted', 'won'): something happened",
        0.4,
        lambda e: "event" in e.features,
    ),
    Feature("a question", -1.5, lambda e: e.tail.endswith("?")),
    Feature("an exclamation", -0.3, lambda e: e.tail.endswith("!")),
    Feature(
        "first-person opinion ('I think', 'in my view')",
        -0.8,
        lambda e: "first" in e.features and _OPINION.search(e.low) is not None,
    ),
    Feature(
        "normative or evaluative words ('should', 'must', 'terrible')",
        -0.4,
        lambda e: "normative" in e.features,
    ),
    Feature(
        "hedged or speculative words ('may', 'might', 'could', 'perhaps', 'likely')",
        -0.4,
        lambda e: "hedge" in e.features,
    ),
    Feature("second person ('you', 'your')", -0.3, lambda e: "second" in e.features),
)


def logit(text: str, quantities: Sized, dates: Sized, attributions: Sized) -> float:
    """`BASE` plus the weight of each piece of evidence present in the unit."""
    e = Evidence(text, len(quantities), bool(dates), bool(attributions))
    x = BASE
    for _, weight, present in EVIDENCE:
        n = present(e)
        if n:
            x += weight * n
    return x


def score(text: str, quantities: Sized, dates: Sized, attributions: Sized) -> float:
    """The hand-set check-worthiness of a unit alone, in [0, 1], rounded to three places."""
    return probability(logit(text, quantities, dates, attributions))


def probability(x: float) -> float:
    """The hand-set score of a unit whose `logit` is `x`, rounded to three places."""
    return round(1.0 / (1.0 + math.exp(-x)), 3)

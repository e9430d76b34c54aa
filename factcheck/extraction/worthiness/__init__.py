"""Check-worthiness: how likely a fact-checker is to want a unit of text checked, in [0, 1].

Two judges, combined (issue 15): the hand-set rules (rules.py: numbers, named sources, dates,
opinion and question marks) and a model learned from people's labels (model.py: TF-IDF word and
character n-grams with logistic regression, trained on the ClaimBuster sentences by
training/checkworthiness.py). A logistic regression fitted on the training sentences only weighs
the two logits. `unit_score` is what the pipeline gives each candidate and what the app shows;
`checkworthiness` scores sentences on their own with the same function, finding each one's parts
first (the contract of the shared evaluation kit).
"""

from __future__ import annotations

from collections.abc import Sequence, Sized

from ..attributions import find_attributions
from ..dates import find_dates
from ..quantities import find_quantities
from . import rules
from .model import loaded, logistic

PLACES = 4  # scores are rounded so that they print, store and compare the same everywhere


def unit_score(text: str, quantities: Sized, dates: Sized, attributions: Sized) -> float:
    """Check-worthiness of a unit whose parts have been found, in [0, 1]."""
    return hybrid(text, rules.logit(text, quantities, dates, attributions))


def hybrid(text: str, rules_logit: float) -> float:
    """The combined score of `text` given the hand-set rules' logit for it, in [0, 1]."""
    model = loaded()
    c = model.combination
    x = c.intercept + c.model * model.logit(text) + c.rules * rules_logit
    return round(logistic(x), PLACES)


def rule_logit(sentence: str) -> float:
    """The hand-set rules' logit for a sentence on its own (its parts found in it alone)."""
    return rules.logit(
        sentence, find_quantities(sentence), find_dates(sentence), find_attributions(sentence)
    )


def checkworthiness(sentences: Sequence[str]) -> list[float]:
    """The check-worthiness of each sentence taken on its own, in [0, 1], in order."""
    return [
        unit_score(s, find_quantities(s), find_dates(s), find_attributions(s)) for s in sentences
    ]

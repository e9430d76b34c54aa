"""The check-worthiness score: each named feature of its evidence table, and how they add up."""

import math

import pytest

from factcheck.extraction.worthiness.rules import BASE, EVIDENCE, Evidence, score

FEATURES = {f.name: f for f in EVIDENCE}
Q = [object()]  # stands for one found part


def evidence(text, quantities=0, dates=False, attributions=False):
    return Evidence(text, quantities, dates, attributions)


# (feature, evidence where it is present, evidence where it is not)
CASES = [
    ("very short: under 4 words", evidence("Taxes rose."), evidence("Taxes rose by a lot.")),
    ("short: under 7 words", evidence("Taxes rose by a lot."), evidence("Taxes rose.")),
    (
        "substantial: 12 words or more",
        evidence("The council said on Monday that taxes in the city rose by a lot again."),
        evidence("Taxes rose by a lot."),
    ),
    ("a quantity", evidence("x", quantities=1), evidence("x", quantities=2)),
    ("two or more quantities", evidence("x", quantities=2), evidence("x", quantities=1)),
    ("a bare number", evidence("Route 66 is long."), evidence("Route 66", quantities=1)),
    ("a date", evidence("x", dates=True), evidence("x")),
    ("an attribution: someone is on the record", evidence("x", attributions=True), evidence("x")),
    (
        "named people, places or bodies (each, up to three)",
        evidence("He met Angela Merkel in Berlin."),
        evidence("He met her there."),
    ),
    (
        "comparative, superlative or change words ('more than', 'highest', 'rose', 'doubled')",
        evidence("Prices doubled."),
        evidence("Prices moved."),
    ),
    (
        "statistical words ('percent', 'rate', 'survey', 'data')",
        evidence("A survey, according to them."),
        evidence("A walk."),
    ),
    (
        "causal and policy words ('because', 'led to', 'bill', 'banned', 'approved')",
        evidence("It led to chaos."),
        evidence("It came to chaos."),
    ),
    (
        "a past-tense event verb ('boycotted', 'won'): something happened",
        evidence("They boycotted it."),
        evidence("They boycott it."),
    ),
    ("a question", evidence('Is it "true?"'), evidence("It is true.")),
    ("an exclamation", evidence("It is true!"), evidence("It is true.")),
    (
        "first-person opinion ('I think', 'in my view')",
        evidence("In my view it works."),
        evidence("In the view of many it works."),
    ),
    (
        "normative or evaluative words ('should', 'must', 'terrible')",
        evidence("We need to act."),
        evidence("We act."),
    ),
    (
        "hedged or speculative words ('may', 'might', 'could', 'perhaps', 'likely')",
        evidence("It plans to act."),
        evidence("It acts."),
    ),
    ("second person ('you', 'your')", evidence("Your taxes rose."), evidence("Our taxes rose.")),
]


@pytest.mark.parametrize("name,present,absent", CASES, ids=[c[0][:30] for c in CASES])
def test_feature(name, present, absent):
    feature = FEATURES[name]
    assert feature.present(present)
    assert not feature.present(absent)


def test_every_feature_has_a_case():
    assert set(FEATURES) == {c[0] for c in CASES}


def test_names_count_up_to_three_and_skip_a_lone_first_word():
    names = FEATURES["named people, places or bodies (each, up to three)"]
    assert names.present(evidence("Officials met Ann, Bob, Cy and Di.")) == 3
    assert names.present(evidence("Officials left.")) == 0
    assert names.present(evidence("Angela Merkel left.")) == 1


def test_score_is_the_logistic_of_the_weighted_evidence():
    # very short (-2.0) and a change word (+0.6)
    assert score("Prices rose.", (), (), ()) == round(1 / (1 + math.exp(-(BASE - 2.0 + 0.6))), 3)
    stat = "Unemployment rose to 7 percent in 2020, the highest rate since records began."
    assert score(stat, Q, Q, Q) > 0.9 > score("I think you should go!", (), (), ())

"""The check-worthiness score the app shows: the learned model, its weight file, and the hybrid
with the hand-set rules. Every sentence here is our own writing (the training sentences stay out
of the repository)."""

from __future__ import annotations

import gzip
import hashlib
import json
import math

import pytest

from factcheck.extraction import checkworthiness, extract
from factcheck.extraction.worthiness import rules, unit_score
from factcheck.extraction.worthiness.grams import char_grams, word_grams
from factcheck.extraction.worthiness.model import (
    FORMAT,
    RECORD,
    WEIGHTS,
    WeightFileError,
    loaded,
    logistic,
    parse,
    read,
)

# A statistic with a named source, or a dated, countable event: what a checker would take.
CHECKABLE = [
    "According to the Office for National Statistics, unemployment rose to 5.2 percent in March.",
    "The health agency recorded 3,400 new measles cases across the region last year.",
    "Census figures show median household income fell by 2 percent between 2019 and 2021.",
    "The trade ministry said exports of steel doubled to $40 billion in 2022.",
    "Police counted 1,200 burglaries in the city in 2023, a third fewer than in 2019.",
    "The senator has voted against the farm bill fourteen times since 2015.",
    "Our state cut its prison population by 18 percent after the law passed in 2016.",
    "Germany spent 2.1 percent of its economic output on defence last year, alliance data show.",
    "Tuition at public universities has tripled over the past twenty years.",
    "The company laid off 4,000 workers in Ohio within six months of the tax cut.",
    "Murders in the capital reached 310 in 2021, the highest number in two decades.",
    "Half of the country's electricity now comes from wind and solar farms, the regulator said.",
]
# Opinions, questions, courtesies and rhetoric: nothing to verify.
NOT_CHECKABLE = [
    "I think this is the most important election of our lifetime.",
    "What are we going to do about it?",
    "Thank you very much for having me here tonight.",
    "I believe in the people of this great country.",
    "Do you really trust these people to run the country?",
    "We should all be proud of what our teachers do.",
    "Let me finish my point, please.",
    "That is simply not the kind of leadership we need.",
    "Well, I hope so.",
    "You know, my father always said hard work pays off.",
    "Wouldn't it be wonderful if we could agree on something?",
    "I'm sure the voters will make the right choice.",
]


def test_the_contract_is_one_score_in_0_1_per_sentence():
    sentences = CHECKABLE + NOT_CHECKABLE + ["", "   ", "?", "12", "x" * 5000]
    scores = checkworthiness(sentences)
    assert isinstance(scores, list) and len(scores) == len(sentences)
    assert all(isinstance(s, float) and 0.0 <= s <= 1.0 for s in scores)
    assert checkworthiness([]) == []


def test_checkable_sentences_rank_above_opinions_and_questions():
    high = checkworthiness(CHECKABLE)
    low = checkworthiness(NOT_CHECKABLE)
    assert min(high) > max(low)


def test_the_half_way_mark_separates_them():
    """Calibrated so that 0.5 is a sensible threshold, as triage uses it."""
    assert all(s >= 0.5 for s in checkworthiness(CHECKABLE))
    assert all(s < 0.5 for s in checkworthiness(NOT_CHECKABLE))


@pytest.mark.parametrize(
    "plain,richer",
    [
        ("Crime went up.", "Violent crime went up by 12 percent in 2023, police figures show."),
        ("Prices are high.", "Food prices rose 9 percent in the year to May, the bureau said."),
        (
            "Taxes went up.",
            "Property taxes went up by 6 percent in 2024, the county assessor said.",
        ),
    ],
)
def test_a_figure_and_a_source_raise_the_score(plain, richer):
    before, after = checkworthiness([plain, richer])
    assert after > before


def test_a_question_scores_below_the_same_statement():
    statement, question = checkworthiness(
        ["The city closed nine libraries in 2020.", "Did the city close nine libraries in 2020?"]
    )
    assert question < statement


def test_scores_are_deterministic():
    sentences = CHECKABLE + NOT_CHECKABLE
    first = checkworthiness(sentences)
    assert checkworthiness(list(reversed(sentences))) == list(reversed(first))
    assert checkworthiness(sentences) == first
    fresh = read()  # a second copy read from the file scores identically
    assert [fresh.logit(s) for s in sentences] == [loaded().logit(s) for s in sentences]


def test_the_app_shows_the_same_score_as_the_contract():
    """A one-sentence article's candidate carries exactly `checkworthiness` of its text."""
    for sentence in CHECKABLE[:4]:
        claims = extract(sentence).claims
        assert [c.score for c in claims] == checkworthiness([sentence])


def test_the_hybrid_is_the_logistic_of_both_logits():
    model = loaded()
    c = model.combination
    text = CHECKABLE[0]
    q = [object()]
    x = c.intercept + c.model * model.logit(text) + c.rules * rules.logit(text, q, (), ())
    assert unit_score(text, q, (), ()) == round(logistic(x), 4)
    assert c.model > 0 and c.rules > 0  # both judges pull the same way


def test_logistic_is_safe_at_the_extremes():
    assert logistic(-1000.0) == 0.0 and logistic(1000.0) == 1.0
    assert logistic(0.0) == 0.5
    assert math.isclose(logistic(2.0) + logistic(-2.0), 1.0)


# ----------------------------------------------------------------------------- the weight file


def test_the_weight_file_matches_its_build_record():
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    raw = WEIGHTS.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == record["sha256"]
    assert len(raw) == record["bytes"] < 5_000_000
    data = json.loads(gzip.decompress(raw))
    assert data["format"] == FORMAT
    assert data["version"] == record["version"] == loaded().version
    assert {k: len(v["grams"]) for k, v in data["blocks"].items()} == record["features"]
    assert "10.5281/zenodo.3609356" in record["source"]


def test_the_record_holds_the_figures_it_reached():
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    cv = record["cross_validated_train"]
    assert cv["hybrid"]["ap"] >= cv["model"]["ap"] - 0.01
    if "dev" in record:
        assert record["dev"]["hybrid"]["f1"] >= 0.85 and record["dev"]["hybrid"]["ap"] >= 0.92


def test_another_format_is_refused():
    with pytest.raises(WeightFileError):
        parse({"format": FORMAT + 1})
    with pytest.raises(WeightFileError):
        parse(
            {
                "format": FORMAT,
                "version": "x",
                "intercept": 0,
                "blocks": {"phonemes": {}},
                "combination": {"model": 1, "rules": 1, "intercept": 0},
            }
        )


def test_a_missing_weight_file_is_a_clear_error(tmp_path):
    with pytest.raises(WeightFileError, match="cannot read"):
        read(tmp_path / "absent.json.gz")


def test_a_tiny_model_scores_by_hand():
    """Both blocks normalised on their own: the arithmetic the module documents."""
    model = parse(
        {
            "format": FORMAT,
            "version": "hand",
            "intercept": -1.0,
            "blocks": {
                "word": {"grams": ["rose", "percent"], "coef": [2.0, 1.0], "idf": [1.5, 2.0]},
                "char": {"grams": [], "coef": [], "idf": []},
            },
            "combination": {"model": 1.0, "rules": 0.0, "intercept": 0.0},
        }
    )
    both = (2.0 * 1.5 + 1.0 * 2.0) / math.sqrt(1.5**2 + 2.0**2)
    assert math.isclose(model.logit("Prices rose 3 percent"), -1.0 + both)
    assert math.isclose(model.logit("Nothing known here"), -1.0)


# ----------------------------------------------------------------------------- grams


def test_word_grams_are_words_of_two_letters_and_their_pairs():
    assert word_grams("A tax, a TAX cut!") == {"tax", "cut", "tax tax", "tax cut"}


def test_char_grams_stay_inside_padded_words():
    grams = char_grams("Go up")
    assert {" g", "go", "o ", " go", "go ", " go ", " u", "up ", " up "} <= grams
    assert not any(" " in g.strip() for g in grams)  # nothing spans two words
    assert char_grams("GO") == char_grams("go")


# ----------------------------------------------------------------------------- which statements


def test_a_statement_the_rules_kept_is_still_a_claim():
    """Sentences without a part: the model may add statements, never drop one the hand-set
    score kept before it (candidate recall, issue 15)."""
    statements = [s for s in CHECKABLE + NOT_CHECKABLE if not _parts(s)]
    statements += ["Opposition members boycotted the vote.", "The minister resigned."]
    for sentence in statements:
        kept_before = rules.score(sentence, (), (), ()) >= 0.4
        if kept_before:
            assert extract(sentence).claims, sentence


def test_a_bare_word_is_not_a_claim():
    assert extract("Done.").claims == ()
    assert extract("Thank you.").claims == ()


def _parts(sentence: str) -> bool:
    claims = extract(sentence).claims
    return any(c.quantities or c.dates or c.attributions for c in claims)

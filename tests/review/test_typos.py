"""The typo-fix judge (review/typos.py): what passes as a typo fix without a public correction,
what is refused and why, and why chained small fixes add up against the approved text."""

from __future__ import annotations

import pytest

from factcheck.errors import ValidationError
from factcheck.models import Claim, Role, User
from factcheck.review import services as rs
from factcheck.review.typos import TYPO_MAX_WORDS, judge_typo_fix, typo_change_size
from factcheck.workflow import State
from tests.support import fresh


def judge(old: str, new: str):
    """A fix of a text that is still as approved."""
    return judge_typo_fix(approved=old, current=old, proposed=new)


ACCEPTED = [
    ("The report was recieved on time.", "The report was received on time."),
    ("I saw teh report.", "I saw the report."),
    ("The Goverment said so.", "The Government said so."),
    ("It is in the the report.", "It is in the report."),
    ("However the figure is right.", "However, the figure is right."),
    ("The ministry says its true.", "The ministry says it's true."),
    ("the ministry said so.", "The ministry said so."),
    ("It came fromt he ministry.", "It came from the ministry."),
    ("The Pentagon's figure.", "The Pentagon’s figure."),
    ("They dont agree.", "They don't agree."),
    ("It is bigger then that.", "It is bigger than that."),
    ("It is definately so.", "It is definitely so."),
    ("It occured in teh Goverment.", "It occurred in the Government."),
    ("It is ilegal.", "It is illegal."),
    ("It is inacurate.", "It is inaccurate."),
    ("It is the the recieved view.", "It is the received view."),
    ("There were alot of them.", "There were a lot of them."),
    ("A Million people.", "A million people."),
    ("A  claim with   spaces.", "A claim with spaces."),
]

REFUSED = [
    # negating prefixes
    ("The claim is accurate.", "The claim is inaccurate.", "prefix", ["accurate", "inaccurate"]),
    ("The claim is correct.", "The claim is incorrect.", "prefix", ["correct", "incorrect"]),
    ("It is true.", "It is untrue.", "prefix", ["true", "untrue"]),
    ("It is legal.", "It is illegal.", "prefix", ["legal", "illegal"]),
    ("It is possible.", "It is impossible.", "prefix", ["possible", "impossible"]),
    ("It is regular.", "It is irregular.", "prefix", ["regular", "irregular"]),
    ("It is likely.", "It is unlikely.", "prefix", ["likely", "unlikely"]),
    ("They agree.", "They disagree.", "prefix", ["agree", "disagree"]),
    ("He is honest.", "He is dishonest.", "prefix", ["honest", "dishonest"]),
    ("It is typical.", "It is atypical.", "prefix", ["typical", "atypical"]),
    ("It is in accurate.", "It is inaccurate.", "prefix", ["in accurate", "inaccurate"]),
    # opposites, in their inflections and misspelt
    ("The claim is right.", "The claim is wrong.", "opposite", ["right", "wrong"]),
    ("Spending increased.", "Spending decreased.", "opposite", ["increased", "decreased"]),
    ("Spending is increasing.", "Spending is decreasing.", "opposite", ["increasing"]),
    ("Spending increased.", "Spending decrased.", "opposite", ["increased", "decrased"]),
    ("Prices rose.", "Prices fell.", "opposite", ["rose", "fell"]),
    ("Tax rises helped.", "Tax falls helped.", "opposite", ["rises", "falls"]),
    ("It was more.", "It was less.", "opposite", ["more", "less"]),
    ("It was higher.", "It was lower.", "opposite", ["higher", "lower"]),
    ("It was above.", "It was below.", "opposite", ["above", "below"]),
    ("It came before.", "It came after.", "opposite", ["before", "after"]),
    ("It is true.", "It is false.", "opposite", ["true", "false"]),
    ("The team won.", "The team lost.", "opposite", ["won", "lost"]),
    ("Voters supported it.", "Voters opposed it.", "opposite", ["supported", "opposed"]),
    ("They allowed it.", "They banned it.", "opposite", ["allowed", "banned"]),
    ("Officials confirmed it.", "Officials denied it.", "opposite", ["confirmed", "denied"]),
    ("The majority agreed.", "The minority agreed.", "opposite", ["majority", "minority"]),
    ("The maximum is set.", "The minimum is set.", "opposite", ["maximum", "minimum"]),
    ("They include it.", "They exclude it.", "opposite", ["include", "exclude"]),
    ("The first case.", "The last case.", "opposite", ["first", "last"]),
    ("Same rules apply.", "Different rules apply.", "opposite", ["Same", "Different"]),
    # negations
    ("Nobody said that.", "Everybody said that.", "negation", ["Nobody", "Everybody"]),
    ("All of them.", "None of them.", "negation", ["All", "None"]),
    ("It was always so.", "It was never so.", "negation", ["always", "never"]),
    ("We can see.", "We cannot see.", "negation", ["can", "cannot"]),
    ("With a permit.", "Without a permit.", "negation", ["With", "Without"]),
    ("It is true.", "It is not true.", "negation", ["not"]),
    ("It is not true.", "It is true.", "negation", ["not"]),
    ("It isn't true.", "It is true.", "negation", ["isn't", "is"]),
    ("It is nto true.", "It is not true.", "negation", ["nto", "not"]),
    # numbers and amounts
    ("It cost a million dollars.", "It cost a billion dollars.", "number", ["million"]),
    ("It was 2,500.", "It was 2,600.", "number", ["2,500", "2,600"]),
    ("It was 2,500.", "It was 2.500.", "number", ["2,500", "2.500"]),
    ("It was 5.", "It was -5.", "number", ["5", "-5"]),
    ("It cost $5.", "It cost £5.", "number", ["$", "£"]),
    ("Two people.", "Three people.", "number", ["Two", "Three"]),
    ("A dozen people.", "A hundred people.", "number", ["dozen", "hundred"]),
    ("The third time.", "The fifth time.", "number", ["third", "fifth"]),
    ("Up 50 percent.", "Up 50 per cent.", "number", ["percent", "per cent"]),
    ("It rose by half.", "It rose by 5 half.", "number", ["5"]),
    # other words
    ("Supported by the record.", "Backed by the record.", "spelling", ["Supported", "Backed"]),
    ("It was said.", "It was only said.", "added", ["only"]),
    ("It was only said.", "It was said.", "removed", ["only"]),
]


@pytest.mark.parametrize("old,new", ACCEPTED)
def test_a_genuine_typo_fix_passes(old, new):
    verdict = judge(old, new)
    assert verdict.accepted, verdict.message
    assert verdict.message == "" and verdict.problems == ()
    assert verdict.words_since_approval <= TYPO_MAX_WORDS


@pytest.mark.parametrize("old,new,kind,words", REFUSED)
def test_a_change_of_substance_is_refused_and_named(old, new, kind, words):
    verdict = judge(old, new)
    assert not verdict.accepted
    assert [p.kind for p in verdict.problems] == [kind]
    for word in words:
        assert f"“{word}”" in verdict.message
    assert verdict.message.endswith(
        "Publish a correction instead, so readers see what changed and why."
    )


def test_the_tables_cover_both_sides():
    assert len(ACCEPTED) + len(REFUSED) >= 30
    assert len(ACCEPTED) >= 10


def test_more_than_three_words_is_refused_however_small_each_is():
    old = "Teh Goverment recieved teh report."
    three = judge(old, "The Government received teh report.")
    four = judge(old, "The Government received the report.")
    assert three.accepted and three.words_since_approval == 3
    assert not four.accepted and four.problems == () and four.words_since_approval == 4
    assert four.message.startswith("This is not a typo fix. 4 words changed since the approved")


RATIONALE = (
    "Federal customs figures published by the ministry show imports rising through each "
    "month, contradicting the senator who claimed trade collapsed after the agreement."
)


def _chained_fixes(text: str, fixes: int = 7, per_fix: int = 3) -> list[str]:
    """Each fix swaps two letters in the next three words of three letters or more: alone, each
    looks like a typo fix; together they rewrite 21 of the rationale's 23 words."""
    words = text.split(" ")
    targets = [i for i, w in enumerate(words) if len(w) >= 3]
    steps = []
    for n in range(fixes):
        for i in targets[n * per_fix : (n + 1) * per_fix]:
            w = words[i]
            words[i] = w[0] + w[2] + w[1] + w[3:]
        steps.append(" ".join(words))
    return steps


def test_chained_small_fixes_add_up_against_the_approved_text():
    assert len(RATIONALE.split()) == 23
    steps = _chained_fixes(RATIONALE)
    assert typo_change_size(RATIONALE, steps[-1]) == 21
    # Measured only against the text before each step, every step would pass.
    previous = [RATIONALE, *steps[:-1]]
    assert all(judge(before, after).accepted for before, after in zip(previous, steps, strict=True))
    # Measured against the approved text, the second fix already exceeds the budget.
    current, outcomes = RATIONALE, []
    for proposed in steps:
        verdict = judge_typo_fix(approved=RATIONALE, current=current, proposed=proposed)
        outcomes.append(verdict.accepted)
        if verdict.accepted:
            current = proposed
    assert outcomes == [True, False, False, False, False, False, False]
    assert typo_change_size(RATIONALE, current) == 3
    second = judge_typo_fix(approved=RATIONALE, current=steps[0], proposed=steps[1])
    assert second.words_changed == 3 and second.words_since_approval == 6
    assert "6 words changed since the approved text" in second.message


def test_going_back_toward_the_approved_text_passes():
    approved = "The Government received the report."
    current = "The Goverment recieved the report."
    verdict = judge_typo_fix(approved, current, "The Government recieved the report.")
    assert verdict.accepted and verdict.words_changed == 1 and verdict.words_since_approval == 1


def test_fields_share_one_budget_and_problems_name_their_field():
    approved = {"summary": "Teh claim is corect.", "rationale": "Teh record was recieved."}
    fixed = {"summary": "The claim is correct.", "rationale": "The record was received."}
    verdict = judge_typo_fix(approved, approved, fixed)
    assert not verdict.accepted and verdict.words_since_approval == 4
    flipped = judge_typo_fix(approved, approved, {**approved, "rationale": "Teh record was lost."})
    assert "“recieved” → “lost” in the rationale" in flipped.message
    with pytest.raises(ValueError, match="same fields"):
        judge_typo_fix(approved, approved, {"summary": "x"})


@pytest.fixture
def editor(as_role):
    return as_role(Role.EDITOR)


def test_fix_typo_refuses_a_reversal_naming_the_words(app, make, editor):
    claim = make.claim(State.PUBLISHED)
    with app.app_context(), pytest.raises(ValidationError, match="“Supported” → “Unsupported”"):
        rs.fix_typo(
            fresh(Claim, claim.id),
            fresh(User, editor.id),
            summary="Unsupported by the record.",
            rationale="The official record shows it.",
        )

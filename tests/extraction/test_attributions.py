"""Unit tests for attribution finding (who said what)."""

import pytest

from factcheck.extraction.attributions import find_attributions
from factcheck.extraction.types import Attribution
from tests.support import grows_linearly


def attrs(text: str) -> list[Attribution]:
    return find_attributions(text)


def one(text: str, cue: str) -> dict:
    found = [a for a in attrs(text) if cue in (a.cue or "")]
    assert found, f"no attribution with cue {cue!r} in {attrs(text)!r}"
    return found[0]


def check_offsets(text: str, a: dict) -> None:
    assert text[a.content_start : a.content_end] == a.content
    assert text[a.speaker_start : a.speaker_end] == a.speaker_text


def test_direct_quote_with_trailing_cue_and_role():
    text = (
        '"The budget is balanced," Treasury spokeswoman Maria Lopez said on Friday. '
        "Lopez later added that revenue had grown."
    )
    a = one(text, "said")
    check_offsets(text, a)
    assert a.direct is True
    assert a.content.startswith("The budget is balanced")
    assert a.speaker == "Maria Lopez"
    assert a.role == "Treasury spokeswoman"
    b = one(text, "added")
    assert b.speaker == "Maria Lopez" and b.speaker_text == "Lopez"
    assert b.direct is False and b.content.startswith("that revenue had grown")


def test_mismatched_curly_and_straight_quote_marks():
    text = '“We have to assume the threat is real," Halvorsen conceded in his remarks on Thursday.'
    a = one(text, "conceded")
    assert a.direct is True
    assert a.content.startswith("We have to assume the threat is real")
    assert a.speaker_text == "Halvorsen"


def test_split_quote_around_the_cue_is_one_passage():
    text = '"We tried," she said, "but the votes were not there."'
    found = attrs(text)
    assert len(found) == 1
    a = found[0]
    assert a.direct is True and a.speaker_text == "she"
    assert a.content.startswith("We tried") and a.content.endswith("were not there.")


def test_multi_sentence_quote_before_the_cue():
    text = "“Prices will fall. Wages will rise. Nobody doubts it,” the minister, Anna Berg, said."
    a = one(text, "said")
    assert a.direct is True
    assert "Wages will rise" in a.content
    assert a.speaker == "Anna Berg"
    assert a.role == "the minister"


def test_quote_continuing_in_the_next_sentence_extends_the_content():
    text = '"It was a mistake," Novak said. "We will fix it next year."'
    found = attrs(text)
    assert len(found) == 1
    assert found[0].content.endswith("next year.")


def test_cue_before_a_quote_with_colon():
    text = 'The mayor told reporters: "The bridge stays closed until spring."'
    a = one(text, "told")
    assert a.direct is True
    assert a.content.startswith("The bridge stays closed")
    assert a.speaker_text == "The mayor"


def test_inverted_speaker_with_appositive():
    text = '"The numbers do not add up," said Peter Grant, an economist at the Ridley Institute.'
    a = one(text, "said")
    assert a.speaker == "Peter Grant"
    assert a.role == "an economist at the Ridley Institute"
    assert a.direct is True


def test_reported_speech_insisted_that_with_interruption():
    text = "Kowalski insisted, however, that the change will not affect the schedule."
    a = one(text, "insisted")
    assert a.direct is False
    assert a.content.startswith("that the change will not affect")
    assert a.speaker_text == "Kowalski"


def test_said_on_monday_that():
    text = "The ministry said on Monday that exports rose by a fifth."
    a = one(text, "said")
    assert a.content.startswith("that exports rose")
    assert a.speaker_text == "The ministry"


def test_told_hearer_that():
    text = "Garcia told the committee that the contract had been signed in May."
    a = one(text, "told")
    assert a.content.startswith("that the contract had been signed")
    assert a.speaker_text == "Garcia"


def test_according_to_before_and_after():
    text = (
        "According to the health ministry, 300 beds were added last year. "
        "The hospital will close in June, according to two officials."
    )
    found = [a for a in attrs(text) if a.cue == "according to"]
    assert len(found) == 2
    first, second = found
    assert first.speaker_text == "the health ministry"
    assert first.content.startswith("300 beds were added")
    assert second.speaker_text == "two officials"
    assert second.content.startswith("The hospital will close in June")


def test_content_before_cue_reported():
    text = "The plant will reopen in March, a company spokesman said."
    a = one(text, "said")
    assert a.content == "The plant will reopen in March"
    assert a.speaker_text == "a company spokesman"


def test_parenthetical_cue_inside_the_content():
    text = "The deal, Moreau said, would cost far more than expected."
    a = one(text, "said")
    assert a.content_start == 0
    assert "would cost far more" in a.content


def test_relative_clause_speaker_with_appositive_who():
    text = (
        "Hanna Ortiz, who has run the agency since 2019, said the audit found no fraud. "
        "Ortiz, a former judge, added that the report would be public."
    )
    a = one(text, "said")
    assert a.speaker == "Hanna Ortiz"
    assert a.content.startswith("the audit found no fraud")
    b = one(text, "added")
    assert b.speaker == "Hanna Ortiz"
    assert b.role == "a former judge"


def test_participle_and_coordination_share_the_subject():
    text = (
        "The army has claimed the end of its mission, but added that 500 troops will stay, "
        "saying they are needed for training."
    )
    claimed = one(text, "claimed")
    added = one(text, "added")
    saying = one(text, "saying")
    assert claimed.speaker_text == added.speaker_text == saying.speaker_text == "The army"
    assert added.content.startswith("that 500 troops")


def test_short_name_resolves_to_fullest_name_and_pronoun_to_person():
    text = (
        "Defense spokesman Tom Reilly spoke to reporters.\n\n"
        "Reilly said the drills would continue.\n\n"
        "He added that no date had been set."
    )
    r = one(text, "said")
    assert r.speaker == "Tom Reilly" and r.speaker_text == "Reilly"
    h = one(text, "added")
    assert h.speaker_text == "He" and h.speaker == "Tom Reilly"


def test_pronoun_skips_a_speaker_of_the_other_gender():
    text = (
        "Mrs. Alvarez met Mr. Brandt on Friday.\n\n"
        "Alvarez said the plan was flawed.\n\n"
        "Brandt said it would work.\n\n"
        "She added that she would vote against it."
    )
    a = one(text, "added")
    assert a.speaker_text == "She" and a.speaker == "Alvarez"


def test_particle_names_resolve():
    text = (
        "The movement's leader, Karim al-Haddad, spoke on Friday.\n\n"
        "Haddad said the talks had failed."
    )
    a = one(text, "said")
    assert a.speaker == "Karim al-Haddad"


def test_coordinated_speakers_keep_both_names_and_roles():
    text = (
        "French President Paul Martin and Italy's Prime Minister Luca Rossi declared that "
        "the treaty was dead."
    )
    a = one(text, "declared")
    assert "Paul Martin" in a.speaker and "Luca Rossi" in a.speaker
    assert "President" in a.role and "Prime Minister" in a.role


def test_headline_colon_and_dash_attributions():
    text = "Lopez: Budget cuts will hurt schools\n\n“We will not back down.” ― Dana Whitfield\n"
    found = attrs(text)
    assert any(a.speaker_text == "Lopez" and a.cue == ":" for a in found)
    dash = [a for a in found if a.speaker_text == "Dana Whitfield"]
    assert dash and dash[0].direct and dash[0].content.startswith("We will not back down")


def test_noun_uses_of_reporting_verbs_are_not_cues():
    text = (
        "The group condemned retaliatory attacks against civilians. "
        "News reports say the claims are false. Her plans for the city were shelved."
    )
    cues = [a.cue for a in attrs(text)]
    assert "attacks" not in cues and "plans" not in cues and "claims" not in cues
    assert "say" in cues


def test_passive_and_infinitive_are_not_cues():
    text = "The letter was written in May. It is said to be old. He went there to say goodbye."
    assert [a.cue for a in attrs(text)] == []


def test_scare_quotes_alone_are_not_attributions():
    text = 'The so-called "transition" ended last week and the troops stayed as "advisers."'
    assert attrs(text) == []


def test_multi_paragraph_quote_continues_the_speaker():
    text = (
        '"We have done our part," said Ruth Adler, the council leader. "Now it is their turn.\n\n'
        '"The city cannot wait another decade for a new bridge," she said.'
    )
    found = attrs(text)
    assert all(a.speaker_text in ("Ruth Adler, the council leader", "she") for a in found)
    assert any(
        a.content.startswith("We have done our part") and a.content.endswith("their turn.")
        for a in found
    ) or any("Now it is their turn" in a.content for a in found)


def test_offsets_index_the_original_text_with_non_breaking_spaces():
    text = "Intro line.\n\nThe\u00a0senator said\u00a0that the bill\u00a0would pass."
    a = one(text, "said")
    check_offsets(text, a)
    assert a.content.startswith("that the bill")


def test_cue_with_colon_at_paragraph_end_takes_the_next_paragraph():
    text = 'The governor added:\n\n"We will not stop until the job is done."\n'
    a = one(text, "added")
    assert a.direct is True and a.content.startswith("We will not stop")
    assert a.speaker_text == "The governor"


def test_pronoun_with_contracted_auxiliary():
    text = "He’s claiming that the count was rigged."
    a = one(text, "claiming")
    assert a.speaker_text == "He’s"
    assert a.content.startswith("that the count was rigged")


def test_owner_of_a_claim_is_its_speaker():
    text = "Critics rejected Morrison's claim that the port had been sold at a profit."
    a = one(text, "claim")
    assert a.speaker_text == "Morrison's"
    assert a.content.startswith("that the port had been sold")


def test_trailing_as_clause_and_dashed_subject():
    text = (
        "The bridge was never inspected, as officials have said. "
        "The audit – published by the ministry – shows that costs doubled."
    )
    said = one(text, "said")
    assert said.content == "The bridge was never inspected"
    shows = one(text, "shows")
    assert shows.speaker_text.startswith("The audit")
    assert shows.content.startswith("that costs doubled")


def test_coordinated_clauses_each_keep_their_own_speaker():
    text = (
        "Republicans said the inquiry was botched and Democrats accused the majority of "
        "playing politics."
    )
    said = one(text, "said")
    accused = one(text, "accused")
    assert "Democrats" not in said.content
    assert accused.speaker_text == "Democrats"


def test_age_and_place_appositives_lead_back_to_the_name():
    text = "Ruth Miles, 59, of Dayton, Ohio, who watched the parade, said the event was moving."
    a = one(text, "said")
    assert a.speaker == "Ruth Miles"
    assert a.content == "the event was moving"


def test_hearer_without_that_and_plural_subject_with_phrase():
    told = one("Officials told Reuters the deal was close.", "told")
    assert told.speaker_text == "Officials" and told.content == "the deal was close"
    say = one("Sources close to the talks say an agreement is unlikely.", "say")
    assert say.speaker_text == "Sources close to the talks"
    assert say.content == "an agreement is unlikely"


def test_according_to_at_the_end_is_not_part_of_the_content():
    text = (
        "Smith warned that the plan would fail, according to two people familiar with the matter."
    )
    warned = one(text, "warned")
    assert warned.content == "that the plan would fail"
    according = one(text, "according to")
    assert according.speaker_text == "two people familiar with the matter"


@pytest.mark.parametrize(
    "blob",
    [
        lambda n: "said " * n,
        lambda n: '"' * n,
        lambda n: ("“" + "x, " * 300 + "”") * (n // 1000),
        lambda n: "".join(chr(c % 1200 + 32) for c in range(n)),
        lambda n: "A, " * n + "he said.",
    ],
)
def test_pathological_inputs_take_linear_work(blob):
    # Work is counted, not timed (make bench times these shapes).
    assert grows_linearly(lambda n: attrs(blob(n)), 10_000)

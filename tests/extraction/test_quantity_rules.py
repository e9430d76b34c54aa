"""One focused test per named rule of the quantity finder (factcheck/extraction/quantities/).

Rules kept in tables (the character before digits, the digit and word rules, the range joins)
are tested both ways: the number is rejected with the rule and found once the rule is taken
out of its table, so each test fails if its rule goes.
"""

from __future__ import annotations

import pytest

from factcheck.extraction.quantities import (
    before_digits,
    digit_rules,
    find_quantities,
    ranges,
    word_rules,
)


def found(text: str) -> list[tuple[str, float | None, str | None]]:
    """(text, value, unit) of each quantity in `text`."""
    return [(q.text, q.value, q.unit) for q in find_quantities(text)]


def mentions(text: str, number: str) -> bool:
    """True when some quantity found in `text` contains `number`."""
    return any(number in q.text for q in find_quantities(text))


# --- the character before the digits (before_digits.RULES_BY_CHAR) -----------------------


@pytest.mark.parametrize(
    "char,text,number",
    [
        ("-", "The F-16 flew low.", "16"),
        ("–", "In 2019–20 they grew.", "20"),
        ("/", "It runs a 24/7 service.", "7"),
        (":", "Doors open at 10:30 sharp.", "30"),
        ("+", "It scored 1+7 points.", "7"),
    ],
)
def test_rule_for_char_before_digits(char, text, number, monkeypatch):
    assert not mentions(text, number)
    monkeypatch.delitem(before_digits.RULES_BY_CHAR, char)
    assert mentions(text, number)


def test_currency_before_digits():
    assert found("It paid $3 for it.") == [("$3", 3.0, "USD")]
    assert found("The debt grew to HK$5.4m last year.") == [("HK$5.4m", 5.4e6, "HKD")]


def test_console_is_no_pounds():
    assert found("He bought a PS5 yesterday.") == []
    assert found("It cost PS40 million.") == [("PS40 million", 40e6, "GBP")]


def test_hash_before_a_scale_is_the_pound_sign():
    assert found("It cost #89.7 million in all.") == [("#89.7 million", 89.7e6, "GBP")]


def test_digits_glued_to_letters_are_identifiers():
    assert found("The A380 and the G7 were discussed.") == []


def test_long_digit_strings_are_ids():
    assert found("Account 12345678901 was closed.") == []


def test_apostrophe_year():
    assert found("The ’19 election was close.") == []


def test_minus_written_with_a_hyphen():
    assert found("It fell to minus-130 degrees.") == [("minus-130 degrees", -130.0, "degree")]


def test_to_with_a_hyphen_ends_a_range():
    assert found("They paid 200,000 to-260,000 people.") == []


def test_sub_with_a_hyphen_is_under():
    (q,) = find_quantities("They hired sub-20 players.")
    assert q.qualifier == "under" and q.text == "sub-20 players"


def test_some_words_before_a_hyphen_leave_the_number():
    assert found("It was now-5 people.") == [("5 people", 5.0, "people")]


def test_spaced_hyphen_is_a_minus_sign_unless_after_a_name():
    assert found("Temperatures will drop to -10C overnight.") == [("-10C", -10.0, "degree Celsius")]
    assert found("Kata'ib and COVID -19 were discussed.") == []


def test_minus_as_a_word():
    assert [q.value for q in find_quantities("That is about minus 387 Fahrenheit.")] == [-387]


def test_tilde_is_an_approximate_qualifier():
    (q,) = find_quantities("It got ~5 votes.")
    assert q.qualifier == "~" and q.approximate is True and q.text == "~5 votes"


# --- notation and scale (digits) ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Update 4.2.1 arrived.",  # versions
        "Meet at 3 p.m. today.",  # clock times
        "His 100th goal came.",  # ordinals
        "Music from the 1990s was played.",  # decades
        "Music of the 80's was played.",
        "The vote was on 3/15/2021 here.",  # dates with slashes
        "It costs 5b to run.",  # letters that are no multiplier
        "It has 3K fans.",
        "It has a 5G network.",  # identifiers
        "The id 1234567890123456789012345 is long.",  # too long to be a number
    ],
)
def test_digits_that_are_no_quantity(text):
    assert found(text) == []


def test_money_is_no_clock_time():
    assert found("It cost $5 p.m. today.") == [("$5", 5.0, "USD")]


@pytest.mark.parametrize(
    "text,value",
    [
        ("The sample contained 1e6 cells.", 1e6),
        ("It was 6×10⁻³ metres.", 0.006),
        ("He paid 12 3/4% interest.", 12.75),
        ("It was 3½ miles away.", 3.5),
        ("A fluid ounce is 1/16 of a pint.", 1 / 16),
        ("It sold 1.5 million copies.", 1.5e6),
        ("It costs $5b to run.", 5e9),
        ("It has 5k people.", 5e3),
        ("It sold 30m units.", 30e6),
        ("The skeleton is 37m long.", 37),
        ("They waited 3 and a half years.", 3.5),
    ],
)
def test_notation_and_scale(text, value):
    assert [q.value for q in find_quantities(text)] == [pytest.approx(value)]


def test_us_after_a_dollar_amount():
    assert found("It costs $5 US each.") == [("$5 US", 5.0, "USD")]


# --- rules against bare digits (digit_rules) -----------------------------------------------


@pytest.mark.parametrize(
    "rule,text,number",
    [
        (digit_rules.day_after_month, "The statement was issued on July 26.", "26"),
        (digit_rules.day_before_month, "It reopens on 4 of May.", "4"),
        (digit_rules.label, "It was a category 4 storm.", "4"),
        (digit_rules.emergency_number, "You should call 911 now.", "911"),
        (digit_rules.street_address, "He lives at 12 3rd Street.", "12"),
        (digit_rules.based_on_model, "They sold 486-based machines.", "486"),
        (digit_rules.model_after_article, "The 737 was grounded.", "737"),
        (digit_rules.year, "Since 2011 the base has grown.", "2011"),
        (digit_rules.age_in_apposition, "John Smith, 45, said the plan would fail.", "45"),
        (digit_rules.part_of_name, "The iPhone 11 was mentioned.", "11"),
        (digit_rules.before_capitalised_word, "He drove a 5 Series car.", "5"),
    ],
)
def test_digit_rule(rule, text, number, monkeypatch):
    assert not mentions(text, number)
    kept = tuple(r for r in digit_rules.BARE_NUMBER_RULES if r is not rule)
    monkeypatch.setattr(digit_rules, "BARE_NUMBER_RULES", kept)
    assert mentions(text, number)


def test_day_after_month_holds_for_amounts_too(monkeypatch):
    text = "The fire started on March 3 hours before dawn."
    assert not mentions(text, "3")
    monkeypatch.setattr(digit_rules, "AMOUNT_RULES", ())
    assert mentions(text, "3")


def test_year_rule_keeps_counts_of_plural_things():
    assert found("The base will keep 2500 troops.") == [("2500 troops", 2500.0, "troops")]
    assert found("The 1066 battles were fought.") == []


def test_aged_gives_years_of_age():
    assert found("He died aged 45 in hospital.") == [("45", 45.0, "years of age")]


# --- rules against number words (word_rules) -----------------------------------------------


@pytest.mark.parametrize(
    "rule,text,number",
    [
        (word_rules.article_before_amount, "They built two 52,000-barrel refineries.", "two"),
        (word_rules.duration_adjective, "It is a three-year plan.", "three"),
        (word_rules.part_of_name, "He told BBC One about it.", "One"),
        (word_rules.label, "Turn to page one now.", "one"),
        (word_rules.one_after_determiner, "Each one costs money.", "one"),
        (word_rules.one_as_pronoun, "Pick one, then leave.", "one"),
    ],
)
def test_word_rule(rule, text, number, monkeypatch):
    assert not mentions(text, number)
    kept = tuple(r for r in word_rules.WORD_RULES if r is not rule)
    monkeypatch.setattr(word_rules, "WORD_RULES", kept)
    assert mentions(text, number)


def test_one_of_is_a_count():
    assert found("It is one of the best.") == [("one of the best", 1.0, "best")]


# --- number words, halves, fractions and vague amounts (words) ----------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("There were twenty-five candidates.", [25]),
        ("They waited two and a half years.", [2.5]),
        ("They raised one hundred and five pounds.", [105]),
        ("He counted five six times.", [5, 6]),
        ("They bought a dozen eggs.", [12]),
        ("It cost half a million.", [5e5]),
        ("Sales fell by half.", [0.5]),
        ("Half the staff left.", [0.5]),
        ("A third of voters agreed.", [1 / 3]),
        ("Nearly two-thirds of sales came.", [2 / 3]),
        ("One quarter of them left.", [0.25]),
        ("They lobbied a half dozen states.", [6]),
        ("It won ¾ of the vote.", [0.75]),
    ],
)
def test_number_words(text, expected):
    assert [q.value for q in find_quantities(text)] == [pytest.approx(v) for v in expected]


@pytest.mark.parametrize(
    "text",
    [
        "A baker's dozen was sold.",
        "They were there in the second half.",
        "It was half-time.",
        "He called a third party.",  # "a third" needs "of"
        "He ate one thirds.",  # numerator and denominator disagree
        "He ate two third.",
        "It took one quarter.",  # "one quarter" alone is a time
    ],
)
def test_words_that_are_no_quantity(text):
    assert found(text) == []


def test_half_an_hour_takes_the_unit():
    assert found("It took half an hour.") == [("half an hour", 0.5, "hour")]


def test_vague_amount():
    (q,) = find_quantities("Thousands of its troops remain.")
    assert q.value is None and q.vague is True and q.unit == "troops"


def test_vague_amount_of_a_currency():
    assert [q.unit for q in find_quantities("Millions of dollars were spent.")] == ["USD"]


# --- what follows the number (following, units) -------------------------------------------


@pytest.mark.parametrize(
    "text,qualifier,approximate",
    [
        ("There were 20 or more people.", "or more", False),
        ("There were 5 or so people.", "or so", True),
        ("There were 30-plus people.", "or more", False),
        ("There were 40+ people.", "or more", False),
    ],
)
def test_qualifier_after_the_number(text, qualifier, approximate):
    (q,) = find_quantities(text)
    assert (q.qualifier, q.approximate) == (qualifier, approximate)


@pytest.mark.parametrize(
    "text,value,unit",
    [
        ("One in five Americans agreed.", 0.2, "Americans"),
        ("Nearly 9 in 10 Americans own a smartphone.", 0.9, "Americans"),
        ("It joined a 28-nation bloc.", 28, "nation"),
        ("Some 1,500 ethnic Albanians marched.", 1500, "ethnic Albanians"),
        ("One proposal asks Amazon to stop.", 1, "proposal"),
        ("It owes 10.5 million Australian dollars.", 10.5e6, "AUD"),
        ("It cost $5/kg here.", 5, "USD per kilogram"),
        ("Gold was at $1,271.2 an ounce.", 1271.2, "USD per ounce"),
        ("Oil was $58 per barrel.", 58, "USD per barrel"),
        ("Fees were $10 per head.", 10, "USD per head"),
        ("It is 4 Percent higher.", 4, "percent"),
    ],
)
def test_what_the_number_counts(text, value, unit):
    (q,) = find_quantities(text)
    assert (q.value, q.unit) == (pytest.approx(value), unit)


def test_a_year_earlier_is_no_rate():
    found_units = [q.unit for q in find_quantities("Sales were $6.78 billion a year earlier.")]
    assert found_units == ["USD"]


# --- what stands before the number (nearby) -----------------------------------------------


def test_qualifier_before_the_number():
    (q,) = find_quantities("More than 700 heart transplants were done.")
    assert q.qualifier == "more than" and q.approximate is False
    assert q.text == "More than 700 heart transplants"


def test_headline_in_title_case_keeps_counts():
    assert [q.value for q in find_quantities("Army Keeps 2,500 Troops in Iraq After War")] == [2500]


# --- ranges (ranges.NO_RANGE_JOINS) -------------------------------------------------------


@pytest.mark.parametrize(
    "rule,text",
    [
        (ranges.and_without_between, "He has 5 cats and 6 dogs."),
        (ranges.change_then_level, "The index fell 2.3 points to 1,204."),
        (ranges.different_units, "The band played for 2.5 hours to 50,000 fans."),
        (ranges.spaced_hyphen, "He scored 2 goals - 30 yards out."),
    ],
)
def test_join_that_makes_no_range(rule, text, monkeypatch):
    assert len(find_quantities(text)) == 2
    kept = tuple(r for r in ranges.NO_RANGE_JOINS if r is not rule)
    monkeypatch.setattr(ranges, "NO_RANGE_JOINS", kept)
    assert find_quantities(text) == []


def test_from_to_across_words_is_a_range():
    assert find_quantities("Output rose from 5 in 2019 to 7 this year.") == []


def test_range_low_end_takes_the_high_ends_scale():
    (r,) = find_quantities("Exports were 33-35 billion dollars.", ranges=True)
    assert r.is_range and (r.low, r.high) == (pytest.approx(33e9), pytest.approx(35e9))


# --- the scan ------------------------------------------------------------------------------


def test_phone_numbers_are_skipped():
    assert found("Call +44 20 7946 0958 now.") == []
    assert found("Call 555-123-4567 for details.") == []

"""Unit tests for factcheck.extraction.quantities.find_quantities."""

from __future__ import annotations

import pytest

from factcheck.extraction.quantities import find_quantities
from tests.support import grows_linearly


def one(text: str) -> dict:
    """The single quantity found in `text` (fails when there are none or several)."""
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


def values(text: str) -> list[float | None]:
    return [q.value for q in find_quantities(text)]


def texts(text: str) -> list[str]:
    return [q.text for q in find_quantities(text)]


# --- the cases named in the issue -------------------------------------------------------


def test_digits_with_counted_thing_and_offsets():
    text = "The army keeps 2500 troops in the region."
    q = one(text)
    assert q.value == 2500
    assert q.unit == "troops"
    assert text[q.start : q.end] == q.text == "2500 troops"
    assert q.approximate is False and q.qualifier is None


def test_qualifier_nearly_is_approximate_and_in_span():
    q = one("Officials said that nearly 2,500 American soldiers still remain there.")
    assert q.value == 2500
    assert q.text == "nearly 2,500 American soldiers"
    assert q.unit == "American soldiers"
    assert q.approximate is True and q.qualifier == "nearly"


@pytest.mark.parametrize(
    "phrase,qual,approx",
    [
        ("about 300 people", "about", True),
        ("more than 700 heart transplants", "more than", False),
        ("at least 40 houses", "at least", False),
        ("up to 400 jobs", "up to", False),
        ("fewer than 3.5 seconds", "fewer than", False),
        ("roughly 8 billion people", "roughly", True),
    ],
)
def test_qualifiers(phrase, qual, approx):
    q = one(f"The report counted {phrase} last week.")
    assert q.qualifier == qual
    assert q.approximate is approx
    assert q.text.startswith(qual)


def test_vague_amount_has_no_value():
    q = one("Thousands of its troops will remain in the country.")
    assert q.value is None
    assert q.vague is True and q.approximate is True
    assert q.unit == "troops"
    assert q.text == "Thousands of its troops"


@pytest.mark.parametrize(
    "text,value",
    [
        ("They hired two dozen engineers.", 24),
        ("It sold 1.5 million copies.", 1.5e6),
        ("Turnout fell to 40% this time.", 40),
        ("The firm paid $3bn for the unit.", 3e9),
        ("There were twenty-five candidates.", 25),
        ("It is a million dollar house.", 1e6),
        ("He raised one hundred and twenty thousand pounds sterling.", 120000),
        ("There were 4 hundred million people.", 4e8),
        ("The toll rose by half a million.", 5e5),
        ("They waited two and a half years.", 2.5),
    ],
)
def test_values(text, value):
    assert values(text) == [pytest.approx(value)]


def test_currency_units():
    assert one("The firm paid $3bn for it.").unit == "USD"
    assert one("Rent is £1,200 a month.").unit == "GBP per month"
    assert one("A fine of 10.5 million Australian dollars was set.").unit == "AUD"
    assert one("Gold was at $1,271.2 an ounce.").unit == "USD per ounce"
    q = one("The debt grew to HK$5.4m last year.")
    assert q.value == pytest.approx(5.4e6) and q.unit == "HKD"


def test_percent_spellings():
    assert [q.unit for q in find_quantities("Up 4 per cent, 5 percent and 6% and 1.38pc.")] == [
        "percent"
    ] * 4


# --- things that are not quantities ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The attack happened on January 3, 2020, near the airport.",
        "The deadline is Dec. 31 for all parties.",
        "They defeated the group in 2017.",
        "The statement was issued on July 26.",
        "The meeting starts at 3 p.m. sharp.",
        "Doors open at 10:30 tomorrow.",
        "Call 555-123-4567 for details.",
        "Call +44 20 7946 0958 for details.",
        "Kata'ib Hezbollah and COVID-19 were discussed.",
        "The F-16 and the G7 summit were discussed.",
        "He served with the 2nd Infantry Division in World War II.",
        "The iPhone 11 and the Big 12 were mentioned.",
        "It was a category 4 hurricane.",
        "Chelsea won 2-0 at home.",
        "Music from the 1990s was played.",
        "She is ranked No. 1 in the world.",
        "He lives at 575 Wilbraham Road, Manchester.",
        "Intel's 486-based machines sold well.",
    ],
)
def test_not_quantities(text):
    assert find_quantities(text) == []


def test_age_in_apposition_is_not_a_quantity_but_hyphenated_age_is():
    assert find_quantities("John Smith, 45, said the plan would fail.") == []
    assert find_quantities("The driver, Tom Jones (45), was unhurt.") == []
    q = one("A 50-year-old man was arrested.")
    assert q.value == 50 and q.unit == "years of age"


def test_year_like_number_with_counted_noun_is_a_quantity():
    assert values("The base will keep 2500 troops.") == [2500]
    assert values("Since 2011 the base has grown.") == []


def test_one_as_pronoun_is_not_a_quantity():
    assert find_quantities("Each one they lose costs money.") == []
    assert find_quantities("Using the same one across accounts is risky.") == []
    assert values("It is one of the best speakers around.") == [1]
    assert values("We need just one area of agreement.") == [1]


def test_word_number_in_a_name_is_not_a_quantity():
    assert find_quantities("He told BBC One about the plan.") == []


# --- ranges, fractions and other decisions ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Between 10 and 15 people were hurt.",
        "Prices range from $370,000 to $5.5 million.",
        "The fine could be $3 billion to $5 billion.",
        "It took 10 to 15 minutes.",
        "Growth slowed from 4.8 to 4.7 percent.",
        "He spoke for three or four hours.",
        "They expect 5-10 new stores.",
    ],
)
def test_ranges_are_not_split_into_two_quantities(text):
    assert find_quantities(text) == []


def test_ranges_reported_once_when_asked():
    found = find_quantities("The fine could be $3 to $5 billion, officials said.", ranges=True)
    assert len(found) == 1
    r = found[0]
    assert r.is_range is True and r.value is None
    assert r.low == pytest.approx(3e9) and r.high == pytest.approx(5e9)
    assert r.unit == "USD"


def test_change_then_new_level_is_not_a_range():
    assert values("Debt increased by $43.6 billion to $419.2 billion.") == [
        pytest.approx(43.6e9),
        pytest.approx(419.2e9),
    ]
    assert values("Shares rose 9.4 per cent to $84.") == [9.4, 84]


@pytest.mark.parametrize(
    "text,value",
    [
        ("Almost half of the staff left.", 0.5),
        ("A third of the population lives there.", 1 / 3),
        ("Nearly two-thirds of sales came from CDs.", 2 / 3),
        ("One in five Americans agreed.", 0.2),
        ("One out of three voters agreed.", 1 / 3),
        ("A fluid ounce is 1/16 of a pint.", 1 / 16),
    ],
)
def test_fractions(text, value):
    assert values(text) == [pytest.approx(value)]


@pytest.mark.parametrize(
    "text",
    [
        "They scored in the second half.",
        "Profits doubled and sales grew twice as fast.",
        "He called a third party to help.",
        "The 9/11 attacks changed everything.",
    ],
)
def test_not_fractions(text):
    assert find_quantities(text) == []


def test_negative_numbers():
    assert values("It can dip to minus-130 degrees Fahrenheit.") == [-130]
    assert values("That is about minus 387 Fahrenheit.") == [-387]
    assert values("Total offense was minus-5 yards.") == [-5]


def test_units_glued_and_spaced():
    found = find_quantities("It has 640bhp, a 5.2 litre V10, a 54GB plan and 87 mph (140 km/h).")
    assert [(q.value, q.unit) for q in found] == [
        (640, "brake horsepower"),
        (5.2, "litre"),
        (54, "gigabyte"),
        (87, "mile per hour"),
        (140, "kilometre per hour"),
    ]


def test_million_and_metre_abbreviations():
    assert one("The skeleton is 37m long.").unit == "metre"
    assert one("It sold 4.3M copies.").value == pytest.approx(4.3e6)
    assert one("The deal was worth £2.7m.").value == pytest.approx(2.7e6)


def test_offsets_index_original_text():
    text = "Intro \u00a0 line.\n\nIt cost €1,200 and took “about 3 weeks”."
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
    assert values(text) == [1200, 3]


# --- robustness ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "blob",
    [
        lambda n: ("1" * 5000 + " ,.-/:" + "\x00\xff" * 1000 + "9-" * 5000 + " a " * 3000) * n,
        lambda n: "12, " * (n * 10000),
    ],
)
def test_huge_and_binary_text_takes_linear_work(blob):
    assert grows_linearly(lambda n: find_quantities(blob(n)), 2)


def test_plain_prose_has_no_quantities():
    assert find_quantities("The minister said the talks were useful and would continue.") == []


# --- further decisions --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The index fell 2.3 points to 1,204.", [2.3, 1204]),
        ("The band played for 2.5 hours to 50,000 fans.", [2.5, 50000]),
        ("The A380 can seat up to 853 passengers.", [853]),
        ("Nearly 9 in 10 Americans own a smartphone.", [0.9]),
        ("The company has 1.2mn subscribers.", [1.2e6]),
        ("Trade fell to dlrs 14 billion last year.", [14e9]),
        ("Temperatures will drop to -10C overnight.", [-10]),
        ("It was 25°C in Madrid.", [25]),
        ("The sample contained 1e6 cells.", [1e6]),
        ("At 6ft 5in, he is the tallest.", [6, 5]),
        ("He paid 12 3/4% interest.", [12.75]),
        ("They lobbied a half dozen states.", [6]),
    ],
)
def test_more_values(text, expected):
    assert values(text) == [pytest.approx(v) for v in expected]


@pytest.mark.parametrize(
    "text",
    [
        "Police said the suspect, 23, was arrested on Friday.",
        "Apollo 11 landed on the Moon.",
        "The vote was held on 3/15/2021 in the capital.",
        "Call 911 if you see anything suspicious.",
        "The M4 was closed between junctions 12 and 13.",
        "The report was dated 2021-03-15.",
        "He scored his 100th goal for the club.",
        "Polls close at 8pm on 15.03.2021.",
        "Profit rose 4% in the year ended Aug. 31, the firm said.",
    ],
)
def test_more_non_quantities(text):
    assert [q.value for q in find_quantities(text) if q.unit != "percent"] == []


def test_title_case_headline_keeps_counts():
    assert values("US Military Keeps 2,500 Troops in Iraq After Ending Combat Role") == [2500]


def test_rates_and_counted_things():
    assert one("The offer is $37-a-share.").unit == "USD per share"
    found = find_quantities("Sales rose to $7.36 billion from $6.78 billion a year earlier.")
    assert [q.unit for q in found] == ["USD", "USD"]
    assert one("Some 1,500 ethnic Albanians marched.").unit == "ethnic Albanians"
    assert one("One proposal asks Amazon to stop.").unit == "proposal"

"""One focused test per named rule and step of the date finder (factcheck.extraction.dates)."""

import datetime as dt

import pytest

from factcheck.extraction.dates import absolute, find_dates, periods, relative, seasons, years
from factcheck.extraction.dates.reference import Anchor, tense_cost
from factcheck.extraction.dates.selection import is_title, longest, trimmed
from factcheck.extraction.dates.tense import tense

FRI = dt.date(2021, 12, 10)  # a Friday, in the fourth quarter


def values(text, published=FRI):
    return {d.text: d.value for d in find_dates(text, published)}


# --- rules that drop a match --------------------------------------------------------------
# Each case: the rule, a text whose only date-like match the rule drops, and a near text whose
# date is kept (so the rule stays narrow).
REJECT_CASES = [
    pytest.param(
        absolute.is_first_name,
        "He wrote to April Glaspie.",
        "He wrote in April to Glaspie.",
        id="month: first name",
    ),
    pytest.param(
        absolute.is_ordinary_word,
        "March forward, he told them.",
        "March was cold.",
        id="month: ordinary word",
    ),
    pytest.param(
        absolute.is_modal_may,
        "Analysts said that May be too soon.",
        "Analysts said that May was too soon.",
        id="month: modal may",
    ),
    pytest.param(
        absolute.is_may_then_ordinal,
        "May first the board must agree.",
        "May 1 the board met.",
        id="month day: may then ordinal",
    ),
    pytest.param(
        seasons.lacks_determiner,
        "Spring is here.",
        "Prices rose this spring.",
        id="season: no determiner",
    ),
    pytest.param(
        seasons.is_verb_after_preposition,
        "Prices have risen since spring.",
        "Prices have risen since summer.",
        id="season: verb after preposition",
    ),
    pytest.param(
        seasons.is_of_phrase,
        "The fall in the dollar hurt exporters.",
        "The fall was cold.",
        id="season: of-phrase",
    ),
    pytest.param(
        seasons.is_compound,
        "The summer-long drought ended.",
        "The summer was long.",
        id="season: compound",
    ),
    pytest.param(
        periods.is_bare_period,
        "During the period, sales rose.",
        "During the same period, sales rose.",
        id="quarter: bare period",
    ),
    pytest.param(
        periods.lacks_determiner,
        "Dividends are paid each quarter.",
        "Dividends were paid in the quarter.",
        id="quarter: no determiner",
    ),
    pytest.param(
        periods.is_district,
        "Shops in the quarter of Montmartre closed.",
        "Shops closed in the quarter.",
        id="quarter: district",
    ),
    pytest.param(
        years.is_code_number,
        "He boarded flight 1989 to Rome.",
        "He boarded in 1989.",
        id="year: code",
    ),
    pytest.param(years.is_money, "He paid $ 2015 for it.", "He paid in 2015.", id="year: money"),
    pytest.param(
        years.is_percentage,
        "Inflation hit 1999 percent.",
        "Inflation hit a peak in 1999.",
        id="year: percentage",
    ),
    pytest.param(
        years.is_number_range,
        "Attendance fell from 2000 to 800.",
        "Output grew in 1990-95.",
        id="year: number range",
    ),
    pytest.param(
        years.is_count,
        "The plant employs 2000 workers.",
        "In 1988 profits rose.",
        id="year: count",
    ),
    pytest.param(
        years.is_part_of_name,
        "The joint venture is called Orion 1980.",
        "The joint venture began in 1980.",
        id="year: part of a name",
    ),
    pytest.param(
        relative.is_before_clause,
        "Two days after taking office, he resigned.",
        "Two days after the vote, he resigned.",
        id="ago: before a clause",
    ),
    pytest.param(
        relative.is_weekend_aside,
        "He said earlier in the weekend that talks failed.",
        "He said at the weekend that talks failed.",
        id="current unit: weekend aside",
    ),
    pytest.param(
        relative.is_the_day,
        "Twice in the day the alarm rang.",
        "Later in the day the alarm rang.",
        id="current unit: the day",
    ),
]
ANCHOR = "They met on May 3, 2020. "


@pytest.mark.parametrize("rule,dropped,kept", REJECT_CASES)
def test_reject_rule(rule, dropped, kept):
    assert values(ANCHOR + dropped) == {"May 3, 2020": "2020-05-03"}
    assert len(values(ANCHOR + kept)) == 2


def test_every_reject_rule_has_a_case():
    rules = {
        *absolute.MONTH_NAME_REJECTS,
        *seasons.SEASON_REJECTS,
        *periods.QUARTER_REJECTS,
        *years.YEAR_REJECTS,
        *relative.CURRENT_UNIT_REJECTS,
    }
    assert rules <= {case.values[0] for case in REJECT_CASES}


def test_capitalised_day_words_in_mid_sentence_are_titles():
    text = 'Baker, speaking on ABC News\' "This Week," said'
    assert is_title(text, text.index("This"))
    assert values(text) == {}
    assert values("This is VOA Today.") == {}
    assert values("Today, the council met.") == {"Today": "2021-12-10"}
    assert values("He left this week.") == {"this week": "2021-W49"}


# --- what relative dates count from --------------------------------------------------------


def test_before_after_and_later_count_from_the_anchor():
    text = ANCHOR + "Two days later, the deal was signed."
    assert values(text)["Two days later"] == "2020-05-05"
    assert relative.counts_from_anchor("later", "day")
    # "three years earlier" counts from today: only days and weeks "earlier" use the anchor.
    assert not relative.counts_from_anchor("earlier", "year")
    assert values("The plant had opened three years earlier.") == {"three years earlier": "2018"}


def test_counting_from_the_anchor_needs_an_anchor_fine_enough():
    assert values("They met in 2020. Two days later, the deal was signed.") == {"2020": "2020"}


def test_anchored_units_and_then():
    text = "They met in 2019. The following year they married."
    assert values(text)["The following year"] == "2020"
    assert values("The offer expires on Nov. 30. Until then, shares stay.")["then"] == "2021-11-30"
    assert values("Rebels attacked on May 3, 2020; the next day they left.")["the next day"] == (
        "2020-05-04"
    )


def test_quarters_and_vague_spans_do_not_become_the_anchor():
    text = "Sales rose in the third quarter. Two days later the chief resigned."
    assert values(text) == {"the third quarter": "2021-Q3"}


def test_anchor_keeps_the_granularity_of_its_value():
    anchor = Anchor()
    anchor.set("2020-05")
    assert anchor.value() == "2020-05" and anchor.day() is None
    anchor.set("PAST_REF")
    assert anchor.value() == "2020-05"
    anchor.set("2020-05-03")
    assert anchor.day() == dt.date(2020, 5, 3)


def test_tense_cost_prefers_the_past_and_forgives_near_misses():
    assert tense_cost(10, 0, 60) > tense_cost(-10, 0, 60)
    assert tense_cost(10, -1, 60) < tense_cost(100, -1, 60) / 6
    assert tense_cost(-10, 1, 60) == 31


# --- steps of the resolvers ------------------------------------------------------------------


def test_a_weekday_pins_the_year_of_a_month_and_day():
    assert values("The cabinet met on Saturday, April 25.") == {"Saturday, April 25": "2020-04-25"}


def test_month_and_day_without_year_follow_the_tense():
    assert values("The vote took place on February 20.") == {"February 20": "2021-02-20"}
    assert values("The vote will take place on February 20.") == {"February 20": "2022-02-20"}
    assert values("The vote takes place on December 20.") == {"December 20": "2021-12-20"}


def test_last_month_name_is_a_year_back_only_when_just_gone():
    assert values("He left last November.") == {"last November": "2020-11"}
    assert values("He left last October.") == {"last October": "2021-10"}
    assert values("He arrives next March.") == {"next March": "2022-03"}


def test_last_winter_is_this_years_only_from_april():
    assert values("Snow fell last winter.", dt.date(2022, 3, 10)) == {"last winter": "2021"}
    assert values("Snow fell last winter.", dt.date(2022, 5, 10)) == {"last winter": "2022"}
    assert values("Snow fell last summer.", dt.date(2022, 5, 10)) == {"last summer": "2021"}


def test_seasons_after_relative_determiners():
    pub = dt.date(2022, 1, 10)
    assert values("Rates rose in the past summer.", pub) == {"the past summer": "2021"}
    assert values("Rates will rise in the coming summer.", pub) == {"the coming summer": "2022"}


def test_quarter_years_and_ordinals():
    pub = dt.date(1989, 10, 26)  # fourth quarter
    assert values("Shares fell in the year-ago quarter.", pub) == {
        "the year-ago quarter": "1988-Q3"
    }
    assert values("Sales should grow next fiscal quarter.") == {"next fiscal quarter": "2022-Q1"}
    spring = dt.date(1989, 4, 20)
    assert values("Profit rose in the third quarter.", spring) == {"the third quarter": "1988-Q3"}
    assert values("Profit will rise in the third quarter.", spring) == {
        "the third quarter": "1989-Q3"
    }


def test_quarter_codes_halves_and_fiscal_years():
    assert values("Sales in Q3 rose; 4Q 2019 was flat.") == {"Q3": "2021-Q3", "4Q 2019": "2019-Q4"}
    assert values("Second-half profit rose.", dt.date(2022, 3, 1)) == {"Second-half": "2021-H2"}
    assert values("Sales grew in the first half of the year.") == {
        "the first half of the year": "2021-H1"
    }
    assert values("Profit in FY '98 and fiscal 21 rose.") == {"FY '98": "1998", "fiscal 21": "2021"}


def test_counts_of_units():
    assert values("Prices rose several years ago.") == {"several years ago": "PAST_REF"}
    assert values("The bonds will be redeemed in five years.") == {"five years": "2026"}
    assert values("It was the first time in five years.") == {}
    assert values("Profit beat the year-ago figure.") == {"year-ago": "2020"}


def test_ends_and_current_periods():
    assert values("Shops close at year-end.") == {"at year-end": "2021"}
    assert values("Troops leave by the end of next month.") == {
        "by the end of next month": "2022-01-31"
    }
    assert values("He said at the weekend that talks failed.") == {"the weekend": "2021-W48-WE"}
    assert values("Sales rose over the whole month.") == {"the whole month": "2021-12"}


def test_day_words_and_adjacent_days():
    assert values("Shots were heard last night.") == {"last night": "2021-12-09"}
    assert values("A meeting is set for mid-afternoon.") == {"mid-afternoon": "2021-12-10"}
    assert values("They met the previous day.") == {"the previous day": "2021-12-09"}


def test_the_previous_weekday_counts_from_the_anchor_day():
    text = "Rebels attacked on Wednesday, May 6, 2020. The previous Monday was calm."
    assert values(text)["The previous Monday"] == "2020-05-04"
    assert values("He resigned last Friday.") == {"last Friday": "2021-12-03"}


def test_holidays_take_the_likeliest_year():
    assert values("The family gathered at Christmas.", dt.date(2022, 1, 10)) == {
        "Christmas": "2021-12-25"
    }
    assert values("Shops reopen after Thanksgiving.") == {"Thanksgiving": "2021-11-25"}


def test_years_decades_and_centuries():
    assert values("He left in nineteen ninety-six.") == {"nineteen ninety-six": "1996"}
    assert values("Rents rose in the late sixties and the '90s.") == {
        "the late sixties": "196",
        "the '90s": "199",
    }
    assert values("Sixties music") == {}
    assert values("the twenty-first century") == {"the twenty-first century": "20"}


def test_clock_times():
    assert values("Polls close at 10:30 pm EST.") == {"10:30 pm EST": "2021-12-10T22:30"}
    assert values("The curfew starts at 13 pm.") == {}


# --- choosing and trimming matches -----------------------------------------------------------


def test_longest_match_wins_and_ties_go_to_the_earlier_pattern():
    cands = [(0, 4, 5, "b", None), (0, 4, 2, "a", None), (2, 9, 9, "c", None)]
    assert [c[3] for c in longest(cands)] == ["c"]
    cands = [(0, 4, 5, "b", None), (0, 4, 2, "a", None), (5, 9, 9, "c", None)]
    assert [c[3] for c in longest(cands)] == ["a", "c"]


def test_trimmed_drops_spaces_and_commas():
    assert trimmed(" , May 3, ", 0, 10) == (3, 8)


# --- the tense guess ----------------------------------------------------------------------


def at(text, word):
    return tense(text, text.index(word), text.index(word) + len(word))


def test_to_before_a_verb_points_forward():
    assert at("He agreed to sell the unit in February.", "February") == 1
    assert at("He sent the dividend to holders in February.", "February") == -1


def test_to_counts_only_after_is_when_infinitives_are_off():
    text = "He agreed to sell the unit on Tuesday."
    assert tense(text, text.index("Tuesday"), len(text) - 1, infinitive=False) == -1
    text = "The vote is to take place on Tuesday."
    assert tense(text, text.index("Tuesday"), len(text) - 1, infinitive=False) == 1


def test_plan_points_forward_only_before_to():
    assert at("The company plans to close the plant in March.", "March") == 1
    assert at("The plan was approved in March.", "March") == -1


def test_ed_words_after_determiners_are_adjectives():
    assert at("It is a still unspecified date in March.", "March") == 0
    assert at("The firm has delayed the vote until March.", "March") == 1
    assert at("The vote was delayed in March.", "March") == -1
    assert at("Officials have delayed it in March.", "March") == -1


def test_participles_after_auxiliaries_let_the_auxiliary_decide():
    assert at("The talks will be held in March.", "March") == 1
    assert at("They held talks in March.", "March") == -1

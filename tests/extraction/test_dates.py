"""Unit tests for date finding and normalisation (factcheck.extraction.dates)."""

import datetime as dt

import pytest

from factcheck.extraction.dates import find_dates
from factcheck.extraction.dates.tense import tense
from factcheck.extraction.dates.words import spelled_year, word_number
from tests.support import grows_linearly

FRI = dt.date(2021, 12, 10)  # a Friday
THU = dt.date(1998, 1, 8)  # a Thursday


def values(text, published=FRI):
    return {d.text: d.value for d in find_dates(text, published)}


def only(text, published=FRI):
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


# --- absolute dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The strike came on January 3, 2020, near the airport.", "2020-01-03"),
        ("Troops must leave by December 31, 2021, the statement said.", "2021-12-31"),
        ("The company was founded on 3 January 1999 in Leeds.", "1999-01-03"),
        ("The rule took effect 2021-11-01.", "2021-11-01"),
        ("The contract expires 12/31/2022.", "2022-12-31"),
        ("He was born on Sept. 27, 1950.", "1950-09-27"),
        ("The cabinet met on Saturday, April 25, 1998.", "1998-04-25"),
    ],
)
def test_full_dates(text, expected):
    d = only(text)
    assert d.value == expected
    assert d.relative is False
    assert text[d.start : d.end] == d.text


def test_year_stays_a_year_and_month_stays_a_month():
    assert values("Resistance groups defeated Daesh in 2017.") == {"2017": "2017"}
    assert values("The plant closed in March 1996 for good.") == {"March 1996": "1996-03"}
    assert values("since the 2020 assassination of the commander") == {"2020": "2020"}


def test_offsets_index_the_text_exactly():
    text = "Intro line\n\n“Quoted,” he said on July 26 — and again in October."
    for d in find_dates(text, FRI):
        assert text[d.start : d.end] == d.text


# --- dates resolved against the publication date ------------------------------------------


def test_month_day_without_year_takes_the_publication_year():
    d = only("Baghdad and Washington said in a joint statement on July 26.")
    assert d.value == "2021-07-26"
    assert d.relative is True


def test_bare_month_resolves_to_most_recent_past_in_past_clause():
    assert values("In October, the group said it would use all weapons.") == {"October": "2021-10"}
    # Said in January of a year about October: the October just gone, not the coming one.
    assert values("Her flats were worth a fortune in October.", THU) == {"October": "1997-10"}


def test_bare_month_in_future_clause_looks_ahead():
    assert values("The merger will close in February.") == {"February": "2022-02"}


def test_relative_years_and_seasons():
    v = values("Leaders declared last summer that the mission ends by the end of the year.")
    assert v["last summer"] == "2021"
    assert v["by the end of the year"] == "2021-12-31"
    assert values("the commander killed early last year") == {"early last year": "2020"}
    assert values("Plans drawn up this year") == {"this year": "2021"}
    assert values("a referendum next year") == {"next year": "2022"}


def test_end_of_year_variants_are_the_last_day():
    for phrase in ("by the end of this year", "by the end of the current year"):
        assert values(f"They must withdraw {phrase}.") == {phrase: "2021-12-31"}


def test_weekdays_resolve_to_the_nearest_past_day_unless_future():
    assert values("It was broadcast on Thursday evening.")["Thursday evening"] == "2021-12-09"
    assert values("Kirby conceded in his remarks on Thursday.") == {"Thursday": "2021-12-09"}
    assert values("Police found the body Friday.") == {"Friday": "2021-12-10"}
    assert values("The minister will visit Kabul on Tuesday.") == {"Tuesday": "2021-12-14"}
    assert values("He resigned last Friday.") == {"last Friday": "2021-12-03"}


def test_day_words():
    v = values("He arrived yesterday, spoke today and leaves tomorrow.")
    assert v == {"yesterday": "2021-12-09", "today": "2021-12-10", "tomorrow": "2021-12-11"}
    assert values("Shots were heard last night.") == {"last night": "2021-12-09"}


def test_units_ago_and_relative_months_weeks():
    v = values("Three weeks ago the council voted, and last month it met again.")
    assert v["Three weeks ago"] == "2021-11-19"
    assert v["last month"] == "2021-11"
    assert values("Prices fell last week.") == {"last week": "2021-W48"}
    assert values("Five years ago the plant opened.") == {"Five years ago": "2016"}


def test_interval_after_an_anchor_date():
    text = (
        "They were killed on January 3, 2020, near the airport. "
        "Two days after the attack, lawmakers approved a bill."
    )
    v = values(text)
    assert v["January 3, 2020"] == "2020-01-03"
    assert v["Two days after"] == "2020-01-05"


def test_relative_flag():
    found = {d.text: d.relative for d in find_dates("In 2017 and last year.", FRI)}
    assert found == {"2017": False, "last year": True}


def test_without_publication_date_relative_values_stay_unresolved():
    text = "He left on July 26 and returned yesterday."
    found = {d.text: d.value for d in find_dates(text, None)}
    assert found["July 26"] == "XXXX-07-26"
    assert found["yesterday"] is None


# --- TimeML conventions -------------------------------------------------------------------


def test_quarters_decades_centuries_and_spelled_years():
    pub = dt.date(1989, 10, 26)
    v = values("Net rose in the third quarter and in the second quarter of 1988.", pub)
    assert v["the third quarter"] == "1989-Q3"
    assert v["the second quarter of 1988"] == "1988-Q2"
    assert values("Rents rose in the 1980s.") == {"the 1980s": "198"}
    assert values("the 11th century temple") == {"the 11th century": "10"}
    assert values("He left in nineteen ninety-six.") == {"nineteen ninety-six": "1996"}
    assert values("a promise to halve unemployment by the year two thousand") == {
        "the year two thousand": "2000"
    }


def test_fiscal_years_and_halves():
    assert values("Profit in fiscal 2020 and FY2021 rose.") == {
        "fiscal 2020": "2020",
        "FY2021": "2021",
    }
    assert values("Sales grew in the first half of 2021.") == {"the first half of 2021": "2021-H1"}


def test_weeks_are_iso_weeks():
    assert values("the week ahead", dt.date(1998, 1, 8)) == {}
    assert values("Talks resume this week.", dt.date(1998, 1, 8)) == {"this week": "1998-W02"}


def test_clock_times_holidays_and_anchored_days():
    assert values("The curfew starts at 9 p.m. and ends at noon.") == {
        "9 p.m.": "2021-12-10T21:00",
        "noon": "2021-12-10T12:00",
    }
    assert values("Shops reopened after Easter 2019.") == {"Easter 2019": "2019-04-21"}
    assert values("The family will gather on Christmas Day.") == {"Christmas Day": "2021-12-25"}
    v = values("Rebels attacked on May 3, 2020; the following day they withdrew.")
    assert v["the following day"] == "2020-05-04"
    v = values("The offer expires on Nov. 30. Until then, shares stay convertible.")
    assert v["then"] == "2021-11-30"


def test_vague_references_use_timeml_tokens():
    v = values("Rents rose in recent years and may fall in the coming months.")
    assert v == {"recent years": "PAST_REF", "the coming months": "FUTURE_REF"}


def test_month_day_with_relative_year():
    assert values("The election will be held on November 8 next year.") == {
        "November 8 next year": "2022-11-08"
    }


# --- things that are not dates ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The troops may be withdrawn.",
        "April Glaspie met Saddam Hussein.",
        "The plant employs 2000 workers and about 1999 contractors.",
        "Flight 1989 landed safely.",
        "He paid $2015 for the car.",
        "Inflation hit 1999%.",
        "A quarter of the voters abstained.",
        "The fall of the regime was swift.",
        "Spring is here and they fall behind.",
        "The joint venture is called Orion 1980.",
        "US military claims end of Iraq combat role but keeps 2500 troops",
    ],
)
def test_not_dates(text):
    assert find_dates(text, FRI) == []


def test_show_titles_are_not_dates():
    assert values('Baker, speaking on ABC News\' "This Week," said') == {}
    assert values("This is VOA Today.") == {}


# --- helpers ------------------------------------------------------------------------------


def test_number_and_year_words():
    assert word_number("twenty-one") == 21
    assert word_number("a couple of") == 2
    assert word_number("several") is None
    assert spelled_year("nineteen seventy-nine") == 1979
    assert spelled_year("nineteen oh five") == 1905
    assert spelled_year("the year two thousand and one") == 2001


def test_tense_guess():
    text = "The company said it will close the plant on Friday."
    assert tense(text, text.index("Friday"), text.index("Friday") + 6) == 1
    text = "The plant closed on Friday."
    assert tense(text, text.index("Friday"), text.index("Friday") + 6) == -1
    text = "The dividend will be paid Dec. 14."
    assert tense(text, text.index("Dec."), len(text) - 1) == 1


# --- robustness ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "blob",
    [
        lambda n: "".join(chr((i * 7919) % 256) for i in range(n)),
        lambda n: "the third-quarter year-ago fiscal 1989 quarter 1989 Friday May " * (n // 64),
        lambda n: "1" * n,
        lambda n: " " * n,
    ],
)
def test_huge_and_binary_text_takes_linear_work(blob):
    assert grows_linearly(lambda n: find_dates(blob(n), FRI), 50_000)


def test_seed_style_paragraph_finds_every_date_once():
    text = (
        "The US-Iraq agreement to pull out all American combat troops by the end of this year "
        "was devised back in July following demands after the assassination early last year."
    )
    assert values(text) == {
        "by the end of this year": "2021-12-31",
        "July": "2021-07",
        "early last year": "2020",
    }

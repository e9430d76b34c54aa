"""Speaker guesses from the extractor's name and role: pairs split, labels off, roles tied to
their group. Pure functions; no database."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.claims.speaker_names import SpeakerGuess, clean_name, guess_speakers
from factcheck.extraction import extract
from factcheck.extraction.lexicon.organisations import is_organisation_name, is_place_name
from tests.support import SHARED, needs_shared

PER, ORG = "person", "organisation"
KATAIB = "Iraq's anti-terror Kata'ib Hezbollah group"
NUJABA = "the country’s anti-terror Harakat Hezbollah al-Nujaba movement"


def names(name, role=None, earlier=()):
    return [(g.name, g.kind, g.role) for g in guess_speakers(name, role, earlier)]


# ----------------------------------------------------------------------------- the seed's


def test_seed_pair_of_people_with_their_roles():
    assert names("Joe Biden and Mustafa Al-Kadhimi", "US President; Iraq’s Prime Minister") == [
        ("Joe Biden", PER, "US President"),
        ("Mustafa Al-Kadhimi", PER, "Iraq’s Prime Minister"),
    ]


def test_seed_capitals_speak_for_their_governments():
    assert names("Baghdad and Washington") == [("Baghdad", ORG, None), ("Washington", ORG, None)]


@pytest.mark.parametrize(
    "raw,name",
    [(KATAIB, "Kata'ib Hezbollah"), (NUJABA, "Harakat Hezbollah al-Nujaba")],
)
def test_seed_labels_come_off_the_groups(raw, name):
    assert names(raw) == [(name, ORG, None)]


def test_seed_common_nouns_are_not_split():
    assert names("US military officials and observers") == [
        ("US military officials and observers", ORG, None)
    ]


def test_seed_the_groups_spokesman_is_the_latest_groups():
    earlier = ["The US military", "Baghdad and Washington", KATAIB, NUJABA]
    assert names("Nasr al-Shammari", "the group's spokesman", earlier) == [
        ("Nasr al-Shammari", PER, "spokesman of Harakat Hezbollah al-Nujaba")
    ]
    assert names("Nasr al-Shammari", "the group's spokesman", earlier[:3]) == [
        ("Nasr al-Shammari", PER, "spokesman of Kata'ib Hezbollah")
    ]


def test_seed_article_end_to_end():
    """Every speaker the extractor finds in the seed: no label survives, every pair splits."""
    path = needs_shared(SHARED / "eval" / "seed" / "article.txt", "the seed article")
    result = extract(path.read_text(encoding="utf-8"), dt.date(2021, 12, 10))
    guesses: list[SpeakerGuess] = []
    earlier: list[str] = []  # the organisations named so far, as the ingest would pass them
    for claim in result.claims:
        for a in claim.attributions:
            these = guess_speakers(a.speaker, a.role, earlier)
            guesses += these
            earlier += [g.name for g in these if g.kind == ORG]
    found = {(g.name, g.kind) for g in guesses}
    assert {
        ("Joe Biden", PER),
        ("Mustafa Al-Kadhimi", PER),
        ("Baghdad", ORG),
        ("Washington", ORG),
    } <= found
    assert {("Kata'ib Hezbollah", ORG), ("Harakat Hezbollah al-Nujaba", ORG)} <= found
    assert not any("anti-terror" in g.name for g in guesses)
    joined = {g.name for g in guesses if " and " in g.name}
    assert joined == {"US military officials and observers"}
    assert ("spokesman of Harakat Hezbollah al-Nujaba") in {g.role for g in guesses}


# ----------------------------------------------------------------------------- synthetic


@pytest.mark.parametrize(
    "name,role,expected",
    [
        # splitting
        (
            "Emmanuel Macron, Olaf Scholz and Rishi Sunak",
            None,
            [
                ("Emmanuel Macron", PER, None),
                ("Olaf Scholz", PER, None),
                ("Rishi Sunak", PER, None),
            ],
        ),
        (
            "Macron, Scholz, and Sunak",
            "French President; German Chancellor; British Prime Minister",
            [
                ("Macron", PER, "French President"),
                ("Scholz", PER, "German Chancellor"),
                ("Sunak", PER, "British Prime Minister"),
            ],
        ),
        ("Hamas and Israel", None, [("Hamas", ORG, None), ("Israel", ORG, None)]),
        ("Moscow and Kyiv", None, [("Moscow", ORG, None), ("Kyiv", ORG, None)]),
        (
            "the Bank of England and the Treasury",
            None,
            [("Bank of England", ORG, None), ("Treasury", ORG, None)],
        ),
        (
            "the Ministry of Defence and Jane Roe",
            None,
            [("Ministry of Defence", ORG, None), ("Jane Roe", PER, None)],
        ),
        (
            "the European Union and Nato",
            None,
            [("European Union", ORG, None), ("Nato", ORG, None)],
        ),
        # not split
        ("Bosnia and Herzegovina", None, [("Bosnia and Herzegovina", ORG, None)]),
        ("Ministry of Oil and Gas", None, [("Ministry of Oil and Gas", ORG, None)]),
        (
            "the Department of Health and Human Services",
            None,
            [("Department of Health and Human Services", ORG, None)],
        ),
        ("Johnson and Johnson", None, [("Johnson and Johnson", PER, None)]),
        (
            "Iraqi lawmakers and community leaders",
            None,
            [("Iraqi lawmakers and community leaders", ORG, None)],
        ),
        ("doctors and nurses", None, [("doctors and nurses", PER, None)]),
        ("Smith and Wesson", None, [("Smith and Wesson", PER, None)]),
        # roles that do not match the people one to one go to no one
        (
            "Jane Roe and John Doe",
            "economists",
            [("Jane Roe", PER, None), ("John Doe", PER, None)],
        ),
    ],
)
def test_splitting(name, role, expected):
    assert names(name, role) == expected


@pytest.mark.parametrize(
    "raw,clean,kind",
    [
        ("the notorious al-Qaeda group", "al-Qaeda", ORG),
        ("the so-called Islamic State group", "Islamic State", ORG),
        ("the Iran-backed Houthi movement", "Houthi", ORG),
        ("Daesh terrorist group", "Daesh", ORG),
        ("Britain's Foreign Office", "Foreign Office", ORG),
        ("Saudi Arabia’s pro-government Okaz newspaper", "Okaz", ORG),
        ("the self-styled Wagner group", "Wagner", ORG),
        ("The US military", "US military", ORG),
        # kept as written
        ("the US-led coalition", "US-led coalition", ORG),  # "US-led" is no name
        ("the anti-terror police", "the anti-terror police", ORG),  # no proper name to keep
        ("Moody's Investors Service", "Moody's Investors Service", ORG),  # Moody is no place
        ("McDonald's", "McDonald's", PER),
        ("The Hague", "The Hague", ORG),
        ("The New York Times", "The New York Times", ORG),
        ("Anti-Terror Police Unit", "Anti-Terror Police Unit", ORG),  # capitalised: its name
        ("Saudi Arabia's Crown Prince", "Saudi Arabia's Crown Prince", PER),  # a title, no name
        ("the group", "the group", ORG),
        ("Nasr al-Shammari", "Nasr al-Shammari", PER),
        ("Denzel Washington", "Denzel Washington", PER),
    ],
)
def test_labels_come_off_only_where_a_name_remains(raw, clean, kind):
    assert names(raw) == [(clean, kind, None)]
    assert clean_name(raw) == clean


@pytest.mark.parametrize(
    "role,earlier,resolved",
    [
        ("the group's spokesman", ["Hamas", "Washington"], "spokesman of Hamas"),  # no capital
        (
            "the movement’s deputy leader",
            ["the notorious al-Qaeda group"],
            "deputy leader of al-Qaeda",
        ),
        ("its spokeswoman", ["the Health Ministry"], "spokeswoman of Health Ministry"),
        (
            "the ministry's spokesman",
            ["the Health Ministry", "Hamas"],
            "spokesman of Health Ministry",  # a ministry must be called one
        ),
        ("the ministry's spokesman", ["Hamas"], "the ministry's spokesman"),
        ("the newspaper's editor", ["Hamas"], "the newspaper's editor"),
        ("the newspaper's editor", ["the Okaz newspaper", "Hamas"], "editor of Okaz"),
        ("the group's spokesman", [], "the group's spokesman"),  # nothing to point back to
        ("the group's spokesman", ["Baghdad", "Israel"], "the group's spokesman"),
        ("the country's president", ["Hamas"], "the country's president"),  # not an owner
        ("Pentagon spokesman", ["Hamas"], "Pentagon spokesman"),
    ],
)
def test_roles_point_back_to_the_organisation_named(role, earlier, resolved):
    assert names("Jane Roe", role, earlier) == [("Jane Roe", PER, resolved)]


@pytest.mark.parametrize("name", ["", "   ", "he", "They", "it"])
def test_no_speaker_from_nothing_or_a_pronoun(name):
    assert guess_speakers(name, "spokesman") == []


def test_the_guess_is_a_frozen_value():
    guess = guess_speakers("Jane Roe")[0]
    assert guess == SpeakerGuess("Jane Roe", "person", None)
    with pytest.raises(AttributeError):
        guess.name = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    "name,place",
    [
        ("Baghdad", True),
        ("the Kremlin", True),
        ("New Delhi", True),
        ("the United States", True),
        ("Iraq’s", False),
        ("Denzel Washington", False),
        ("Parisian", False),
    ],
)
def test_places_standing_for_governments(name, place):
    assert is_place_name(name) is place
    assert is_organisation_name(name) or not place

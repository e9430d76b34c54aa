"""The typed results and their JSON: the contract the command line prints and the scorer reads."""

from __future__ import annotations

import dataclasses

from factcheck.extraction import Attribution, Candidate, DateMention, Kind, Quantity
from factcheck.extraction.types import primary_kind

QUANTITY = Quantity(text="2,500 troops", start=6, end=18, value=2500.0, unit="troops")
DATE = DateMention(text="July 26", start=30, end=37, value="2021-07-26")
ATTRIBUTION = Attribution(
    speaker="John Kirby",
    speaker_text="Kirby",
    speaker_start=0,
    speaker_end=5,
    role=None,
    cue="said",
    direct=False,
    content="2,500 troops stay",
    content_start=6,
    content_end=23,
)


def test_every_field_reaches_the_json():
    for part in (DATE, ATTRIBUTION):
        assert part.to_json() == dataclasses.asdict(part)
    quantity = QUANTITY.to_json()
    assert set(quantity) == {f.name for f in dataclasses.fields(Quantity)} - {
        "low",
        "high",
        "is_range",
    }
    ranged = dataclasses.replace(QUANTITY, value=None, low=2000.0, high=3000.0, is_range=True)
    assert ranged.to_json().items() >= {"low": 2000.0, "high": 3000.0, "range": True}.items()


def test_a_candidate_carries_its_parts_into_the_json():
    candidate = Candidate(
        text="Kirby 2,500 troops stay on July 26.",
        start=0,
        end=38,
        score=0.9,
        kind=Kind.QUOTE,
        quantities=(QUANTITY,),
        dates=(DATE,),
        attributions=(ATTRIBUTION,),
    )
    data = candidate.to_json()
    assert data["kind"] == "quote"
    assert data["quantities"] == [QUANTITY.to_json()]
    assert data["dates"] == [DATE.to_json()]
    assert data["attributions"] == [ATTRIBUTION.to_json()]


def test_kind_precedence():
    assert primary_kind([QUANTITY], [DATE], [ATTRIBUTION]) == Kind.QUOTE
    assert primary_kind([QUANTITY], [DATE], []) == Kind.QUANTITY
    assert primary_kind([], [DATE], []) == Kind.DATE
    assert primary_kind() == Kind.STATEMENT

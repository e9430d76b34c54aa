"""What the extraction engine returns: frozen dataclasses, one per claim part, and their JSON.

The web app stores these, the command line prints `Extraction.to_json()`, and the shared scorer
reads that JSON (`extract_document`). Offsets are character offsets into the text as given.
Adding a part type means a dataclass here, a finder package, a field on `Candidate`, a line in
`primary_kind` and a model in the app (README, "Adding a claim part type").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """A claim's primary kind, from the parts it carries (see `primary_kind`)."""

    QUANTITY = "quantity"
    DATE = "date"
    QUOTE = "quote"
    STATEMENT = "statement"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with what it counts: "about 2,500 troops", "$3.2 billion", "40%"."""

    text: str
    start: int
    end: int
    value: float | None
    unit: str | None
    approximate: bool = False
    qualifier: str | None = None
    # "thousands of", "dozens": a size without a figure.
    vague: bool = False
    # Ranges ("$3 to $5 billion") only when asked for: value is None, low and high are set.
    low: float | None = None
    high: float | None = None
    is_range: bool = False

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "unit": self.unit,
            "approximate": self.approximate,
            "qualifier": self.qualifier,
            "vague": self.vague,
        }
        if self.is_range:
            out.update(low=self.low, high=self.high, range=True)
        return out


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or period with its normalised value ("2021-12-31", "2021-W49", "2021-Q3")."""

    text: str
    start: int
    end: int
    value: str | None
    # Resolved against the publication date ("last week", "on Tuesday").
    relative: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "relative": self.relative,
        }


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said what: the speaker as resolved and as written, the cue and the content."""

    speaker: str
    speaker_text: str
    speaker_start: int | None
    speaker_end: int | None
    role: str | None
    cue: str | None
    direct: bool
    content: str
    content_start: int
    content_end: int

    def to_json(self) -> dict[str, Any]:
        # Spelled out rather than dataclasses.asdict, which deep-copies every field (a few
        # percent of the whole engine's time).
        return {
            "speaker": self.speaker,
            "speaker_text": self.speaker_text,
            "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end,
            "role": self.role,
            "cue": self.cue,
            "direct": self.direct,
            "content": self.content,
            "content_start": self.content_start,
            "content_end": self.content_end,
        }


@dataclass(frozen=True, slots=True)
class Candidate:
    """A check-worthy unit of the text (a sentence, clause or quote) and the parts in it."""

    text: str
    start: int
    end: int
    score: float
    kind: Kind
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    attributions: tuple[Attribution, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "score": self.score,
            "kind": self.kind.value,
            "quantities": [q.to_json() for q in self.quantities],
            "dates": [d.to_json() for d in self.dates],
            "attributions": [a.to_json() for a in self.attributions],
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything found in one text."""

    claims: tuple[Candidate, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        """The command line's and the scorer's JSON contract: {"claims": [...]}."""
        return {"claims": [c.to_json() for c in self.claims]}


def primary_kind(quantities: object = (), dates: object = (), attributions: object = ()) -> Kind:
    """The one place kind precedence lives: a quote if someone is on the record, else a
    quantity, else a date, else a statement. Arguments are anything with a truth value."""
    if attributions:
        return Kind.QUOTE
    if quantities:
        return Kind.QUANTITY
    if dates:
        return Kind.DATE
    return Kind.STATEMENT

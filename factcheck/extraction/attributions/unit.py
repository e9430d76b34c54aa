"""A sentence unit and a reporting verb in it: what every pattern reads."""

from __future__ import annotations

from dataclasses import dataclass

from ..lexicon.speech import SAY
from .text import Tok


@dataclass(slots=True)
class Unit:
    """One sentence unit of a paragraph: toks[lo:hi] of the paragraph's tokens, in `text`."""

    text: str
    toks: list[Tok]
    lo: int
    hi: int


@dataclass(slots=True)
class Cue:
    """A reporting verb at toks[at] with its lemma and tense tag (base, s, ed, en or ing).
    `after` is the first token after the verb and its particle ('pointed out'), `before` the
    last token before its auxiliaries and adverbs ('has repeatedly said'), lo - 1 if none;
    `passive`, `saw_aux` and `saw_be` say what came between."""

    at: int
    after: int
    before: int
    lemma: str
    tag: str
    particle: bool
    passive: bool
    saw_aux: bool
    saw_be: bool

    @property
    def speech(self) -> bool:
        """A verb of saying, which may report content before it ('..., he said')."""
        return self.lemma in SAY

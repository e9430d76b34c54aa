"""The per-paragraph driver: every pattern over every unit, then speakers resolved."""

from __future__ import annotations

import bisect

from ..lexicon.speech import FORMS, SAY, STATEMENT_NOUNS
from ..types import Attribution
from .according import according_to
from .colon import PendingCue, colon_cue
from .continuations import continue_quotes
from .cues import cue_at
from .draft import Draft
from .headline import dash, headline
from .names import NameIndex, SpeakerResolver
from .nominal import statement_noun
from .text import Tok, tokenize, units
from .unit import Unit

# Words after a statement noun that may introduce what was stated: "his claim that ...".
_STATEMENT_LINKS = frozenset({"that", "of", "about"})


class Finder:
    """Finds the attributions of one text, paragraph by paragraph, in text order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.names = NameIndex(text)
        self.found: list[Draft] = []
        # The last paragraph with attributions, whose direct quote a quotation may continue.
        self.previous: list[Draft] = []
        # "Limbaugh added:" at the end of the previous paragraph.
        self.pending: PendingCue | None = None

    def paragraph(self, p0: int, p1: int) -> None:
        """Find the attributions of text[p0:p1]."""
        text = self.text
        toks = tokenize(text[p0:p1], p0)
        if not toks:
            return
        here: list[Draft] = []
        if self.pending is not None:
            here.append(self.pending.draft(text, toks))
            self.pending = None
        whole = headline(text, toks) or dash(text, toks)
        if whole is not None:
            here.append(whole)
        spans = units(toks)
        cues_seen: set[int] = set()
        for n, (lo, hi) in enumerate(spans):
            prev_q = None
            if n and toks[spans[n - 1][1] - 1].kind == "Q":
                prev_q = toks[spans[n - 1][1] - 1]
            self._unit(Unit(text, toks, lo, hi), prev_q, here, cues_seen)
        continue_quotes(text, toks, spans, here, self.previous)
        self.pending = colon_cue(Unit(text, toks, *spans[-1]))
        here.sort(key=lambda a: a.content_start)
        self.found.extend(here)
        if here:
            self.previous = here

    def _unit(self, unit: Unit, prev_q: Tok | None, here: list[Draft], seen: set[int]) -> None:
        """Find the attributions of one unit: at 'according to', a statement noun, or a form of
        a reporting verb; `seen` holds the paragraph's cue positions so far."""
        toks, hi = unit.toks, unit.hi
        in_unit: list[Draft] = []
        for i in range(unit.lo, hi):
            t = toks[i]
            if t.kind != "W":
                continue
            low = t.low
            if low == "according" and i + 1 < hi and toks[i + 1].low == "to":
                found = according_to(unit, i)
            elif t.text[0].islower() and (low in FORMS or low in STATEMENT_NOUNS):
                found = None
                if low in STATEMENT_NOUNS and i + 1 < hi and toks[i + 1].low in _STATEMENT_LINKS:
                    found = statement_noun(unit, i)
                if found is None and low in FORMS:
                    found = cue_at(unit, i, in_unit, prev_q)
            else:
                continue
            if found is not None and found.cue_pos not in seen:
                seen.add(found.cue_pos)
                in_unit.append(found)
                here.append(found)

    def finish(self) -> list[Attribution]:
        """The attributions with speakers resolved to full names and roles, pronouns to the
        latest person or group."""
        resolver = SpeakerResolver(self.names)
        spans = sorted((a.content_start, a.content_end, a.cue_pos) for a in self.found)
        out = []
        for a in self.found:
            # Thinking and evaluating verbs inside someone else's reported words are mostly
            # the reporter's paraphrase, not a further source.
            if a.lemma not in SAY and _inside(spans, a.speaker_start, a.cue_pos):
                continue
            out.append(a.attribution(*resolver.resolve(a.speaker, a.speaker_text)))
        return out


def _inside(spans: list[tuple[int, int, int]], pos: int, cue_pos: int) -> bool:
    """Is `pos` inside the content of another attribution (one with a different cue)?"""
    i = bisect.bisect_right(spans, (pos, float("inf"), 0))
    return any(s <= pos < e and c != cue_pos for s, e, c in reversed(spans[max(0, i - 40) : i]))

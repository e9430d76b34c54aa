"""Continuations: a quotation with no cue of its own continues the nearest speaker's words."""

from __future__ import annotations

from .draft import Draft
from .text import Tok


def continue_quotes(
    text: str,
    toks: list[Tok],
    spans: list[tuple[int, int]],
    here: list[Draft],
    previous: list[Draft],
) -> None:
    """Give each unit that is one quotation to a speaker: within a paragraph it joins its
    neighbour ('"A," he said. "B."' is one passage); opening a paragraph, it continues the
    previous paragraph's last direct quote as an attribution of its own."""
    for lo, hi in spans:
        lone = _lone_quotation(text, toks, lo, hi)
        if lone is None:
            continue
        q, words = lone
        if any(a.content_start < q.inner[1] and q.inner[0] < a.content_end for a in here):
            continue
        before = [a for a in here if a.content_start < q.start and a.cue != ":"]
        after = [a for a in here if a.content_start > q.start and a.direct]
        if before:
            before[-1].widen(text, q.start, q.inner[1])
        elif after:
            after[0].widen(text, q.inner[0], after[0].content_end)
        elif (
            previous and previous[-1].direct and lo == 0 and words >= 5 and q.text[:1] not in "'‘’"
        ):
            carried = previous[-1].copy()
            carried.set_content(text, q.inner[0], q.inner[1], True)
            carried.cue_pos = -q.start
            here.append(carried)


def _lone_quotation(text: str, toks: list[Tok], lo: int, hi: int) -> tuple[Tok, int] | None:
    """The unit's one quotation and its word count, when the unit opens with it, it has three
    words or more and it makes most of the unit."""
    qs = [t for t in toks[lo:hi] if t.kind == "Q"]
    if len(qs) != 1:
        return None
    q = qs[0]
    words = len(text[q.inner[0] : q.inner[1]].split())
    if words < 3 or toks[lo] is not q or q.end - q.start < 0.6 * (toks[hi - 1].end - q.start):
        return None
    return q, words

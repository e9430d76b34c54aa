"""Short excerpts of a third-party article around its checked claims.

The public verdict summary quotes only what a reader needs to see a claim in context, never the
whole article: the claim's sentence with at most one sentence, and at most CONTEXT_MAX
characters, on each side, within its paragraph, page furniture left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..claims.spans import paragraph_bounds
from ..extraction.segment import furniture_flags, sentences

CONTEXT_MAX = 200
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Excerpt:
    before: str
    claim: str
    after: str
    # Text of the same paragraph is left out before / after the excerpt ("…").
    cut_before: bool
    cut_after: bool


def excerpt(body: str, start: int, end: int) -> Excerpt:
    """The excerpt of `body` around the claim at [start, end); never raises."""
    p_start, p_end = paragraph_bounds(body, start, end)
    paragraph = body[p_start:p_end]
    found = sentences(paragraph)
    spans = [(s + p_start, e + p_start) for s, e in found]
    furniture = furniture_flags(paragraph, found)
    lo, hi = _sentence_around(spans, start, end)
    # One more sentence each side, unless it belongs to the page rather than the story.
    prev = [i for i, (_, e) in enumerate(spans) if e <= lo]
    if prev and not furniture[prev[-1]]:
        lo = spans[prev[-1]][0]
    nxt = [i for i, (s, _) in enumerate(spans) if s >= hi]
    if nxt and not furniture[nxt[0]]:
        hi = spans[nxt[0]][1]
    before, after = _flat(body[lo:start]).lstrip(), _flat(body[end:hi]).rstrip()
    cut_before = bool(body[p_start:lo].strip())
    cut_after = bool(body[hi:p_end].strip())
    if len(before) > CONTEXT_MAX:
        before, cut_before = _tail(before), True
    if len(after) > CONTEXT_MAX:
        after, cut_after = _head(after), True
    return Excerpt(before, " ".join(body[start:end].split()), after, cut_before, cut_after)


def _sentence_around(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """From the start of the sentence the claim starts in to the end of the one it ends in."""
    lo = next((s for s, e in spans if s <= start < e), start)
    hi = next((e for s, e in spans if s < end <= e), end)
    return min(lo, start), max(hi, end)


def _flat(text: str) -> str:
    """Runs of white space (line breaks too) as one space, keeping a space at either end."""
    return _SPACE.sub(" ", text)


def _tail(text: str) -> str:
    """The last CONTEXT_MAX characters of `text` or fewer, starting at a word."""
    cut = text[-CONTEXT_MAX:]
    if not text[-CONTEXT_MAX - 1].isspace():
        cut = cut.partition(" ")[2]
    return cut.lstrip()


def _head(text: str) -> str:
    """The first CONTEXT_MAX characters of `text` or fewer, ending at a word."""
    cut = text[:CONTEXT_MAX]
    if not text[CONTEXT_MAX].isspace():
        cut = cut.rpartition(" ")[0]
    return cut.rstrip()

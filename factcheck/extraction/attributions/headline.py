"""Headline and dash lines: 'Pence: Flowers won't be at debate', '“...” ― Dana Whitfield'."""

from __future__ import annotations

import re

from .draft import Draft, make_draft
from .text import Tok
from .words import DASHES, HEADLINE_LABELS

# One to five capitalised words, a colon, and at least one word: "WALLACE: ...".
_HEADLINE = re.compile(
    r"[\"“”']?([A-Z][\w.'’-]*(?:[ \u00a0][A-Z][\w.'’-]*){0,4}):[ \u00a0]+(\S[^\n]*)"
)


def headline(text: str, toks: list[Tok]) -> Draft | None:
    """A paragraph that is a name, a colon and what they said: 'Pence: Flowers won't be at
    debate' and transcript lines 'WALLACE: ...' (not labels such as 'Update:' or 'Photo:')."""
    m = _HEADLINE.match(text, toks[0].start, toks[-1].end)
    if not m or any(w.lower().strip(".") in HEADLINE_LABELS for w in m.group(1).split()[:2]):
        return None
    if len(m.group(1)) < 3 or len(m.group(2).split()) < 3:
        return None
    return make_draft(text, m.span(1), m.span(2), False, cue=":", cue_pos=m.end(1))


def dash(text: str, toks: list[Tok]) -> Draft | None:
    """A quotation, a dash and a short capitalised name at a paragraph's end: '“...” ― Name'."""
    for i, t in enumerate(toks[:-1]):
        if t.kind == "Q" and toks[i + 1].text in DASHES and 1 <= len(toks) - i - 2 <= 8:
            rest = toks[i + 2 :]
            if rest[0].kind == "W" and rest[0].text[0].isupper():
                return make_draft(
                    text,
                    (rest[0].start, rest[-1].end),
                    t.inner,
                    True,
                    cue=toks[i + 1].text,
                    cue_pos=toks[i + 1].start,
                )
    return None

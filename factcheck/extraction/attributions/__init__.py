"""Attributions: who said what, in direct quotes and reported speech.

The text is read paragraph by paragraph, since quotations may span sentences but not
paragraphs: `text` turns a paragraph into tokens, each top-level quotation one token, and into
sentence units that never split a quotation. In each unit, `cues` reads every form of a
reporting verb and hands it to the pattern that fits ('Smith said', '"...," said Smith',
'Smith, a spokesman, said', '..., saying'); 'according to', statement nouns ('his claim that'),
headline lines ('Pence: ...'), dash lines ('"..." ― Name'), a cue before a colon at a
paragraph's end and quotations that continue a speaker's words have patterns of their own.
`content` decides where what follows a cue ends and `phrases` walks noun phrases; `finder`
drives all this and then `names` resolves speakers to full names, roles and pronouns.

Offsets are character offsets into the text as given. Token indices follow one convention
throughout: a unit is toks[lo:hi]; for a cue at toks[i], toks[k] is the first token after the
verb and its particle and toks[j] the last before its auxiliaries and adverbs.
"""

from __future__ import annotations

import re

from ..types import Attribution
from .finder import Finder

__all__ = ["find_attributions"]

_PARAGRAPH = re.compile(r"[^\n]+")


def find_attributions(text: str) -> list[Attribution]:
    """Return direct and reported speech with speaker, role, cue and content spans."""
    finder = Finder(text)
    for m in _PARAGRAPH.finditer(text):
        if m.group().strip():
            finder.paragraph(m.start(), m.end())
    return finder.finish()

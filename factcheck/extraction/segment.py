"""Sentences, paragraphs and page furniture."""
from __future__ import annotations

import re

_SENT_END = re.compile(r"""(?<=[.!?])["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])""")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Jr|Sr|Inc|Ltd|Co|Corp|"
                     r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|vs|U\.S|U\.N|a\.m|p\.m)|"
                     r"\b[A-Z])\.$")
_FURNITURE = re.compile(
    r"^(?:share (?:this|on)|follow us|subscribe|sign up|read more|related|advertisement|"
    r"all rights reserved|copyright|©|photo|file photo|by [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}$)",
    re.IGNORECASE)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of non-blank lines or blank-line separated blocks."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of sentences, never crossing a paragraph boundary."""
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs(text):
        block = text[p_start:p_end]
        start = 0
        for m in _SENT_END.finditer(block):
            if _ABBREV.search(block[start:m.start()]):
                continue
            spans.append((p_start + start, p_start + m.start()))
            start = m.end()
        spans.append((p_start + start, p_end))
    return _strip(text, spans)


def _strip(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def is_furniture(sentence: str) -> bool:
    """True for breadcrumbs, bylines, captions and share/subscribe boilerplate."""
    s = sentence.strip()
    if not s:
        return True
    if s.count("/") >= 2 and len(s.split()) <= 12:
        return True
    return bool(_FURNITURE.match(s))

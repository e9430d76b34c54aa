"""Tokens, quotations and sentence units for attribution finding."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .attrib_lexicon import FORMS, SAY

# Straight, curly and low double quotes, and the typewriter '' pair some archives use.
_DQ = re.compile(r"''|[\"“”„‟«»]")
_SQ = re.compile(r"['‘’]")
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*%?|[^\W_]+(?:[’'\-.&][^\W_]+)*|\S", re.UNICODE)
_OPEN_AFTER = set(" \t\n([{—–-/:;,")
_ABBREV = set(
    """mr mrs ms dr prof sen rep reps gov gen col lt sgt st jr sr inc ltd co corp jan feb mar apr
    jun jul aug sep sept oct nov dec no vs u.s u.n u.k a.m p.m rev capt cmdr adm maj pres supt
    ft mt e.g i.e d.c r-n.y d-n.y fla calif mass ariz wis mich penn va ky tenn ga ala conn md mo
    nev okla ore wash minn ill ind kan colo del neb ark miss vt n.h n.j n.c s.c""".split()
)


# Party and state after a politician's name: "R-Ky.", "D-N.Y."
_PARTY_STATE = re.compile(r"[RDI]-[A-Z][A-Za-z.]{0,5}")


MAX_UNIT = 160
SAYING_FORMS = {f for f, (lemma, tag) in FORMS.items() if lemma in SAY and tag in ("ed", "s")}


@dataclass
class Tok:
    """A word, a punctuation mark, or a whole quotation ('Q')."""

    kind: str  # "W", "P" or "Q"
    text: str
    start: int
    end: int
    inner: tuple[int, int] = (0, 0)  # for Q: the span between the quote marks
    closed: bool = True

    @property
    def low(self) -> str:
        return self.text.lower()


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def quotations(para: str) -> list[tuple[int, int, int, int, bool]]:
    """Top-level quotations in one paragraph: (open, inner_start, inner_end, close_end, closed)."""
    marks = []
    for m in _DQ.finditer(para):
        i, ch = m.start(), m.group()
        prev = para[i - 1] if i else " "
        nxt = para[m.end()] if m.end() < len(para) else " "
        if ch in "“„‟«":
            role = (
                "close"
                if _is_space(nxt) and not _is_space(prev) and prev not in _OPEN_AFTER
                else "open"
            )
        elif not para[:i].strip():
            role = "open"  # a paragraph's first mark opens, whatever its shape
        elif ch in "”»":
            role = "open" if (prev in _OPEN_AFTER or not i) and not _is_space(nxt) else "close"
        elif (prev in _OPEN_AFTER or not i) and not _is_space(nxt):
            role = "open"
        elif _is_space(nxt) or not (nxt.isalnum()):
            role = "close"
        else:
            role = "either"
        marks.append((i, m.end(), role))
    if not marks:
        return _single_quotes(para)
    spans = []
    depth = 0
    start = None
    for i, j, role in marks:
        if role == "either":
            role = "close" if depth else "open"
        if role == "open":
            if depth == 0:
                start = (i, j)
            depth += 1
            # Straight quotes cannot nest: a second straight opener means the first was a closer.
            if depth > 1 and para[i] in "\"'" and para[start[0]] in "\"'":
                depth = 0
                spans.append((start[0], start[1], i, j, True))
                start = None
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start[0], start[1], i, j, True))
                start = None
    if start is not None:
        end = len(para.rstrip())
        spans.append((start[0], start[1], end, end, False))
    return spans


def _single_quotes(para: str) -> list[tuple[int, int, int, int, bool]]:
    spans = []
    start = None
    for m in _SQ.finditer(para):
        i = m.start()
        prev = para[i - 1] if i else " "
        nxt = para[i + 1] if i + 1 < len(para) else " "
        if start is None:
            if (prev in _OPEN_AFTER or not i) and nxt.isalpha() and m.group() in "'‘":
                start = i
        elif (_is_space(nxt) or (not nxt.isalnum())) and not _is_space(prev):
            if i - start > 2:
                spans.append((start, start + 1, i, i + 1, True))
            start = None
    return spans


def tokenize(para: str, base: int = 0) -> list[Tok]:
    """Tokens of a paragraph with every top-level quotation as one 'Q' token; offsets add `base`."""
    toks: list[Tok] = []
    pos = 0
    for q0, q1, q2, q3, closed in quotations(para):
        for m in _TOKEN.finditer(para, pos, q0):
            toks.append(_tok(m, base))
        toks.append(Tok("Q", para[q0:q3], base + q0, base + q3, (base + q1, base + q2), closed))
        pos = q3
    for m in _TOKEN.finditer(para, pos):
        toks.append(_tok(m, base))
    return toks


def _tok(m: re.Match, base: int) -> Tok:
    t = m.group()
    return Tok("W" if t[0].isalnum() else "P", t, base + m.start(), base + m.end())


def is_abbrev(tok: Tok) -> bool:
    """True if a following '.' belongs to this word (titles, initials, state abbreviations)."""
    low = tok.low
    return (
        low in _ABBREV
        or (len(tok.text) == 1 and tok.text.isupper())
        or ("." in low and len(low) <= 6)
        or bool(_PARTY_STATE.fullmatch(tok.text))
    )


def units(toks: list[Tok]) -> list[tuple[int, int]]:
    """Split a paragraph's tokens into sentence units (lo, hi) without breaking quotations."""
    out = []
    lo = 0
    n = len(toks)
    for i, t in enumerate(toks):
        if i + 1 >= n:
            break
        nxt = toks[i + 1]
        starts = (
            nxt.kind == "Q" or nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text in "(‘'"
        )
        if not starts:
            continue
        if t.kind == "P" and t.text in ".!?…":
            if (
                t.text == "."
                and i > lo
                and toks[i - 1].kind == "W"
                and toks[i - 1].end == t.start
                and is_abbrev(toks[i - 1])
                and not _sentence_starter(nxt)
            ):
                continue
            out.append((lo, i + 1))
            lo = i + 1
        elif t.kind == "Q" and t.closed:
            inner = t.text.rstrip("\"“”„‟'’ \u00a0")
            if (
                inner.endswith((".", "!", "?"))
                and nxt.kind == "W"
                and (_sentence_starter(nxt) or not _says_next(toks, i + 1))
            ):
                out.append((lo, i + 1))
                lo = i + 1
    if lo < n:
        out.append((lo, n))
    # Bound the work per unit: real sentences are far shorter than this.
    capped = []
    for a, b in out:
        while b - a > MAX_UNIT:
            capped.append((a, a + MAX_UNIT))
            a += MAX_UNIT
        capped.append((a, b))
    return capped


def _says_next(toks: list[Tok], i: int) -> bool:
    """Does a short clause with a verb of saying follow ('... ?" Smith asked.')?"""
    for t in toks[i : i + 10]:
        if t.kind != "W":
            if t.text in ".!?" or t.kind == "Q":
                return False
            continue
        if t.low in SAYING_FORMS:
            return True
    return False


_STARTERS = set(
    """the a an but and he she it they we i in on this that there his her their its our as at for
    if when while after before so yet still now then one some many most according asked what why
    how who those these instead""".split()
)


def _sentence_starter(tok: Tok) -> bool:
    return tok.low in _STARTERS

"""Tokens, quotations and sentence units: the paragraph as the patterns read it."""

from __future__ import annotations

import re

from ..lexicon.abbreviations import WORD_ABBREVIATIONS
from ..lexicon.speech import FORMS, SAYING_FORMS
from .words import AUX, BE, CONJ, LY_NOUNS, SENTENCE_STARTERS

# Straight, curly and low double quotes, and the typewriter '' pair some archives use.
_DQ = re.compile(r"''|[\"“”„‟«»]")
_SQ = re.compile(r"['‘’]")
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*%?|[^\W_]+(?:[’'\-.&][^\W_]+)*|\S", re.UNICODE)
_OPEN_AFTER = frozenset(" \t\n([{—–-/:;,")
# Party and state after a politician's name: "R-Ky.", "D-N.Y."
_PARTY_STATE = re.compile(r"[RDI]-[A-Z][A-Za-z.]{0,5}")

MAX_UNIT = 160
_NOT_NOUNS = AUX | BE | CONJ


class Tok:
    """A word ('W'), a punctuation mark ('P') or a whole quotation ('Q'), with its offsets in
    the text; `low` is the text in lower case, `inner` a quotation's span between its marks."""

    __slots__ = ("closed", "end", "inner", "kind", "low", "start", "text")

    def __init__(
        self,
        kind: str,
        text: str,
        start: int,
        end: int,
        inner: tuple[int, int] = (0, 0),
        closed: bool = True,
    ) -> None:
        self.kind = kind
        self.text = text
        self.low = text.lower()
        self.start = start
        self.end = end
        self.inner = inner
        self.closed = closed

    def __repr__(self) -> str:
        return f"Tok({self.kind!r}, {self.text!r}, {self.start}, {self.end})"


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def quotations(para: str) -> list[tuple[int, int, int, int, bool]]:
    """Top-level quotations in one paragraph: (open, inner_start, inner_end, close_end, closed)."""
    # A paragraph's first mark opens, whatever its shape.
    first = len(para) - len(para.lstrip())
    marks = [
        (m.start(), m.end(), "open" if m.start() <= first else _role(para, m.start(), m.end()))
        for m in _DQ.finditer(para)
    ]
    if not marks:
        return _single_quotes(para)
    return _pair_marks(para, marks)


def _role(para: str, i: int, j: int) -> str:
    """'open', 'close' or 'either' for the double quote mark para[i:j], from its shape and the
    characters around it."""
    ch = para[i:j]
    prev = para[i - 1] if i else " "
    nxt = para[j] if j < len(para) else " "
    if ch in "“„‟«":
        opens = not (_is_space(nxt) and not _is_space(prev) and prev not in _OPEN_AFTER)
        return "open" if opens else "close"
    after_opener = (prev in _OPEN_AFTER or not i) and not _is_space(nxt)
    if ch in "”»":
        return "open" if after_opener else "close"
    if after_opener:
        return "open"
    if _is_space(nxt) or not nxt.isalnum():
        return "close"
    return "either"


def _pair_marks(
    para: str, marks: list[tuple[int, int, str]]
) -> list[tuple[int, int, int, int, bool]]:
    """Pair opening and closing marks into top-level quotations; one left open runs to the end."""
    spans = []
    depth = 0
    start = (0, 0)
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
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start[0], start[1], i, j, True))
    if depth:
        end = len(para.rstrip())
        spans.append((start[0], start[1], end, end, False))
    return spans


def _single_quotes(para: str) -> list[tuple[int, int, int, int, bool]]:
    """Quotations in single marks, read only when a paragraph has no double ones."""
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
        _add_words(toks, para, pos, q0, base)
        toks.append(Tok("Q", para[q0:q3], base + q0, base + q3, (base + q1, base + q2), closed))
        pos = q3
    _add_words(toks, para, pos, len(para), base)
    return toks


def _add_words(toks: list[Tok], para: str, pos: int, end: int, base: int) -> None:
    """Append the words and punctuation marks of para[pos:end]."""
    append = toks.append
    for m in _TOKEN.finditer(para, pos, end):
        t = m.group()
        s, e = m.span()
        append(Tok("W" if t[0].isalnum() else "P", t, base + s, base + e))


def is_abbrev(tok: Tok) -> bool:
    """True if a following '.' belongs to this word (titles, initials, state abbreviations)."""
    low = tok.low
    return (
        low in WORD_ABBREVIATIONS
        or (len(tok.text) == 1 and tok.text.isupper())
        or ("." in low and len(low) <= 6)
        or bool(_PARTY_STATE.fullmatch(tok.text))
    )


def units(toks: list[Tok]) -> list[tuple[int, int]]:
    """Split a paragraph's tokens into sentence units (lo, hi) without breaking quotations."""
    out = []
    lo = 0
    n = len(toks)
    for i in range(n - 1):
        nxt = toks[i + 1]
        if not (
            nxt.kind == "Q" or nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text in "(‘'"
        ):
            continue
        t = toks[i]
        if t.kind == "P" and t.text in ".!?…":
            if t.text == "." and _abbreviation_dot(toks, lo, i):
                continue
        elif not (t.kind == "Q" and t.closed and _quote_ends_sentence(toks, i)):
            continue
        out.append((lo, i + 1))
        lo = i + 1
    if lo < n:
        out.append((lo, n))
    return _capped(out)


def _abbreviation_dot(toks: list[Tok], lo: int, i: int) -> bool:
    """Does the full stop toks[i] belong to the word before it ("Sen. Smith"), so that the
    unit goes on? Not when a sentence starter follows ("in the U.S. The ...")."""
    word = toks[i - 1]
    return (
        i > lo
        and word.kind == "W"
        and word.end == toks[i].start
        and is_abbrev(word)
        and not _sentence_starter(toks[i + 1])
    )


def _quote_ends_sentence(toks: list[Tok], i: int) -> bool:
    """Does the quotation toks[i] end its sentence? Not when its cue follows ('"...?" Smith
    asked.'), unless the next word starts a sentence."""
    inner = toks[i].text.rstrip("\"“”„‟'’ \u00a0")
    nxt = toks[i + 1]
    return (
        inner.endswith((".", "!", "?"))
        and nxt.kind == "W"
        and (_sentence_starter(nxt) or not _says_next(toks, i + 1))
    )


def _capped(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Bound the work per unit: real sentences are far shorter than MAX_UNIT tokens."""
    capped = []
    for a, b in spans:
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


def _sentence_starter(tok: Tok) -> bool:
    """Does this word start a sentence even after an abbreviation?"""
    return tok.low in SENTENCE_STARTERS


def is_ly_adverb(tok: Tok) -> bool:
    """A lowercase -ly adverb (not a name like 'Reilly' or a noun like 'family')."""
    return (
        tok.text[:1].islower()
        and tok.low.endswith("ly")
        and len(tok.low) > 4
        and tok.low not in LY_NOUNS
    )


def is_plural_noun(tok: Tok, any_case: bool = False) -> bool:
    """A word that looks like a plural noun: 'officials', 'analysts' (lower case unless
    `any_case`), and not a verb, auxiliary or conjunction."""
    low = tok.low
    return (
        (any_case or tok.text[0].islower())
        and low.endswith("s")
        and not low.endswith(("ss", "us", "is"))
        and low not in FORMS
        and low not in _NOT_NOUNS
    )


def unit_end(toks: list[Tok], lo: int, hi: int) -> int:
    """The end of toks[lo:hi] without its closing punctuation (.!?;)."""
    end = hi
    while end > lo and toks[end - 1].kind == "P" and toks[end - 1].text in ".!?;":
        end -= 1
    return end


def last_token(toks: list[Tok], lo: int, hi: int) -> Tok | None:
    """The unit's last token before its closing punctuation."""
    end = unit_end(toks, lo, hi)
    return toks[end - 1] if end > lo else None

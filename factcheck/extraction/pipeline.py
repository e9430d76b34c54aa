"""Assemble claims from sentences and the parts found in them.

Steps: split the text into sentences (segment.py); drop page furniture; find quantities, dates and
attributions over the whole text; merge the sentences of one multi-sentence quote with its cue
into one claim (while it stays within `LIMIT` characters); cut sentences longer than `LIMIT` into
clauses; hand each part to the claim that holds its start (an attribution by its content, else its
speaker); score each claim.

Which units become claims: every sentence or clause carrying a quantity, a date or an
attribution, so nothing checkable is lost, and any other sentence whose check-worthiness reaches
`STATEMENT_MIN`.

Check-worthiness is a logistic score, 1 / (1 + e^-x), over evidence that a sentence asserts
something a fact-checker could verify against a record (weights in `_score`):
  raise x: a quantity (+1.3, +0.3 more for two or more) or a bare number (+0.4); a date (+0.5);
  an attribution (+0.7: someone is on the record); named people, places or bodies (+0.25 each,
  at most three); comparatives, superlatives and change words ("more than", "highest", "rose",
  "doubled", +0.6); statistical words ("percent", "rate", "survey", "data", +0.5); causal and
  policy words ("because", "led to", "bill", "banned", "approved", +0.4); a past-tense event
  verb ("boycotted", "won", +0.4: something happened); a substantial length (12+ words, +0.3).
  lower x: a question (-1.5); first-person opinion ("I think", "in my view", -0.8); normative
  or evaluative words ("should", "must", "terrible", -0.4); hedged or speculative future ("may",
  "might", "could", "perhaps", "likely", -0.4); second person or exclamation (-0.3 each); very
  short units (under 7 words -0.8, under 4 words -2.0).
  The base is -1.0, so a bare declarative sentence scores about 0.3 and a sentence with a
  statistic, a named source and a date about 0.8 to 0.9.
The primary kind is quote when the claim carries an attribution, else quantity, else date, else
statement (types.primary_kind, which the web app uses too).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections.abc import Sequence
from typing import TypeVar

from .attributions import find_attributions
from .dates import find_dates
from .quantities import find_quantities
from .segment import clauses, furniture_flags, sentences
from .types import Attribution, Candidate, DateMention, Extraction, Quantity, primary_kind

_Part = TypeVar("_Part", Quantity, DateMention, Attribution)

LIMIT = 600  # longest claim before it is cut into clauses (the scorer's 'oversized')
STATEMENT_MIN = 0.4  # a sentence with no checkable part needs this score to be a claim


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Single words are looked up in sets (much faster than alternation regexes); phrases by substring.
_COMPARE = _words("""more less fewer greater higher lower larger smaller bigger most least largest
    highest lowest biggest smallest fastest slowest worst best record increase increased increases
    increasing decrease decreased decreases decline declined declines rose risen rise rises fell
    fallen fall falls dropped drop drops doubled tripled halved surge surged soared plunged
    plummeted grew grown cut cuts exceeded exceeds outnumber outnumbered than compared versus
    twice half majority minority only first last every all none never""")
_COMPARE_PHRASES = ("times as", "no longer")
_STATS = _words("""percent percentage rate rates average median mean total poll polls survey
    surveys study studies data census statistics statistical estimate estimated estimates figure
    figures report reported reports research analysis budget gdp inflation unemployment deficit
    debt revenue profit profits losses cost costs spent spending million billion trillion""")
_STATS_PHRASES = ("per cent", "according to")
_CAUSAL = _words("""because cause caused causes causing blamed law laws bill bills policy policies
    ban banned bans tax taxes tariff tariffs funding funded approved passed signed vetoed voted
    ruled ruling agreement deal treaty sanction sanctions regulation regulations mandate mandated
    illegal unconstitutional convicted charged arrested killed died elected appointed resigned
    fired launched announced declared withdrew deployed invaded attacked""")
_CAUSAL_PHRASES = (
    "due to",
    "led to",
    "leads to",
    "result in",
    "resulted in",
    "results in",
    "as a result",
    "linked to",
    "responsible for",
)
_NORMATIVE = _words("""should shouldn't ought must wonderful terrible awful amazing disgraceful
    shameful ridiculous absurd outrageous horrible fantastic great nice beautiful sad tragic
    incredible unbelievable stupid evil brilliant""")
_NORMATIVE_PHRASES = ("need to", "needs to")
_HEDGE = _words("""may might could perhaps possibly probably likely unlikely maybe would
    reportedly allegedly seem seems""")
_HEDGE_PHRASES = (
    "expected to",
    "plan to",
    "plans to",
    "hope to",
    "hopes to",
    "aim to",
    "aims to",
    "appear to",
    "appears to",
)
# Past-tense event verbs besides the regular -ed forms: something happened, and can be checked.
_EVENT = _words("""was were had said made took gave won lost met left sent told became began went
    came saw found paid built sold bought held led ran set put kept struck shot fought fled hit
    spent brought wrote chose drew flew threw""")
_SECOND = _words("you your yours")
_FIRST = _words("i we my our imo")
_OPINION = re.compile(
    r"\b(?:i|we) (?:think|believe|feel|hope|guess|suppose|wish|love|hate)\b|"
    r"\bin (?:my|our) (?:view|opinion)\b|\bi'?m (?:sure|convinced)\b|\bimo\b"
)
_TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)?")
_NAME_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+|al-|bin\s+)?[A-Z][\w'’.-]*)*")
_DIGIT = re.compile(r"\d")

_FEATURES = (
    ("compare", _COMPARE, _COMPARE_PHRASES),
    ("stats", _STATS, _STATS_PHRASES),
    ("causal", _CAUSAL, _CAUSAL_PHRASES),
    ("normative", _NORMATIVE, _NORMATIVE_PHRASES),
    ("hedge", _HEDGE, _HEDGE_PHRASES),
    ("event", _EVENT, ()),
    ("second", _SECOND, ()),
    ("first", _FIRST, ()),
)
_FEATURE_OF: dict[str, set[str]] = {}
for _name, _single, _phrases in _FEATURES:
    for _w in _single:
        _FEATURE_OF.setdefault(_w, set()).add(_name)


def _features(low: str) -> set[str]:
    """Names of the word features present in lower-cased `low`."""
    found: set[str] = set()
    for token in _TOKEN.findall(low):
        names = _FEATURE_OF.get(token)
        if names:
            found |= names
        elif len(token) > 4 and token.endswith("ed"):
            found.add("event")
    for name, _, phrases in _FEATURES:
        if name not in found and any(p in low for p in phrases):
            found.add(name)
    return found


def _names(unit: str) -> int:
    """Capitalised runs that are not just the sentence's first word or 'I'."""
    n = 0
    for m in _NAME_RUN.finditer(unit):
        word = m.group()
        if word == "I":
            continue
        if m.start() == 0 or unit[: m.start()].strip("\"'“‘( ") == "":
            if " " not in word:
                continue
        n += 1
        if n == 3:
            break
    return n


def _score(unit: str, qs: list, ds: list, ats: list) -> float:
    """Check-worthiness of a claim in [0, 1] (the weights are explained in the module docstring)."""
    low = unit.lower()
    has = _features(low)
    words = len(unit.split())
    x = -1.0
    if words < 4:
        x -= 2.0
    elif words < 7:
        x -= 0.8
    elif words >= 12:
        x += 0.3
    if qs:
        x += 1.3 + (0.3 if len(qs) > 1 else 0.0)
    elif _DIGIT.search(unit):
        x += 0.4
    if ds:
        x += 0.5
    if ats:
        x += 0.7
    x += 0.25 * _names(unit)
    if "compare" in has:
        x += 0.6
    if "stats" in has:
        x += 0.5
    if "causal" in has:
        x += 0.4
    if "event" in has:
        x += 0.4
    tail = unit.rstrip("\"'”’) ")
    if tail.endswith("?"):
        x -= 1.5
    if tail.endswith("!"):
        x -= 0.3
    if "first" in has and _OPINION.search(low):
        x -= 0.8
    if "normative" in has:
        x -= 0.4
    if "hedge" in has:
        x -= 0.4
    if "second" in has:
        x -= 0.3
    return round(1.0 / (1.0 + math.exp(-x)), 3)


def _locate(starts: list[int], ends: list[int], pos: int) -> int:
    """Index of the unit holding `pos`, or -1."""
    i = bisect.bisect_right(starts, pos) - 1
    return i if i >= 0 and pos < ends[i] else -1


def _bucket(
    items: Sequence[_Part], starts: list[int], ends: list[int], keys: tuple[str, ...] = ("start",)
) -> list[list[_Part]]:
    """Give each item to the unit holding its first locatable key; O(n log s)."""
    buckets: list[list[_Part]] = [[] for _ in starts]
    for item in items:
        for key in keys:
            pos = getattr(item, key)
            if isinstance(pos, int):
                i = _locate(starts, ends, pos)
                if i >= 0:
                    buckets[i].append(item)
                    break
    return buckets


def _merge_quotes(
    text: str, units: list[tuple[int, int]], attributions: Sequence[Attribution]
) -> list[tuple[int, int]]:
    """Join the sentences one quote and its cue run over into one unit, if it stays short."""
    starts, ends = [s for s, _ in units], [e for _, e in units]
    ranges = []
    for a in attributions:
        lo, hi = a.content_start, a.content_end
        if a.speaker_start is not None and a.speaker_end is not None:
            lo, hi = min(lo, a.speaker_start), max(hi, a.speaker_end)
        i = bisect.bisect_right(starts, lo) - 1
        if i < 0 or ends[i] <= lo:
            i += 1
        j = bisect.bisect_right(starts, max(lo, hi - 1)) - 1
        if (
            0 <= i < j < len(units)
            and ends[j] - starts[i] <= LIMIT
            and "\n" not in text[starts[i] : ends[j]]
        ):
            ranges.append((i, j))
    if not ranges:
        return units
    ranges.sort()
    out: list[tuple[int, int]] = []
    k = 0
    for i, j in ranges:
        while k < i:
            out.append(units[k])
            k += 1
        if k > i:  # overlaps the previous merge: extend it if it stays short
            if j >= k and ends[j] - out[-1][0] <= LIMIT:
                out[-1] = (out[-1][0], ends[j])
                k = j + 1
            continue
        out.append((starts[i], ends[j]))
        k = j + 1
    out.extend(units[k:])
    return out


def extract(text: str, published: dt.date | None = None) -> Extraction:
    """The check-worthy claims of `text` and their parts; offsets index `text` as given."""
    spans = sentences(text)
    flags = furniture_flags(text, spans)
    units = [span for span, furniture in zip(spans, flags, strict=True) if not furniture]
    attributions = find_attributions(text)
    units = _merge_quotes(text, units, attributions)
    units = [
        piece
        for s, e in units
        for piece in (clauses(text, s, e, LIMIT) if e - s > LIMIT else ((s, e),))
    ]
    starts, ends = [s for s, _ in units], [e for _, e in units]
    quantities = _bucket(find_quantities(text), starts, ends)
    dates = _bucket(find_dates(text, published), starts, ends)
    attributed = _bucket(attributions, starts, ends, ("content_start", "speaker_start"))
    claims = []
    for i, (start, end) in enumerate(units):
        qs, ds, ats = quantities[i], dates[i], attributed[i]
        unit = text[start:end]
        score = _score(unit, qs, ds, ats)
        if not (qs or ds or ats) and score < STATEMENT_MIN:
            continue
        claims.append(
            Candidate(
                text=unit,
                start=start,
                end=end,
                score=score,
                kind=primary_kind(qs, ds, ats),
                quantities=tuple(qs),
                dates=tuple(ds),
                attributions=tuple(ats),
            )
        )
    return Extraction(claims=tuple(claims))


def extract_document(text: str, published: dt.date | None = None) -> dict:
    """`extract` as the JSON contract of the command line and the shared scorer."""
    return extract(text, published).to_json()

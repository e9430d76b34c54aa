"""Assemble claims from sentences and the parts found in them.

Steps: split the text into sentences (segment.py); drop page furniture; find quantities, dates and
attributions over the whole text; merge the sentences of one multi-sentence quote with its cue
into one claim (while it stays within `LIMIT` characters); cut sentences longer than `LIMIT` into
clauses; hand each part to the claim that holds its start (an attribution by its content, else its
speaker); score each claim (worthiness/: the hand-set rules combined with the learned model).

Which units become claims: every sentence or clause carrying a quantity, a date or an
attribution, so nothing checkable is lost, and any other sentence whose check-worthiness reaches
`STATEMENT_MIN`, or whose hand-set score alone reaches `RULES_MIN` (what it needed before the
learned model, so the model only ever adds statements, never loses one).

The primary kind is quote when the claim carries an attribution, else quantity, else date, else
statement (types.primary_kind, which the web app uses too).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

from .attributions import find_attributions
from .dates import find_dates
from .quantities import find_quantities
from .segment import clauses, furniture_flags, sentences
from .types import Attribution, Candidate, DateMention, Extraction, Quantity, primary_kind
from .worthiness import hybrid, rules

_Part = TypeVar("_Part", Quantity, DateMention, Attribution)
_Span = tuple[int, int]

LIMIT = 600  # longest claim before it is cut into clauses (the scorer's 'oversized')
# A sentence with no checkable part needs this score to be a claim: more likely check-worthy than
# not (the hybrid score is calibrated so that 0.5 is that point) ...
STATEMENT_MIN = 0.5
# ... or this hand-set score: the model learned from debate sentences and can be unsure of a short
# news sentence ("Kurdish and Sunni members boycotted the vote.") that the rules keep.
RULES_MIN = 0.4


def extract(text: str, published: dt.date | None = None) -> Extraction:
    """The check-worthy claims of `text` and their parts; offsets index `text` as given."""
    attributions = find_attributions(text)
    units = _units(text, attributions)
    starts, ends = [s for s, _ in units], [e for _, e in units]
    quantities = _bucket(find_quantities(text), starts, ends)
    dates = _bucket(find_dates(text, published), starts, ends)
    attributed = _bucket(attributions, starts, ends, ("content_start", "speaker_start"))
    claims = []
    for i, (start, end) in enumerate(units):
        qs, ds, ats = quantities[i], dates[i], attributed[i]
        unit = text[start:end]
        by_rules = rules.logit(unit, qs, ds, ats)
        worth = hybrid(unit, by_rules)
        parts = qs or ds or ats
        if not parts and worth < STATEMENT_MIN and rules.probability(by_rules) < RULES_MIN:
            continue
        claims.append(
            Candidate(
                text=unit,
                start=start,
                end=end,
                score=worth,
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


def _units(text: str, attributions: Sequence[Attribution]) -> list[_Span]:
    """The spans that may become claims: sentences that are not page furniture, a quote's
    sentences joined, and sentences over `LIMIT` cut into clauses."""
    spans = sentences(text)
    flags = furniture_flags(text, spans)
    units = [span for span, furniture in zip(spans, flags, strict=True) if not furniture]
    units = _merge_quotes(text, units, attributions)
    return [
        piece
        for s, e in units
        for piece in (clauses(text, s, e, LIMIT) if e - s > LIMIT else ((s, e),))
    ]


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
    text: str, units: list[_Span], attributions: Sequence[Attribution]
) -> list[_Span]:
    """Join the sentences one quote and its cue run over into one unit, if it stays short."""
    runs = _quote_runs(text, units, attributions)
    return _joined(units, runs) if runs else units


def _quote_runs(
    text: str, units: list[_Span], attributions: Sequence[Attribution]
) -> list[tuple[int, int]]:
    """(first, last) unit index of each quote with its speaker that spans several units and
    would fit in one claim: within `LIMIT` and on one line."""
    starts, ends = [s for s, _ in units], [e for _, e in units]
    runs = []
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
            runs.append((i, j))
    return sorted(runs)


def _joined(units: list[_Span], runs: list[tuple[int, int]]) -> list[_Span]:
    """The units with each run of them made one; a run overlapping the one before extends it
    while the whole stays within `LIMIT`, else is dropped."""
    out: list[_Span] = []
    k = 0  # the first unit not yet in `out`
    for i, j in runs:
        out.extend(units[k:i])
        k = max(k, i)
        if k > i:
            if j >= k and units[j][1] - out[-1][0] <= LIMIT:
                out[-1] = (out[-1][0], units[j][1])
                k = j + 1
            continue
        out.append((units[i][0], units[j][1]))
        k = j + 1
    out.extend(units[k:])
    return out

"""Scoring extraction output against a gold file of ours (tests/data/*.gold.json).

The matching rules are those the shared scorer documents (../shared/eval/score.py --help), so
the figures are comparable, but this needs nothing outside the repository:
- claim: an output claim overlaps the gold text;
- quantity: the spans overlap and, where gold has a value, it is within 0.5% of it;
- date: the spans overlap and the normalised values are equal;
- attribution: the output content covers at least half of the gold content's characters and a
  gold speaker name occurs, in any case, in the output's speaker or speaker text.
Gold items with "required": false are never missed and never make a match a false positive.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.extraction import Extraction, extract

DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0


@dataclass(frozen=True)
class GoldItem:
    start: int
    end: int
    required: bool
    label: dict[str, Any]


def load(name: str) -> tuple[str, dict[str, Any]]:
    """(document text, gold labels) of tests/data/`name`.gold.json."""
    gold = json.loads((DATA / f"{name}.gold.json").read_text(encoding="utf-8"))
    module, _, attribute = gold["document"].partition(":")
    return getattr(importlib.import_module(module), attribute), gold


def _locate(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.find(needle, start + 1)
        assert start >= 0, f"gold text not in the document: {needle!r} (#{occurrence})"
    return start, start + len(needle)


def _items(text: str, labels: list[dict[str, Any]], key: str = "text") -> list[GoldItem]:
    out = []
    for label in labels:
        start, end = _locate(text, label[key], label.get("occurrence", 1))
        out.append(GoldItem(start, end, label.get("required", True), label))
    return out


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _match(
    outputs: Sequence[Any], gold: list[GoldItem], same: Callable[[Any, GoldItem], bool]
) -> Tally:
    """Each gold item takes the first unmatched output that is the same thing."""
    tally, used = Tally(), set()
    for item in gold:
        hit = next((i for i, o in enumerate(outputs) if i not in used and same(o, item)), None)
        if hit is not None:
            used.add(hit)
            tally.tp += item.required
        elif item.required:
            tally.fn += 1
    tally.fp = sum(
        1
        for i, o in enumerate(outputs)
        if i not in used and not any(same(o, g) for g in gold if not g.required)
    )
    return tally


def _quantity(q: Any, g: GoldItem) -> bool:
    value = g.label.get("value")
    close = value is None or (q.value is not None and abs(q.value - value) <= 0.005 * abs(value))
    return _overlap(q.start, q.end, g.start, g.end) > 0 and close


def _date(d: Any, g: GoldItem) -> bool:
    return _overlap(d.start, d.end, g.start, g.end) > 0 and d.value == g.label["value"]


def _attribution(a: Any, g: GoldItem) -> bool:
    covered = _overlap(a.content_start, a.content_end, g.start, g.end)
    who = f"{a.speaker} {a.speaker_text}".lower()
    return covered * 2 >= g.end - g.start and any(s.lower() in who for s in g.label["speaker"])


def score(text: str, gold: dict[str, Any], result: Extraction | None = None) -> dict[str, Tally]:
    """Tallies per part type of `result` (by default, a fresh extraction) against `gold`."""
    if result is None:
        published = dt.date.fromisoformat(gold["published"]) if gold.get("published") else None
        result = extract(text, published)
    claims = result.claims
    return {
        "claims": _match(
            claims,
            _items(text, gold["claims"]),
            lambda c, g: _overlap(c.start, c.end, g.start, g.end) > 0,
        ),
        "quantities": _match(
            [q for c in claims for q in c.quantities], _items(text, gold["quantities"]), _quantity
        ),
        "dates": _match([d for c in claims for d in c.dates], _items(text, gold["dates"]), _date),
        "attributions": _match(
            [a for c in claims for a in c.attributions],
            _items(text, gold["attributions"], key="content"),
            _attribution,
        ),
    }

"""Assemble claims from sentences and the parts found in them."""
from __future__ import annotations

import bisect
import datetime as dt

from .attributions import find_attributions
from .dates import find_dates
from .quantities import find_quantities
from .segment import is_furniture, sentences


def _by_sentence(items: list[dict], starts: list[int], ends: list[int],
                 key: str = "start") -> list[list[dict]]:
    """Bucket items by the sentence containing item[key]; O(n log s), not O(n * s)."""
    buckets: list[list[dict]] = [[] for _ in starts]
    for item in items:
        i = bisect.bisect_right(starts, item[key]) - 1
        if i >= 0 and item[key] < ends[i]:
            buckets[i].append(item)
    return buckets


def extract_document(text: str, published: dt.date | None = None) -> dict:
    """Return {"claims": [...]} for `text`; offsets index `text` exactly as given."""
    spans = [s for s in sentences(text) if not is_furniture(text[s[0]:s[1]])]
    starts, ends = [s for s, _ in spans], [e for _, e in spans]
    quantities = _by_sentence(find_quantities(text), starts, ends)
    dates = _by_sentence(find_dates(text, published), starts, ends)
    attributions = _by_sentence(find_attributions(text, spans), starts, ends, "content_start")
    claims = []
    for i, (start, end) in enumerate(spans):
        qs, ds, ats = quantities[i], dates[i], attributions[i]
        if not (qs or ds or ats):
            continue
        kind = "quote" if ats else "quantity" if qs else "date"
        score = min(1.0, 0.3 + 0.25 * bool(qs) + 0.2 * bool(ds) + 0.25 * bool(ats))
        claims.append({"text": text[start:end], "start": start, "end": end,
                       "score": round(score, 3), "kind": kind, "quantities": qs, "dates": ds,
                       "attributions": ats})
    return {"claims": claims}

"""Assemble claims from sentences and the parts found in them."""
from __future__ import annotations

import datetime as dt

from .attributions import find_attributions
from .dates import find_dates
from .quantities import find_quantities
from .segment import is_furniture, sentences


def extract_document(text: str, published: dt.date | None = None) -> dict:
    """Return {"claims": [...]} for `text`; offsets index `text` exactly as given."""
    spans = [s for s in sentences(text) if not is_furniture(text[s[0]:s[1]])]
    quantities = find_quantities(text)
    dates = find_dates(text, published)
    attributions = find_attributions(text, spans)
    claims = []
    for start, end in spans:
        def inside(item, s="start", e="end"):
            return start <= item[s] < end
        qs = [q for q in quantities if inside(q)]
        ds = [d for d in dates if inside(d)]
        ats = [a for a in attributions if inside(a, "content_start", "content_end")]
        if not (qs or ds or ats):
            continue
        kind = "quote" if ats else "quantity" if qs else "date"
        score = min(1.0, 0.3 + 0.25 * bool(qs) + 0.2 * bool(ds) + 0.25 * bool(ats))
        claims.append({"text": text[start:end], "start": start, "end": end, "score": round(score, 3),
                       "kind": kind, "quantities": qs, "dates": ds, "attributions": ats})
    return {"claims": claims}

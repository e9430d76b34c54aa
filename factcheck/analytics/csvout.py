"""A chart's rows as CSV, with cells a spreadsheet would run as formulas made inert."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from ..web.csvcells import neutralise


def to_csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise(c) for c in columns])
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return out.getvalue()

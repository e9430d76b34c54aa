"""Writers that turn rows into CSV or JSON text a piece at a time.

Each writer is a generator of strings: the view hands it to Flask as the response body, so a
row is written out as soon as it is built and nothing holds the whole export.

CSV cells are neutralised against formula injection: a spreadsheet runs a cell that starts
with `=`, `+`, `-` or `@` (and some also after a leading tab or carriage return, or spaces
before `=`) as a formula, so a claim quoting "=HYPERLINK(...)" could act in an editor's
spreadsheet. JSON is data for programs, not for spreadsheets, and is written as it is.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..web.csvcells import neutralise


def csv_lines(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """The header line, then one line per row, every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells: Iterable[Any]) -> str:
        writer.writerow([neutralise(c) for c in cells])
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield line(columns)
    for row in rows:
        yield line(row.get(c) for c in columns)


def _default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_default, separators=(",", ":"))


def json_array(rows: Iterable[Any]) -> Iterator[str]:
    """One JSON array, written element by element: a valid document once it is complete,
    which `json.loads` and every JSON library read whole."""
    first = True
    yield "["
    for row in rows:
        yield ("\n" if first else ",\n") + dumps(row)
        first = False
    yield "\n]\n"


def json_document(head: Mapping[str, Any], key: str, items: Iterable[Any]) -> Iterator[str]:
    """A JSON object with the fields of `head` and, last, `key` holding a streamed array."""
    opening = dumps(dict(head))
    prefix = opening[:-1] + ("," if head else "") + dumps(key) + ":"
    chunks = json_array(items)
    yield prefix + next(chunks)
    yield from chunks
    yield "}\n"

"""CSV cells no spreadsheet runs, for every CSV download (exports, the analytics tables).

A spreadsheet reads a cell that starts with `=`, `+`, `-` or `@` as a formula, and some do the
same after a leading tab, carriage return or spaces, so a claim quoting "=HYPERLINK(...)" could
act in an editor's spreadsheet. Such text gets a single quote in front; numbers are written as
they are (a negative number is data, not a formula).
"""

from __future__ import annotations

from typing import Any

# What makes a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> str:
    """`value` as a CSV cell, with a leading ' when it is text a spreadsheet would run."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if text.lstrip().startswith(FORMULA_STARTS) or text.startswith(FORMULA_STARTS):
        return "'" + text
    return text

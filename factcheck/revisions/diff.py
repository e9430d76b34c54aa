"""Word-level differences between two texts, for version and correction views."""

from __future__ import annotations

import difflib
import re
from typing import Any, Literal

Op = Literal["same", "removed", "added"]
# Words with the space after them, so joining the pieces gives the text back.
_TOKEN = re.compile(r"\S+\s*|\s+")


def word_diff(old: str | None, new: str | None) -> list[tuple[Op, str]]:
    """`old` → `new` as runs of unchanged, removed and added text."""
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    runs: list[tuple[Op, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("added", "".join(b[j1:j2])))
    return runs


def _flat(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_flat(v)}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, list):
        return "\n".join(_flat(v) for v in value)
    return str(value)


def snapshot_fields(snapshot: dict[str, Any]) -> list[tuple[str, str]]:
    """A snapshot as (label, text) rows a person reads, in page order."""
    claim, verdict = snapshot.get("claim", {}), snapshot.get("verdict", {})
    return [
        ("Claim", claim.get("text") or ""),
        ("Speakers", _flat(snapshot.get("speakers"))),
        ("Rating", verdict.get("rating") or ""),
        ("Summary", verdict.get("summary") or ""),
        ("Rationale", verdict.get("rationale") or ""),
        ("Sources", _flat(snapshot.get("sources"))),
        ("Said on / first appeared", _flat({k: v for k, v in claim.items() if k != "text"})),
        ("Article", _flat(snapshot.get("article"))),
        ("See also", ", ".join(f"fact-check #{i}" for i in snapshot.get("see_also") or [])),
        ("Suggested by a reader", "yes" if snapshot.get("reader_tip") else ""),
    ]


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, list[tuple[Op, str]]]]:
    """Field by field differences between two snapshots (unchanged fields included)."""
    rows = zip(snapshot_fields(old), snapshot_fields(new), strict=True)
    return [(label, word_diff(a, b)) for (label, a), (_, b) in rows]

"""Where claims sit in their article's text: the paragraph around a claim, and the article cut
into plain runs and claim runs for highlighting."""

from __future__ import annotations

from ..models import Claim


def paragraph_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (blank-line or newline separated block) around [start, end)."""
    p_start = body.rfind("\n", 0, start) + 1
    p_end = body.find("\n", end)
    return p_start, len(body) if p_end == -1 else p_end


def highlight_segments(body: str, claims: list[Claim]) -> list[tuple[str, Claim | None]]:
    """Split `body` into runs of plain text and claim text, for highlighting in place.
    Overlapping claims are shown once, the earlier one winning."""
    segments: list[tuple[str, Claim | None]] = []
    pos = 0
    for claim in sorted(claims, key=lambda c: (c.start, -c.end)):
        start, end = max(claim.start, pos), min(claim.end, len(body))
        if end <= start:
            continue
        if start > pos:
            segments.append((body[pos:start], None))
        segments.append((body[start:end], claim))
        pos = end
    if pos < len(body):
        segments.append((body[pos:], None))
    return segments

"""Which matches become mentions: the longest of overlapping ones, trimmed, titles left out."""

from __future__ import annotations

import bisect
import re

# (start, end, pattern priority, kind, match)
PatternMatch = tuple[int, int, int, str, re.Match[str]]

# Kinds whose capitalised forms are also programme and paper titles.
TITLE_KINDS = frozenset({"day_word", "relative_unit"})


def longest(matches: list[PatternMatch]) -> list[PatternMatch]:
    """Keep the longest of overlapping matches (ties go to the earlier pattern), in text
    order."""
    matches.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    starts: list[int] = []
    chosen: list[PatternMatch] = []
    for c in matches:
        i = bisect.bisect_left(starts, c[0])
        if i > 0 and chosen[i - 1][1] > c[0]:
            continue
        if i < len(chosen) and chosen[i][0] < c[1]:
            continue
        starts.insert(i, c[0])
        chosen.insert(i, c)
    return chosen


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the spaces and commas around it."""
    while end > start and text[end - 1] in " ,\t\n":
        end -= 1
    while start < end and text[start] in " ,\t\n":
        start += 1
    return start, end


def is_title(text: str, start: int) -> bool:
    """'USA Today', ABC's 'This Week': a capitalised day word or relative unit in mid-sentence
    is a title, not a date."""
    if not text[start].isupper():
        return False
    before = text[max(0, start - 8) : start].rstrip(" \t\"'“‘(`")
    return bool(before) and before[-1] not in ".!?:\n_-—"

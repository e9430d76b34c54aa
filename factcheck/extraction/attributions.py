"""Attributions: who said what, direct quotes and reported speech."""
from __future__ import annotations

import re

_CUES = r"said|says|told|added|insisted|claimed|declared|stated|announced|warned|argued|noted|" \
        r"boasted|conceded|explained|reiterated|stressed|confirmed|denied"
_NAME = r"(?P<speaker>(?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,3}|he|she|they|it)"
_QUOTE = re.compile(r"[\"“](?P<content>[^\"“”]{2,}?)[\"”]\s*,?\s*" + _NAME + r"\s+(?:\w+\s+)?(?P<cue>"
                    + _CUES + r")\b")
_REPORTED = re.compile(_NAME + r"\s+(?:\w+\s+)?(?P<cue>" + _CUES + r")(?:\s+that)?\s+(?P<content>[^.]+\.)")


def find_attributions(text: str, sentences: list[tuple[int, int]]) -> list[dict]:
    """Return direct and reported speech with speaker, cue and content spans."""
    out = []
    for m in _QUOTE.finditer(text):
        out.append(_item(m, direct=True))
    for s, e in sentences:
        for m in _REPORTED.finditer(text, s, e):
            if any(a["content_start"] <= m.start("content") < a["content_end"] for a in out):
                continue
            out.append(_item(m, direct=False))
    return out


def _item(m: re.Match, direct: bool) -> dict:
    return {"speaker": m.group("speaker"), "speaker_text": m.group("speaker"),
            "speaker_start": m.start("speaker"), "speaker_end": m.end("speaker"), "role": None,
            "cue": m.group("cue"), "direct": direct, "content": m.group("content"),
            "content_start": m.start("content"), "content_end": m.end("content")}

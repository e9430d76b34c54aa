"""Clock times: "9 p.m.", "10:30 am EST", "noon", on the publication date."""

from __future__ import annotations

import re

from .reference import Context, Resolved


def clock_time(m: re.Match[str], ctx: Context) -> Resolved:
    """The time on the publication day ('2021-12-10T21:00'), or on an unknown day."""
    if m["word"]:
        hour, minute = (12 if m["word"].lower() == "noon" else 0), 0
    else:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        if not 1 <= hour <= 12:
            return None
        pm = m["ap"].lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    day = ctx.published.isoformat() if ctx.published else "XXXX-XX-XX"
    return f"{day}T{hour:02d}:{minute:02d}", True

"""The fixture files of tests/imports/data and a changed copy of one."""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.imports.claimreview import Limits

DATA = Path(__file__).parent / "data"
LIMITS = Limits(max_bytes=1024 * 1024, max_reviews=100)


def data(name: str) -> bytes:
    return (DATA / name).read_bytes()


def feed_with(change) -> bytes:
    """The feed fixture after `change(feed)` edits it (a dict)."""
    feed = json.loads(data("feed.json"))
    change(feed)
    return json.dumps(feed).encode()

"""Issue 13, finding 10: hand-made cursors and page numbers never give a 500, on SQLite and
on PostgreSQL (where ids of 2^31 and more overflow an integer column)."""

from __future__ import annotations

import base64
import json

import pytest

from factcheck.workflow import State


def _cursor(values) -> str:
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


WHEN = "2024-05-01T12:00:00+00:00"
BAD_VALUES = [
    [WHEN, 2**31],
    [WHEN, 2**63],
    [WHEN, 2**64 + 1],
    [WHEN, -(2**63) - 1],
    [WHEN, -1],
    [WHEN, 0],
    [WHEN, 1e308],
    [WHEN, 1.5],
    [WHEN, True],
    [WHEN, "12"],
    [WHEN, None],
    [WHEN, [1]],
    [WHEN, {"a": 1}],
    [WHEN, int("9" * 60)],
    ["9999-12-31T23:59:59+14:00", 1],
    ["0001-01-01T00:00:00-14:00", 1],
    ["2024-05-01T12:00:00", 1],
    ["2024-05-01", 1],
    [12, 1],
    [None, None],
    [WHEN],
    [WHEN, 1, 2],
    {"at": WHEN, "id": 1},
    "x",
    [],
]
BAD_CURSORS = [
    *(_cursor(v) for v in BAD_VALUES),
    "bm90IGpzb24",  # "not json"
    base64.urlsafe_b64encode(b"[1e999, 1e999]").decode(),
    base64.urlsafe_b64encode(b"\xff\xfe\x00").decode(),
    base64.urlsafe_b64encode(b"[" * 150).decode(),
    "%%%",
    "====",
    "a" * 5000,
    "\x00",
    "é",
    "-1",
    str(2**63),
    "' OR 1=1 --",
]


@pytest.fixture
def published(make):
    return [make.claim(State.PUBLISHED, text=f"Published claim {n}") for n in range(3)]


@pytest.mark.parametrize("cursor", BAD_CURSORS)
def test_bad_cursors_never_give_500(client, published, cursor):
    for url in ("/factchecks/", "/api/v1/claimreviews"):
        for name in ("after", "cursor"):
            response = client.get(url, query_string={name: cursor})
            assert response.status_code in (200, 400), (url, name, cursor)


@pytest.mark.parametrize(
    "value",
    ["0", "-1", "1.5", "²", str(2**31), str(2**63), "9" * 400, "", "x", " 2", "0x10"],
)
def test_bad_page_and_filter_numbers_never_give_500(client, published, value):
    for url in ("/factchecks/", "/factchecks/corrections", "/api/v1/claimreviews"):
        for name in ("page", "per_page", "rating", "speaker", "article"):
            response = client.get(url, query_string={name: value})
            assert response.status_code in (200, 400), (url, name, value)

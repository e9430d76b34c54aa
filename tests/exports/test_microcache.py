"""Public exports pass through the micro-cache as they stream: kept, they would be read whole
into memory before the first byte went out."""

from __future__ import annotations

import pytest

from factcheck.workflow import State
from tests.exports.conftest import BATCH
from tests.exports.test_streaming import batch_queries


@pytest.fixture
def app_config() -> dict:
    return {"EXPORT_BATCH_SIZE": BATCH, "PUBLIC_RECHECK_SECONDS": 30}


@pytest.mark.parametrize("path", ["/factchecks/claimreview-feed.json", "/factchecks/export.csv"])
def test_public_exports_stream_through_the_micro_cache(app, client, make, path):
    assert "factcheck.microcache" in app.extensions  # it is in front of the app here
    for _ in range(7):
        make.claim(State.PUBLISHED)
    with batch_queries(app) as seen:
        response = client.get(path)
        assert seen == []  # not read to the end on the way out
        body = response.get_data()
    assert len(seen) == 3 and body
    again = client.get(path)
    assert again.get_data() == body
    assert "X-Micro-Cache" not in again.headers  # made again, not kept


def test_public_pages_are_still_kept(client, make):
    make.claim(State.PUBLISHED)
    client.get("/factchecks/").get_data()
    assert client.get("/factchecks/").headers.get("X-Micro-Cache") == "hit"

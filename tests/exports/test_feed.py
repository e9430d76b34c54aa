"""The ClaimReview DataFeed: its structure, that it says what the public pages say, and that
nothing unpublished is in it."""

from __future__ import annotations

import json
import re

from factcheck.imports.claimreview import Limits, read_reviews
from factcheck.workflow import State
from tests.exports.conftest import read_json

FEED = "/factchecks/claimreview-feed.json"


def _jsonld(page: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found
    return json.loads(found.group(1))


def test_feed_is_a_datafeed_of_claimreviews(client, make):
    published = [make.claim(State.PUBLISHED) for _ in range(5)]
    response = client.get(FEED)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Cache-Control"].startswith("public")
    feed = read_json(response)
    assert feed["@context"] == "https://schema.org" and feed["@type"] == "DataFeed"
    assert feed["url"].endswith(FEED)
    elements = feed["dataFeedElement"]
    assert len(elements) == len(published)
    for element, claim in zip(elements, published, strict=True):
        assert element["@type"] == "DataFeedItem"
        (review,) = element["item"]
        assert review["@type"] == "ClaimReview"
        assert review["itemReviewed"]["@type"] == "Claim"
        assert review["claimReviewed"] == claim.text
        assert element["dateCreated"] == review["datePublished"]


def test_each_item_is_exactly_what_its_public_page_embeds(client, make):
    claims = [make.claim(State.PUBLISHED) for _ in range(4)]
    feed = read_json(client.get(FEED))
    for element, claim in zip(feed["dataFeedElement"], claims, strict=True):
        page = client.get(f"/factchecks/{claim.id}", follow_redirects=True)
        assert element["item"][0] == _jsonld(page.get_data(as_text=True))


def test_unpublished_and_withdrawn_claims_never_appear(client, make):
    shown = {make.claim(State.PUBLISHED).id, make.claim(State.CORRECTED).id}
    hidden = {
        make.claim(state).id
        for state in (
            State.CANDIDATE,
            State.QUEUED,
            State.IN_PROGRESS,
            State.IN_REVIEW,
            State.APPROVED,
            State.WITHDRAWN,
            State.DISMISSED,
        )
    }
    feed = read_json(client.get(FEED))
    ids = {int(e["url"].rsplit("/", 1)[1].split("-", 1)[0]) for e in feed["dataFeedElement"]}
    assert ids == shown and not ids & hidden


def test_our_own_importer_reads_the_feed(client, make):
    claims = [make.claim(State.PUBLISHED) for _ in range(3)]
    body = client.get(FEED).get_data()
    reviews = read_reviews(body, Limits(max_bytes=10_000_000, max_reviews=100))
    assert [r.claim_text for r in reviews] == [c.text for c in claims]


def test_an_empty_site_has_an_empty_feed(client, make):
    make.claim(State.APPROVED)  # the site is set up, nothing is public yet
    feed = read_json(client.get(FEED))
    assert feed["@type"] == "DataFeed" and feed["dataFeedElement"] == []


def test_a_reader_who_has_this_version_gets_a_304(client, make):
    make.claim(State.PUBLISHED)
    first = client.get(FEED)
    first.get_data()
    again = client.get(FEED, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    make.claim(State.PUBLISHED)  # changes what is public: a new version
    assert client.get(FEED, headers={"If-None-Match": first.headers["ETag"]}).status_code == 200

"""The public fact-check page and the article verdict summary in headless Chromium, from the
demo data, on a wide and a phone-sized screen. Screenshots go to tests/artifacts/public-*.png."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from factcheck.commands.demo import load_demo
from factcheck.extensions import db
from factcheck.models import Claim
from factcheck.workflow import State
from tests.browser import pytestmark  # noqa: F401


@pytest.fixture
def app_config(browser_config):
    return browser_config


@pytest.fixture
def demo(app):
    with app.app_context():
        load_demo()
        claims = {c.state: c.id for c in db.session.scalars(select(Claim).order_by(Claim.id))}
        article_id = db.session.scalar(select(Claim.article_id))
    return claims, article_id


def _open(browser, url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    # A CSP violation (an inline script or style) is reported on the console as an error.
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    response = page.goto(url)
    return context, page, response, problems


def test_public_fact_check_page(server, browser, shoot, demo):
    claims, _ = demo
    for width, name in ((1280, "public-factcheck"), (390, "public-factcheck-phone")):
        context, page, response, problems = _open(
            browser, f"{server}/factchecks/{claims[State.CORRECTED]}", width
        )
        assert response.status == 200
        assert page.url.endswith(f"/factchecks/{claims[State.CORRECTED]}")
        assert page.locator("h1.claim-said").is_visible()
        assert page.locator(".verdict-box .rating").inner_text() == "Mostly true"
        assert page.locator("#corrections").is_visible()
        corrections = page.locator("#corrections").inner_text()
        assert "Rating changed from True to Mostly true" in corrections
        assert page.locator("ol.sources > li").count() == 2
        blocks = page.locator('script[type="application/ld+json"]')
        assert blocks.count() == 1
        review = json.loads(blocks.text_content())
        assert review["@type"] == "ClaimReview"
        assert review["reviewRating"]["alternateName"] == "Mostly true"
        assert review["itemReviewed"]["datePublished"] == "2021-12-10"
        # Nothing overflows sideways on a phone.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        shoot(page, name)
        assert problems == []
        context.close()


def test_article_verdict_summary_in_the_browser(server, browser, shoot, demo):
    claims, article_id = demo
    for width, name in ((1280, "public-article-summary"), (390, "public-article-summary-phone")):
        context, page, response, problems = _open(
            browser, f"{server}/factchecks/articles/{article_id}", width
        )
        assert response.status == 200
        marks = page.locator("mark.fc-claim")
        public = [
            cid for state, cid in claims.items() if state in (State.PUBLISHED, State.CORRECTED)
        ]
        assert marks.count() >= len(public) >= 2
        assert page.locator("a.inline-verdict .rating").count() == marks.count()
        rows = page.locator("#summary tbody tr")
        assert rows.count() == marks.count()
        assert page.locator(f"#claim-{claims[State.IN_REVIEW]}").count() == 0
        # The row number jumps to the highlighted claim in the text.
        rows.first.locator("td.num a").click()
        assert page.url.split("#")[1].startswith("claim-")
        shoot(page, name)
        assert problems == []
        context.close()


def test_public_index_and_tombstone(server, browser, shoot, demo):
    claims, _ = demo
    context, page, _response, problems = _open(browser, f"{server}/factchecks/", 1280)
    assert page.locator("ul.fc-list > li").count() >= 2
    page.select_option("select[name=rating]", label="Mostly true")
    page.click("form.pub-filters button[type=submit]")
    assert page.locator("ul.fc-list > li").count() == 1
    shoot(page, "public-index-filtered")
    gone = page.goto(f"{server}/factchecks/{claims[State.WITHDRAWN]}")
    assert gone.status == 410
    assert "withdrawn" in page.locator("h1").inner_text()
    shoot(page, "public-withdrawn")
    # Chromium logs the 410 itself as a failed load; that one is expected.
    assert [p for p in problems if "status of 410" not in p] == []
    context.close()

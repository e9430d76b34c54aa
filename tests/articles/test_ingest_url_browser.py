"""In Chromium, against a real `flask run` (immediate jobs): paste a news page's address served
by the test on 127.0.0.1, follow the fetch, and see the article with its candidate claims.
Screenshots in tests/artifacts/ingest-url-*.png."""

from __future__ import annotations

import re

import pytest

from tests.articles.test_ingest_url import NEWS
from tests.browser import pytestmark, signed_in  # noqa: F401
from tests.fetching.server import Route, serving


@pytest.fixture(scope="module")
def live_env() -> dict[str, str]:
    # The page is served on 127.0.0.1, which the production fetch policy refuses; the app
    # allows the loopback switch only outside production, hence TESTING too.
    return {"FACTCHECK_FETCH_ALLOW_LOOPBACK": "true", "FACTCHECK_TESTING": "true"}


def test_paste_an_address_and_see_the_articles_candidates(browser, live, shoot):
    page = signed_in(browser, live, "checker")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    base, _ = live
    with serving({"/news/unemployment": Route(body=NEWS)}) as origin:
        page.goto(base + "/desk/articles/new")
        page.fill("#url", origin.url("/news/unemployment"))
        shoot(page, "ingest-url-01-address")
        page.click("button:has-text('Ingest and find claims')")
        page.wait_for_url(re.compile(r"/desk/articles/\d+$"))
    assert page.locator("h1").first.inner_text() == "Unemployment falls to 4.1%"
    body = page.locator("main").inner_text()
    assert "Harbour Gazette" in body
    assert re.search(r"Candidates\s*\((\d+)\)", body)
    assert "Unemployment fell to 4.1% in October" in body
    shoot(page, "ingest-url-02-article-with-candidates")
    assert errors == [], errors

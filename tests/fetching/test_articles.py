"""Ingest by URL: an article and its metadata from a page served on 127.0.0.1."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.fetching import BlockedAddress, FetchSettings, article_from_url, settings_from
from factcheck.fetching.policy import public_or_loopback

from .server import Route, serving

STORY = """<!doctype html><html><head>
<title>Bus fares rise for the third year - Riverside Courier</title>
<meta name="author" content="Maya Okafor">
<meta property="og:site_name" content="Riverside Courier">
<meta property="article:published_time" content="2026-11-24T08:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies to improve your visit. Accept all?</div>
<article>
<h1>Bus fares rise for the third year</h1>
<p>Single bus fares in Riverside will go up by 20 pence in January, the transport authority
confirmed on Monday, the third rise in as many years.</p>
<p>The council leader said the increase was needed to keep evening routes running, while
passenger groups said fares had already climbed by a quarter since 2023.</p>
<p>Ticket sales fell by 6% last year according to the authority's own annual report.</p>
</article>
<aside><h2>Most read</h2><ul><li>Bridge closure extended</li><li>Market returns</li></ul></aside>
<footer>Copyright Riverside Courier. All rights reserved. Privacy policy.</footer>
</body></html>"""


def test_an_article_and_its_metadata_come_back_from_a_local_page():
    with serving({"/news/fares": Route(body=STORY.encode())}) as server:
        settings = FetchSettings(policy=public_or_loopback)
        article = article_from_url(server.url("/news/fares"), settings)
    assert article.title == "Bus fares rise for the third year"
    assert article.author == "Maya Okafor"
    assert article.outlet == "Riverside Courier"
    assert article.published == dt.date(2026, 11, 24)
    assert "go up by 20 pence in January" in article.text
    assert "Ticket sales fell by 6%" in article.text
    for chrome in ("cookies", "Most read", "All rights reserved", "Sport"):
        assert chrome not in article.text
    assert article.final_url == article.url == server.url("/news/fares")


def test_plain_text_is_taken_as_it_is_and_redirects_are_reported():
    routes = {
        "/old": Route(status=301, headers={"Location": "/statement.txt"}),
        "/statement.txt": Route(
            body=b"Unemployment fell to 4.1% in October.\n",
            headers={"Content-Type": "text/plain; charset=utf-8"},
        ),
    }
    with serving(routes) as server:
        article = article_from_url(server.url("/old"), FetchSettings(policy=public_or_loopback))
    assert article.text == "Unemployment fell to 4.1% in October."
    assert article.final_url == server.url("/statement.txt")
    assert article.title is None


def test_a_page_trafilatura_finds_nothing_in_falls_back_to_our_extractor():
    tiny = b"<html><body><p>Turnout was 61%.</p></body></html>"
    with serving({"/": Route(body=tiny)}) as server:
        article = article_from_url(server.url("/"), FetchSettings(policy=public_or_loopback))
    assert article.text == "Turnout was 61%."


def test_ingest_by_url_goes_through_the_guard():
    with serving({"/": Route(body=STORY.encode())}) as server, pytest.raises(BlockedAddress):
        article_from_url(server.url("/"), settings_from({}))

"""An article from a web address, for ingest by URL: the guarded fetch, then trafilatura for the
text and its metadata, with our html.py as the fallback when trafilatura finds no text.

trafilatura (Apache-2.0) keeps far less boilerplate than html.py on the issue's evaluation set
and reads author, date and site name from a page's metadata; html.py is kept for pages where
trafilatura returns nothing (very short pages) and for plain text (bench/extractors.py has the
figures).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import trafilatura

from ..extraction.html import html_to_text
from .fetcher import FetchedPage, FetchSettings, Resolver, fetch, system_resolver


@dataclass(frozen=True)
class FetchedArticle:
    title: str | None
    text: str
    outlet: str | None
    author: str | None
    published: dt.date | None
    url: str
    final_url: str


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def article_from_page(page: FetchedPage) -> FetchedArticle:
    """The article in a fetched page; plain text is taken as it is."""
    markup = page.text()
    if page.content_type == "text/plain":
        return FetchedArticle(None, markup.strip(), None, None, None, page.url, page.final_url)
    found = trafilatura.bare_extraction(
        markup, url=page.final_url, with_metadata=True, include_comments=False, favor_precision=True
    )
    fields: dict[str, Any] = {}
    if found is not None:
        fields = found if isinstance(found, dict) else found.as_dict()
    text = (fields.get("text") or "").strip() or html_to_text(markup).strip()
    return FetchedArticle(
        title=fields.get("title") or None,
        text=text,
        outlet=fields.get("sitename") or None,
        author=fields.get("author") or None,
        published=_day(fields.get("date")),
        url=page.url,
        final_url=page.final_url,
    )


def article_from_url(
    url: str, settings: FetchSettings | None = None, resolve: Resolver = system_resolver
) -> FetchedArticle:
    """Fetch `url` through the guard and extract its article; raises FetchError subclasses."""
    return article_from_page(fetch(url, settings, resolve))

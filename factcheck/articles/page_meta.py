"""What a web page says about itself: headline, outlet, publication date, author and address,
from its <title>, Open Graph and article meta tags, <time datetime> and simple JSON-LD.

Only the first `SCAN_LIMIT` characters are read (the head, where these tags live, and the
start of the body), with the standard library's tolerant parser, so a huge or broken page
costs little and never raises.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

SCAN_LIMIT = 200_000
_JSON_LIMIT = 50_000
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
_TITLE_TAIL = re.compile(r"\s+[|–—-]\s+([^|–—]{1,60})$")

# meta key (property or name or itemprop, lower case) -> the field it fills
_META_KEYS = {
    "og:title": "og_title",
    "twitter:title": "twitter_title",
    "og:site_name": "site_name",
    "article:published_time": "published",
    "datepublished": "published",
    "date": "meta_date",
    "author": "author",
    "article:author": "author",
    "og:url": "og_url",
}


@dataclass
class PageMeta:
    title: str | None = None
    outlet: str | None = None
    published_on: dt.date | None = None
    author: str | None = None
    url: str | None = None


@dataclass
class _Found:
    values: dict[str, str] = field(default_factory=dict)
    title: str = ""
    canonical: str | None = None
    time: str | None = None
    json_published: str | None = None


class _MetaParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = _Found()
        self._in: str | None = None  # "title" or "json" while inside one
        self._json: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "").strip() for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            target = _META_KEYS.get(key)
            if target and a.get("content"):
                self.found.values.setdefault(target, a["content"])
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.found.canonical = self.found.canonical or a.get("href")
        elif tag == "time" and a.get("datetime"):
            self.found.time = self.found.time or a["datetime"]
        elif tag == "title" and not self.found.title:
            self._in = "title"
        elif tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._in, self._json = "json", []

    def handle_endtag(self, tag: str) -> None:
        if self._in == "json" and tag == "script":
            self.found.json_published = self.found.json_published or _json_published(
                "".join(self._json)
            )
        if tag in ("title", "script"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.found.title += data
        elif self._in == "json" and sum(map(len, self._json)) < _JSON_LIMIT:
            self._json.append(data)


def read_page_meta(markup: str) -> PageMeta:
    """The page's own metadata; fields it does not give (or gives unusably) are None."""
    parser = _MetaParser()
    try:
        parser.feed(markup[:SCAN_LIMIT])
        parser.close()
    except (AssertionError, ValueError):  # the parser's own complaints about broken markup
        pass
    f = parser.found
    v = f.values
    outlet = _clean(v.get("site_name"))
    published = v.get("published") or f.json_published or f.time or v.get("meta_date")
    return PageMeta(
        title=_clean(v.get("og_title") or v.get("twitter_title")) or _bare_title(f.title, outlet),
        outlet=outlet,
        published_on=_date(published),
        author=_author(v.get("author")),
        url=_web_address(f.canonical) or _web_address(v.get("og_url")),
    )


def _clean(value: str | None) -> str | None:
    return " ".join((value or "").split()) or None


def _bare_title(title: str, outlet: str | None) -> str | None:
    """<title> without the outlet it often ends with: "Troops stay | The Gazette". A tail
    after " - " is cut only when it is the outlet; one after " | " (never in a headline) is
    cut when short."""
    title = _clean(title) or ""
    m = _TITLE_TAIL.search(title)
    if m:
        tail = m.group(1).strip()
        is_outlet = outlet is not None and tail.casefold() == outlet.casefold()
        if is_outlet or ("|" in m.group() and len(tail.split()) <= 5):
            title = title[: m.start()].strip()
    return title or None


def _json_published(text: str) -> str | None:
    """datePublished of a JSON-LD object, a list of them or an @graph, one level deep."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    items = data if isinstance(data, list) else [data]
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        items = data["@graph"]
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
            return item["datePublished"]
    return None


def _date(value: str | None) -> dt.date | None:
    """The calendar date an ISO 8601 stamp starts with, as the page wrote it."""
    m = _ISO_DATE.match(value or "")
    if m is None:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _author(value: str | None) -> str | None:
    """A name; article:author is often a profile address, which is no name."""
    value = _clean(value)
    if value is None or "://" in value or value.startswith("www."):
        return None
    return re.sub(r"^(?i:by)\s+", "", value) or None


def _web_address(value: str | None) -> str | None:
    value = (value or "").strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme in ("http", "https") and parts.netloc else None

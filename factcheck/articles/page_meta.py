"""What a web page says about itself: headline, outlet, publication date, author and address,
from its <title>, Open Graph and article meta tags, <time datetime> and simple JSON-LD.

Only the first `SCAN_LIMIT` characters are read (the head, where these tags live, and the
start of the body), with lxml's tolerant parser, so a huge or broken page costs little and never
raises. (The standard library's parser took quadratic time on unclosed tags: 40 kB of "<a "
took 16 s.)
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..extraction.html import parse_html

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


def _found(markup: str) -> _Found:
    """The tags that carry metadata, the first of each kind in document order."""
    found = _Found()
    root = parse_html(markup)
    if root is None:
        return found
    for el in root.iter("meta", "link", "time", "title", "script"):
        a = {str(k).lower(): (v or "").strip() for k, v in el.attrib.items()}
        if el.tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            target = _META_KEYS.get(key)
            if target and a.get("content"):
                found.values.setdefault(target, a["content"])
        elif el.tag == "link" and "canonical" in a.get("rel", "").lower().split():
            found.canonical = found.canonical or a.get("href")
        elif el.tag == "time" and a.get("datetime"):
            found.time = found.time or a["datetime"]
        elif el.tag == "title" and not found.title:
            found.title = el.text_content()
        elif (
            el.tag == "script"
            and a.get("type", "").lower() == "application/ld+json"
            and not found.json_published
        ):
            found.json_published = _json_published((el.text or "")[:_JSON_LIMIT])
    return found


def read_page_meta(markup: str) -> PageMeta:
    """The page's own metadata; fields it does not give (or gives unusably) are None."""
    f = _found(markup[:SCAN_LIMIT])
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

"""Reading other publishers' ClaimReviews from a file or feed, into typed records.

Two shapes arrive (issue 15):
- schema.org ClaimReview JSON-LD as our own API and public pages emit it: one object, a list
  of them, an `@graph`, the API's `{"items": [...]}` page, or an HTML page carrying them in
  `<script type="application/ld+json">` blocks;
- the DataCommons / Google Fact Check Tools feed: a DataFeed whose `dataFeedElement` entries
  each hold ClaimReviews in `item`.

A file is read whole or refused whole: every wrong element raises ValidationError naming where
it is (`dataFeedElement[2].item[0]`) and what is wrong with it. Fields we do not use are
ignored; text has its HTML and the characters XML cannot carry removed.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..errors import ValidationError
from ..extraction.html import html_to_text, parse_html
from ..models import ImportedFactCheck as Row
from ..web.inputs import clean_text

CLAIM_REVIEW = "ClaimReview"
# Containers looked into: a list, an @graph, a feed's elements and their items, the API page.
MAX_DEPTH = 6
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:$|T)")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Review:
    """One ClaimReview as the desk keeps it (ImportedFactCheck's fields)."""

    review_url: str
    claim_text: str
    publisher_name: str
    title: str | None = None
    publisher_url: str | None = None
    claimant: str | None = None
    claim_date: dt.date | None = None
    review_date: dt.date | None = None
    rating_text: str | None = None
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    language: str | None = None


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_reviews: int


def read_reviews(data: bytes, limits: Limits) -> list[Review]:
    """Every ClaimReview in `data` (JSON, JSON-LD or an HTML page). Raises ValidationError for
    a file over the size limit, one that is not UTF-8 JSON, holds no ClaimReview or too many,
    or has an element that is wrong (the message names it)."""
    if len(data) > limits.max_bytes:
        # Callers read one byte past the limit, not the whole file: its size is not known.
        raise ValidationError(
            f"The file is larger than {_size(limits.max_bytes)}, the most one import reads."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(f"The file is not UTF-8 text (byte {exc.start}).") from None
    documents = _html_blocks(text) if text.lstrip().startswith("<") else [_json(text, "")]
    found: list[Review] = []
    for where, obj in _claim_reviews(documents):
        if len(found) >= limits.max_reviews:
            raise ValidationError(
                f"The file holds more than {limits.max_reviews:,} ClaimReviews; split it."
            )
        found.append(review_from(obj, where))
    if not found:
        raise ValidationError(
            "No ClaimReview found: expected a ClaimReview object, a list or @graph of them, "
            "or a DataFeed whose dataFeedElement items are ClaimReviews."
        )
    return found


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"{where or 'The file'} is not valid JSON at line {exc.lineno}, "
            f"column {exc.colno}: {exc.msg}."
        ) from None
    except RecursionError:
        raise ValidationError("The JSON is nested too deeply to be a ClaimReview file.") from None


def _html_blocks(markup: str) -> list[Any]:
    """The JSON-LD blocks of an HTML page, as our public fact-check pages carry them."""
    root = parse_html(markup)
    if root is None:
        return []
    blocks = root.xpath('//script[@type="application/ld+json"]')
    return [_json(block.text or "", f"JSON-LD block {n + 1}") for n, block in enumerate(blocks)]


def _types(obj: dict) -> set[str]:
    """The object's @type values without a vocabulary prefix ("schema:X", ".../X")."""
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {re.split(r"[/:#]", v)[-1] for v in values if isinstance(v, str)}


def _claim_reviews(documents: list[Any]) -> Iterator[tuple[str, dict]]:
    """(where, object) of each ClaimReview, looking only into the containers the formats use;
    other objects (a WebPage or Organization in an @graph) are passed over."""
    for n, document in enumerate(documents):
        yield from _walk(document, f"block {n + 1} " if len(documents) > 1 else "", 0)


def _walk(node: Any, where: str, depth: int) -> Iterator[tuple[str, dict]]:
    if depth > MAX_DEPTH:
        raise ValidationError(f"{where or 'the file'}: nested too deeply.")
    if isinstance(node, list):
        for n, item in enumerate(node):
            yield from _walk(item, f"{where}[{n}]", depth + 1)
        return
    if not isinstance(node, dict):
        return
    if CLAIM_REVIEW in _types(node):
        yield (where or "the ClaimReview"), node
        return
    for container in ("@graph", "dataFeedElement", "item", "items"):
        if container in node:
            inner = node[container]
            if not isinstance(inner, (list, dict)):
                raise ValidationError(f"{where}{'.' if where else ''}{container} is not a list.")
            yield from _walk(inner, f"{where}{'.' if where else ''}{container}", depth + 1)


def review_from(obj: dict, where: str) -> Review:
    """One ClaimReview object as a Review; raises ValidationError naming `where` and the field."""
    url = _url(obj.get("url"), where, "url", required=True)
    assert url is not None
    place = f"{where} ({url})"
    claim = _text(obj.get("claimReviewed"), place, "claimReviewed", Row.CLAIM_MAX, multiline=True)
    item = _one_object(obj.get("itemReviewed"), place, "itemReviewed")
    claim = claim or _text(item.get("name"), place, "itemReviewed.name", Row.CLAIM_MAX)
    if not claim:
        raise ValidationError(f"{place}: claimReviewed is missing.")
    publisher_name, publisher_url = _publisher(obj, place)
    rating = _one_object(obj.get("reviewRating"), place, "reviewRating")
    value, value_text = _rating_value(rating.get("ratingValue"), place)
    return Review(
        review_url=url,
        claim_text=claim,
        publisher_name=publisher_name,
        publisher_url=publisher_url,
        title=_text(obj.get("name") or obj.get("headline"), place, "name", Row.TITLE_MAX),
        claimant=_names(item.get("author"), place, "itemReviewed.author"),
        claim_date=_date(item.get("datePublished"), place, "itemReviewed.datePublished"),
        review_date=_date(obj.get("datePublished"), place, "datePublished"),
        rating_text=_text(
            rating.get("alternateName") or rating.get("name") or value_text,
            place,
            "reviewRating.alternateName",
            Row.RATING_MAX,
        ),
        rating_value=value,
        best_rating=_number(rating.get("bestRating"), place, "reviewRating.bestRating"),
        worst_rating=_number(rating.get("worstRating"), place, "reviewRating.worstRating"),
        language=_language(obj.get("inLanguage"), place),
    )


def _one_object(value: Any, where: str, field: str) -> dict:
    """An object property that may be absent, an object, or a list whose first is used."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, dict)), None)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValidationError(f"{where}: {field} should be an object.")
    return value


def _plain(value: Any, where: str, field: str) -> str | None:
    """A text value as given: a string, a number, the first of a list, or a {"@value": ...}."""
    if isinstance(value, list):
        value = next((v for v in value if v not in (None, "")), None)
    if isinstance(value, dict) and "@value" in value:
        value = value["@value"]
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValidationError(f"{where}: {field} should be text.")
    return str(value)


def _text(value: Any, where: str, field: str, limit: int, *, multiline: bool = False) -> str | None:
    """Text with its HTML, unwritable characters and extra spaces removed; None when empty.
    Raises ValidationError when it is not text or longer than `limit` characters."""
    raw = _plain(value, where, field)
    if raw is None:
        return None
    if "<" in raw or "&" in raw:
        raw = html_to_text(raw)
    cleaned = _SPACES.sub(" ", clean_text(raw, multiline=multiline)).strip()
    if len(cleaned) > limit:
        raise ValidationError(f"{where}: {field} is longer than {limit:,} characters.")
    return cleaned or None


def _url(value: Any, where: str, field: str, *, required: bool = False) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    url = _plain(value, where, field)
    url = url.strip() if url else None
    if not url:
        if required:
            raise ValidationError(f"{where}: {field} (the review's address) is missing.")
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or any(c.isspace() or ord(c) < 32 for c in url)
    ):
        raise ValidationError(f"{where}: {field} is not an http(s) address: {url[:100]!r}.")
    if len(url) > Row.URL_MAX:
        raise ValidationError(f"{where}: {field} is longer than {Row.URL_MAX:,} characters.")
    return url


def _publisher(obj: dict, where: str) -> tuple[str, str | None]:
    """Who published the review: its author (an Organization), else its publisher."""
    for field in ("author", "publisher"):
        value = obj.get(field)
        if isinstance(value, list):
            value = next((v for v in value if v), None)
        if isinstance(value, dict):
            name = _text(value.get("name"), where, f"{field}.name", Row.NAME_MAX)
            if name:
                return name, _url(value.get("url"), where, f"{field}.url")
        elif value is not None:
            name = _text(value, where, field, Row.NAME_MAX)
            if name:
                return name, None
    raise ValidationError(f"{where}: author (the publisher's name) is missing.")


def _names(value: Any, where: str, field: str) -> str | None:
    """Who made the claim: a Person or Organization's name, a plain name, or several."""
    values = value if isinstance(value, list) else [value]
    names = []
    for one in values:
        if isinstance(one, dict):
            one = one.get("name")
        name = _text(one, where, field, Row.NAME_MAX)
        if name and name not in names:
            names.append(name)
    joined = ", ".join(names)
    if len(joined) > Row.NAME_MAX:
        raise ValidationError(f"{where}: {field} is longer than {Row.NAME_MAX} characters.")
    return joined or None


def _date(value: Any, where: str, field: str) -> dt.date | None:
    """The date of an ISO 8601 date or date-time, as the publisher wrote it."""
    raw = _plain(value, where, field)
    if raw is None or not raw.strip():
        return None
    match = _DATE.match(raw.strip())
    try:
        if match is None:
            raise ValueError
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        raise ValidationError(
            f"{where}: {field} is not a date (YYYY-MM-DD): {raw[:40]!r}."
        ) from None


def _number(value: Any, where: str, field: str) -> float | None:
    raw = _plain(value, where, field)
    if raw is None or not raw.strip():
        return None
    try:
        number = float(raw)
    except ValueError:
        raise ValidationError(f"{where}: {field} is not a number: {raw[:40]!r}.") from None
    if not math.isfinite(number):
        raise ValidationError(f"{where}: {field} is not a number: {raw[:40]!r}.")
    return number


def _rating_value(value: Any, where: str) -> tuple[float | None, str | None]:
    """ratingValue is a number, or (schema.org allows it) a word such as "False": then it is
    the publisher's textual rating."""
    raw = _plain(value, where, "reviewRating.ratingValue")
    if raw is None or not raw.strip():
        return None, None
    try:
        return _number(raw, where, "reviewRating.ratingValue"), None
    except ValidationError:
        return None, raw


def _language(value: Any, where: str) -> str | None:
    """inLanguage: a code ("en", "pt-BR") or a Language object (its code, else its name)."""
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    return _text(value, where, "inLanguage", Row.LANGUAGE_MAX)

"""Ingesting articles and turning the extractor's output into candidate claims."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from ..audit import record
from ..claims.parts import create_candidates
from ..errors import ValidationError
from ..extensions import db
from ..extraction import extract
from ..extraction.html import html_to_text
from ..models import Article, User
from ..models._types import utc_today
from ..permissions import is_editor
from ..revisions import allow_public_change
from ..site.services import check_http_url

ALLOWED_UPLOADS = (".txt", ".text", ".html", ".htm")


def normalise_text(text: str) -> str:
    """Unicode-normalised text with runs of whitespace collapsed: the duplicate-detection key."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def clean_body(text: str) -> str:
    """Line endings unified and outer blank space trimmed; offsets are taken after this."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return text.strip()


def decode_upload(data: bytes, filename: str) -> str:
    """Return the article text of an uploaded file; raises ValidationError on binary or bad text."""
    name = filename.lower()
    if not name.endswith(ALLOWED_UPLOADS):
        raise ValidationError("Upload a .txt or .html file.")
    sample = data[:8192]
    if b"\x00" in sample or _control_ratio(sample) > 0.05:
        raise ValidationError(
            f"{filename} looks like a binary file, not text. Upload the "
            "article as .txt or .html, or paste its text."
        )
    text = _decoded(data, declared=name.endswith((".html", ".htm")))
    if text is None:
        raise ValidationError(
            f"{filename} is not UTF-8 text. Save it as UTF-8 and upload it "
            "again, or paste the text instead."
        )
    return html_to_text(text) if name.endswith((".html", ".htm")) else text


def _decoded(data: bytes, declared: bool) -> str | None:
    """UTF-8 text, or (for HTML, when `declared`) text in the charset its meta tag names."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    charset = _declared_charset(data) if declared else None
    try:
        return data.decode(charset) if charset else None
    except (LookupError, UnicodeDecodeError):
        return None


def reduce_pasted(text: str) -> str:
    """Pasted HTML is reduced to text like an upload; plain text is kept as it is."""
    if re.match(r"\s*(?:<!doctype html|<html|<body|<article|<div|<p[\s>])", text, re.IGNORECASE):
        return html_to_text(text)
    return text


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample)


def _declared_charset(data: bytes) -> str | None:
    m = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", data[:4096], re.IGNORECASE)
    return m.group(1).decode("ascii") if m else None


@dataclass
class IngestResult:
    article: Article
    created: bool


def ingest_article(
    *,
    title: str,
    body: str,
    actor: User | None,
    outlet: str | None = None,
    url: str | None = None,
    author: str | None = None,
    published_on: dt.date | None = None,
) -> IngestResult:
    """Store an article and its candidate claims; an already-ingested text returns the existing
    article instead. Raises ValidationError for an empty or oversized article."""
    body = clean_body(body)
    if not body:
        raise ValidationError("The article has no text. Paste the article or upload a file.")
    limit = current_app.config["ARTICLE_MAX_BYTES"]
    if len(body.encode("utf-8")) > limit:
        raise ValidationError(f"The article is larger than the {limit // 1024 // 1024} MB limit.")
    digest = text_hash(body)
    existing = db.session.scalar(select(Article).where(Article.text_hash == digest))
    if existing is not None:
        record("ingest_duplicate", actor=actor, article=existing, data={"title": title, "url": url})
        return IngestResult(existing, created=False)
    article = Article(
        title=title.strip() or _first_line(body),
        body=body,
        text_hash=digest,
        outlet=outlet or None,
        url=url or None,
        author=author or None,
        published_on=published_on,
        created_by=actor,
    )
    db.session.add(article)
    db.session.flush()
    record("ingest", actor=actor, article=article, data={"bytes": len(body.encode("utf-8"))})
    claims = create_candidates(article, extract(body, published_on).claims, actor)
    db.session.flush()
    for claim in claims:
        record("extract", actor=actor, claim=claim, article=article, to_state=claim.state)
    return IngestResult(article, created=True)


def _first_line(body: str) -> str:
    return body.split("\n", 1)[0][: Article.TITLE_MAX].strip() or "Untitled article"


def edit_article(
    article: Article,
    actor: User,
    *,
    title: str,
    outlet: str | None,
    url: str | None,
    author: str | None,
    published_on: dt.date | None,
) -> dict[str, list]:
    """Fix the article's details; returns what changed (before, after), audited. A new date
    resolves its claims' relative dates again. Every fact-check of the article shows these
    details: an editor's fix reaches published ones (a new version of each page); anyone
    else's is refused there by the revisions hook. Raises ValidationError."""
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError("The article needs a headline.")
    if published_on is not None and published_on > utc_today() + dt.timedelta(days=1):
        raise ValidationError("The publication date cannot be in the future.")
    new = {
        "title": title,
        "outlet": (outlet or "").strip() or None,
        "url": check_http_url(url, "article URL"),
        "author": (author or "").strip() or None,
        "published_on": published_on,
    }
    changes = {
        field: [_plain(getattr(article, field)), _plain(value)]
        for field, value in new.items()
        if getattr(article, field) != value
    }
    if not changes:
        return changes
    if is_editor(actor):
        allow_public_change("an editor's fix of the article's details")
    for field, value in new.items():
        setattr(article, field, value)
    if "published_on" in changes:
        changes["dates_resolved"] = [0, resolve_dates_again(article)]
    record("article_edited", actor=actor, article=article, data=changes)
    return changes


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def resolve_dates_again(article: Article) -> int:
    """Resolve the dates of the article's claims against its (new) publication date; returns
    how many values changed. Dates are matched by their place in the text."""
    found = {
        (d.start, d.end): d.value
        for c in extract(article.body, article.published_on).claims
        for d in c.dates
    }
    changed = 0
    for claim in article.claims:
        for mention in claim.dates:
            value = found.get((mention.start, mention.end), mention.value)
            if value != mention.value:
                mention.value = value[:40] if value else None
                changed += 1
    return changed

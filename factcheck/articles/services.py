"""Ingesting articles and turning the extractor's output into candidate claims."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from ..audit import record
from ..claims.parts import insert_candidates
from ..config import size_label
from ..db.sqlite import end_read_transaction
from ..errors import ConflictError, NotFound, ValidationError
from ..extensions import db
from ..extraction import Candidate, extract
from ..extraction.dates import find_dates
from ..extraction.html import html_to_text
from ..extraction.segment import furniture_kind
from ..jobs import Progress, queue_job, register
from ..jobs.services import latest_job
from ..matching.suggestions import CHECK_JOB, queue_check
from ..models import Article, Claim, Event, Job, User
from ..models._types import utc_today, utcnow
from ..permissions import is_editor
from ..revisions import allow_public_change
from ..site.services import check_http_url
from ..workflow import State
from .decoding import decode_bytes
from .near_duplicates import store_sketch
from .page_meta import PageMeta, read_page_meta

ALLOWED_UPLOADS = (".txt", ".text", ".html", ".htm")
INGEST_JOB = "ingest"
_PASTED_HTML = re.compile(
    r"\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.IGNORECASE
)


def normalise_text(text: str) -> str:
    """Unicode-normalised text with runs of whitespace collapsed: the duplicate-detection key."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def clean_body(text: str) -> str:
    """Line endings unified and outer blank space trimmed; offsets are taken after this."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return text.strip()


@dataclass(frozen=True)
class Submission:
    """An article's text as submitted, what it was read as, and what its page said of itself."""

    text: str
    encoding: str | None = None  # display name of the encoding when not UTF-8
    page: PageMeta | None = None  # for HTML


def read_upload(data: bytes, filename: str) -> Submission:
    """The article in an uploaded file; raises ValidationError for a file that is not a .txt
    or .html, a binary file, or text in an encoding that cannot be told."""
    name = filename.lower()
    if not name.endswith(ALLOWED_UPLOADS):
        raise ValidationError("Upload a .txt or .html file.")
    html = name.endswith((".html", ".htm"))
    decoded = decode_bytes(data, filename, html=html)
    if not html:
        return Submission(decoded.text, decoded.encoding)
    return Submission(html_to_text(decoded.text), decoded.encoding, read_page_meta(decoded.text))


def read_pasted(text: str) -> Submission:
    """Pasted HTML is reduced to text like an upload, its metadata read; plain text is kept."""
    if _PASTED_HTML.match(text):
        return Submission(html_to_text(text), page=read_page_meta(text))
    return Submission(text)


@dataclass(frozen=True)
class ArticleDetails:
    """What the ingest form asks about an article besides its text."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published_on: dt.date | None = None


# ArticleDetails field -> how messages name it
DETAIL_LABELS = {
    "title": "headline",
    "outlet": "outlet",
    "published_on": "publication date",
    "author": "author",
    "url": "address",
}
_TEXT_LIMITS = {
    "title": Article.TITLE_MAX,
    "outlet": Article.OUTLET_MAX,
    "author": Article.AUTHOR_MAX,
}


def latest_publication_date() -> dt.date:
    """The latest publication date accepted: tomorrow in UTC. East of UTC (up to UTC+14) it is
    already tomorrow while the server's UTC date is still today, so a newsroom there can enter
    its own today; anything later is a typing mistake."""
    return dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)


def fill_from_page(
    details: ArticleDetails, page: PageMeta | None
) -> tuple[ArticleDetails, list[str]]:
    """`details` with the fields the person left empty taken from the page's own metadata, and
    the labels of those taken; what the person typed always wins."""
    if page is None:
        return details, []
    taken: dict[str, Any] = {}
    for name in DETAIL_LABELS:
        value = getattr(page, name)
        if getattr(details, name) or not _usable(name, value):
            continue
        if name in _TEXT_LIMITS:
            value = _shortened(value, _TEXT_LIMITS[name])
        taken[name] = value
    return replace(details, **taken), [DETAIL_LABELS[name] for name in taken]


def _usable(name: str, value: Any) -> bool:
    if value is None or value == "":
        return False
    if name == "published_on":
        return bool(value <= latest_publication_date())
    return name != "url" or len(str(value)) <= Article.URL_MAX


def _shortened(text: str, limit: int) -> str:
    """`text` cut at a word to fit `limit` characters, an ellipsis marking the cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-") + "…"


def differences(article: Article, details: ArticleDetails) -> list[str]:
    """Labels of the details given that differ from what `article` already has."""
    found = []
    for name, label in DETAIL_LABELS.items():
        given, kept = getattr(details, name), getattr(article, name)
        if isinstance(given, str):
            given, kept = (
                " ".join(given.split()).casefold(),
                " ".join((kept or "").split()).casefold(),
            )
        if given and given != kept:
            found.append(label)
    return found


@dataclass
class IngestResult:
    article: Article
    created: bool
    title_from_text: bool = False  # no headline given: it was taken from the article's text
    differences: list[str] = field(default_factory=list)  # an existing article's differing details
    candidates: int = 0  # found at once (a small article)
    job: Job | None = None  # a large article's extraction, queued


def ingest_article(
    *,
    title: str,
    body: str,
    actor: User | None,
    outlet: str | None = None,
    url: str | None = None,
    author: str | None = None,
    published_on: dt.date | None = None,
    inline: bool | None = None,
) -> IngestResult:
    """Store an article and its candidate claims; an already-ingested text returns the existing
    article instead, unchanged, with the details given that differ from it (also when a
    simultaneous ingest stores the same text first). A small article's text is extracted here,
    with no transaction open; a larger one is stored at once and its extraction queued as a
    job (result.job); `inline` decides instead of the size when given. Raises
    ValidationError for an empty or oversized article or a publication date in the future."""
    body = _checked_body(body, published_on)
    size = len(body.encode("utf-8"))
    digest = text_hash(body)
    given = ArticleDetails(title, outlet, url, author, published_on)
    if (existing := _existing(digest)) is not None:
        return _duplicate(existing, given, actor)
    if inline is None:
        inline = size <= current_app.config["INGEST_INLINE_MAX_BYTES"]
    found = None
    if inline:
        # Extraction is the slow part: no transaction holds SQLite's write lock while it runs.
        end_read_transaction(db.session)
        found = extract(body, published_on)
        if (existing := _existing(digest)) is not None:  # stored by someone else meanwhile
            return _duplicate(existing, given, actor)
    article = _stored(given, body, digest, actor)
    if article is None:  # the same text stored by a simultaneous ingest: the duplicate's answer
        existing = _existing(digest)
        assert existing is not None
        return _duplicate(existing, given, actor)
    record("ingest", actor=actor, article=article, data={"bytes": size})
    result = IngestResult(article, created=True, title_from_text=not title.strip())
    if found is None:
        result.job = queue_job(INGEST_JOB, article.id, actor)
    else:
        result.candidates = len(save_candidates(article, found.claims, actor))
    return result


def save_candidates(article: Article, found: Sequence[Candidate], actor: User | None) -> list[int]:
    """Store the extractor's candidates for `article` in bulk, audited as one event that lists
    their ids, and the sketch that finds its near-duplicates; queue the job that checks them
    against earlier fact-checks (matching them here would slow ingest). Returns the ids."""
    ids = insert_candidates(article, found)
    store_sketch(article)
    if ids:
        queue_check(article.id, actor)
    record(
        "extract",
        actor=actor,
        article=article,
        data={"claims": len(ids), "claim_ids": ids},
    )
    return ids


def extract_article(article_id: int, progress: Progress) -> None:
    """The ingest job: find the claims of an article stored without them. Idempotent: an
    article whose extraction was already saved is left alone. Raises NotFound for an article
    deleted meanwhile."""
    article = db.session.get(Article, article_id)
    if article is None:
        raise NotFound(f"Article #{article_id} no longer exists.")
    if extraction_saved(article.id):
        progress(100, "The candidates were already saved.")
        return
    body, published_on, actor = article.body, article.published_on, article.created_by
    progress(5, f"Finding claims in {size_label(len(body.encode('utf-8')))} of text…")
    end_read_transaction(db.session)
    found = extract(body, published_on)
    progress(80, f"Saving {len(found.claims)} candidate claims…")
    article = db.session.get(Article, article_id)
    if article is None:
        raise NotFound(f"Article #{article_id} no longer exists.")
    save_candidates(article, found.claims, actor)


def extraction_saved(article_id: int) -> bool:
    """Whether the article's candidates were stored (its "extract" event exists)."""
    return (
        db.session.scalar(
            select(Event.id)
            .where(Event.article_id == article_id, Event.action == "extract")
            .limit(1)
        )
        is not None
    )


def dismiss_below(
    article: Article, score: float, actor: User, note: str | None = None
) -> list[int]:
    """Dismiss every candidate of `article` scored below `score` with one statement, audited
    as one event listing them; returns their ids. Candidates are not public and have no
    revisions, so nothing else follows. Raises ValidationError for a score outside 0-1."""
    if not 0 <= score <= 1:
        raise ValidationError("The score is between 0 and 1.")
    now = utcnow()
    ids = sorted(
        db.session.scalars(
            update(Claim)
            .where(
                Claim.article_id == article.id,
                Claim.state == State.CANDIDATE,
                Claim.score < score,
            )
            .values(
                state=State.DISMISSED,
                state_changed_at=now,
                updated_at=now,
                version=Claim.version + 1,
            )
            .returning(Claim.id)
            .execution_options(synchronize_session=False)
        )
    )
    if ids:
        record(
            "dismiss_below",
            actor=actor,
            article=article,
            note=note,
            data={"score": score, "claims": len(ids), "claim_ids": ids},
        )
        db.session.expire(article, ["claims"])
    return ids


def delete_article(article: Article, actor: User) -> int:
    """Delete an article with its candidates (their parts go with them), audited with what it
    was; returns how many claims went. Raises ConflictError, naming them, when any claim was
    worked on: accepted, assigned, given a verdict, a source or a comment."""
    claims = article.claims
    worked = [
        c
        for c in claims
        if c.state not in (State.CANDIDATE, State.DISMISSED)
        or c.assignee_id is not None
        or c.verdict is not None
        or c.sources
        or c.comments
    ]
    if worked:
        named = ", ".join(f"#{c.id}" for c in worked[:10]) + (" …" if len(worked) > 10 else "")
        raise ConflictError(
            f"This article cannot be deleted: {len(worked)} of its claims were worked on "
            f"({named}). Dismiss or withdraw them instead."
        )
    ids = sorted(c.id for c in claims)
    record(
        "article_deleted",
        actor=actor,
        article=article,
        data={"title": article.title, "url": article.url, "claims": len(ids), "claim_ids": ids},
    )
    db.session.flush()
    # One statement: the database's ON DELETE CASCADE removes claims and their parts.
    db.session.execute(
        delete(Article).where(Article.id == article.id).execution_options(synchronize_session=False)
    )
    db.session.expunge(article)
    return len(ids)


def ingest_job(article: Article) -> Job | None:
    """The job that finds (or found) the article's claims, if it was queued."""
    return latest_job(INGEST_JOB, article.id)


def check_job(article: Article) -> Job | None:
    """The latest job that checks the article's candidates against earlier fact-checks."""
    return latest_job(CHECK_JOB, article.id)


def _stored(given: ArticleDetails, body: str, digest: str, actor: User | None) -> Article | None:
    """The new article, added in a savepoint; None when a simultaneous ingest stored the same
    text first (on PostgreSQL the unique index waits for the other transaction, then refuses
    this one)."""
    article = Article(
        title=(given.title or "").strip() or headline_from_text(body),
        body=body,
        text_hash=digest,
        outlet=given.outlet or None,
        url=given.url or None,
        author=given.author or None,
        published_on=given.published_on,
        created_by=actor,
    )
    try:
        with db.session.begin_nested():
            db.session.add(article)
    except IntegrityError:
        if _existing(digest) is None:
            raise
        return None
    return article


def _checked_body(body: str, published_on: dt.date | None) -> str:
    """The article's text made clean, or ValidationError when it is empty, over the size limit
    or dated in the future."""
    body = clean_body(body)
    if not body:
        raise ValidationError("The article has no text. Paste the article or upload a file.")
    limit, size = current_app.config["ARTICLE_MAX_BYTES"], len(body.encode("utf-8"))
    if size > limit:
        raise ValidationError(
            f"The article's text is {size_label(size)}, over the {size_label(limit)} limit for "
            "one article. Split it into parts and ingest each, or remove material that is not "
            "part of the article."
        )
    if published_on is not None and published_on > latest_publication_date():
        raise ValidationError(f"The publication date {published_on:%-d %b %Y} is in the future.")
    return body


def _existing(digest: str) -> Article | None:
    return db.session.scalar(select(Article).where(Article.text_hash == digest))


def _duplicate(existing: Article, given: ArticleDetails, actor: User | None) -> IngestResult:
    record(
        "ingest_duplicate",
        actor=actor,
        article=existing,
        data={"title": given.title, "url": given.url},
    )
    return IngestResult(existing, created=False, differences=differences(existing, given))


def headline_from_text(body: str, lines: int = 40) -> str:
    """The first line of `body` that is not page furniture (a breadcrumb, a byline, a photo
    caption or credit, a time stamp, a share prompt), looked for in its first `lines` lines;
    else its first line."""
    candidates = [line.strip() for line in body.split("\n")[:lines] if line.strip()]
    chosen = next((line for line in candidates if furniture_kind(line) is None), None)
    chosen = chosen or (candidates[0] if candidates else "")
    return _shortened(" ".join(chosen.split()), Article.TITLE_MAX) or "Untitled article"


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
        name: [_plain(getattr(article, name)), _plain(value)]
        for name, value in new.items()
        if getattr(article, name) != value
    }
    if not changes:
        return changes
    if is_editor(actor):
        allow_public_change("an editor's fix of the article's details")
    for name, value in new.items():
        setattr(article, name, value)
    if "published_on" in changes:
        changes["dates_resolved"] = [0, resolve_dates_again(article)]
    record("article_edited", actor=actor, article=article, data=changes)
    for claim in article.claims:
        if claim.verdict is not None:  # its page shows these details: say so in its history
            record("article_edited", actor=actor, claim=claim, data=changes)
    return changes


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def resolve_dates_again(article: Article) -> int:
    """Resolve the dates of the article's claims against its (new) publication date; returns
    how many values changed. Dates are matched by their place in the text. Only the date finder
    runs, not the whole extraction: this happens inside the edit's write transaction."""
    found = {(d.start, d.end): d.value for d in find_dates(article.body, article.published_on)}
    changed = 0
    for claim in article.claims:
        for mention in claim.dates:
            value = found.get((mention.start, mention.end), mention.value)
            if value != mention.value:
                mention.value = value[:40] if value else None
                changed += 1
    return changed


register(
    INGEST_JOB,
    extract_article,
    label="Finding the article's claims",
    time_limit=15 * 60,
    retries=2,
    retry_delay=30,
)

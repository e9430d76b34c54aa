"""Ingest by URL: a person gives an article's address, an "ingest_url" job fetches the page
through the guard and ingests it through the usual ingest.

The article does not exist until the page is fetched, so the job's subject is an
ArticleFetch row: the address and who asked, and the article once it is stored.
"""

from __future__ import annotations

from flask import current_app

from ..audit import record
from ..errors import ValidationError
from ..extensions import db
from ..fetching import FetchedArticle, FetchError, article_from_url, settings_from
from ..jobs import Progress, queue_job, register
from ..jobs.services import latest_job
from ..models import ArticleFetch, Job, User
from ..site.services import check_fetch_url
from .services import IngestResult, ingest_article, latest_publication_date

INGEST_URL_JOB = "ingest_url"


def request_url_ingest(url: str, actor: User) -> tuple[ArticleFetch, Job]:
    """Queue the fetch and ingest of the article at `url` (sent when the transaction commits).
    Raises ValidationError for an address that is not plain http(s) or points, as written,
    inside our network."""
    checked = check_fetch_url(url, "article URL", "Give the article's address.")
    request = ArticleFetch(url=checked, created_by=actor)
    db.session.add(request)
    db.session.flush()
    record("article_fetch", actor=actor, data={"fetch": request.id, "url": checked})
    return request, queue_job(INGEST_URL_JOB, request.id, actor)


def fetch_job(request: ArticleFetch) -> Job | None:
    """The latest job of an ingest by URL."""
    return latest_job(INGEST_URL_JOB, request.id)


def ingest_from_url(fetch_id: int, progress: Progress) -> None:
    """The "ingest_url" job: fetch the page, ingest its article, record it on the request.
    Idempotent: a request that has its article is left alone. Raises ValidationError (the job
    fails for good, with the reason shown) for a page the guard refuses, that cannot be
    fetched, or that holds no article."""
    request = db.session.get(ArticleFetch, fetch_id)
    if request is None or request.article_id is not None:
        return
    url, actor = request.url, request.created_by
    db.session.rollback()  # no transaction open while the page is fetched
    progress(10, "Fetching the page…")
    try:
        fetched = article_from_url(url, settings_from(current_app.config))
    except FetchError as exc:
        raise ValidationError(exc.message) from exc
    progress(40, "Finding the article's claims…")
    result = _ingested(fetched, actor)
    request = db.session.get(ArticleFetch, fetch_id)
    if request is not None:
        request.article_id = result.article.id


def _ingested(fetched: FetchedArticle, actor: User | None) -> IngestResult:
    if not fetched.text.strip():
        raise ValidationError("No article text was found on that page.")
    published = fetched.published
    if published is not None and published > latest_publication_date():
        published = None  # a page's wrong date is not the person's mistake
    return ingest_article(
        title=fetched.title or "",
        body=fetched.text,
        actor=actor,
        outlet=fetched.outlet,
        url=fetched.final_url,
        author=fetched.author,
        published_on=published,
    )


register(
    INGEST_URL_JOB,
    ingest_from_url,
    label="Fetching the article",
    time_limit=5 * 60,
    retries=2,
    retry_delay=30,
)

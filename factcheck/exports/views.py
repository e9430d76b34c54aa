"""Export routes: staff exports under /desk/exports, public ones beside the public pages.

Every export streams: the body is a generator (stream_with_context keeps the request's
database session open while it runs) that fetches rows in batches of EXPORT_BATCH_SIZE and
writes each as it comes. Staff exports are never cached (`Cache-Control: no-store`, set for
every staff page by security/headers.py and again here); public ones answer with the public
pages' validators (ETag from the collection's version, 304s) and pass through the
micro-cache, which would otherwise read them whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from flask import Blueprint, Response, current_app, request, stream_with_context
from werkzeug.http import is_resource_modified, quote_etag

from ..admin.forms import AuditFilters
from ..claims.forms import queue_filters
from ..errors import DomainError
from ..extensions import db
from ..models import Article
from ..permissions import (
    can_export_article,
    can_export_audit,
    can_export_published,
    can_export_queue,
)
from ..public import cache, microcache, queries as public_queries
from ..public.claimreview import CONTEXT, Scale
from ..public.links import absolute, factcheck_link, publisher
from ..site.services import all_ratings, current_site
from ..web.guard import actor, authorize, load
from ..web.inputs import MAX_ID
from . import queries, rows, writers

bp = Blueprint("exports", __name__, url_prefix="/desk/exports")
# Published fact-checks are public: a blueprint the guard and the headers treat as public.
public_bp = Blueprint("public_exports", __name__, url_prefix="/factchecks")

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
# No filter a person types is longer (the queue's form allows 200 characters).
ARG_MAX = 200


@public_bp.after_request
def _no_stale_errors(response: Response) -> Response:
    response.headers.setdefault("Cache-Control", "no-cache")
    return response


def _checked_args(args: Mapping[str, str]) -> None:
    """DomainError (400, with the reason) for any argument longer than a filter can be."""
    for name, value in args.items():
        if len(value) > ARG_MAX:
            raise DomainError(f"The filter “{name[:40]}” is longer than {ARG_MAX} characters.")


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise DomainError("Exports come as .csv or .json.")
    return fmt


def _body(
    fmt: str, columns: Sequence[str], items: Iterable[Any], row: Callable[[Any], dict]
) -> Iterator[str]:
    built = (row(item) for item in items)
    return writers.csv_lines(columns, built) if fmt == "csv" else writers.json_array(built)


def _stream(body: Iterator[str], fmt: str, filename: str, *, staff: bool = True) -> Response:
    response = Response(stream_with_context(body), mimetype=None, content_type=FORMATS[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    if staff:
        response.headers["Cache-Control"] = "no-store"
    return response


def _batch() -> int:
    return current_app.config["EXPORT_BATCH_SIZE"]


@bp.get("/queue.<fmt>")
def queue(fmt: str):
    authorize(can_export_queue)
    _checked_args(request.args)
    fmt = _format(fmt)
    f = queue_filters(request.args, actor())
    body = _body(fmt, rows.CLAIM_COLUMNS, queries.queue_rows(f, _batch()), rows.claim_row)
    return _stream(body, fmt, "queue")


@bp.get("/articles/<int:article_id>.<fmt>")
def article(article_id: int, fmt: str):
    found = load(
        db.session.get(Article, article_id) if article_id <= MAX_ID else None, can_export_article
    )
    fmt = _format(fmt)
    body = _body(
        fmt, rows.CLAIM_COLUMNS, queries.article_claims(found.id, _batch()), rows.claim_row
    )
    return _stream(body, fmt, f"article-{found.id}-claims")


@bp.get("/audit.<fmt>")
def audit(fmt: str):
    authorize(can_export_audit)
    _checked_args(request.args)
    fmt = _format(fmt)
    f = AuditFilters.of(request.args)
    events = queries.audit_events(
        security_only=f.security_only, action=f.action, actor_id=f.actor_id, size=_batch()
    )
    return _stream(_body(fmt, rows.AUDIT_COLUMNS, events, rows.audit_row), fmt, "audit-log")


def _public_answer(name: str, body: Callable[[], Iterator[str]], fmt: str, filename: str):
    """A public export with the public pages' validators: 304 when the reader has this
    version, else the body streamed with an ETag and Last-Modified."""
    stamp = public_queries.collection_stamp()
    microcache.not_kept()
    etag = f"{name}-{stamp.tag}"
    if not is_resource_modified(
        request.environ, etag=quote_etag(etag, weak=True), last_modified=stamp.modified
    ):
        return cache.cache_headers(Response(status=304), etag, stamp.modified)
    response = _stream(body(), fmt, filename, staff=False)
    return cache.cache_headers(response, etag, stamp.modified)


@public_bp.get("/export.<fmt>")
def published(fmt: str):
    authorize(can_export_published)
    fmt = _format(fmt)

    def body() -> Iterator[str]:
        items = queries.published(_batch())
        return _body(
            fmt, rows.PUBLISHED_COLUMNS, items, lambda c: rows.published_row(c, factcheck_link(c))
        )

    return _public_answer(f"export-{fmt}", body, fmt, "factchecks")


@public_bp.get("/claimreview-feed.json")
def claimreview_feed():
    """Everything published as a DataCommons / Google Fact Check Tools ClaimReview feed."""
    authorize(can_export_published)
    return _public_answer("claimreview-feed", _feed, "json", "claimreview-feed")


def _feed() -> Iterator[str]:
    by = publisher()
    ratings = all_ratings()
    plain = Scale.of(ratings)

    def scale(claim) -> Scale:
        rating = claim.verdict.rating if claim.verdict else None
        return plain if rating is None or rating.active else Scale.of(ratings, rating)

    head = {
        "@context": CONTEXT,
        "@type": "DataFeed",
        "name": f"{current_site().name}: fact-checks",
        "url": absolute("public_exports.claimreview_feed"),
    }
    items = (
        rows.feed_item(c, url=factcheck_link(c), publisher=by, scale=scale)
        for c in queries.published(_batch())
    )
    return writers.json_document(head, "dataFeedElement", items)

"""The public JSON API (/api/v1): published fact-checks as ClaimReview, with OpenAPI 3.1.

GET only, no sign-in, the same material as the public pages and the same caching: ETags made
of the material's version, 304s for repeat pulls, one render shared by every app server.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, cast

from flask import Blueprint, Flask, Response, request, url_for
from werkzeug.exceptions import HTTPException

from ..db.pagination import decode_cursor
from ..models import Claim, Event
from ..public import cache, queries
from ..public.claimreview import Scale, claim_review
from ..public.links import base_url, factcheck_link, publisher
from ..site.services import all_ratings
from ..web.inputs import as_id, is_digits
from .openapi import DEFAULT_PER_PAGE, MAX_PER_PAGE, document

bp = Blueprint("api", __name__, url_prefix="/api/v1")
bp.record_once(lambda state: cache.init_app(cast(Flask, state.app)))

JSON = "application/json"


class BadParameter(Exception):
    """A query parameter the API does not accept; answered with a 400."""


@bp.after_request
def _api_headers(response: Response) -> Response:
    # Public data for any site or tool to read; no credentials are ever involved.
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers.setdefault("Cache-Control", "no-cache")
    return response


def _json(data: Any, status: int = 200) -> Response:
    return Response(json.dumps(data, ensure_ascii=False), status=status, mimetype=JSON)


def _error_body(status: int, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "message": message}}


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    status = exc.code or 500
    return _json(_error_body(status, exc.description or exc.name), status)


@bp.errorhandler(BadParameter)
def _bad_parameter(exc: BadParameter):
    return _json(_error_body(400, str(exc)), 400)


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not is_digits(raw) or not low <= int(raw) <= high:
        raise BadParameter(f"{name} must be a whole number from {low} to {high}.")
    return int(raw)


def parse_since(raw: str | None) -> dt.datetime | None:
    """An RFC 3339 date-time or a date as an aware UTC datetime; raises BadParameter."""
    if raw is None:
        return None
    text = raw.strip()
    try:
        if len(text) == 10:
            value = dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
        else:
            value = dt.datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        raise BadParameter(
            "since must be an RFC 3339 date-time such as "
            "2024-05-01T12:00:00Z, or a date such as 2024-05-01."
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    try:
        return value.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise BadParameter("since is out of range.") from None


def _iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).replace(microsecond=0).isoformat()


def review_of(claim: Claim) -> dict[str, Any]:
    rating = claim.verdict.rating if claim.verdict else None
    return claim_review(
        claim,
        url=factcheck_link(claim),
        publisher=publisher(),
        scale=Scale.of(all_ratings(), rating),
    )


def withdrawal_of(claim: Claim, event: Event | None) -> dict[str, Any]:
    return {
        "url": factcheck_link(claim),
        "claimReviewed": claim.text,
        "dateWithdrawn": _iso(event.created_at if event else claim.state_changed_at),
        "reason": event.note if event else None,
    }


# Render-cache bounds (issue 13, finding 8): only first pages are kept, for these page sizes,
# and with `since` only when it is a whole hour within CACHED_SINCE of now; anything else a
# client may send is answered too, rendered each time (keyset pages are cheap).
CACHED_PER_PAGE = frozenset({DEFAULT_PER_PAGE, MAX_PER_PAGE})
CACHED_SINCE = dt.timedelta(days=7)
MAX_CURSOR = 200


def _cursor_arg(since: dt.datetime | None) -> str | None:
    raw = request.args.get("cursor")
    if raw is None:
        return None
    if len(raw) > MAX_CURSOR or decode_cursor(raw, queries.claimreview_keys(since)) is None:
        raise BadParameter("cursor is not valid: use the next link of the previous page.")
    return raw


def _cached_since(since: dt.datetime | None) -> bool:
    if since is None:
        return True
    whole_hour = since == since.replace(minute=0, second=0, microsecond=0)
    return whole_hour and dt.datetime.now(dt.UTC) - since <= CACHED_SINCE


@bp.get("/claimreviews")
def claimreviews():
    # Kept for links made before cursors; deeper pages follow `next`.
    _int_arg("page", 1, 1, 1)
    per_page = _int_arg("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    since = parse_since(request.args.get("since"))
    cursor = _cursor_arg(since)
    stamp = queries.collection_stamp()

    def link(after: str) -> str:
        args: dict[str, Any] = {"per_page": per_page, "cursor": after}
        if since is not None:
            args["since"] = _iso(since)
        return base_url() + url_for("api.claimreviews", **args)

    def render() -> cache.Rendered:
        results = queries.claimreview_page(since, cursor, per_page)
        withdrawn = queries.withdrawn_since(since) if since is not None else []
        body = {
            "items": [review_of(c) for c in results.items],
            "perPage": per_page,
            # Counting is a scan: done for the first page only, which the cache keeps.
            "total": queries.public_count(since) if cursor is None else None,
            "next": link(results.next_cursor) if results.next_cursor else None,
            "since": _iso(since) if since is not None else None,
            "withdrawn": [withdrawal_of(c, e) for c, e in withdrawn],
        }
        return cache.Rendered(json.dumps(body, ensure_ascii=False), 200, JSON)

    variant = f"n{per_page}s{since.timestamp() if since else ''}c{cursor or ''}"
    return cache.conditional(
        name="api-list",
        version=stamp.tag,
        modified=stamp.modified,
        variant=variant,
        render=render,
        cacheable=cursor is None and per_page in CACHED_PER_PAGE and _cached_since(since),
    )


@bp.get("/claimreviews/<claim_id>")
def claimreview(claim_id: str):
    # Any id shape reaches this view, so a bad one gets a JSON 404, not the HTML error page.
    ident = as_id(claim_id)
    if ident is None:
        return _json(_error_body(404, "No published fact-check has this id."), 404)
    stamp = queries.factcheck_stamp(ident)
    if stamp is None:
        return _json(_error_body(404, "No published fact-check has this id."), 404)

    def render() -> cache.Rendered:
        found = queries.withdrawn(ident)
        if found is not None:
            withdrawn, event = found
            body = {
                **_error_body(410, "This fact-check was withdrawn."),
                "withdrawn": withdrawal_of(withdrawn, event),
            }
            return cache.Rendered(json.dumps(body, ensure_ascii=False), 410, JSON)
        claim = queries.factcheck(ident)
        if claim is None:
            return cache.Rendered(
                json.dumps(_error_body(404, "No published fact-check has this id.")), 404, JSON
            )
        return cache.Rendered(json.dumps(review_of(claim), ensure_ascii=False), 200, JSON)

    return cache.conditional(
        name="api-item", version=stamp.tag, modified=stamp.modified, render=render
    )


@bp.get("/openapi.json")
def openapi():
    body = json.dumps(document(), ensure_ascii=False)
    version = hashlib.sha256(body.encode()).hexdigest()[:16]
    return cache.conditional(
        name="openapi",
        version=version,
        modified=None,
        render=lambda: cache.Rendered(body, 200, JSON),
    )


@bp.route("/", defaults={"rest": ""})
@bp.route("/<path:rest>")
def not_found(rest: str):
    """Unknown API addresses answer in JSON too."""
    return _json(
        _error_body(404, f"There is no such API address. See {url_for('api.openapi')}."), 404
    )

"""Public pages readers see without signing in: only published fact-checks.

Every page answers through cache.conditional(): its ETag is the version of what it shows, so
repeat requests get a 304 and first requests on any app server reuse one render. The public
templates never touch the session or the signed-in user, so the cached HTML is the same for
everyone and no public response sets a cookie.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import cast

from flask import Blueprint, Flask, Response, abort, current_app, redirect, render_template, request

from ..models import Claim
from ..site.services import all_ratings
from ..web.inputs import MAX_ID, as_id, page_number
from ..workflow import PUBLIC_STATES, State
from . import cache, queries
from .claimreview import Scale, claim_date, claim_review, jsonld_script, modified_at
from .excerpts import excerpt
from .feed import atom
from .links import absolute, factcheck_link, factcheck_path, publisher, slugify

bp = Blueprint("public", __name__, url_prefix="/factchecks")
bp.record_once(lambda state: cache.init_app(cast(Flask, state.app)))

FEED_SIZE = 50
# Corrections-log pages past this are rendered on each request rather than kept: a reader
# could otherwise fill the render cache with up to MAX_PAGE entries (issue 13, finding 8).
CACHED_PAGES = 10

__all__ = ["bp", "slugify"]


@bp.app_template_global()
def factcheck_url(claim: Claim, _external: bool = False) -> str:
    return factcheck_link(claim) if _external else factcheck_path(claim.id, claim.text)


@bp.after_request
def _no_stale_errors(response: Response) -> Response:
    # Errors and not-yet-published ids must not be kept by browsers or CDNs: the claim may be
    # published a minute later.
    response.headers.setdefault("Cache-Control", "no-cache")
    return response


def _html(template: str, status: int = 200, **context) -> cache.Rendered:
    return cache.Rendered(render_template(template, **context), status)


def _filters(args: Mapping[str, str]) -> queries.Filters:
    """Filters from query arguments; anything that is not a positive id is ignored."""

    def num(name: str) -> int | None:
        return as_id((args.get(name) or "").strip())

    return queries.Filters(rating=num("rating"), speaker=num("speaker"), article=num("article"))


@bp.get("/")
def index():
    filters = _filters(request.args)
    cursor = (request.args.get("after") or "")[:200] or None
    stamp = queries.collection_stamp()

    def render() -> cache.Rendered:
        results = queries.newest_page(filters, cursor, current_app.config["PER_PAGE"])
        return _html(
            "public/index.html",
            page=results,
            filters=filters,
            # The whole scale, retired ratings included (old verdicts keep theirs);
            # speakers and articles are filtered by following their links, not from
            # lists, which would cost a scan of every published claim.
            ratings=all_ratings(),
            names=queries.filter_names(filters),
        )

    # Kept in the render cache: the first page, unfiltered or by one of the few ratings.
    # Cursors and speaker or article ids are endless variants; keyset pages cost little.
    known_rating = filters.rating is None or filters.rating in {r.id for r in all_ratings()}
    return cache.conditional(
        name="index",
        version=stamp.tag,
        modified=stamp.modified,
        variant=f"{filters.key()}c{cursor or ''}",
        render=render,
        cacheable=cursor is None and not (filters.speaker or filters.article) and known_rating,
    )


@bp.get("/<int:claim_id>")
@bp.get("/<int:claim_id>-<slug>")
def factcheck(claim_id: int, slug: str | None = None):
    stamp = queries.factcheck_stamp(claim_id) if claim_id <= MAX_ID else None
    if stamp is None:
        abort(404)
    if slug is not None and slug != slugify(stamp.text):
        response = redirect(factcheck_path(stamp.claim_id, stamp.text), 301)
        response.headers["Cache-Control"] = "public, max-age=3600"
        return response
    if stamp.state == State.WITHDRAWN:
        return cache.conditional(
            name="tombstone",
            version=stamp.tag,
            modified=stamp.modified,
            render=lambda: _render_tombstone(claim_id),
        )
    return cache.conditional(
        name="factcheck",
        version=stamp.tag,
        modified=stamp.modified,
        render=lambda: _render_factcheck(claim_id),
    )


def _render_factcheck(claim_id: int) -> cache.Rendered:
    claim = queries.factcheck(claim_id)
    if claim is None:  # changed state between the stamp and now
        abort(404)
    verdict = claim.verdict
    rating = verdict.rating if verdict else None
    review = claim_review(
        claim,
        url=factcheck_link(claim),
        publisher=publisher(),
        scale=Scale.of(all_ratings(), rating),
    )
    return _html(
        "public/factcheck.html",
        claim=claim,
        verdict=verdict,
        jsonld=jsonld_script(review),
        said_on=claim_date(claim),
        modified=modified_at(claim),
        see_also=queries.see_also(claim),
        from_reader=queries.from_reader(claim),
    )


def _render_tombstone(claim_id: int) -> cache.Rendered:
    found = queries.withdrawn(claim_id)
    if found is None:
        abort(404)
    claim, event = found
    return _html(
        "public/withdrawn.html",
        status=410,
        claim=claim,
        reason=event.note if event else None,
        withdrawn_at=event.created_at if event else claim.state_changed_at,
    )


@bp.get("/articles/<int:article_id>")
def article(article_id: int):
    if article_id > MAX_ID or not queries.article_is_public(article_id):
        abort(404)
    stamp = queries.collection_stamp()

    def render() -> cache.Rendered:
        found = queries.article_with_checks(article_id)
        if found is None:
            abort(404)
        art, claims = found
        tally = Counter(c.verdict.rating.label for c in claims if c.verdict and c.verdict.rating)
        return _html(
            "public/article.html",
            article=art,
            claims=claims,
            # Excerpts only: the article belongs to its publisher; readers get a link to it.
            excerpts={c.id: excerpt(art.body, c.start, c.end) for c in claims},
            tally=tally,
            numbers={c.id: n for n, c in enumerate(claims, 1)},
        )

    return cache.conditional(
        name="article",
        version=stamp.tag,
        modified=stamp.modified,
        variant=str(article_id),
        render=render,
    )


@bp.get("/corrections")
def corrections():
    page = page_number(request.args)
    stamp = queries.collection_stamp()

    def render() -> cache.Rendered:
        log = queries.corrections_log(page, current_app.config["PER_PAGE"])
        return _html("public/corrections.html", page=log, public_states=PUBLIC_STATES)

    return cache.conditional(
        name="corrections",
        version=stamp.tag,
        modified=stamp.modified,
        variant=f"p{page}",
        render=render,
        cacheable=page <= CACHED_PAGES,
    )


@bp.get("/methodology")
def methodology():
    version = queries.site_version()

    def render() -> cache.Rendered:
        scale = [r for r in all_ratings() if r.active]
        return _html("public/methodology.html", scale=scale)

    return cache.conditional(name="methodology", version=version, modified=None, render=render)


@bp.get("/feed.atom")
def feed():
    stamp = queries.collection_stamp()

    def render() -> cache.Rendered:
        body = atom(
            queries.recently_changed(FEED_SIZE),
            publisher=publisher(),
            feed_url=absolute("public.feed"),
            index_url=absolute("public.index"),
            link_for=factcheck_link,
            updated=stamp.modified,
        )
        return cache.Rendered(body.decode("utf-8"), 200, "application/atom+xml")

    return cache.conditional(name="feed", version=stamp.tag, modified=stamp.modified, render=render)

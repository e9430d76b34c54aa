"""HTTP caching for public pages and the API: validators, 304s and a shared render cache.

A public response carries an ETag and Last-Modified made from the version of what it shows
(see queries.factcheck_stamp and collection_stamp), so a repeat request costs one small query
and gets a 304. A changed version is a new cache key, so nothing needs invalidating: old
renders simply stop being asked for and expire.

The render cache is Flask-Caching: an in-process SimpleCache by default, Redis when
REDIS_URL is set. Redis is what several app servers share, so a verdict that goes viral is
rendered once for all of them; if Redis fails, pages are rendered uncached rather than lost.

Only a bounded set of variants is kept (issue 13, finding 8: every unique `since`, cursor or
Host port used to add an entry kept an hour). Views pass `cacheable=False` for what a reader
can vary without end (cursors, ids of speakers and articles, unnormalised `since`): those are
rendered each time, which keyset pagination keeps as cheap as a first page, and still get
ETags and 304s. The key never holds the request's port: a render made for another base URL
than the request's is not served (see _scope).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, Response, current_app, request
from flask_caching import Cache
from werkzeug.http import is_resource_modified, quote_etag

from . import links

cache = Cache()


def init_app(app: Flask) -> None:
    """Configure the render cache: CACHE_TYPE if set, else Redis at REDIS_URL (the same one the
    sign-in throttle uses: config, or the environment outside tests), else memory."""
    redis_url = app.config.get("REDIS_URL")
    if not redis_url and not app.testing:
        redis_url = os.environ.get("REDIS_URL")
    if not app.config.get("CACHE_TYPE"):
        if redis_url:
            app.config["CACHE_TYPE"] = "RedisCache"
            app.config.setdefault("CACHE_REDIS_URL", redis_url)
        else:
            app.config["CACHE_TYPE"] = "SimpleCache"
    cache.init_app(app)


@dataclass
class Rendered:
    body: str
    status: int = 200
    mimetype: str = "text/html"


_PORT = re.compile(r":\d*$")


def _scope() -> str:
    """What a render's key is scoped to: the public URL, without any port the Host header
    named, so a reader cannot make one page a new entry per port."""
    return _PORT.sub("", links.base_url())


def _http_date(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(microsecond=0)


def _cache_get(key: str) -> Rendered | None:
    try:
        value = cache.get(key)
    except Exception:  # a cache outage must not take the public site down with it
        current_app.logger.warning("render cache unavailable", exc_info=True)
        return None
    if not isinstance(value, tuple) or len(value) != 4:
        return None
    *fields, base = value
    # Pages hold absolute links: one rendered for another base URL (another port) is not ours.
    return Rendered(*fields) if base == links.base_url() else None


def _cache_set(key: str, rendered: Rendered) -> None:
    try:
        cache.set(key, (rendered.body, rendered.status, rendered.mimetype, links.base_url()))
    except Exception:
        current_app.logger.warning("render cache unavailable", exc_info=True)


def cache_headers(response: Response, etag: str, modified: dt.datetime | None) -> Response:
    response.set_etag(etag, weak=True)
    if modified is not None:
        response.last_modified = _http_date(modified)
    response.headers["Cache-Control"] = f"public, max-age={current_app.config['PUBLIC_MAX_AGE']}"
    return response


def conditional(
    *,
    name: str,
    version: str,
    modified: dt.datetime | None,
    render: Callable[[], Rendered],
    variant: str = "",
    cacheable: bool = True,
) -> Response:
    """Answer a GET for a public resource whose content is fully determined by `version`
    (and `variant`, e.g. filters and page number): 304 if the client has it, the cached
    render if any server made it, else render now and cache it. Weak ETags, because the
    tag names the version of the material, not the bytes. With `cacheable` false the render
    cache is neither asked nor filled (X-Cache: pass)."""
    # The variant may carry what a reader typed (a page cursor): the tag holds its digest, which
    # is always a valid ETag and a short cache key.
    etag = (
        f"{name}-{hashlib.sha256(variant.encode()).hexdigest()[:20]}-{version}"
        if variant
        else f"{name}-{version}"
    )
    if not is_resource_modified(
        request.environ, etag=quote_etag(etag, weak=True), last_modified=modified
    ):
        return cache_headers(Response(status=304), etag, modified)
    key = f"{_scope()}|{etag}" if cacheable else None
    kept = _cache_get(key) if key else None
    if kept is not None:
        rendered, state = kept, "hit"
    else:
        rendered, state = render(), "miss" if key else "pass"
        if key:
            _cache_set(key, rendered)
    response = Response(rendered.body, status=rendered.status, mimetype=rendered.mimetype)
    response.headers["X-Cache"] = state
    return cache_headers(response, etag, modified)

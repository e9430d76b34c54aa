"""Issue 13, finding 8: what anonymous readers can vary (since, cursors, page sizes, filter
ids, page numbers, the Host port) no longer makes a render-cache entry each, and the API
pages by keyset, so a deep page is the same indexed query as the first."""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from contextlib import contextmanager

import pytest
import redis
from sqlalchemy import event

from factcheck.extensions import db
from factcheck.public.cache import cache
from factcheck.workflow import State

REDIS_URL = "redis://127.0.0.1:6379/0"
# No SERVER_NAME, and many trusted ports (as behind a proxy that passes the client's port), so
# requests may name any of those Host ports: the cache must not make an entry per port.
PORTS = list(range(8000, 8120))
MEMORY = {
    "SERVER_NAME": None,
    "TRUSTED_PORTS": PORTS,
    "CACHE_TYPE": "SimpleCache",
    "CACHE_THRESHOLD": 100_000,
}
REDIS = {
    "SERVER_NAME": None,
    "TRUSTED_PORTS": PORTS,
    "CACHE_TYPE": "RedisCache",
    "CACHE_REDIS_URL": REDIS_URL,
    "CACHE_KEY_PREFIX": f"factcheck-test-{uuid.uuid4().hex[:12]}:",
}


@pytest.fixture
def app_config() -> dict:
    return MEMORY


def _redis():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    return client


def _keys(app) -> int:
    if app.config["CACHE_TYPE"] == "RedisCache":
        return len(list(_redis().scan_iter(match=app.config["CACHE_KEY_PREFIX"] + "*")))
    with app.app_context():
        return len(cache.cache._cache)


def _cursor(when: dt.datetime, ident: int) -> str:
    raw = json.dumps([when.isoformat(), ident], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize("app_config", [MEMORY, REDIS], ids=["memory", "redis"])
def test_reader_variants_make_a_bounded_number_of_cache_entries(app, client, make, app_config):
    if app_config is REDIS:
        _redis()
    for n in range(3):
        make.claim(State.PUBLISHED, text=f"Published claim {n}")
    now = dt.datetime.now(dt.UTC)
    urls = []
    for n in range(120):
        when = now - dt.timedelta(minutes=n, seconds=n % 60, microseconds=n)
        since = when.isoformat().replace("+00:00", "Z")
        urls += [
            f"/api/v1/claimreviews?since={since}",
            f"/api/v1/claimreviews?per_page={n % 100 + 1}",
            f"/api/v1/claimreviews?cursor={_cursor(when, n + 1)}",
            f"/factchecks/?after={_cursor(when, n + 1)}",
            f"/factchecks/?speaker={n + 1}",
            f"/factchecks/?article={n + 1}&rating={n + 1}",
            f"/factchecks/corrections?page={n + 1}",
        ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    for port in PORTS:
        response = client.get("/factchecks/feed.atom", headers={"Host": f"localhost:{port}"})
        assert response.status_code == 200
        # Links name the port asked for: a render for another port is never served.
        assert f"localhost:{port}/" in response.get_data(as_text=True)
    assert len(urls) == 840
    # Each kept variant is a first page: the index, the API list per page size and per recent
    # whole hour, ten corrections pages.
    kept = _keys(app)
    if app_config is REDIS:
        store = _redis()
        for key in store.scan_iter(match=app.config["CACHE_KEY_PREFIX"] + "*"):
            store.delete(key)
    assert kept <= 20


def test_the_usual_pages_still_come_from_the_cache(app, client, make):
    make.claim(State.PUBLISHED, text="A published claim")
    hour = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
    since = hour.isoformat().replace("+00:00", "Z")
    for url in (
        "/factchecks/",
        "/factchecks/corrections",
        "/api/v1/claimreviews",
        "/api/v1/claimreviews?per_page=100",
        f"/api/v1/claimreviews?since={since}",
    ):
        assert client.get(url).headers["X-Cache"] == "miss", url
        assert client.get(url).headers["X-Cache"] == "hit", url


@contextmanager
def _statements(app):
    seen: list[tuple[str, object]] = []
    with app.app_context():
        engine = db.engine

    def listener(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", listener)


@pytest.mark.parametrize("since", [None, "2000-01-01T00:00:00Z"])
def test_deep_api_pages_are_keyset_queries(app, client, make, since):
    for n in range(9):
        make.claim(State.PUBLISHED, text=f"Paged claim {n}")
    url = "/api/v1/claimreviews?per_page=2" + (f"&since={since}" if since else "")
    pages, seen = [], []
    with _statements(app) as statements:
        while url:
            body = client.get(url.replace("http://localhost", "")).get_json()
            seen += [i["claimReviewed"] for i in body["items"]]
            pages.append([s for s in statements if "FROM claims" in s[0] and "LIMIT" in s[0]])
            statements.clear()
            url = body["next"]
    assert sorted(seen) == [f"Paged claim {n}" for n in range(9)] and len(pages) == 5
    deepest = pages[-1]
    assert deepest, "the last page ran no list query"
    for statement, parameters in deepest:
        # SQLAlchemy writes "LIMIT ? OFFSET 0" on SQLite: the offset must be that 0, never the
        # rows of the pages before; and the page reads per_page + 1 rows, however deep.
        if "OFFSET" in statement:
            assert statement.rstrip().endswith("LIMIT ? OFFSET ?")
            assert list(parameters)[-2:] == [3, 0], parameters
        else:
            assert "LIMIT" in statement
    # The deep page seeks past the previous page's last row by its sort keys.
    statement = deepest[0][0]
    assert "claims.published_at <" in statement or "claims.updated_at >" in statement, statement

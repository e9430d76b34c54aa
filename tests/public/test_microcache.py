"""The micro-cache in front of Flask (factcheck/public/microcache.py): a public answer is kept for
exactly as long as the app would have served the same version, only answers every reader gets
are kept, and nothing personal, forged or failed is kept or served from it."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from factcheck.extensions import db
from factcheck.models import Claim, Role
from factcheck.public import microcache
from factcheck.workflow import State
from tests.support import login, setting_up

HIT = "X-Micro-Cache"


@pytest.fixture
def app_config():
    return {"PUBLIC_RECHECK_SECONDS": 5}


@pytest.fixture
def clock(monkeypatch):
    import factcheck.public.queries as public_queries

    now = [1000.0]
    # Both modules read the one time module: moving it moves the version memo and the cache.
    monkeypatch.setattr(public_queries.time, "monotonic", lambda: now[0])
    return now


@pytest.fixture
def page(make, clock):
    make.user(Role.ADMIN)
    claim = make.claim(State.PUBLISHED, text="The bridge toll doubled last spring.")
    return f"/factchecks/{claim.id}"


def _statements(app):
    seen: list[str] = []
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    return seen


def test_a_repeat_request_is_answered_without_the_app_or_the_database(app, client, page):
    first = client.get(page)
    assert first.status_code == 200 and HIT not in first.headers
    statements = _statements(app)
    second = client.get(page)
    assert second.headers[HIT] == "hit"
    assert second.get_data() == first.get_data()
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    assert statements == []
    head = client.head(page)
    assert head.headers[HIT] == "hit" and head.get_data() == b""


def test_a_change_shows_when_the_version_would_have_been_checked_again(app, client, page, clock):
    client.get(page)
    claim_id = int(page.rsplit("/", 1)[1])
    with app.app_context():
        db.session.get(Claim, claim_id).verdict.summary = "A reworded summary."
        setting_up()
        db.session.commit()
    clock[0] += 4.9
    assert "A reworded summary." not in client.get(page).get_data(as_text=True)
    clock[0] += 0.2  # past the version's deadline (5 s after it was read): not a moment later
    fresh = client.get(page)
    assert HIT not in fresh.headers
    assert "A reworded summary." in fresh.get_data(as_text=True)


def test_requests_with_a_cookie_credentials_or_validators_go_to_the_app(app, client, page, make):
    client.get(page)
    etag = client.get(page).headers["ETag"]
    assert client.get(page, headers={"If-None-Match": etag}).status_code == 304
    assert HIT not in client.get(page, headers={"Authorization": "Basic eDp5"}).headers
    staff = app.test_client()
    login(staff, make.user(Role.EDITOR))
    signed_in = staff.get(page)
    assert signed_in.status_code == 200 and HIT not in signed_in.headers


def test_an_answer_is_kept_per_host_and_scheme_and_a_forged_host_is_never_kept(app, client, page):
    client.get(page)
    assert client.get(page).headers[HIT] == "hit"
    other_scheme = client.get(page, headers={"X-Forwarded-Proto": "https"})
    assert HIT not in other_scheme.headers
    for _ in range(2):
        forged = client.get(page, headers={"Host": "attacker.example"})
        assert forged.status_code == 400 and HIT not in forged.headers


def test_staff_pages_errors_and_redirects_are_not_kept(app, client, page):
    for path in ("/desk/claims/", "/factchecks/999999", "/desk/"):
        first, second = client.get(path), client.get(path)
        assert first.status_code != 200 or "public" not in first.headers.get("Cache-Control", "")
        assert HIT not in second.headers, path


def test_entries_and_bytes_are_bounded(app, client, page, monkeypatch):
    monkeypatch.setattr(microcache, "MAX_ENTRIES", 3)
    for n in range(6):
        client.get(f"{page}?n={n}")
    cache = app.extensions["factcheck.microcache"]
    assert len(cache.entries) == 3
    assert cache.size == sum(len(e[3]) for e in cache.entries.values())
    monkeypatch.setattr(microcache, "MAX_BYTES", 10)
    client.get(f"{page}?n=99")
    assert len(cache.entries) == 0 and cache.size == 0


def test_without_a_recheck_window_there_is_no_micro_cache(app):
    from factcheck import create_app
    from tests.conftest import _config

    other = create_app(_config(app.config["SQLALCHEMY_DATABASE_URI"], {}))
    assert "factcheck.microcache" not in other.extensions


@pytest.mark.parametrize(
    ("status", "headers", "kept"),
    [
        ("200 OK", [("Cache-Control", "public, max-age=60")], True),
        ("200 OK", [("Cache-Control", "no-store")], False),
        ("200 OK", [("Cache-Control", "public"), ("Set-Cookie", "session=x")], False),
        ("200 OK", [("Cache-Control", "public"), ("Vary", "Accept, Cookie")], False),
        ("200 OK", [("Cache-Control", "public"), ("Vary", "*")], False),
        ("404 NOT FOUND", [("Cache-Control", "public")], False),
        ("304 NOT MODIFIED", [("Cache-Control", "public")], False),
    ],
)
def test_only_answers_every_reader_would_get_are_shareable(status, headers, kept):
    # A public page that starts a session (a form's CSRF token) sets a cookie and varies on
    # it: such an answer belongs to one reader.
    assert microcache._shareable(status, headers) is kept


def test_each_answer_from_the_cache_carries_its_own_request_id(app, client, page):
    app.config["LOG_FORMAT"] = "json"
    from factcheck import logs

    @app.after_request
    def _echo(response):  # as logs.init_app adds with JSON logs on
        response.headers.setdefault(logs.REQUEST_ID_HEADER, logs.request_id() or "")
        return response

    first = client.get(page).headers[logs.REQUEST_ID_HEADER]
    again = client.get(page)
    assert again.headers[HIT] == "hit"
    assert again.headers.getlist(logs.REQUEST_ID_HEADER) != [first]
    assert len(again.headers.getlist(logs.REQUEST_ID_HEADER)) == 1
    given = client.get(page, headers={logs.REQUEST_ID_HEADER: "proxy-id-42"})
    assert given.headers[logs.REQUEST_ID_HEADER] == "proxy-id-42"
    forged = client.get(page, headers={logs.REQUEST_ID_HEADER: "bad id;x=y"})
    assert forged.headers[logs.REQUEST_ID_HEADER] not in (first, "bad id;x=y")

"""The admin import page (upload or feed, with CSRF on, run as a job), the import's page with
its counts, the desk's list and search, and who may do what."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import ClaimReviewImport, Event, ImportedFactCheck, Job, JobState, Role
from tests.fetching.server import Route, serving
from tests.imports.support import data
from tests.support import login

INSIDE = "This address points inside our network and cannot be fetched."


@pytest.fixture
def app_config() -> dict:
    return {"WTF_CSRF_ENABLED": True, "FETCH_ALLOW_LOOPBACK": True, "PER_PAGE": 3}


def _token(client, path: str = "/desk/admin/imports") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def _upload(client, payload: bytes, name: str = "feed.json", **extra):
    form = {"csrf_token": _token(client), "upload": (_file(payload), name), **extra}
    return client.post("/desk/admin/imports", data=form, content_type="multipart/form-data")


def _file(payload: bytes):
    import io

    return io.BytesIO(payload)


def _rows() -> int:
    return db.session.scalar(select(func.count()).select_from(ImportedFactCheck))


def test_an_admin_uploads_a_file_and_its_job_imports_it(app, client, make):
    login(client, make.user(Role.ADMIN))
    answer = _upload(client, data("feed.json"))
    assert answer.status_code == 302
    assert re.search(r"/desk/imported/imports/\d+$", answer.headers["Location"])
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert 'data-count="created">4<' in page and 'data-count="unchanged">0<' in page
    assert "Importing fact-checks" in page  # the job's panel
    with app.app_context():
        run = db.session.scalars(select(ClaimReviewImport)).one()
        assert (run.origin, run.kind.value, run.payload) == ("feed.json", "file", None)
        job = db.session.scalars(select(Job)).one()
        assert (job.kind, job.subject_id, job.state) == (
            "import_claimreviews",
            run.id,
            JobState.DONE,
        )
        assert _rows() == 4
        actions = set(db.session.scalars(select(Event.action)))
        assert {"claimreview_import_queued", "claimreviews_imported"} <= actions
    again = client.get(_upload(client, data("feed.json")).headers["Location"])
    assert 'data-count="unchanged">4<' in again.get_data(as_text=True)


def test_an_upload_without_the_csrf_token_is_refused(app, client, make):
    login(client, make.user(Role.ADMIN))
    answer = client.post(
        "/desk/admin/imports",
        data={"upload": (_file(data("feed.json")), "feed.json")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 400
    with app.app_context():
        assert _rows() == 0


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (
            b'{"@type": "DataFeed", "dataFeedElement": [{"item": [{"@type": "ClaimReview"}]}]}',
            "dataFeedElement[0].item[0]: url (the review&#39;s address) is missing.",
        ),
        (b"[" + b" " * 3000 + b"]", "The file is larger than 2 KB, the most one import reads."),
    ],
)
def test_a_bad_or_oversize_upload_is_refused_on_the_form_and_nothing_kept(
    app, client, make, payload, message
):
    app.config["IMPORT_MAX_BYTES"] = 2048
    login(client, make.user(Role.ADMIN))
    answer = _upload(client, payload)
    assert answer.status_code == 422
    assert message in answer.get_data(as_text=True)
    with app.app_context():
        assert _rows() == 0
        assert db.session.scalar(select(func.count()).select_from(ClaimReviewImport)) == 0


def test_a_feed_is_fetched_by_the_job_and_imported(app, client, make):
    login(client, make.user(Role.ADMIN))
    feed = Route(body=data("api_page.json"), headers={"Content-Type": "application/json"})
    with serving({"/feed": feed}) as server:
        answer = client.post(
            "/desk/admin/imports", data={"csrf_token": _token(client), "url": server.url("/feed")}
        )
        assert answer.status_code == 302
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert 'data-count="created">2<' in page
    with app.app_context():
        origins = set(db.session.scalars(select(ImportedFactCheck.origin)))
        assert origins == {server.url("/feed")}


def test_a_feed_that_fails_shows_why_and_writes_nothing(app, client, make):
    login(client, make.user(Role.ADMIN))
    broken = Route(
        body=b'{"items": [{"@type": "ClaimReview", "url": "https://x.example/1"}]}',
        headers={"Content-Type": "application/json"},
    )
    with serving({"/feed": broken}) as server:
        answer = client.post(
            "/desk/admin/imports", data={"csrf_token": _token(client), "url": server.url("/feed")}
        )
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "claimReviewed is missing" in page and "Failed" in page
    with app.app_context():
        assert _rows() == 0
        assert db.session.scalars(select(ClaimReviewImport)).one().finished_at is None


def test_a_feed_address_inside_our_network_is_refused_on_the_form(app, client, make):
    login(client, make.user(Role.ADMIN))
    answer = client.post(
        "/desk/admin/imports",
        data={"csrf_token": _token(client), "url": "http://10.0.0.7/feed.json"},
    )
    assert answer.status_code == 422
    assert INSIDE in answer.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ClaimReviewImport)) == 0


def test_a_file_and_an_address_together_are_refused(client, make):
    login(client, make.user(Role.ADMIN))
    answer = _upload(client, data("feed.json"), url="https://feeds.example.org/x.json")
    assert answer.status_code == 422
    assert "not both" in answer.get_data(as_text=True)


def test_staff_list_and_search_imported_fact_checks(app, client, make):
    login(client, make.user(Role.ADMIN))
    _upload(client, data("feed.json"))
    login(client, make.user(Role.CHECKER))
    first = client.get("/desk/imported/").get_data(as_text=True)
    assert re.search(r"Page <span class=\"current\">1</span> of 2", first)
    assert "Mostly false" not in first  # newest review first
    assert "La lluvia de octubre" in first
    second = client.get("/desk/imported/?page=2").get_data(as_text=True)
    assert "Ferry fares on the island routes have doubled since 2024." in second
    assert "Morgan Hale" in second and "Mostly false" in second and "2 on 1–5" in second
    found = client.get("/desk/imported/?q=ferry+fares").get_data(as_text=True)
    assert "Ferry fares" in found and "harbour budget" not in found
    by_claimant = client.get("/desk/imported/?q=Hale").get_data(as_text=True)
    assert "Ferry fares" in by_claimant
    nothing = client.get("/desk/imported/?q=submarine").get_data(as_text=True)
    assert "No imported fact-check matches" in nothing


def test_the_import_button_is_shown_to_admins_only(client, make):
    login(client, make.user(Role.EDITOR))
    assert "Import fact-checks" not in client.get("/desk/imported/").get_data(as_text=True)
    assert client.get("/desk/admin/imports").status_code == 403
    login(client, make.user(Role.ADMIN))
    assert "Import fact-checks" in client.get("/desk/imported/").get_data(as_text=True)


def test_an_editor_cannot_post_an_import(app, client, make):
    login(client, make.user(Role.EDITOR))
    # A token of their own session: the refusal is the role's, not the token's.
    token = _token(client, "/desk/imported/")
    answer = client.post(
        "/desk/admin/imports",
        data={"csrf_token": token, "upload": (_file(data("feed.json")), "feed.json")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 403
    with app.app_context():
        assert _rows() == 0

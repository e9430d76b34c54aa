"""Input (issue #6): CSRF on every state-changing route, only web addresses stored, local
redirects only, size limits."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Event, Role, Source
from factcheck.workflow import State
from tests.support import PASSWORD, login


class TestCSRFEverywhere:
    @pytest.fixture
    def app_config(self):
        return {"WTF_CSRF_ENABLED": True}

    def test_every_post_route_refuses_a_request_without_token(self, app, client, make):
        admin = make.user(Role.ADMIN)
        claim = make.claim(State.IN_REVIEW)
        with app.app_context():
            source = Source(claim_id=claim.id, url="https://example.org/s", added_by_id=admin.id)
            db.session.add(source)
            db.session.commit()
            source_id = source.id
        values = {
            "claim_id": claim.id,
            "article_id": claim.article_id,
            "user_id": admin.id,
            "source_id": source_id,
            "rating_id": 1,
            "action": "accept",
            "proposal_id": 1,
            "speaker_id": 1,
            "notification_id": 1,
            "job_id": 1,
            "webhook_id": 1,
            "kind": "ours",
            "ref_id": 1,
            "decision": "confirm",
            "tip_id": 1,
            "filter_id": 1,
        }
        routes = [r for r in app.url_map.iter_rules() if "POST" in r.methods]
        assert len(routes) > 20
        login(client, admin)
        events_before = self._events(app)
        for rule in routes:
            url = rule.build({k: values[k] for k in rule.arguments}, append_unknown=False)[1]
            response = client.post(
                url,
                data={
                    "version": claim.version,
                    "note": "x",
                    "email": "a@example.org",
                    "password": PASSWORD,
                },
            )
            assert response.status_code in (400, 404, 405) or (
                rule.endpoint == "auth.login" and response.status_code == 302
            ), f"{rule.endpoint} accepted a post without a CSRF token"
            assert response.status_code != 200
        assert self._events(app) == events_before
        assert client.get("/desk/").status_code == 200  # still signed in: logout was refused

    def test_a_token_from_another_session_is_refused(self, app, make):
        make.user(Role.CHECKER, email="a@example.org")
        attacker = app.test_client()
        page = attacker.get("/login").get_data(as_text=True)
        token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        victim = app.test_client()
        login(victim, make.user(Role.CHECKER))
        response = victim.post(
            "/desk/articles/new", data={"csrf_token": token, "body": "The army said 10 tanks."}
        )
        assert response.status_code == 400

    @staticmethod
    def _events(app):
        with app.app_context():
            return db.session.scalar(select(func.count(Event.id)))


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<b>x</b>",
        "file:///etc/passwd",
        "ftp://example.org/x",
        "//evil.example/x",
        "example.org",
        " javascript:alert(1)",
        "http:/missing-slash",
    ],
)
def test_only_web_addresses_are_stored_for_sources(app, client, make, as_role, url):
    checker = as_role(Role.CHECKER)
    claim = make.claim(State.IN_PROGRESS, assignee=checker)
    for field in ("url", "archive_url"):
        data = {"url": "https://example.org/ok", "kind": "other", field: url}
        response = client.post(f"/desk/claims/{claim.id}/sources", data=data)
        assert response.status_code == 422
    with app.app_context():
        assert db.session.scalar(select(func.count(Source.id))) == 0


def test_a_web_address_is_stored_as_given(app, client, make, as_role):
    checker = as_role(Role.CHECKER)
    claim = make.claim(State.IN_PROGRESS, assignee=checker)
    url = "https://example.org/report?id=1&lang=en#p2"
    assert (
        client.post(
            f"/desk/claims/{claim.id}/sources", data={"url": url, "kind": "other"}
        ).status_code
        == 302
    )
    with app.app_context():
        assert db.session.scalar(select(Source.url)) == url


@pytest.mark.parametrize("field", ["url", "logo_url"])
def test_site_links_must_be_web_addresses(client, as_role, field):
    as_role(Role.ADMIN)
    response = client.post("/desk/admin/site", data={"name": "X", field: "javascript:alert(1)"})
    assert response.status_code == 422


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "http:evil.example",
    ],
)
def test_sign_in_redirects_only_to_local_paths(client, make, target):
    make.user(Role.CHECKER, email="c@example.org")
    response = client.post(
        "/login", data={"email": "c@example.org", "password": PASSWORD, "next": target}
    )
    assert response.headers["Location"] == "/desk/"


def test_request_body_size_is_capped(app):
    from factcheck.config import Config

    assert Config.MAX_CONTENT_LENGTH <= 3 * 1024 * 1024
    assert app.config["MAX_CONTENT_LENGTH"] == Config.MAX_CONTENT_LENGTH

"""First-run setup, sign-in and sign-out, CSRF and safe redirects."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Event, Rating, Role, SiteSettings, User
from tests.support import PASSWORD, login


def test_first_visit_leads_to_setup_and_creates_the_admin(app, client):
    response = client.get("/desk/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/setup")
    response = client.post(
        "/setup",
        data={
            "org_name": "Gazette Checks",
            "org_url": "https://gazette.example",
            "name": "Ann",
            "email": "Ann@Example.org",
            "password": "a long passphrase",
            "confirm": "a long passphrase",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User))
        assert (user.email, user.role) == ("ann@example.org", Role.ADMIN)
        assert db.session.get(SiteSettings, 1).name == "Gazette Checks"
        assert db.session.scalar(select(func.count(Rating.id))) == 5
    assert client.get("/desk/").status_code == 200
    # Setup is one-time only.
    assert client.get("/setup").status_code == 404


def test_setup_refuses_mismatched_and_short_passwords(app, client):
    response = client.post(
        "/setup",
        data={
            "org_name": "X",
            "name": "Ann",
            "email": "ann@example.org",
            "password": "short",
            "confirm": "different",
        },
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "The passwords differ." in page and "between 8 and 128" in page
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 0


def test_login_and_logout(app, client, make):
    user = make.user(Role.CHECKER, email="c@example.org")
    response = client.post("/login", data={"email": "C@example.org", "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"].endswith("/desk/")
    assert client.get("/desk/").status_code == 200
    assert client.get("/logout").status_code == 405  # never by GET
    assert client.post("/logout").status_code == 302
    assert client.get("/desk/").status_code == 302
    with app.app_context():
        actions = [
            e.action
            for e in db.session.scalars(
                select(Event).where(Event.actor_id == user.id).order_by(Event.id)
            )
        ]
    assert actions == ["login", "logout"]


@pytest.mark.parametrize(
    "email,password", [("c@example.org", "wrong password"), ("nobody@example.org", PASSWORD)]
)
def test_failed_login_says_the_same_for_unknown_user_and_wrong_password(
    client, make, email, password
):
    make.user(Role.CHECKER, email="c@example.org")
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 401
    assert "do not match an active account" in response.get_data(as_text=True)


def test_deactivated_account_cannot_sign_in(client, make):
    make.user(Role.EDITOR, email="gone@example.org", active=False)
    response = client.post("/login", data={"email": "gone@example.org", "password": PASSWORD})
    assert response.status_code == 401


@pytest.mark.parametrize(
    "target,expected",
    [
        ("/desk/claims/", "/desk/claims/"),
        ("https://evil.example/phish", "/desk/"),
        ("//evil.example/phish", "/desk/"),
        ("/\\evil.example", "/desk/"),
        ("/desk/claims/\r\nSet-Cookie: a=b", "/desk/"),
        ("/desk/claims/\n", "/desk/"),
    ],
)
def test_next_redirects_only_to_local_paths(client, make, target, expected):
    make.user(Role.CHECKER, email="c@example.org")
    response = client.post(
        "/login", data={"email": "c@example.org", "password": PASSWORD, "next": target}
    )
    assert response.headers["Location"] == expected


def test_login_page_remembers_where_you_were_going(client, make):
    make.user(Role.CHECKER)
    response = client.get("/desk/claims/?state=queued")
    assert response.status_code == 302
    assert (
        "next=/desk/claims/?state%3Dqueued" in response.headers["Location"]
        or "next=%2Fdesk%2Fclaims%2F%3Fstate%3Dqueued" in response.headers["Location"]
    )


class TestCSRF:
    @pytest.fixture
    def app_config(self):
        return {"WTF_CSRF_ENABLED": True}

    def test_post_without_token_is_refused(self, app, client, make):
        user = make.user(Role.CHECKER)
        login(client, user)
        response = client.post("/desk/articles/new", data={"body": "The army said 10 tanks."})
        assert response.status_code == 400
        assert "security token" in response.get_data(as_text=True)

    def test_logout_without_token_is_refused(self, client, make):
        login(client, make.user(Role.CHECKER))
        assert client.post("/logout").status_code == 400
        assert client.get("/desk/").status_code == 200

    def test_post_with_token_is_accepted(self, app, client, make):
        login(client, make.user(Role.CHECKER))
        page = client.get("/desk/articles/new").get_data(as_text=True)
        token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        response = client.post(
            "/desk/articles/new",
            data={"csrf_token": token, "body": "The army said 10 tanks were sent on May 3, 2020."},
        )
        assert response.status_code == 302

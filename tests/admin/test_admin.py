"""Admin: people and roles, the rating scale, the organisation."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Rating, Role, SiteSettings, User
from factcheck.security import passwords
from tests.support import PASSWORD, fresh


@pytest.fixture
def admin(as_role):
    return as_role(Role.ADMIN)


def test_create_user(app, client, admin):
    response = client.post(
        "/desk/admin/users",
        data={
            "name": "New Checker",
            "email": "NEW@example.org",
            "role": "checker",
            "password": "long enough pw",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "new@example.org"))
        assert user.role == Role.CHECKER and passwords.check_password(user, "long enough pw")


@pytest.mark.parametrize(
    "data,message",
    [
        ({"password": "short"}, "between 8 and 128"),
        ({"password": "x" * 129}, "between 8 and 128"),
        ({"email": "not-an-email"}, "Invalid email"),
        ({"role": "superuser"}, "Not a valid choice"),
    ],
)
def test_create_user_refuses_bad_input(app, client, admin, data, message):
    base = {"name": "N", "email": "n@example.org", "role": "checker", "password": "long enough"}
    response = client.post("/desk/admin/users", data={**base, **data})
    assert response.status_code == 422 and message in response.get_data(as_text=True)


def test_duplicate_email_is_refused(app, client, make, admin):
    make.user(email="taken@example.org")
    response = client.post(
        "/desk/admin/users",
        data={
            "name": "N",
            "email": "Taken@example.org",
            "role": "checker",
            "password": "long enough",
        },
    )
    assert response.status_code == 422
    assert "already an account" in response.get_data(as_text=True)


def test_change_role_deactivate_and_reset_password(app, client, make, admin):
    user = make.user(Role.CHECKER)
    client.post(
        f"/desk/admin/users/{user.id}",
        data={"name": "Promoted", "role": "editor", "active": "", "password": "new password"},
    )
    with app.app_context():
        u = fresh(User, user.id)
        assert (u.name, u.role, u.active) == ("Promoted", Role.EDITOR, False)
        assert passwords.check_password(u, "new password") and not passwords.check_password(
            u, PASSWORD
        )


def test_last_admin_cannot_demote_themselves(app, client, admin):
    response = client.post(
        f"/desk/admin/users/{admin.id}", data={"name": admin.name, "role": "checker", "active": "y"}
    )
    assert response.status_code == 422
    assert "last active admin" in response.get_data(as_text=True)
    with app.app_context():
        assert fresh(User, admin.id).role == Role.ADMIN


def test_rating_scale_edit_and_add(app, client, admin):
    with app.app_context():
        first = db.session.scalar(select(Rating).order_by(Rating.position))
    client.post(
        f"/desk/admin/ratings/{first.id}",
        data={
            "label": "Accurate",
            "value": 5,
            "tone": "true",
            "definition": "Right.",
            "position": 0,
            "active": "y",
        },
    )
    client.post(
        "/desk/admin/ratings",
        data={
            "label": "Unproven",
            "value": 0,
            "tone": "neutral",
            "definition": "Not enough evidence.",
            "position": 9,
            "active": "y",
        },
    )
    response = client.post(
        "/desk/admin/ratings",
        data={
            "label": "unproven",
            "value": 0,
            "tone": "neutral",
            "definition": "dup",
            "position": 9,
        },
    )
    assert response.status_code == 422
    with app.app_context():
        assert fresh(Rating, first.id).label == "Accurate"
        assert db.session.scalar(select(func.count(Rating.id))) == 6


def test_organisation_settings_appear_on_public_pages(app, client, admin):
    client.post(
        "/desk/admin/site",
        data={
            "name": "Gazette Checks",
            "url": "https://gazette.example",
            "logo_url": "https://gazette.example/logo.png",
            "methodology": "We check.",
        },
    )
    with app.app_context():
        assert db.session.get(SiteSettings, 1).name == "Gazette Checks"
    page = app.test_client().get("/factchecks/").get_data(as_text=True)
    assert "Gazette Checks" in page and "https://gazette.example/logo.png" in page


def test_organisation_urls_must_be_http(app, client, admin):
    response = client.post(
        "/desk/admin/site", data={"name": "X", "logo_url": "javascript:alert(1)"}
    )
    assert response.status_code == 422

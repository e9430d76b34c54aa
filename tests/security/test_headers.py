"""Headers, cookies, hosts, start-up checks and error pages (issue #6)."""

from __future__ import annotations

import pytest
from flask import abort

from factcheck import create_app
from factcheck.models import Role
from factcheck.security import ConfigurationError
from tests.support import PASSWORD

CSP_REQUIRED = [
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "script-src 'self'",
    "style-src 'self'",
]


def csp_directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {d.strip().split(" ", 1)[0]: d.strip() for d in policy.split(";") if d.strip()}


def pages(client, make, as_role):
    """A staff page, a public page, a static file, a 404, a 403 and a 405."""
    claim = make.claim("published")
    as_role(Role.CHECKER)
    return {
        "staff": client.get("/desk/"),
        "public": client.get(f"/factchecks/{claim.id}"),
        "static": client.get("/static/css/app.css"),
        "not found": client.get("/no/such/page"),
        "forbidden": client.get("/desk/admin/users"),
        "wrong method": client.get("/logout"),
        "login": client.get("/login"),
    }


def test_security_headers_on_every_response(client, make, as_role):
    for name, response in pages(client, make, as_role).items():
        directives = csp_directives(response)
        for required in CSP_REQUIRED:
            assert required in directives.values(), (name, required)
        assert directives["default-src"] == "default-src 'self'"
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
        assert "unsafe-eval" not in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff", name
        assert response.headers["Referrer-Policy"] == "same-origin", name
        assert "Strict-Transport-Security" not in response.headers, name
        if name in ("static", "public"):
            # Public pages are the same for everyone: shared caches may serve one copy.
            assert "Cookie" not in response.headers.get("Vary", ""), name
        else:
            assert "Cookie" in response.headers.get("Vary", ""), name


def test_staff_pages_are_not_stored_by_caches(client, make, as_role):
    got = pages(client, make, as_role)
    for name in ("staff", "forbidden", "login"):
        if name == "login":
            continue  # signed-in users are redirected from the login page
        assert got[name].headers["Cache-Control"] == "no-store", name
    assert got["public"].headers.get("Cache-Control") != "no-store"


def test_public_pages_set_no_cookie(app, client, make):
    claim = make.claim("published")
    make.user(Role.ADMIN)
    for url in ("/factchecks/", f"/factchecks/{claim.id}", "/", "/static/css/app.css"):
        response = client.get(url)
        assert response.status_code in (200, 302), url
        assert "Set-Cookie" not in response.headers, url


def test_public_pages_set_no_cookie_for_signed_in_staff_either(app, client, make, as_role):
    claim = make.claim("published")
    as_role(Role.EDITOR)
    response = client.get(f"/factchecks/{claim.id}")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


def test_session_cookie_flags_over_http(client, make):
    make.user(Role.CHECKER, email="c@example.org")
    response = client.post("/login", data={"email": "c@example.org", "password": PASSWORD})
    # (the sign-in also sets the device cookie, security/devices.py)
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if "session=" in c)
    assert cookie.startswith("session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # a plain-HTTP development server could not send it back


class TestHTTPS:
    @pytest.fixture
    def app_config(self):
        return {"PREFERRED_URL_SCHEME": "https", "SESSION_COOKIE_SAMESITE": "None"}

    def test_secure_host_only_cookie_and_hsts(self, app, make):
        make.user(Role.CHECKER, email="c@example.org")
        client = app.test_client()
        response = client.post(
            "/login",
            data={"email": "c@example.org", "password": PASSWORD},
            base_url="https://localhost",
        )
        cookie = next(c for c in response.headers.getlist("Set-Cookie") if "session=" in c)
        assert cookie.startswith("__Host-session=")
        assert "Secure" in cookie and "HttpOnly" in cookie and "Path=/" in cookie
        assert "Domain" not in cookie
        # A weaker SameSite from configuration is not accepted.
        assert "SameSite=Lax" in cookie
        hsts = response.headers["Strict-Transport-Security"]
        assert "max-age=31536000" in hsts
        page = client.get("/desk/", base_url="https://localhost")
        assert page.status_code == 200


def test_forged_host_header_gets_400(client, make):
    make.user(Role.ADMIN)
    assert client.get("/login", headers={"Host": "localhost"}).status_code == 200
    # A port is fine when it is the one the server listens on (SERVER_PORT).
    on_5000 = {"SERVER_PORT": "5000"}
    assert (
        client.get(
            "/login", headers={"Host": "127.0.0.1:5000"}, environ_overrides=on_5000
        ).status_code
        == 200
    )
    for forged in ("evil.example", "localhost.evil.example", "evil.example:80"):
        response = client.get("/login", headers={"Host": forged})
        assert response.status_code == 400, forged


def test_trusted_hosts_are_configured_by_default():
    from factcheck.config import Config

    assert Config.TRUSTED_HOSTS and "evil.example" not in Config.TRUSTED_HOSTS


def _production(tmp_path, **config):
    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/p.db", **config})


@pytest.mark.parametrize(
    "key", ["dev", "change-me", "short-key", "x" * 40, "0123456789abcdef0123456789abcde"]
)
def test_production_refuses_a_weak_secret_key(tmp_path, key):
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        _production(tmp_path, SECRET_KEY=key)


def test_production_starts_with_a_long_random_key(tmp_path):
    app = _production(tmp_path, SECRET_KEY="f3c1a0e9b7d24c6a8e5f1b2d3c4a5e6f7a8b9c0d")
    assert not app.testing


def test_missing_key_is_generated_into_the_instance_folder(tmp_path):
    from factcheck import _instance_secret

    key = _instance_secret(tmp_path)
    assert len(key) >= 64 and (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert _instance_secret(tmp_path) == key


def test_errors_show_a_generic_page_without_traceback(app, client, make):
    make.user(Role.ADMIN)

    @app.get("/boom-for-test")
    def boom():
        raise RuntimeError("secret internals: password=hunter2 at /srv/app.py line 9")

    @app.get("/forbidden-for-test")
    def forbidden():
        abort(403)

    app.view_functions["boom"].is_public = True
    app.view_functions["forbidden"].is_public = True
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom-for-test")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in page
    for leak in ("Traceback", "RuntimeError", "hunter2", "app.py"):
        assert leak not in page
    assert response.headers["Content-Security-Policy"]
    assert client.get("/forbidden-for-test").status_code == 403


def test_oversized_upload_gets_413(app, client, as_role):
    as_role(Role.CHECKER)
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/desk/articles/new", data={"body": "x" * 4096})
    assert response.status_code == 413
    assert "Too large" in response.get_data(as_text=True)

"""Error answers keep what HTTP requires of them, and hosts are checked by name and port
(issue 13, findings 9 and 10)."""

from __future__ import annotations

import pytest

from factcheck.models import Role


def test_a_405_names_the_methods_allowed(client, make, as_role):
    make.user(Role.ADMIN)
    response = client.put("/login")
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}
    as_role(Role.CHECKER)
    response = client.get("/logout")
    assert response.status_code == 405 and "POST" in response.headers["Allow"]


@pytest.mark.parametrize("path", ["/login", "/setup"])
def test_sign_in_pages_are_not_stored(client, make, path):
    if path == "/login":
        make.user(Role.ADMIN)
    response = client.get(path)
    assert response.status_code == 200 and b"<form" in response.data
    assert response.headers["Cache-Control"] == "no-store"


def test_public_pages_stay_cacheable(client, make):
    claim = make.claim("published")
    response = client.get(f"/factchecks/{claim.id}")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")


@pytest.mark.parametrize(
    ("host", "server_port", "status"),
    [
        ("localhost", "80", 200),
        ("localhost:80", "80", 200),
        ("localhost:8000", "80", 400),
        ("127.0.0.1:5001", "5000", 400),
        ("127.0.0.1:5000", "5000", 200),
        ("localhost:", "80", 400),
    ],
)
def test_only_the_port_the_server_listens_on(client, make, host, server_port, status):
    claim = make.claim("published")
    response = client.get(
        f"/factchecks/{claim.id}",
        headers={"Host": host},
        environ_overrides={"SERVER_PORT": server_port},
    )
    assert response.status_code == status, host
    if status == 200:
        assert "8000" not in response.get_data(as_text=True)


def test_trusted_ports_for_a_proxy(app, client, make):
    app.config["TRUSTED_PORTS"] = [443]
    make.user(Role.ADMIN)
    on_8000 = {"SERVER_PORT": "8000"}
    assert client.get("/login", headers={"Host": "localhost:443"}).status_code == 200
    refused = client.get("/login", headers={"Host": "localhost:8000"}, environ_overrides=on_8000)
    assert refused.status_code == 400


def test_forged_host_before_setup_gets_a_whole_page_without_urls(client):
    for path in ("/", "/desk/", "/setup", "/no/such/page"):
        response = client.get(path, headers={"Host": "evil.example"})
        assert response.status_code == 400, path
        body = response.get_data(as_text=True)
        assert "Unknown host" in body and body.rstrip().endswith("</html>")
        assert "evil.example" not in body and 'href="/"' in body

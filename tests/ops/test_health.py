"""/healthz for load balancers: 200 when the database (and Redis, when set) answers, 503 with
nothing secret in the body when not, whatever the Host header and before first-run setup."""

from __future__ import annotations

import json
import os

import pytest

from factcheck import create_app
from factcheck.models import Role
from tests.conftest import _config


def health(client, **kwargs):
    response = client.get("/healthz", **kwargs)
    return response, json.loads(response.data or b"null")


def test_healthy_install_answers_200_with_a_small_body(client, make):
    make.user(Role.ADMIN)
    response, body = health(client)
    assert response.status_code == 200
    assert body == {"status": "ok", "database": "ok"}
    assert response.headers["Cache-Control"] == "no-store"
    assert response.mimetype == "application/json"
    assert "Set-Cookie" not in response.headers


def test_before_setup_it_answers_200_instead_of_sending_to_setup(client):
    response, body = health(client)
    assert response.status_code == 200
    assert body["status"] == "ok"


def test_load_balancers_probe_by_address_so_any_host_is_answered(client, make):
    make.user(Role.ADMIN)
    for host in ("10.0.0.7:8000", "evil.example"):
        response, body = health(client, headers={"Host": host})
        assert response.status_code == 200, host
        assert body["status"] == "ok"
    # Every other path still refuses a Host that is not trusted.
    assert client.get("/login", headers={"Host": "evil.example"}).status_code == 400


def test_only_get_and_head(client):
    assert client.head("/healthz").status_code == 200
    response = client.post("/healthz")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD"


def test_database_down_answers_503_without_details(tmp_path):
    missing = tmp_path / "no-such-dir" / "factcheck.db"
    app = create_app(_config(f"sqlite:///{missing}", {}))
    response, body = health(app.test_client())
    assert response.status_code == 503
    assert body == {"status": "unavailable", "database": "failing"}
    assert str(tmp_path) not in response.get_data(as_text=True)


def test_redis_configured_but_down_answers_503(database):
    url, options = database
    # Port 1 on loopback: nothing listens, the connection is refused at once.
    app = create_app(_config(url, options, REDIS_URL="redis://:hunter2@127.0.0.1:1/0"))
    response, body = health(app.test_client())
    assert response.status_code == 503
    assert body == {"status": "unavailable", "database": "ok", "redis": "failing"}
    assert "hunter2" not in response.get_data(as_text=True)


def test_redis_configured_and_up_answers_200(database):
    redis = pytest.importorskip("redis")
    # .ci/run starts Redis and sets TEST_REDIS_URL, so this runs in CI instead of skipping.
    redis_url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip(f"Redis is not reachable at {redis_url}")
    url, options = database
    app = create_app(_config(url, options, REDIS_URL=redis_url))
    response, body = health(app.test_client())
    assert response.status_code == 200
    assert body == {"status": "ok", "database": "ok", "redis": "ok"}

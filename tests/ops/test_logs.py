"""JSON logs by setting, security events with their fields, and optional error reporting."""

from __future__ import annotations

import io
import json
import logging
import sys
import types

import pytest

from factcheck import logs
from factcheck.models import Role
from factcheck.security import events


@pytest.fixture
def app_config():
    return {"LOG_FORMAT": "json"}


@pytest.fixture
def captured():
    """The JSON handler logs.use_json() put on the root logger, writing into a buffer."""
    root = logging.getLogger()
    handler = next(h for h in root.handlers if isinstance(h.formatter, logs.JsonFormatter))
    buffer = io.StringIO()
    handler.setStream(buffer)
    yield buffer
    # Later tests' apps are built without LOG_FORMAT: leave the root logger as it was.
    root.removeHandler(handler)


def lines(buffer):
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_records_are_one_json_object_per_line_with_the_request(app, client, captured, make):
    make.user(Role.ADMIN)

    @app.get("/_log_probe", endpoint="_log_probe")
    def probe():
        app.logger.warning("two\nlines")
        return "ok"

    app.view_functions["_log_probe"].is_public = True  # type: ignore[attr-defined]
    response = client.get("/_log_probe", headers={"X-Request-ID": "abc-123"})
    assert response.headers["X-Request-ID"] == "abc-123"
    (entry,) = [e for e in lines(captured) if e["logger"] == app.logger.name]
    assert entry["message"] == "two\\nlines"  # the one-line filter still applies
    assert entry["level"] == "WARNING"
    assert entry["request_id"] == "abc-123"
    assert entry["path"] == "/_log_probe"
    assert entry["time"].endswith("+00:00")


def test_a_forged_request_id_is_replaced(app, client, captured, make):
    make.user(Role.ADMIN)
    response = client.get("/login", headers={"X-Request-ID": 'x" "level":"ERROR'})
    assert response.headers["X-Request-ID"] != 'x" "level":"ERROR'
    assert len(response.headers["X-Request-ID"]) == 32


def test_security_events_keep_their_fields(app, captured):
    with app.test_request_context("/login"):
        events.log("login_failed", email="a@example.org\nforged", password="secret")
    (entry,) = [e for e in lines(captured) if e["logger"] == "factcheck.security"]
    assert entry["event"] == "login_failed"
    assert entry["fields"]["email"] == "a@example.org\nforged"  # json.dumps escapes it
    assert "password" not in entry["fields"]
    assert "secret" not in json.dumps(entry)
    assert entry["message"].startswith("login_failed email=")


def test_sentry_starts_only_with_a_dsn_and_without_personal_data(app, monkeypatch):
    calls = []
    sdk = types.ModuleType("sentry_sdk")
    sdk.init = lambda **kwargs: calls.append(kwargs)  # type: ignore[attr-defined]
    flask_integration = types.ModuleType("sentry_sdk.integrations.flask")
    flask_integration.FlaskIntegration = lambda: "flask"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sentry_sdk", sdk)
    monkeypatch.setitem(sys.modules, "sentry_sdk.integrations", types.ModuleType("x"))
    monkeypatch.setitem(sys.modules, "sentry_sdk.integrations.flask", flask_integration)
    monkeypatch.delenv("SENTRY_DSN", raising=False)

    assert logs.init_sentry(app) is False
    app.config["SENTRY_DSN"] = "https://key@errors.invalid/1"
    assert logs.init_sentry(app) is True
    (kwargs,) = calls
    assert kwargs["send_default_pii"] is False
    assert kwargs["integrations"] == ["flask"]


def test_a_dsn_without_sentry_installed_is_a_warning_not_a_crash(app, monkeypatch):
    monkeypatch.setitem(sys.modules, "sentry_sdk", None)
    app.config["SENTRY_DSN"] = "https://key@errors.invalid/1"
    assert logs.init_sentry(app) is False

"""The audit log (issue #6): security events recorded, visible to admins only, append-only in
the database; log lines that cannot be forged and never carry secrets."""

from __future__ import annotations

import logging
import re

import pyotp
import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError

from factcheck.extensions import db
from factcheck.models import Event, Role, User
from factcheck.security import events
from tests.support import PASSWORD, approval, login


def audit_actions(app):
    with app.app_context():
        return [e.action for e in db.session.scalars(select(Event).order_by(Event.id))]


def test_security_events_are_recorded(app, client, make):
    admin = make.user(Role.ADMIN, email="a@example.org")
    target = make.user(Role.CHECKER)
    client.post("/login", data={"email": "a@example.org", "password": "wrong one!"})
    client.post("/login", data={"email": "a@example.org", "password": PASSWORD})
    client.post(
        f"/desk/admin/users/{target.id}",
        data={"name": target.name, "role": "editor", "active": "y"},
    )
    client.post("/logout")
    got = audit_actions(app)
    for action in ("login_failed", "login", "user_updated", "logout"):
        assert action in got
    with app.app_context():
        change = db.session.scalar(select(Event).where(Event.action == "user_updated"))
        assert change.actor_id == admin.id
        assert change.data["role"] == ["checker", "editor"]


def test_editorial_decisions_are_recorded(app, client, make, as_role):
    claim = make.claim("in_review")
    editor = as_role(Role.EDITOR)
    with app.app_context():
        from factcheck.models import Claim

        version = db.session.get(Claim, claim.id).version
    client.post(f"/desk/review/{claim.id}/approve", data=approval(app, claim.id))
    client.post(f"/desk/review/{claim.id}/publish", data={"version": version + 1})
    with app.app_context():
        rows = db.session.scalars(
            select(Event).where(Event.claim_id == claim.id).order_by(Event.id)
        ).all()
        assert [(e.action, e.actor_id) for e in rows] == [
            ("approve", editor.id),
            ("publish", editor.id),
        ]


def test_audit_page_is_for_admins(app, client, make, as_role):
    make.user(Role.CHECKER, email="c@example.org")
    client.post("/login", data={"email": "c@example.org", "password": "not the right one"})
    as_role(Role.EDITOR)
    assert client.get("/desk/admin/audit").status_code == 403
    as_role(Role.ADMIN)
    page = client.get("/desk/admin/audit")
    assert page.status_code == 200
    text_ = page.get_data(as_text=True)
    assert "login_failed" in text_ and "c@example.org" in text_
    only_logins = client.get("/desk/admin/audit?action=login").get_data(as_text=True)
    assert "login_failed" not in only_logins.split("<tbody>")[1]


def test_audit_page_pages_through_older_events(app, client, make, as_role):
    app.config["PER_PAGE"] = 3
    as_role(Role.ADMIN)
    for i in range(7):
        app.test_client().post(
            "/login", data={"email": f"x{i}@example.org", "password": "no no no no"}
        )
    page = client.get("/desk/admin/audit").get_data(as_text=True)
    assert "Older events" in page
    after = page.split("after=")[1].split('"')[0].split("&")[0]
    older = client.get(f"/desk/admin/audit?after={after}").get_data(as_text=True)
    assert "x3@example.org" in older or "x2@example.org" in older


# --- Append-only --------------------------------------------------------------------------------


def _one_event(app, make):
    make.user(Role.ADMIN)
    with app.app_context():
        from factcheck.audit import record

        ev = record("login_failed", actor=None, data={"email": "x@example.org"})
        db.session.commit()
        return ev.id


@pytest.mark.parametrize(
    "statement",
    [
        lambda ev: update(Event).where(Event.id == ev).values(action="login"),
        lambda ev: update(Event).where(Event.id == ev).values(note="tampered"),
        lambda ev: delete(Event).where(Event.id == ev),
        lambda ev: delete(Event),
    ],
)
def test_database_refuses_to_change_or_delete_audit_events(app, make, statement):
    ev = _one_event(app, make)
    with app.app_context():
        with pytest.raises(DBAPIError, match="append-only"):
            db.session.execute(statement(ev))
            db.session.commit()
        db.session.rollback()
        assert db.session.get(Event, ev).action == "login_failed"


def test_raw_sql_cannot_truncate_or_delete_either(app, make):
    ev = _one_event(app, make)
    with app.app_context(), db.engine.connect() as conn:
        sql = "TRUNCATE events" if conn.dialect.name == "postgresql" else "DELETE FROM events"
        with pytest.raises(DBAPIError, match="append-only"):
            conn.execute(text(sql))
        conn.rollback()
        assert (
            conn.execute(text("SELECT count(*) FROM events WHERE id = :i"), {"i": ev}).scalar() == 1
        )


def test_new_events_can_still_be_added(app, make):
    _one_event(app, make)
    _one_event(app, make)
    assert audit_actions(app).count("login_failed") == 2


# --- Log lines ----------------------------------------------------------------------------------


def test_log_lines_cannot_be_forged_with_newlines(client, make, caplog):
    make.user(Role.ADMIN)
    forged = 'x@example.org\nINFO factcheck.security login user="1"\r\nfake'
    with caplog.at_level(logging.INFO, logger="factcheck.security"):
        client.post("/login", data={"email": forged, "password": "whatever it is"})
    lines = [r.getMessage() for r in caplog.records if r.name == "factcheck.security"]
    assert len(lines) == 1
    assert "\n" not in lines[0] and "\r" not in lines[0]
    assert lines[0].startswith("login_failed ")
    assert "\\n" in lines[0]


def test_app_logger_escapes_line_breaks_from_any_caller(app, caplog):
    with caplog.at_level(logging.INFO):
        app.logger.warning("user said %s", "hello\nERROR forged line")
    message = [r for r in caplog.records if r.name == app.logger.name][-1].getMessage()
    assert "\n" not in message and "forged line" in message


def test_clean_escapes_every_control_character():
    assert events.clean("a\nb\rc\x1bd\u2028e") == "a\\nb\\rc\\x1bd\\u2028e"


def test_secret_fields_are_never_logged(caplog):
    with caplog.at_level(logging.INFO, logger="factcheck.security"):
        events.log("test", user=1, password="hunter2 hunter2", token="t0ken", code="123456")
    assert "hunter2" not in caplog.text and "t0ken" not in caplog.text
    assert "123456" not in caplog.text and 'user="1"' in caplog.text


def test_passwords_tokens_and_cookies_never_reach_the_logs(app, client, make, caplog):
    """Drive every flow that handles a secret with all loggers at DEBUG, then search the
    captured output for each secret."""
    secret_password = "Blue-Giraffe-Lantern-42"
    make.user(Role.EDITOR, email="e@example.org", password=secret_password)
    with caplog.at_level(logging.DEBUG):
        client.post(
            "/login", data={"email": "e@example.org", "password": "Wrong-" + secret_password}
        )
        client.post("/login", data={"email": "e@example.org", "password": secret_password})
        cookie = client.get_cookie("session").value
        page = client.get("/account").get_data(as_text=True)
        totp_secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page)[1]
        code = pyotp.TOTP(totp_secret).now()
        client.post("/account/two-factor", data={"code": code})
        new_password = "Orange-Walrus-Teapot-77"
        client.post(
            "/account",
            data={"current": secret_password, "password": new_password, "confirm": new_password},
        )
        client.post("/logout")
        client.post("/login", data={"email": "e@example.org", "password": new_password})
    with app.app_context():
        token = db.session.scalar(select(User.session_token))
    everything = caplog.text + "".join(str(r.args) for r in caplog.records)
    for secret in (secret_password, new_password, cookie, cookie[:20], totp_secret, token):
        assert secret not in everything
    assert "login_failed" in everything  # the log did capture the flows


def test_audit_rows_never_hold_passwords(app, client, make, as_role):
    as_role(Role.ADMIN)
    target = make.user(Role.CHECKER)
    client.post(
        "/desk/admin/users",
        data={
            "name": "New",
            "email": "n@example.org",
            "role": "checker",
            "password": "Purple-Otter-Stone",
        },
    )
    client.post(
        f"/desk/admin/users/{target.id}",
        data={
            "name": target.name,
            "role": "checker",
            "active": "y",
            "password": "Green-Koala-Drum",
        },
    )
    client.post("/login", data={"email": "n@example.org", "password": "Purple-Otter-Stones"})
    with app.app_context():
        dump = " ".join(f"{e.action} {e.note} {e.data}" for e in db.session.scalars(select(Event)))
    assert "Purple-Otter" not in dump and "Green-Koala" not in dump


def test_login_helper_matches_the_real_session(app, client, make):
    """tests/support.login puts what security.sessions.start() puts in the session."""
    user = make.user(Role.CHECKER)
    login(client, user)
    assert client.get("/desk/").status_code == 200

"""Authentication and sessions (issue #6): password cost and policy, throttling, session
rotation, timeouts, revocation by replaying a copied cookie, and two-factor codes."""

from __future__ import annotations

import base64
import json
import re
import time
import unicodedata
import uuid

import pyotp
import pytest
from sqlalchemy import select

from factcheck import create_app
from factcheck.config import Config
from factcheck.extensions import db
from factcheck.models import Event, Role, User
from factcheck.security import ConfigurationError, passwords, totp
from tests.support import PASSWORD, fresh, login


def sign_in(client, email, password=PASSWORD, **kw):
    return client.post("/login", data={"email": email, "password": password}, **kw)


def actions(app, action=None):
    with app.app_context():
        query = select(Event.action).order_by(Event.id)
        if action:
            query = query.where(Event.action == action)
        return list(db.session.scalars(query))


def session_cookie(client):
    cookie = client.get_cookie("session")
    return cookie.value if cookie else None


def replay(app, value):
    """A second browser that got hold of a copy of the session cookie."""
    other = app.test_client()
    other.set_cookie("session", value, domain="localhost")
    return other.get("/desk/")


# --- Password storage -------------------------------------------------------------------------


def test_production_default_hash_meets_todays_cost():
    assert passwords.is_strong(Config.PASSWORD_HASH_METHOD)
    assert Config.PASSWORD_HASH_METHOD.startswith("scrypt:")
    n = int(Config.PASSWORD_HASH_METHOD.split(":")[1])
    assert n >= 2**17


@pytest.mark.parametrize(
    "method,strong",
    [
        ("scrypt:131072:8:1", True),
        ("scrypt:32768:8:1", False),
        ("scrypt", False),
        ("pbkdf2:sha256:600000", True),
        ("pbkdf2:sha256:599999", False),
        ("pbkdf2:sha1:1000000", False),
    ],
)
def test_hash_strength_rule(method, strong):
    assert passwords.is_strong(method) is strong


def test_production_refuses_a_cheap_hash_method(tmp_path):
    with pytest.raises(ConfigurationError, match="PASSWORD_HASH_METHOD"):
        create_app(
            {
                "SECRET_KEY": "k" * 20 + "0123456789abcdefghij",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db",
                "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            }
        )


class TestStrongHash:
    @pytest.fixture
    def app_config(self):
        return {"PASSWORD_HASH_METHOD": Config.PASSWORD_HASH_METHOD}

    def test_new_passwords_are_stored_with_scrypt_2_17(self, app, make):
        user = make.user(Role.CHECKER)
        assert user.password_hash.startswith("scrypt:131072:8:1$")


def test_weaker_hash_is_upgraded_at_sign_in(app, client, make):
    user = make.user(Role.CHECKER, email="c@example.org")
    assert user.password_hash.startswith("pbkdf2:sha256:1000$")
    app.config["PASSWORD_HASH_METHOD"] = "pbkdf2:sha256:2000"
    assert sign_in(client, "c@example.org", "not the password").status_code == 401
    with app.app_context():
        assert fresh(User, user.id).password_hash.startswith("pbkdf2:sha256:1000$")
    assert sign_in(client, "c@example.org").status_code == 302
    with app.app_context():
        assert fresh(User, user.id).password_hash.startswith("pbkdf2:sha256:2000$")
    assert "password_rehashed" in actions(app)


def test_unknown_user_costs_a_hash_check_too(client, make, monkeypatch):
    calls = []
    real = passwords.check_password_hash
    monkeypatch.setattr(
        passwords, "check_password_hash", lambda h, p: calls.append(h) or real(h, p)
    )
    make.user(Role.CHECKER, email="c@example.org")
    assert sign_in(client, "nobody@example.org").status_code == 401
    assert len(calls) == 1, "an unknown email must take as long as a wrong password"


# --- Password policy --------------------------------------------------------------------------


def test_long_passwords_are_compared_whole(app, client, make):
    long = "w" * 64 + "x" * 63 + "y"  # 128 characters; bcrypt would stop at 72 bytes
    make.user(Role.CHECKER, email="c@example.org", password=long)
    assert sign_in(client, "c@example.org", long[:127]).status_code == 401
    assert sign_in(client, "c@example.org", long[:72]).status_code == 401
    assert sign_in(client, "c@example.org", long[:127] + "z").status_code == 401
    assert sign_in(client, "c@example.org", long).status_code == 302


@pytest.mark.parametrize(
    "variant", [PASSWORD + " ", " " + PASSWORD, PASSWORD.upper(), PASSWORD.replace(" ", "  ")]
)
def test_passwords_are_not_trimmed_or_case_folded(client, make, variant):
    make.user(Role.CHECKER, email="c@example.org")
    assert sign_in(client, "c@example.org", variant).status_code == 401


def test_passwords_are_not_unicode_normalised(client, make):
    composed = unicodedata.normalize("NFC", "café au lait noir")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    make.user(Role.CHECKER, email="c@example.org", password=composed)
    assert sign_in(client, "c@example.org", decomposed).status_code == 401
    assert sign_in(client, "c@example.org", composed).status_code == 302


@pytest.mark.parametrize(
    "password,ok",
    [
        ("x" * 7, False),
        ("x" * 8 + "yz", True),
        ("ab" * 64, True),
        ("ab" * 64 + "c", False),
        ("iloveyou", False),
        ("Qwertyuiop", False),
        ("password1", False),
        ("1q2w3e4r5t", False),
        ("ann@example.org", False),
        ("tangerine orbit lamp", True),
    ],
)
def test_password_policy(app, password, ok):
    from factcheck.errors import ValidationError

    with app.app_context():
        if ok:
            passwords.check_new_password(password, email="ann@example.org", name="Ann Lee")
        else:
            with pytest.raises(ValidationError):
                passwords.check_new_password(password, email="ann@example.org", name="Ann Lee")


def test_common_password_list_is_shipped_and_offline():
    common = passwords.common_passwords()
    assert len(common) > 5000 and "iloveyou" in common
    assert passwords.COMMON_LIST.read_text().startswith("# Common passwords")


def test_admin_cannot_give_someone_a_common_password(app, client, as_role):
    as_role(Role.ADMIN)
    response = client.post(
        "/desk/admin/users",
        data={
            "name": "Cam",
            "email": "cam@example.org",
            "role": "checker",
            "password": "iloveyou1",
        },
    )
    assert response.status_code == 422
    assert "commonly used" in response.get_data(as_text=True)


def test_setup_refuses_a_common_password(app, client):
    response = client.post(
        "/setup",
        data={
            "org_name": "X",
            "name": "Ann",
            "email": "ann@example.org",
            "password": "qwertyuiop",
            "confirm": "qwertyuiop",
        },
    )
    assert response.status_code == 422
    with app.app_context():
        assert db.session.scalar(select(User)) is None


# --- Throttling -------------------------------------------------------------------------------


class TestThrottling:
    @pytest.fixture
    def app_config(self):
        return {"LOGIN_LIMIT_ACCOUNT": "3 per minute", "LOGIN_LIMIT_IP": "8 per minute"}

    def test_failed_attempts_lock_the_account_not_everyone(self, app, client, make):
        make.user(Role.CHECKER, email="a@example.org")
        make.user(Role.CHECKER, email="b@example.org")
        for _ in range(3):
            assert sign_in(client, "a@example.org", "guess guess").status_code == 401
        # Even the right password waits now: the account is being guessed.
        assert sign_in(client, "A@example.org").status_code == 429
        # Another person signs in as usual, from the same address.
        assert sign_in(app.test_client(), "b@example.org").status_code == 302

    def test_throttling_is_logged(self, client, make, caplog):
        import logging

        make.user(Role.CHECKER, email="a@example.org")
        with caplog.at_level(logging.INFO, logger="factcheck.security"):
            for _ in range(4):
                sign_in(client, "a@example.org", "guess guess")
        throttled = [
            r.getMessage() for r in caplog.records if r.getMessage().startswith("signin_throttled")
        ]
        assert len(throttled) == 1 and "a@example.org" in throttled[0]

    def test_unknown_accounts_are_throttled_alike(self, client, make):
        make.user(Role.ADMIN)
        for _ in range(3):
            assert sign_in(client, "ghost@example.org", "guess guess").status_code == 401
        assert sign_in(client, "ghost@example.org", "guess guess").status_code == 429

    def test_successful_sign_ins_do_not_count_against_the_account(self, app, make):
        make.user(Role.CHECKER, email="a@example.org")
        for _ in range(5):
            client = app.test_client()
            assert sign_in(client, "a@example.org").status_code == 302

    def test_one_address_is_limited_across_accounts(self, app, make):
        make.user(Role.ADMIN)
        client = app.test_client()
        for i in range(8):
            assert sign_in(client, f"guess{i}@example.org", "guess guess").status_code == 401
        response = sign_in(client, "guess9@example.org", "guess guess")
        assert response.status_code == 429
        assert "Too many requests" in response.get_data(as_text=True)
        make.user(Role.CHECKER, email="b@example.org")
        elsewhere = sign_in(
            app.test_client(), "b@example.org", environ_base={"REMOTE_ADDR": "192.0.2.7"}
        )
        assert elsewhere.status_code == 302

    def test_guessing_does_not_lock_out_a_browser_that_signed_in_before(self, app, make):
        # Issue 13, finding 6: once strangers used up the failures, the person was refused too.
        make.user(Role.CHECKER, email="a@example.org")
        mine = app.test_client()
        assert sign_in(mine, "a@example.org").status_code == 302
        mine.post("/logout")
        attacker = app.test_client()
        elsewhere = {"environ_base": {"REMOTE_ADDR": "192.0.2.66"}}
        for _ in range(3):
            assert sign_in(attacker, "a@example.org", "guess guess", **elsewhere).status_code == 401
        assert sign_in(attacker, "a@example.org", "guess guess", **elsewhere).status_code == 429
        assert sign_in(attacker, "a@example.org", **elsewhere).status_code == 429
        assert sign_in(mine, "a@example.org").status_code == 302
        mine.post("/logout")
        # The browser's own guesses are limited on a count of their own.
        for _ in range(3):
            assert sign_in(mine, "a@example.org", "guess guess").status_code == 401
        assert sign_in(mine, "a@example.org", "guess guess").status_code == 429

    def test_a_device_cookie_counts_only_for_its_own_account(self, app, make):
        make.user(Role.CHECKER, email="a@example.org")
        make.user(Role.CHECKER, email="b@example.org")
        client = app.test_client()
        assert sign_in(client, "b@example.org").status_code == 302
        client.post("/logout")
        for _ in range(3):
            sign_in(app.test_client(), "a@example.org", "guess guess")
        assert sign_in(client, "a@example.org").status_code == 429
        # A forged or altered cookie is no cookie.
        forged = app.test_client()
        value = client.get_cookie("factcheck_device", path="/login").value
        forged.set_cookie("factcheck_device", value[:-2] + "xx", domain="localhost", path="/login")
        assert sign_in(forged, "b@example.org", "guess guess").status_code == 401

    def test_pages_other_than_sign_in_are_not_limited(self, client, as_role):
        as_role(Role.CHECKER)
        for _ in range(12):
            assert client.get("/desk/").status_code == 200


def _redis_or_skip(url):
    redis = pytest.importorskip("redis")
    try:
        conn = redis.Redis.from_url(url, socket_connect_timeout=1)
        conn.ping()
    except redis.exceptions.RedisError:
        pytest.skip(f"Redis is not reachable at {url}")
    return conn


class TestThrottlingInRedis:
    URL = "redis://127.0.0.1:6379/15"
    PREFIX = f"factcheck-test-{uuid.uuid4().hex[:8]}"

    @pytest.fixture
    def app_config(self):
        return {
            "REDIS_URL": self.URL,
            "RATELIMIT_KEY_PREFIX": self.PREFIX,
            "LOGIN_LIMIT_ACCOUNT": "2 per minute",
            "LOGIN_LIMIT_IP": "50 per minute",
        }

    @pytest.fixture
    def redis_conn(self):
        conn = _redis_or_skip(self.URL)
        yield conn
        for key in conn.scan_iter(f"*{self.PREFIX}*"):
            conn.delete(key)

    def test_counters_live_in_redis_and_are_shared_by_app_servers(
        self, app, redis_conn, database, make
    ):
        from factcheck.security.throttle import limiter_for

        assert "redis" in type(limiter_for(app).storage).__name__.lower()
        make.user(Role.CHECKER, email="a@example.org")
        for _ in range(2):
            assert sign_in(app.test_client(), "a@example.org", "guess guess").status_code == 401
        assert any(redis_conn.scan_iter(f"*{self.PREFIX}*"))
        # A second app process with the same Redis sees the same counters.
        url, options = database
        from tests.conftest import _config

        second = create_app(
            _config(
                url,
                options,
                REDIS_URL=self.URL,
                RATELIMIT_KEY_PREFIX=self.PREFIX,
                LOGIN_LIMIT_ACCOUNT="2 per minute",
            )
        )
        assert sign_in(second.test_client(), "a@example.org").status_code == 429


@pytest.mark.parametrize(
    "app_config", [{"LOGIN_LIMIT_ACCOUNT": "3 per minute", "LOGIN_LIMIT_IP": "50 per minute"}]
)
def test_without_redis_counters_are_in_the_database_shared_by_processes(
    app, app_config, database, make, monkeypatch
):
    # Issue 13, finding 6: in memory, each gunicorn worker allowed its own failures.
    from factcheck.security.throttle import limiter_for
    from tests.conftest import _config

    make.user(Role.CHECKER, email="a@example.org")
    url, options = database
    second = create_app(_config(url, options, **app_config))  # another worker, same database
    checked = []
    real = passwords.verify_password
    monkeypatch.setattr(passwords, "verify_password", lambda *a: checked.append(1) or real(*a))
    statuses = [
        sign_in(worker.test_client(), "a@example.org", "guess guess").status_code
        for _ in range(5)
        for worker in (app, second)
    ]
    assert len(checked) == 3 and statuses.count(429) == 7
    assert type(limiter_for(app).storage).__name__ == "DatabaseStorage"


# --- Sessions ---------------------------------------------------------------------------------


def test_sign_in_starts_a_new_session(app, client, make):
    make.user(Role.CHECKER, email="c@example.org")
    with client.session_transaction() as session:
        session["planted"] = "by someone before sign-in"
        session["csrf_token"] = "known-to-attacker"
    assert sign_in(client, "c@example.org").status_code == 302
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session.get("csrf_token") != "known-to-attacker"
        assert session["_user_id"].startswith(f"{session['_user_id'].split(':')[0]}:")


def test_no_remember_me_cookie(client, make):
    make.user(Role.CHECKER, email="c@example.org")
    response = sign_in(client, "c@example.org")
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    assert set(cookies) == {"session", "factcheck_device"}
    assert "Expires" not in cookies["session"] and "Max-Age" not in cookies["session"]
    assert client.get_cookie("remember_token") is None
    # The long-lived device cookie only sets apart this browser's sign-in failures: it is
    # sent to the sign-in pages alone and signs nobody in.
    assert "Path=/login" in cookies["factcheck_device"]
    device_only = client.application.test_client()
    device = client.get_cookie("factcheck_device", path="/login")
    device_only.set_cookie("factcheck_device", device.value, domain="localhost", path="/")
    assert device_only.get("/desk/").status_code == 302


def test_cookie_copied_before_logout_is_refused_after_it(app, client, make):
    make.user(Role.CHECKER, email="c@example.org")
    sign_in(client, "c@example.org")
    copied = session_cookie(client)
    assert replay(app, copied).status_code == 200
    assert client.post("/logout").status_code == 302
    response = replay(app, copied)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_password_change_ends_other_sessions_and_keeps_this_one(app, client, make):
    make.user(Role.EDITOR, email="e@example.org")
    sign_in(client, "e@example.org")
    laptop = app.test_client()
    sign_in(laptop, "e@example.org")
    copied = session_cookie(laptop)
    response = client.post(
        "/account",
        data={"current": PASSWORD, "password": "a new passphrase", "confirm": "a new passphrase"},
    )
    assert response.status_code == 302
    assert client.get("/desk/").status_code == 200
    assert replay(app, copied).status_code == 302
    assert sign_in(app.test_client(), "e@example.org", "a new passphrase").status_code == 302
    assert "password_changed" in actions(app)


def test_password_change_needs_the_current_password(app, client, make):
    make.user(Role.EDITOR, email="e@example.org")
    sign_in(client, "e@example.org")
    response = client.post(
        "/account",
        data={
            "current": "not it at all",
            "password": "a new passphrase",
            "confirm": "a new passphrase",
        },
    )
    assert response.status_code == 401
    assert sign_in(app.test_client(), "e@example.org").status_code == 302
    assert "password_change_failed" in actions(app)


@pytest.mark.parametrize(
    "change",
    [
        {"role": "editor", "active": "y"},
        {"role": "checker"},
        {"role": "checker", "active": "y", "password": "brand new words"},
    ],
)
def test_role_change_deactivation_and_reset_end_sessions(app, client, make, change):
    admin = make.user(Role.ADMIN)
    target = make.user(Role.CHECKER, email="t@example.org")
    victim_browser = app.test_client()
    sign_in(victim_browser, "t@example.org")
    copied = session_cookie(victim_browser)
    login(client, admin)
    response = client.post(f"/desk/admin/users/{target.id}", data={"name": target.name, **change})
    assert response.status_code == 302
    assert replay(app, copied).status_code == 302


def test_saving_a_user_without_changes_keeps_their_session(app, client, make):
    admin = make.user(Role.ADMIN)
    target = make.user(Role.CHECKER, email="t@example.org")
    browser = app.test_client()
    sign_in(browser, "t@example.org")
    login(client, admin)
    client.post(
        f"/desk/admin/users/{target.id}", data={"name": "Renamed", "role": "checker", "active": "y"}
    )
    assert browser.get("/desk/").status_code == 200


def test_a_login_id_without_the_token_is_refused(app, client, make):
    user = make.user(Role.ADMIN)
    with client.session_transaction() as session:
        session.update(
            {"_user_id": str(user.id), "_issued": int(time.time()), "_seen": int(time.time())}
        )
    assert client.get("/desk/").status_code == 302


class TestTimeouts:
    def _age(self, client, issued=0, seen=0):
        now = int(time.time())
        with client.session_transaction() as session:
            session["_issued"] = now - issued
            session["_seen"] = now - seen

    def test_idle_timeout(self, app, client, as_role):
        as_role(Role.CHECKER)
        self._age(client, issued=31 * 60, seen=29 * 60)
        assert client.get("/desk/").status_code == 200
        self._age(client, issued=31 * 60, seen=31 * 60)
        response = client.get("/desk/claims/")
        assert response.status_code == 302 and "/login" in response.headers["Location"]
        assert client.get("/desk/").status_code == 302  # and it stays ended
        assert "session_expired" in actions(app)

    def test_absolute_timeout(self, client, as_role):
        as_role(Role.CHECKER)
        self._age(client, issued=11 * 3600)
        assert client.get("/desk/").status_code == 200
        self._age(client, issued=12 * 3600 + 5)
        assert client.get("/desk/").status_code == 302

    def test_activity_keeps_the_session_alive(self, client, as_role):
        as_role(Role.CHECKER)
        self._age(client, issued=3600, seen=20 * 60)
        before = int(time.time())
        assert client.get("/desk/").status_code == 200
        with client.session_transaction() as session:
            assert session["_seen"] >= before  # renewed by the request, not 20 minutes old

    def test_typing_keeps_the_session_alive_through_the_ping(self, client, as_role):
        as_role(Role.CHECKER)
        self._age(client, issued=3600, seen=29 * 60)
        page = client.get("/desk/").get_data(as_text=True)
        assert 'data-alive="/desk/alive"' in page and 'data-alive-every="300"' in page
        self._age(client, issued=3600, seen=29 * 60)  # typing, no click, for 29 minutes
        before = int(time.time())
        assert client.get("/desk/alive").status_code == 204
        with client.session_transaction() as session:
            assert session["_seen"] >= before
        self._age(client, issued=3600, seen=31 * 60)  # and a ping cannot revive an ended one
        assert client.get("/desk/alive").status_code == 302

    def test_replaying_an_expired_cookie_is_audited_once(self, app, client, as_role):
        # Issue 13, finding 10: each replay of the same expired cookie wrote another row.
        as_role(Role.CHECKER)
        self._age(client, issued=3600, seen=31 * 60)
        expired = session_cookie(client)
        for _ in range(20):
            response = replay(app, expired)
            assert response.status_code == 302 and "/login" in response.headers["Location"]
        assert actions(app, "session_expired") == ["session_expired"]

    def test_an_expired_session_on_a_get_survives_a_concurrent_write(
        self, app, client, as_role, database, monkeypatch
    ):
        # Issue 13, finding 10: the expiry was written inside the GET's read-only transaction;
        # on SQLite a write committed by another request in between made that a 500.
        from sqlalchemy import create_engine, text

        from factcheck.security import sessions

        as_role(Role.CHECKER)
        self._age(client, issued=3600, seen=31 * 60)
        url, options = database
        other = create_engine(url, **options)
        real = sessions.expired

        def expired_while_someone_writes(*args):
            db.session.execute(select(User.id)).all()  # this request's transaction has read
            with other.begin() as conn:
                conn.execute(text("UPDATE users SET name = name || ' Jr'"))
            return real(*args)

        monkeypatch.setattr(sessions, "expired", expired_while_someone_writes)
        try:
            response = client.get("/desk/")
        finally:
            other.dispose()
        assert response.status_code == 302 and "/login" in response.headers["Location"]
        assert actions(app, "session_expired") == ["session_expired"]

    @pytest.mark.parametrize("app_config", [{"SESSION_IDLE_TIMEOUT": 60}])
    def test_timeouts_are_configurable(self, client, as_role, app_config):
        as_role(Role.CHECKER)
        self._age(client, issued=90, seen=90)
        assert client.get("/desk/").status_code == 302


# --- Two-factor sign-in -----------------------------------------------------------------------


def offered_secret(page):
    """The enrolment key the account page shows."""
    return re.search(r'<code class="secret">([A-Z2-7]+)</code>', page.get_data(as_text=True))[1]


def enrol(client, app, email):
    page = client.get("/account")
    assert page.status_code == 200
    secret = offered_secret(page)
    code = pyotp.TOTP(secret).now()
    response = client.post("/account/two-factor", data={"code": code})
    assert response.status_code == 302
    with app.app_context():
        stored = db.session.scalar(select(User.totp_secret).where(User.email == email))
        assert stored != secret and totp.unseal(stored) == secret  # sealed at rest
    return secret


def test_the_enrolment_secret_is_not_readable_in_the_session_cookie(app, client, make):
    # Issue 13, finding 10d: the signed (not encrypted) cookie carried the secret in the clear.
    make.user(Role.EDITOR, email="e@example.org")
    sign_in(client, "e@example.org")
    first = client.get("/account")
    secret = offered_secret(first)
    readable = app.session_interface.get_signing_serializer(app).loads(session_cookie(client))
    assert secret not in json.dumps(readable)
    assert offered_secret(client.get("/account")) == secret  # the same key on every visit
    # A cookie from before, with the secret in the clear, is not trusted: a new one is made.
    with client.session_transaction() as session:
        session["_totp_pending"] = secret
    assert offered_secret(client.get("/account")) != secret


def next_code(secret, steps=1):
    return pyotp.TOTP(secret).at(time.time() + 30 * steps)


def test_editor_enrols_and_then_needs_a_code(app, client, make):
    make.user(Role.EDITOR, email="e@example.org")
    sign_in(client, "e@example.org")
    secret = enrol(client, app, "e@example.org")
    client.post("/logout")
    response = sign_in(client, "e@example.org")
    assert response.status_code == 302 and response.headers["Location"].endswith("/login/code")
    assert client.get("/desk/").status_code == 302  # a password alone is not a session
    assert client.post("/login/code", data={"code": "000000"}).status_code == 401
    response = client.post("/login/code", data={"code": next_code(secret)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/desk/")
    assert client.get("/desk/").status_code == 200


def test_a_code_works_only_once(app, client, make):
    make.user(Role.ADMIN, email="a@example.org")
    sign_in(client, "a@example.org")
    secret = enrol(client, app, "a@example.org")
    code = next_code(secret)
    other = app.test_client()
    sign_in(other, "a@example.org")
    assert other.post("/login/code", data={"code": code}).status_code == 302
    third = app.test_client()
    sign_in(third, "a@example.org")
    assert third.post("/login/code", data={"code": code}).status_code == 401
    assert third.get("/desk/").status_code == 302


def test_the_enrolment_code_cannot_sign_in(app, client, make):
    make.user(Role.EDITOR, email="e@example.org")
    sign_in(client, "e@example.org")
    secret = offered_secret(client.get("/account"))
    code = pyotp.TOTP(secret).now()
    client.post("/account/two-factor", data={"code": code})
    other = app.test_client()
    sign_in(other, "e@example.org")
    assert other.post("/login/code", data={"code": code}).status_code == 401


def test_code_guessing_is_throttled(app, client, make):
    app.config["LOGIN_LIMIT_ACCOUNT"] = "3 per minute"
    make.user(Role.EDITOR, email="e@example.org")
    sign_in(client, "e@example.org")
    secret = enrol(client, app, "e@example.org")
    client.post("/logout")
    sign_in(client, "e@example.org")
    for guess in ("111111", "222222", "333333"):
        assert client.post("/login/code", data={"code": guess}).status_code == 401
    assert client.post("/login/code", data={"code": next_code(secret)}).status_code == 429


def test_code_guessing_cannot_dodge_the_limit_with_an_email_field(app, client, make, monkeypatch):
    # Issue 13, finding 5: each post named another email and got a fresh counter.
    app.config["LOGIN_LIMIT_ACCOUNT"] = "3 per minute"
    make.user(Role.EDITOR, email="e@example.org")
    sign_in(client, "e@example.org")
    enrol(client, app, "e@example.org")
    client.post("/logout")
    sign_in(client, "e@example.org")
    checked = []
    real = totp.consume_code
    monkeypatch.setattr(totp, "consume_code", lambda *a: checked.append(a) or real(*a))
    statuses = [
        client.post(
            "/login/code", data={"code": f"{i:06d}", "email": f"x{i}@example.org"}
        ).status_code
        for i in range(25)
    ]
    assert len(checked) == 3
    assert statuses == [401] * 3 + [429] * 22


def test_checkers_are_not_offered_two_factor(client, as_role):
    as_role(Role.CHECKER)
    assert "Offered to editors and admins" in client.get("/account").get_data(as_text=True)
    assert client.post("/account/two-factor", data={"code": "123456"}).status_code == 403


def test_code_page_without_a_password_step_sends_to_sign_in(client, make):
    make.user(Role.EDITOR)
    response = client.post("/login/code", data={"code": "123456"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")


def test_turning_two_factor_off_needs_password_and_code(app, client, make):
    make.user(Role.EDITOR, email="e@example.org")
    sign_in(client, "e@example.org")
    secret = enrol(client, app, "e@example.org")
    wrong = client.post("/account/two-factor/off", data={"password": PASSWORD, "code": "000000"})
    assert wrong.status_code == 401
    ok = client.post(
        "/account/two-factor/off", data={"password": PASSWORD, "code": next_code(secret)}
    )
    assert ok.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(User.totp_secret)) is None
    assert "two_factor_disabled" in actions(app)


# --- Two-factor secrets at rest -----------------------------------------------------------------


def enrolled_editor(app, client, make):
    make.user(Role.EDITOR, email="e@example.org")
    sign_in(client, "e@example.org")
    secret = enrol(client, app, "e@example.org")
    client.post("/logout")
    return secret


def stored_secret(app):
    with app.app_context():
        return db.session.scalar(select(User.totp_secret).where(User.email == "e@example.org"))


def test_a_copy_of_the_database_alone_cannot_mint_codes(app, client, make):
    secret = enrolled_editor(app, client, make)
    stored = stored_secret(app)
    assert secret not in stored
    sealed = base64.urlsafe_b64decode(stored + "=" * (-len(stored) % 4))
    assert base64.b32decode(secret) not in sealed
    with app.app_context():
        app.config["SECRET_KEY"] = "another install's key, as long as a real one is"
        with pytest.raises(totp.SecretUnreadable):
            totp.unseal(stored)


def test_secrets_survive_a_key_rotation_and_move_to_the_new_key(app, client, make):
    secret = enrolled_editor(app, client, make)
    old_key = app.config["SECRET_KEY"]
    app.config["SECRET_KEY"] = "the new key, after a rotation, long and random"
    app.config["SECRET_KEY_FALLBACKS"] = [old_key]
    with app.app_context():
        assert not totp.is_sealed_under_current_key(stored_secret(app))
    assert sign_in(client, "e@example.org").headers["Location"].endswith("/login/code")
    response = client.post("/login/code", data={"code": next_code(secret)})
    assert response.status_code == 302 and client.get("/desk/").status_code == 200
    app.config["SECRET_KEY_FALLBACKS"] = []
    with app.app_context():
        assert totp.unseal(stored_secret(app)) == secret  # now readable with the new key alone


def test_an_unreadable_secret_is_explained_and_lets_nobody_in(app, client, make):
    secret = enrolled_editor(app, client, make)
    app.config["SECRET_KEY"] = "a new key, the old one lost, long and random"
    assert sign_in(client, "e@example.org").headers["Location"].endswith("/login/code")
    response = client.post("/login/code", data={"code": next_code(secret)})
    assert response.status_code == 401
    assert "Ask an admin to turn two-factor sign-in off" in response.get_data(as_text=True)
    assert client.get("/desk/").status_code == 302
    assert actions(app, "login_failed")


def test_an_admin_turns_two_factor_off_for_a_lost_device(app, client, make):
    enrolled_editor(app, client, make)
    with app.app_context():
        editor = db.session.scalar(select(User).where(User.email == "e@example.org"))
        editor_id, token = editor.id, editor.session_token
    make.user(Role.ADMIN, email="a@example.org")
    sign_in(client, "a@example.org")
    page = client.get(f"/desk/admin/users/{editor_id}").get_data(as_text=True)
    assert "Turn off two-factor sign-in" in page
    response = client.post(f"/desk/admin/users/{editor_id}/two-factor/off")
    assert response.status_code == 302
    with app.app_context():
        editor = db.session.get(User, editor_id)
        assert editor.totp_secret is None and editor.session_token != token
    assert "two_factor_reset" in actions(app)
    client.post("/logout")
    response = sign_in(client, "e@example.org")
    assert response.status_code == 302 and not response.headers["Location"].endswith("/code")

"""Sign-in limits across real worker processes (issue 13, finding 6): gunicorn with several
workers, no Redis, one SQLite file. Counters kept in each worker's memory let every worker
check its own five passwords; in the database they are counted once for all."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.browser import ROOT, _free_port

WORKERS = 4
LIMIT = 5
ATTEMPTS = 24
PASSWORD = "Quiet-Harbour-Lamp-93"

pytestmark = pytest.mark.skipif(
    shutil.which("gunicorn", path=str(Path(sys.executable).parent)) is None
    and shutil.which("gunicorn") is None,
    reason="gunicorn is not installed",
)


def _post(base: str, data: dict[str, str], cookie: str | None = None) -> tuple[int, str | None]:
    """POST a form without following the redirect: (status, device cookie set, if any)."""
    request = urllib.request.Request(  # noqa: S310 (loopback only)
        base + "/login", data=urllib.parse.urlencode(data).encode(), method="POST"
    )
    if cookie:
        request.add_header("Cookie", cookie)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            status, headers = response.status, response.headers
    except urllib.error.HTTPError as error:
        status, headers = error.code, error.headers
    device = next(
        (
            c.split(";", 1)[0]
            for c in headers.get_all("Set-Cookie") or []
            if c.startswith("factcheck_device=")
        ),
        None,
    )
    return status, device


def _instance(folder) -> dict[str, str]:
    """The environment of a fresh SQLite install without Redis, with two checkers created."""
    env = {
        **os.environ,
        "FLASK_APP": "factcheck",
        "DATABASE_URL": f"sqlite:///{folder / 'workers.db'}",
        "FACTCHECK_SECRET_KEY": secrets.token_hex(32),
        "FACTCHECK_WTF_CSRF_ENABLED": "false",
        "FACTCHECK_LOGIN_LIMIT_ACCOUNT": f"{LIMIT} per hour",
        "FACTCHECK_LOGIN_LIMIT_IP": "1000 per hour",
    }
    for name in ("REDIS_URL", "FLASK_DEBUG", "FACTCHECK_REDIS_URL"):
        env.pop(name, None)
    run = {"cwd": ROOT, "env": env, "check": True, "capture_output": True, "text": True}
    subprocess.run([sys.executable, "-m", "flask", "init-db"], **run)
    checker = ["--name", "Casey Checker", "--role", "checker", "--password-stdin"]
    for email in ("a@example.org", "b@example.org"):
        subprocess.run(
            [sys.executable, "-m", "flask", "create-user", "--email", email, *checker],
            input=PASSWORD + "\n",
            **run,
        )
    return env


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    """Base URL of `gunicorn -w 4` on a fresh SQLite file without Redis, with one checker."""
    env = _instance(tmp_path_factory.mktemp("workers"))
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            str(WORKERS),
            "-b",
            f"127.0.0.1:{port}",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {server.stderr.read()}")
            try:
                with urllib.request.urlopen(base + "/login", timeout=10):  # noqa: S310
                    break
            except (urllib.error.URLError, OSError):  # not listening yet, or still booting
                time.sleep(0.1)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def guesses(base: str, email: str, cookie: str | None = None) -> list[int]:
    """The statuses of ATTEMPTS wrong passwords, each on a new connection to any worker."""
    return [
        _post(base, {"email": email, "password": f"guess-{i}-guess"}, cookie)[0]
        for i in range(ATTEMPTS)
    ]


def test_workers_share_one_count(gunicorn):
    statuses = guesses(gunicorn, "a@example.org")
    assert statuses.count(401) == LIMIT, statuses  # passwords checked, across the workers
    assert statuses.count(429) == ATTEMPTS - LIMIT


def test_guessing_does_not_lock_the_person_out(gunicorn):
    base, person = gunicorn, {"email": "b@example.org", "password": PASSWORD}
    # The person signs in once from their own browser, which keeps a device cookie.
    status, device = _post(base, person)
    assert status == 302 and device
    # Strangers use up the account's failures; the right password does not help them.
    assert guesses(base, "b@example.org").count(401) <= LIMIT
    assert _post(base, person)[0] == 429
    # The person's own browser still signs in...
    assert _post(base, person, cookie=device)[0] == 302
    # ...and guesses from that browser are limited too, on a count of its own.
    statuses = guesses(base, "b@example.org", cookie=device)
    assert statuses.count(401) <= LIMIT and statuses[-1] == 429

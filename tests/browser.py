"""Chromium for end-to-end tests: the browser, the app served on 127.0.0.1 and screenshots.

A pytest plugin (tests/conftest.py loads it), so its fixtures are there for every test module;
a browser test module takes `pytestmark` from here and sets `app_config` to `browser_config`.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason="Chromium is not installed (apt install chromium); .ci/run "
        "installs it so CI always runs these tests",
    ),
]


@pytest.fixture
def browser_config() -> dict:
    """A real browser: CSRF on, and the server answers on 127.0.0.1 with its own port."""
    return {"WTF_CSRF_ENABLED": True, "SERVER_NAME": None}


@pytest.fixture
def server(app):
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def shoot():
    ARTIFACTS.mkdir(exist_ok=True)

    def _shoot(page, name: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return _shoot


# --- a real `flask run` process on the demo data -------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _flask(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "flask", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def _wait_until_serving(base: str, server: subprocess.Popen) -> None:
    for _ in range(200):
        if server.poll() is not None:
            raise RuntimeError(f"flask run exited: {server.stderr.read() if server.stderr else ''}")
        try:
            with urllib.request.urlopen(base + "/factchecks/", timeout=2):  # noqa: S310 (loopback)
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    raise RuntimeError("flask run did not answer")


@pytest.fixture(scope="module")
def live_env() -> dict[str, str]:
    """More environment for the `live` server; a module overrides it (e.g. an SMTP server)."""
    return {}


@pytest.fixture(scope="module")
def live(tmp_path_factory, live_env):
    """(base URL, {email: password}) of `flask run` on a fresh SQLite file with the demo data,
    in production settings (strong password hashes, CSRF, a real secret key)."""
    env = live_server_env(tmp_path_factory.mktemp("live"), live_env)
    # No worker beside this server: jobs run inside the request that queues them.
    env["FACTCHECK_JOBS_IMMEDIATE"] = "true"
    passwords = demo_install(env)
    server, base = start_flask_run(env)
    try:
        yield base, passwords
    finally:
        stop_process(server)


def live_server_env(folder: Path, extra: dict[str, str]) -> dict[str, str]:
    """The environment of a live server (and its workers) whose database, job queue and logs
    are files in `folder`; `extra` adds to it or overrides it."""
    env = {
        **os.environ,
        "FLASK_APP": "factcheck",
        "DATABASE_URL": f"sqlite:///{folder / 'live.db'}",
        "FACTCHECK_SECRET_KEY": secrets.token_hex(32),
        "FACTCHECK_JOBS_SQLITE_PATH": str(folder / "jobs.sqlite"),
        # The demo's sources are made up: nothing fetches them unless a module asks.
        "FACTCHECK_ARCHIVE_ON_ADD": "false",
        **extra,
    }
    env.pop("FLASK_DEBUG", None)
    return env


def demo_install(env: dict[str, str]) -> dict[str, str]:
    """Create the database of `env` with the demo data; {email: password} of its people."""
    _flask(env, "init-db")
    out = _flask(env, "demo")
    return dict(re.findall(r"(\S+@demo\.factcheck\.test)\s+password: (\S+)", out))


def start_flask_run(env: dict[str, str], port: int | None = None) -> tuple[subprocess.Popen, str]:
    """`flask run` with `env` on `port` (a free one if not given), once it answers: (process,
    base URL)."""
    port = port or _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "flask", "run", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(base, server)
    except BaseException:
        server.kill()
        server.wait()
        raise
    return server, base


def start_worker(env: dict[str, str], *args: str) -> subprocess.Popen:
    """One `flask worker` process on `env`'s queue; its output goes to a .log file beside the
    queue's SQLite file (FACTCHECK_JOBS_SQLITE_PATH)."""
    log = Path(env["FACTCHECK_JOBS_SQLITE_PATH"]).with_suffix(".log")
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "flask", "worker", "--workers", "1", *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


@contextmanager
def flask_run_and_worker(env: dict[str, str], port: int | None = None) -> Iterator[str]:
    """`flask run` and one `flask worker` on `env` while the block runs: the base URL. The
    queue is the SQLite file of FACTCHECK_JOBS_SQLITE_PATH (no Redis), shared by both."""
    env = {k: v for k, v in env.items() if k not in ("REDIS_URL", "FACTCHECK_REDIS_URL")}
    worker = start_worker(env)
    try:
        server, base = start_flask_run(env, port)
    except BaseException:
        stop_process(worker)
        raise
    try:
        yield base
    finally:
        stop_process(server)
        stop_process(worker)


def stop_process(process: subprocess.Popen) -> None:
    """SIGTERM to a server or worker we started, SIGKILL if it has not ended in 30 s."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def signed_in(browser, live, who: str):
    base, passwords = live[0], live[1]
    email = f"{who}@demo.factcheck.test"
    page = browser.new_context().new_page()
    # The live server hashes passwords as production does (scrypt, 128 MiB): on a busy 2-core
    # machine one sign-in can outlast Playwright's default 30 s.
    page.set_default_timeout(90_000)
    page.goto(base + "/login")
    page.fill("#email", email)
    page.fill("#password", passwords[email])
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/desk/"))
    return page


def first_claim(page, base: str, state: str) -> str:
    page.goto(f"{base}/desk/claims/?state={state}")
    hrefs = page.locator("a[href^='/desk/claims/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    href = next((h for h in hrefs if re.fullmatch(r"/desk/claims/\d+", h)), None)
    assert href, f"the demo has no {state} claim"
    return base + href


def wait_until_no_job_polls(page, tries: int = 240) -> None:
    """Wait until the page shows no running job (no panel polling): an article's candidates are
    checked against earlier fact-checks after its ingest, in jobs of their own, and the page
    reloads itself as each ends."""
    for _ in range(tries):
        page.wait_for_load_state()
        if page.locator("[data-poll]").count() == 0:
            return
        page.wait_for_timeout(500)
    raise AssertionError("a job panel still polls")

"""A forged Host header against real server processes (issue 13, finding 9 and part of 10).

Before the first admin exists every request is sent to /setup, and that redirect used to be
built for the forged host too: with no URL adapter for it, `flask run` and gunicorn answered
500 on every path. Each server here runs on a fresh SQLite file in a folder of its own, on a
free port of 127.0.0.1, and is asked with raw HTTP requests, in both states.
"""

from __future__ import annotations

import http.client
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.browser import ROOT, _flask, _free_port

PATHS = ("/", "/factchecks/", "/desk/", "/login", "/setup")


def _serve(kind: str, env: dict[str, str], port: int) -> subprocess.Popen:
    if kind == "flask":
        command = [sys.executable, "-m", "flask", "run", "--host", "127.0.0.1", "--port"]
        command.append(str(port))
    else:
        if shutil.which("gunicorn", path=str(Path(sys.executable).parent)) is None:
            pytest.skip("gunicorn is not installed")
        command = [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}"]
        command.append("factcheck:create_app()")
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _get(port: int, path: str, host: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=True)
        conn.putheader("Host", host)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def _wait(port: int, server: subprocess.Popen) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise RuntimeError("the server exited")
        try:
            _get(port, "/factchecks/", f"127.0.0.1:{port}")
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not answer")


@pytest.fixture(scope="module", params=["flask", "gunicorn"])
def fresh_server(request, tmp_path_factory):
    """(port, env) of a server on a fresh install: schema created, no user yet."""
    folder = tmp_path_factory.mktemp(f"host-{request.param}")
    env = {
        **os.environ,
        "FLASK_APP": "factcheck",
        "DATABASE_URL": f"sqlite:///{folder / 'fresh.db'}",
        "FACTCHECK_SECRET_KEY": secrets.token_hex(32),
    }
    env.pop("FLASK_DEBUG", None)
    _flask(env, "init-db")
    port = _free_port()
    server = _serve(request.param, env, port)
    try:
        _wait(port, server)
        yield port, env
    finally:
        server.terminate()
        server.wait(timeout=15)


def _assert_refused(port: int) -> None:
    other = _free_port()
    for path in PATHS:
        for host in ("evil.example", f"127.0.0.1:{other}", f"localhost:{other}"):
            status, body = _get(port, path, host)
            assert status == 400, (path, host, status)
            assert "Unknown host" in body and body.rstrip().endswith("</html>"), (path, host)
            assert "evil.example" not in body and str(other) not in body


def test_forged_host_is_400_before_and_after_setup(fresh_server):
    port, env = fresh_server
    ours = f"127.0.0.1:{port}"
    status, _ = _get(port, "/desk/", ours)
    assert status == 302, "a fresh install sends every staff page to /setup"
    _assert_refused(port)

    user = ["--email", "ada@example.org", "--name", "Ada", "--role", "admin", "--password-stdin"]
    done = subprocess.run(
        [sys.executable, "-m", "flask", "create-user", *user],
        cwd=ROOT,
        env=env,
        input="a long enough passphrase for Ada\n",
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert _get(port, "/login", ours)[0] == 200
    _assert_refused(port)
    # The host and port the server really answers on are still fine, with or without a port.
    assert _get(port, "/factchecks/", ours)[0] == 200
    assert _get(port, "/factchecks/", "localhost")[0] == 200

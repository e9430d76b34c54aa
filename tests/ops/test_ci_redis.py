""".ci/start-redis gives CI a Redis when none answers, so the Redis tests run, not skip."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not (shutil.which("redis-server") and shutil.which("redis-cli")),
    reason="redis-server is not installed (.ci/start-redis installs it under CI)",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(port: int, pidfile: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(ROOT / ".ci" / "start-redis")],
        env={**os.environ, "REDIS_PORT": str(port), "REDIS_PIDFILE": str(pidfile)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_starts_redis_when_none_answers_and_reuses_a_running_one(tmp_path):
    import redis

    port, pidfile = free_port(), tmp_path / "redis.pid"
    first = start(port, pidfile)
    pid = int(pidfile.read_text()) if pidfile.exists() else None
    try:
        assert first.returncode == 0, first.stderr
        url = first.stdout.strip()
        assert url == f"redis://127.0.0.1:{port}/15"
        assert redis.Redis.from_url(url).ping()
        assert pid
        # Running again finds it answering and starts no second server.
        pidfile.unlink()
        again = start(port, pidfile)
        assert again.returncode == 0 and again.stdout.strip() == url
        assert not pidfile.exists()
        # Nothing persisted: CI's Redis holds counters and caches only.
        config = redis.Redis.from_url(url, decode_responses=True)
        assert config.config_get("save")["save"] == ""
        assert config.config_get("appendonly")["appendonly"] == "no"
    finally:
        if pid:
            os.kill(pid, signal.SIGTERM)

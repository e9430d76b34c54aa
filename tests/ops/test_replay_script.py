""".ci/replay-findings.py: what counts as a failure, and that any failure fails the run. (The
replay itself runs in .ci/run; it takes minutes per database.)"""

from __future__ import annotations

import importlib.util
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def replay():
    spec = importlib.util.spec_from_file_location(
        "replay_findings", ROOT / ".ci" / "replay-findings.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_answer_and_5xx_are_failures_4xx_are_not(replay):
    traffic = replay.Traffic()
    for status in (200, 302, 400, 404, 409, 422, 429):
        traffic.record(status, "GET /")
    assert traffic.failures == []
    traffic.record(0, "POST /desk/articles/new")
    traffic.record(503, "GET /healthz")
    assert traffic.failures == ["no answer on POST /desk/articles/new", "503 on GET /healthz"]
    assert replay.no_5xx([(409, "", 0.1), (302, "", 0.2)])
    assert not replay.no_5xx([(409, "", 0.1), (0, "timed out", 120.0)])


def test_at_once_releases_every_call_together(replay):
    inside = []
    lock = threading.Lock()

    def call(i):
        with lock:
            inside.append(i)
        return i

    # A barrier of 8: were the calls run one after another, this would never return.
    assert replay.at_once([lambda i=i: call(i) for i in range(8)]) == list(range(8))


@pytest.mark.parametrize(
    ("rows", "failures", "code"),
    [([True, True], [], 0), ([True, False], [], 1), ([True], ["500 on GET /"], 1)],
)
def test_any_failed_check_or_5xx_fails_the_run(replay, monkeypatch, rows, failures, code):
    def fake(site, table):
        for ok in rows:
            table.add(site.label, "9", "check", ok, "detail")
        traffic = replay.Traffic()
        traffic.failures = list(failures)
        return traffic

    monkeypatch.setattr(replay, "replay", fake)
    monkeypatch.setattr(sys, "argv", ["replay-findings.py", "--only", "sqlite"])
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert replay.main() == code

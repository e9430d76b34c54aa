""".ci/dependency-audit never reports success for pins it could not look up.

A stand-in pip-audit (same command line, same JSON) plays the three cases: the advisory service
unreachable (every pin skipped, which real pip-audit reports as "No known vulnerabilities
found"), reachable and clean, reachable with a vulnerability.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FAKE = """#!{python}
import json, os, sys
args = sys.argv[1:]
if args == ["--version"]:
    print("pip-audit 2.10.1"); sys.exit()
mode = os.environ["FAKE_AUDIT"]
if "--output" in args:
    dep = {{"name": "flask", "version": "3.1.3", "vulns": []}}
    if mode == "unreachable":
        dep = {{"name": "flask", "skip_reason": "Dependency not found and could not be audited"}}
    json.dump({{"dependencies": [dep]}}, open(args[args.index("--output") + 1], "w"))
    print("No known vulnerabilities found", file=sys.stderr)
    sys.exit()
assert "--strict" in args
if mode == "vulnerable":
    print("flask 3.1.3 GHSA-0000 fixed in 3.1.4"); sys.exit(1)
print("No known vulnerabilities found")
"""


def audit(tmp_path: Path, mode: str, **env: str) -> subprocess.CompletedProcess:
    tools = tmp_path / "tools"
    (tools / "bin").mkdir(parents=True, exist_ok=True)
    fake = tools / "bin" / "pip-audit"
    fake.write_text(FAKE.format(python=sys.executable))
    fake.chmod(0o755)
    return subprocess.run(
        ["bash", str(ROOT / ".ci" / "dependency-audit")],
        env={**os.environ, "AUDIT_TOOLS_VENV": str(tools), "FAKE_AUDIT": mode, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_unreachable_service_is_reported_loudly_and_not_as_success(tmp_path):
    result = audit(tmp_path, "unreachable")
    assert result.returncode == 3
    assert result.stdout.count("NOT AUDITED: 1 of 1 pins could not be looked up") == 2
    assert "no known vulnerabilities" not in result.stdout.lower()


def test_not_audited_can_let_ci_go_on_but_still_says_so(tmp_path):
    result = audit(tmp_path, "unreachable", AUDIT_REQUIRED="0")
    assert result.returncode == 0
    assert "NOT AUDITED" in result.stdout


@pytest.mark.parametrize(("mode", "code"), [("clean", 0), ("vulnerable", 1)])
def test_reachable_service_runs_the_strict_audit(tmp_path, mode, code):
    result = audit(tmp_path, mode)
    assert result.returncode == code
    assert "NOT AUDITED" not in result.stdout
    if mode == "clean":
        assert "audited: 1 pins in requirements.txt, no known vulnerabilities" in result.stdout
    else:
        assert "GHSA-0000" in result.stdout

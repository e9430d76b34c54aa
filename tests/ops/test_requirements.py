"""What a server installs: requirements.txt is the runtime only, pyproject.toml declares the same
dependencies, and the test and tool pins live in requirements-dev.txt."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]

# Tools that have no business on a server: test runners, linters, scanners, and python-dotenv,
# which makes the `flask` command load any .env file it finds.
NOT_RUNTIME = {
    "pytest",
    "pluggy",
    "iniconfig",
    "hypothesis",
    "playwright",
    "ruff",
    "mypy",
    "import-linter",
    "radon",
    "schemathesis",
    "jsonschema",
    "pyld",
    "feedparser",
    "openapi-spec-validator",
    "pip-audit",
    "bandit",
    "semgrep",
    "python-dotenv",
    "pyyaml",
    "requests",
}


def pins(name: str) -> dict[str, Requirement]:
    found = {}
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            req = Requirement(line)
            found[canonicalize_name(req.name)] = req
    return found


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_requirements_txt_holds_no_test_or_tool_package():
    assert not set(pins("requirements.txt")) & NOT_RUNTIME


def test_every_requirement_is_pinned_exactly_once():
    runtime, dev = pins("requirements.txt"), pins("requirements-dev.txt")
    for req in [*runtime.values(), *dev.values()]:
        assert str(req.specifier).startswith("=="), req
    # The dev file pulls the runtime in with -r; a second pin of the same package could drift.
    assert not set(runtime) & set(dev)
    assert "-r requirements.txt" in (ROOT / "requirements-dev.txt").read_text()


def test_pyproject_declares_the_runtime_requirements():
    declared = {canonicalize_name(r.name): r for r in map(Requirement, project()["dependencies"])}
    runtime = pins("requirements.txt")
    assert set(declared) == set(runtime)
    for name, req in runtime.items():
        assert declared[name].specifier == req.specifier, name
    assert project()["requires-python"] == ">=3.11"


def test_pyproject_extras_are_pinned_for_development_and_sentry_stays_optional():
    extras = project()["optional-dependencies"]
    dev = pins("requirements-dev.txt")
    assert {canonicalize_name(Requirement(r).name) for r in extras["dev"]} <= set(dev)
    assert "sentry-sdk" not in pins("requirements.txt")
    assert [Requirement(r).name for r in extras["sentry"]] == ["sentry-sdk"]


def test_tool_settings_are_still_in_pyproject():
    tools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]
    assert {"pytest", "ruff", "mypy", "importlinter"} <= set(tools)


TRAINING_ONLY = {"scikit-learn", "numpy", "scipy"}


def test_training_tools_stay_out_of_the_runtime():
    """scikit-learn rebuilds the check-worthiness weights (requirements-train.txt); the app
    scores them in plain Python and never imports it (issue 15)."""
    train = pins("requirements-train.txt")
    assert set(train) == TRAINING_ONLY
    assert all(str(req.specifier).startswith("==") for req in train.values())
    assert not set(pins("requirements.txt")) & TRAINING_ONLY
    declared = {canonicalize_name(Requirement(r).name) for r in project()["dependencies"]}
    assert not declared & TRAINING_ONLY
    imports = re.compile(r"^\s*(?:from|import)\s+(sklearn|numpy|scipy)\b", re.MULTILINE)
    used = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "factcheck").rglob("*.py")
        if imports.search(path.read_text(encoding="utf-8"))
    ]
    assert used == []

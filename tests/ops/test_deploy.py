"""The deploy files agree with each other and with the app, and the image's commands work.

Docker cannot run on the machine this was written on (no daemon), so compose.yaml and the
Dockerfile are checked by reading them, and the commands the image runs (the migrate step, the
gunicorn CMD, the HEALTHCHECK) are run here as real processes on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import re
import runpy
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SECRET = "ops-test-" + "7f3a9c" * 8


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments) for each instruction, continuation lines joined."""
    text = re.sub(r"\\\n\s*(#[^\n]*\n\s*)*", " ", (ROOT / "Dockerfile").read_text())
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1].strip())
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def instruction(name: str) -> list[str]:
    return [args for inst, args in dockerfile() if inst == name]


def docker_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for args in instruction("ENV"):
        for part in shlex.split(args):
            key, _, value = part.partition("=")
            env[key] = value
    return env


def exec_form(args: str) -> list[str]:
    return json.loads(args)


def interpolate(value: str, variables: dict[str, str]) -> str:
    """compose's ${VAR}, ${VAR:-default} and ${VAR:?error}, with `variables` as the .env."""

    def one(match: re.Match) -> str:
        name, op, rest = match.group(1), match.group(2), match.group(3)
        if name in variables:
            return variables[name]
        if op == ":?":
            raise KeyError(f"compose refuses to start without {name}: {rest}")
        return rest or ""

    return re.sub(r"\$\{(\w+)(?:(:[-?])([^}]*))?\}", one, value)


DOT_ENV = {"POSTGRES_PASSWORD": "pw", "FACTCHECK_SECRET_KEY": SECRET}


def port_of(bind: str) -> int:
    return int(bind.rsplit(":", 1)[1])


# --- compose.yaml ------------------------------------------------------------------------


def test_compose_has_the_app_its_migrate_step_postgresql_and_redis():
    services = compose()["services"]
    assert set(services) == {"app", "migrate", "worker", "db", "redis"}
    # The job worker: the app's image and settings, started once the schema is migrated.
    worker = services["worker"]
    assert worker["image"] == services["app"]["image"]
    assert worker["environment"] == services["migrate"]["environment"]
    assert "flask worker" in " ".join(worker["command"])
    assert worker["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["command"] == ["flask", "init-db"]
    assert services["app"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    for name in ("db", "redis"):
        assert "healthcheck" in services[name], name
    # Every service another one waits for exists.
    for service in services.values():
        assert set(service.get("depends_on", {})) <= set(services)


def test_compose_environment_points_at_its_own_services_and_holds_no_secret():
    services = compose()["services"]
    app_env, migrate_env = services["app"]["environment"], services["migrate"]["environment"]
    for key in ("DATABASE_URL", "FACTCHECK_REDIS_URL", "FACTCHECK_SECRET_KEY"):
        assert app_env[key] == migrate_env[key], key
    database = urlsplit(interpolate(app_env["DATABASE_URL"], DOT_ENV))
    assert database.hostname == "db" and database.password == "pw"
    assert database.path == "/" + services["db"]["environment"]["POSTGRES_DB"]
    assert database.username == services["db"]["environment"]["POSTGRES_USER"]
    assert urlsplit(app_env["FACTCHECK_REDIS_URL"]).hostname == "redis"
    assert json.loads(interpolate(app_env["FACTCHECK_TRUSTED_HOSTS"], {})) == [
        "localhost",
        "127.0.0.1",
    ]
    # Secrets come from the operator's .env, and compose refuses to start without them.
    assert app_env["FACTCHECK_SECRET_KEY"].startswith("${FACTCHECK_SECRET_KEY:?")
    assert "${POSTGRES_PASSWORD:?" in app_env["DATABASE_URL"]
    assert services["db"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")
    assert app_env["FLASK_SKIP_DOTENV"] == "1"
    with pytest.raises(KeyError):
        interpolate(app_env["FACTCHECK_SECRET_KEY"], {})


def test_compose_ports_and_healthcheck_match_the_server_address():
    app = compose()["services"]["app"]
    port = port_of(app["environment"]["GUNICORN_BIND"])
    assert int(interpolate(app["environment"]["GUNICORN_WORKERS"], {})) >= 2
    (published,) = app["ports"]
    host_ip, _host_port, container_port = published.split(":")
    assert host_ip == "127.0.0.1"  # a proxy in front terminates TLS
    assert int(container_port) == port
    assert f"127.0.0.1:{port}/healthz" in " ".join(app["healthcheck"]["test"])
    assert port_of(docker_env()["GUNICORN_BIND"]) == port


# --- Dockerfile and systemd unit ------------------------------------------------------


def test_dockerfile_installs_the_runtime_only_and_runs_unprivileged():
    (base,) = instruction("FROM")
    assert base == "python:3.11-slim"
    installs = " ".join(a for a in instruction("RUN") if "pip install" in a)
    assert "-r requirements.txt" in installs
    assert "requirements-dev" not in (ROOT / "Dockerfile").read_text()
    order = [inst for inst, _ in dockerfile()]
    (user,) = instruction("USER")
    assert user not in ("root", "0")
    assert order.index("USER") < order.index("CMD")
    assert docker_env()["FLASK_SKIP_DOTENV"] == "1"
    assert exec_form(instruction("CMD")[0]) == ["gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]
    (health,) = instruction("HEALTHCHECK")
    assert f"127.0.0.1:{port_of(docker_env()['GUNICORN_BIND'])}/healthz" in health


def test_dockerfile_copies_files_that_exist_and_are_not_ignored():
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    for args in instruction("COPY"):
        *sources, _target = args.split()
        for source in sources:
            assert (ROOT / source).exists(), source
            assert source not in ignored, source
    for secret in (".env", "instance", ".git", "tests"):
        assert secret in ignored


def test_systemd_unit_runs_gunicorn_with_its_config_and_no_dotenv():
    unit = (ROOT / "deploy" / "factcheck.service").read_text()
    settings = dict(
        line.split("=", 1) for line in unit.splitlines() if "=" in line and line[0] != "#"
    )
    assert settings["ExecStart"].endswith("gunicorn -c gunicorn.conf.py wsgi:app")
    assert "FLASK_SKIP_DOTENV=1" in settings["Environment"]
    assert settings["EnvironmentFile"] == "/etc/factcheck.env"  # README's configuration file
    assert settings["User"] not in ("root", "0")
    assert settings["ReadWritePaths"].endswith("/instance")


def test_gunicorn_config_has_timeouts_and_takes_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:9123")
    monkeypatch.delenv("GUNICORN_TIMEOUT", raising=False)
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert conf["timeout"] == 60
    assert 0 < conf["graceful_timeout"] <= conf["timeout"]
    assert conf["keepalive"] > 0
    assert conf["workers"] == 3
    assert conf["bind"] == "127.0.0.1:9123"
    assert conf["max_requests"] > 0 and 0 < conf["max_requests_jitter"] < conf["max_requests"]
    monkeypatch.delenv("GUNICORN_WORKERS")
    assert 1 <= runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"] <= 8


# --- The image's commands as real processes --------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def image_env(tmp_path):
    """The image's environment, with a fresh SQLite database and a free loopback port."""
    env = {
        **os.environ,
        **docker_env(),
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}",
        "FACTCHECK_SECRET_KEY": SECRET,
        "GUNICORN_BIND": f"127.0.0.1:{free_port()}",
        "GUNICORN_WORKERS": "2",
    }
    for key in ("FLASK_DEBUG", "TEST_DATABASE_URL", "FACTCHECK_REDIS_URL", "LOG_FORMAT"):
        env.pop(key, None)
    return env


def run(argv: list[str], env: dict, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def get(url: str, host: str | None = None) -> tuple[int, bytes]:
    assert url.startswith("http://127.0.0.1:")
    request = urllib.request.Request(url, headers={"Host": host} if host else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@contextmanager
def serving(env: dict, log: Path) -> Iterator[str]:
    """The image's CMD as a process of its own; yields its base URL once /healthz answers."""
    with log.open("w") as out:
        server = subprocess.Popen(
            exec_form(instruction("CMD")[0]),
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        base = f"http://{env['GUNICORN_BIND']}"
        try:
            for _ in range(600):
                try:
                    get(base + "/healthz")
                    break
                except OSError:
                    assert server.poll() is None, log.read_text()
                    time.sleep(0.1)
            yield base
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)


def test_the_image_migrates_serves_and_passes_its_healthcheck(image_env, tmp_path):
    migrate = run(compose()["services"]["migrate"]["command"], image_env)
    assert migrate.returncode == 0, migrate.stderr
    assert "Database ready" in migrate.stdout

    with serving(image_env, tmp_path / "gunicorn.log") as base:
        status, body = get(base + "/healthz")
        assert status == 200
        assert json.loads(body) == {"status": "ok", "database": "ok"}
        # Load balancers probe by the server's address and port, whatever TRUSTED_HOSTS says.
        assert get(base + "/healthz", host="10.1.2.3:8000")[0] == 200
        # The HEALTHCHECK command, pointed at this server's port.
        health = instruction("HEALTHCHECK")[0].split("CMD", 1)[1].strip()
        argv = exec_form(health)
        argv[-1] = argv[-1].replace("127.0.0.1:8000", image_env["GUNICORN_BIND"])
        assert run(argv, image_env).returncode == 0
    # It stopped on SIGTERM with the two workers from the environment.
    output = (tmp_path / "gunicorn.log").read_text()
    assert output.count("Booting worker") == 2
    assert "Shutting down" in output


def test_flask_skip_dotenv_keeps_a_stray_env_file_out(image_env, tmp_path):
    # python-dotenv comes into the dev environment with the test tools (pydantic-settings); a
    # .env file in the working directory then feeds FACTCHECK_* settings to the flask command.
    pytest.importorskip("dotenv")
    (tmp_path / ".env").write_text(
        f"FACTCHECK_SQLALCHEMY_DATABASE_URI=sqlite:///{tmp_path / 'elsewhere.db'}\n"
    )
    image_env["PYTHONPATH"] = str(ROOT)
    image_env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'meant.db'}"
    with_flag = run(["flask", "init-db"], image_env, cwd=tmp_path)
    assert with_flag.returncode == 0, with_flag.stderr
    assert "meant.db" in with_flag.stdout
    without = run(["flask", "init-db"], {**image_env, "FLASK_SKIP_DOTENV": ""}, cwd=tmp_path)
    assert "elsewhere.db" in without.stdout  # the hazard the flag is there for


def test_with_log_format_json_every_line_of_the_server_is_json(image_env, tmp_path):
    image_env["LOG_FORMAT"] = "json"
    assert run(["flask", "init-db"], image_env).returncode == 0
    log = tmp_path / "gunicorn.log"
    with serving(image_env, log) as base:
        request = urllib.request.Request(  # noqa: S310 (loopback)
            base + "/login", headers={"X-Request-ID": "lb-42"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            assert response.headers["X-Request-ID"] == "lb-42"
    entries = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    loggers = {e["logger"] for e in entries}
    assert {"gunicorn.error", "gunicorn.access"} <= loggers
    (access,) = [e["message"] for e in entries if "GET /login" in e["message"]]
    assert "request_id=lb-42" in access

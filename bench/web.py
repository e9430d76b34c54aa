"""Web benchmark: the app under gunicorn, loaded with wrk, on SQLite and PostgreSQL.

    python bench/web.py [--db sqlite,postgresql] [--scale 100k|1m] [--duration 5] [--rounds 3]
                        [--pages queue,factcheck,...]

Seeds a database per engine and scale with `flask seed-bulk` (reused on later runs unless
BENCH_FRESH=1), then keeps the app and a bare Flask "hello" app running side by side under
gunicorn with the same settings. Each page is measured with wrk in turns with the bare app
(hello, page, hello, page, ..., hello; --rounds page runs), and each page run is divided by the
mean of the two bare-app runs around it. On a shared machine the bare app's own throughput moves
by tens of percent within minutes; taking turns makes both sides of a ratio see the same
neighbours. Per page: median requests/s and p50/p95/p99 latency over the rounds, the median
ratio with its min-max, and the bare app's min-max. A table goes to stderr, one JSON object to
stdout and to bench/results/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.cookiejar
import json
import os
import platform
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORK = ROOT / "instance" / "bench"
SCALES = {"10k": 500, "100k": 5_000, "1m": 50_000}  # articles of 20 claims
PG_BASE = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432")
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
# Latency is measured at a load the machine can carry: one open connection per core, each
# sending its next request as soon as the last is answered (wrk, the app and the database all
# share these cores). Raise it to see behaviour under overload.
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", str(os.cpu_count() or 2)))
USER_EMAIL = "bench-editor@bench.example"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def database_url(engine: str, scale: str) -> str:
    if engine == "sqlite":
        return f"sqlite:///{WORK / f'bench-{scale}.db'}"
    return f"{PG_BASE}/{os.environ.get('BENCH_PG_DB') or f'factcheck_bench_{scale}'}"


def flask(env: dict, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        [str(BIN / "flask"), "--app", "factcheck", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def recreate_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0].replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare(engine: str, scale: str, env: dict) -> dict:
    """Seed the benchmark database once per engine and scale; returns its marker."""
    WORK.mkdir(parents=True, exist_ok=True)
    url = database_url(engine, scale)
    marker = WORK / f"{engine}-{scale}.json"
    if engine == "postgresql" and os.environ.get("BENCH_PG_DB"):
        marker = WORK / f"{engine}-{scale}-{os.environ['BENCH_PG_DB']}.json"
    env = {**env, "DATABASE_URL": url}
    if marker.exists() and not os.environ.get("BENCH_FRESH"):
        flask(env, "init-db")  # bring a reused database to the newest schema
        return {**json.loads(marker.read_text()), "url": url}
    log(f"== seeding {engine} at {scale} (once; BENCH_FRESH=1 to redo)")
    if engine == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(url[len("sqlite:///") :] + suffix).unlink(missing_ok=True)
    else:
        recreate_postgres(url)
    flask(env, "init-db")
    started = time.perf_counter()
    out = flask(env, "seed-bulk", "--articles", str(SCALES[scale]))
    seeded = time.perf_counter() - started
    password = create_editor(env)
    analyse(url)
    claims = int(re.search(r"Inserted ([\d,]+) claims", out).group(1).replace(",", ""))
    info = {"claims": claims, "seed_seconds": round(seeded, 1), "password": password}
    marker.write_text(json.dumps(info))
    return {**info, "url": url}


def _engine(url: str):
    from sqlalchemy import create_engine

    return create_engine(url)


def analyse(url: str) -> None:
    from sqlalchemy import text

    engine = _engine(url)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    engine.dispose()


def sample_paths(url: str) -> dict[str, list[str]]:
    """Paths for the pages that vary per request: random claims and fact-checks."""
    from sqlalchemy import text

    engine = _engine(url)
    with engine.connect() as conn:
        claims = [
            r[0] for r in conn.execute(text("SELECT id FROM claims ORDER BY random() LIMIT 300"))
        ]
        # The public page under load is the viral case: a handful of fact-checks read by
        # everyone (each app process renders each once, then serves it from its cache).
        public = [
            r[0]
            for r in conn.execute(
                text(
                    "SELECT id FROM claims WHERE state IN ('published', 'corrected') "
                    "ORDER BY random() LIMIT 20"
                )
            )
        ]
    engine.dispose()
    return {
        "claim": [f"/desk/claims/{i}" for i in claims],
        "factcheck": [f"/factchecks/{i}" for i in public],
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(app: str, env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            app,
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,  # the access log: still written, not mixed into our JSON
    )
    base = f"http://127.0.0.1:{port}"
    probe = "/static/favicon.svg" if app == "wsgi:app" else "/"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + probe, timeout=2)
            return proc, base
        except urllib.error.HTTPError:
            return proc, base
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError(f"{app} did not start")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def create_editor(env: dict[str, str]) -> str:
    """Create the benchmark's editor (USER_EMAIL) in env's database; returns the password."""
    password = secrets.token_urlsafe(16)
    flask(
        env,
        "create-user",
        "--email",
        USER_EMAIL,
        "--name",
        "Bench Editor",
        "--role",
        "editor",
        "--password-stdin",
        stdin=password + "\n",
    )
    return password


def sign_in(base: str, password: str) -> str:
    """Sign the bench editor in like a browser would; returns the Cookie header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"csrf_token": token, "email": USER_EMAIL, "password": password}
    ).encode()
    opener.open(
        urllib.request.Request(base + "/login", data=data, headers={"Referer": base + "/login"})
    )
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def check(base: str, path: str, cookie: str | None) -> None:
    request = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})
    opener = urllib.request.build_opener(_NoRedirect)
    response = opener.open(request, timeout=30)
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}, not 200")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def wrk(base: str, paths: list[str], cookie: str | None, duration: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write("\n".join(paths))
        paths_file = fh.name
    env = {**os.environ, "WRK_PATHS": paths_file}
    if cookie:
        env["WRK_COOKIE"] = cookie
    result = subprocess.run(
        [
            "wrk",
            "--threads",
            "2",
            "--connections",
            str(CONNECTIONS),
            "--duration",
            f"{duration}s",
            "--timeout",
            "10s",
            "--script",
            str(Path(__file__).parent / "wrk_report.lua"),
            base + paths[0],
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    os.unlink(paths_file)
    return json.loads(result.stdout.strip().splitlines()[-1])


def page_paths(samples: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each page benchmarked, with the paths wrk rotates over."""
    return {
        "queue": ["/desk/claims/"],
        "queue_search": [
            "/desk/claims/?q=hospital+beds",
            "/desk/claims/?q=drone+strikes",
            "/desk/claims/?q=pensions",
            "/desk/claims/?q=voters+capital",
        ],
        # The open claims past their due date (issue 16): a state and date filter, and the count.
        "queue_overdue": ["/desk/claims/?due=overdue"],
        "claim": samples["claim"],
        "factcheck": samples["factcheck"],
        "public_index": ["/factchecks/"],
        "api_list": ["/api/v1/claimreviews"],
        # The analytics page as editors see it (its numbers cached per filter set for
        # ANALYTICS_CACHE_SECONDS); computed again on every request (?fresh=1: the open week
        # scanned, ended weeks from their rollups); and all from the milestones (?fresh=all).
        "analytics": ["/desk/analytics"],
        "analytics_nocache": ["/desk/analytics?fresh=1"],
        "analytics_cold": ["/desk/analytics?fresh=all"],
    }


STAFF_PAGES = {
    "queue",
    "queue_search",
    "queue_overdue",
    "claim",
    "analytics",
    "analytics_nocache",
    "analytics_cold",
}


def interleave(hello: str, base: str, paths: list[str], cookie: str | None, opts) -> dict:
    """hello, page, hello, page, ..., hello: every page run sits between two bare-app runs.

    Each page run is compared with the mean of the two bare-app runs around it, so a change in
    what else the machine is doing shifts both sides of a ratio alike.
    """
    wrk(hello, ["/"], None, 2)
    wrk(base, paths, cookie, 2)  # warm caches and pools
    bare = [wrk(hello, ["/"], None, opts.duration)]
    runs = []
    for _ in range(opts.rounds):
        runs.append(wrk(base, paths, cookie, opts.duration))
        bare.append(wrk(hello, ["/"], None, opts.duration))
    return {"bare": bare, "page": runs}


def summarise(rounds: dict) -> dict:
    """Medians over the rounds, the per-round ratios and the spread of both."""
    bare, runs = rounds["bare"], rounds["page"]
    ratios = [
        run["rps"] / ((before["rps"] + after["rps"]) / 2)
        for run, before, after in zip(runs, bare, bare[1:], strict=False)
    ]
    bare_rps = [b["rps"] for b in bare]
    summary = {
        key: round(statistics.median(r[key] for r in runs), 2)
        for key in ("rps", "p50_ms", "p95_ms", "p99_ms")
    }
    return {
        **summary,
        "ratio_to_bare": round(statistics.median(ratios), 3),
        "ratio_min": round(min(ratios), 3),
        "ratio_max": round(max(ratios), 3),
        "bare_rps_median": round(statistics.median(bare_rps), 1),
        "bare_rps_min": round(min(bare_rps), 1),
        "bare_rps_max": round(max(bare_rps), 1),
        "errors": sum(r["errors"] + r["non_2xx"] for r in runs),
        "rounds": [
            {"bare_rps": b["rps"], "rps": r["rps"], "p95_ms": r["p95_ms"], "ratio": round(x, 3)}
            for b, r, x in zip(bare, runs, ratios, strict=False)
        ],
        "bare_rps_last": bare[-1]["rps"],
    }


def run(engine: str, scale: str, opts) -> dict:
    base_env = {
        **os.environ,
        "FACTCHECK_SECRET_KEY": secrets.token_hex(32),
        "PYTHONPATH": str(ROOT),
    }
    info = prepare(engine, scale, base_env)
    if opts.seed_only:
        return {"claims": info["claims"], "seed_seconds": info["seed_seconds"]}
    env = {**base_env, "DATABASE_URL": info["url"]}
    pages = page_paths(sample_paths(info["url"]))
    if opts.pages:
        pages = {name: pages[name] for name in opts.pages.split(",")}
    results: dict = {"claims": info["claims"], "seed_seconds": info["seed_seconds"]}
    hello, hello_base = serve("bench.hello:app", env)
    try:
        app, base = serve("wsgi:app", env)
        try:
            cookie = sign_in(base, info["password"])
            for name, paths in pages.items():
                results[name] = measure(name, hello_base, base, paths, cookie, opts)
        finally:
            stop(app)
    finally:
        stop(hello)
    return results


def measure(name: str, hello: str, base: str, paths: list[str], cookie: str, opts) -> dict:
    """One page's interleaved rounds, summarised; a page that does not answer 200 is skipped."""
    cookie_for_page = cookie if name in STAFF_PAGES else None
    try:
        check(base, paths[0], cookie_for_page)
    except (RuntimeError, urllib.error.HTTPError) as exc:
        log(f"   {name}: skipped ({exc})")
        return {"skipped": str(exc)}
    result = summarise(interleave(hello, base, paths, cookie_for_page, opts))
    log(
        f"   {name}: {result['rps']:.0f} req/s, p95 {result['p95_ms']:.1f} ms, "
        f"x{result['ratio_to_bare']:.2f} ({result['ratio_min']:.2f}-{result['ratio_max']:.2f})"
    )
    return result


def table(report: dict) -> str:
    """The report as a plain-text table, one row per engine and page."""
    header = (
        f"{'engine':<11}{'page':<18}{'req/s':>7}{'p50':>7}{'p95':>7}{'p99':>7}"
        f"{'ratio':>7}{'ratio min-max':>15}{'bare req/s min-max':>20}"
    )
    lines = [header, "-" * len(header)]
    for engine, results in report["results"].items():
        for name, r in results.items():
            if not isinstance(r, dict) or "rps" not in r:
                continue
            lines.append(
                f"{engine:<11}{name:<18}{r['rps']:>7.0f}{r['p50_ms']:>7.1f}{r['p95_ms']:>7.1f}"
                f"{r['p99_ms']:>7.1f}{r['ratio_to_bare']:>7.2f}"
                f"{r['ratio_min']:>9.2f}-{r['ratio_max']:<5.2f}"
                f"{r['bare_rps_min']:>13.0f}-{r['bare_rps_max']:<6.0f}"
            )
    return "\n".join(lines)


def save_result(name: str, report: dict, summary: str) -> None:
    """The report as bench/results/<name>-<UTC stamp>.json, its table on stderr, the JSON on
    stdout (every bench here ends this way)."""
    out_dir = Path(__file__).parent / "results"
    out_dir.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    (out_dir / f"{name}-{stamp}.json").write_text(json.dumps(report, indent=1))
    log(summary)
    print(json.dumps(report, indent=1))


def machine() -> dict:
    mem = 0
    try:
        mem = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    except (OSError, AttributeError):
        pass
    cpu = platform.processor()
    try:
        cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text()).group(1)
    except (OSError, AttributeError):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem / 1024 / 1024, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "workers": WORKERS,
        "connections": CONNECTIONS,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument(
        "--scale", default=os.environ.get("BENCH_SCALE", "100k"), choices=sorted(SCALES)
    )
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="page runs per page (at least 3)")
    parser.add_argument("--pages", default="", help="comma-separated subset, e.g. queue")
    parser.add_argument(
        "--pg-db",
        default="",
        help="PostgreSQL database name (default factcheck_bench_SCALE); an already seeded one "
        "is reused (its marker in instance/bench), BENCH_FRESH=1 seeds it again",
    )
    parser.add_argument(
        "--seed-only", action="store_true", help="seed (or migrate) the databases and stop"
    )
    args = parser.parse_args()
    if args.pg_db:
        os.environ["BENCH_PG_DB"] = args.pg_db
    if args.rounds < 3:
        parser.error("--rounds must be at least 3")
    if not shutil.which("wrk"):
        log("wrk is not installed: apt install wrk")
        return 2
    report = {
        "benchmark": "web",
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "scale": args.scale,
        "results": {},
    }
    for engine in args.db.split(","):
        log(f"== {engine}, {args.scale} claims")
        report["results"][engine] = run(engine, args.scale, args)
    if args.seed_only:
        log(json.dumps(report["results"]))
        return 0
    save_result(f"web-{args.scale}", report, table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

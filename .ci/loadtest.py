"""Bounded loopback load test (issue #6): simulated staff work the queue against the real app
under gunicorn for a fixed time; the run fails on any 5xx, any failed connection, or any write
the server acknowledged that is not in the database afterwards.

    .venv/bin/python .ci/loadtest.py [--users 50] [--seconds 60] [--database-url URL]

Only 127.0.0.1 is ever contacted; every loop stops at the deadline. Checkers take a queued
claim, add a source, write and submit a verdict; editors approve and publish submitted ones.
The app runs as in production (strong password hashes, CSRF on, the production start-up
checks), except that the per-address sign-in limit is raised: all simulated people share
127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
PASSWORD = "load test passphrase " + secrets.token_hex(4)
EDITOR_SHARE = 5  # one person in five is an editor


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Person:
    """One simulated member of staff with a browser-like cookie jar."""

    def __init__(self, base: str, email: str, stats: Stats):
        self.base, self.email, self.stats = base, email, stats
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar), NoRedirect
        )
        self.csrf = ""

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str, str]:
        """(status, body, Location) of one request; a redirect is not followed."""
        body = urllib.parse.urlencode(data or {}, doseq=True).encode() if data else None
        req = urllib.request.Request(self.base + path, data=body, method=method)  # noqa: S310
        started = time.perf_counter()
        try:
            with self.opener.open(req, timeout=30) as resp:
                status, text, location = resp.status, resp.read().decode(), ""
        except urllib.error.HTTPError as exc:
            status, text = exc.code, exc.read().decode(errors="replace")
            location = exc.headers.get("Location", "")
        except OSError as exc:
            self.stats.add("connection_error", f"{method} {path}: {exc}")
            return 0, "", ""
        self.stats.request(status, time.perf_counter() - started, f"{method} {path}")
        token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', text)
        if token:
            self.csrf = token.group(1)
        return status, text, location

    def get(self, path: str) -> tuple[int, str]:
        status, text, location = self.request("GET", path)
        if status == 302 and location:
            status, text, _ = self.request("GET", urllib.parse.urlsplit(location).path)
        return status, text

    def post(self, path: str, data: dict) -> tuple[int, str]:
        """Post a form; returns (status, text of the page the redirect leads to)."""
        status, text, location = self.request("POST", path, {**data, "csrf_token": self.csrf})
        if status == 302 and location:
            target = urllib.parse.urlsplit(location)
            _, text = self.get(target.path + ("?" + target.query if target.query else ""))
        return status, text

    def sign_in(self) -> bool:
        self.get("/login")
        status, _ = self.post("/login", {"email": self.email, "password": PASSWORD})
        return status == 302


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: Counter = Counter()
        self.events: Counter = Counter()
        self.problems: list[str] = []
        self.acknowledged: dict[str, set] = {
            "sources": set(),
            "takes": set(),
            "submits": set(),
            "approvals": set(),
            "publications": set(),
        }
        self.latencies: list[float] = []

    def request(self, status: int, seconds: float, what: str) -> None:
        with self.lock:
            self.statuses[status // 100 * 100] += 1
            self.latencies.append(seconds)
            if status >= 500:
                self.problems.append(f"{status} on {what}")

    def add(self, event: str, problem: str | None = None) -> None:
        with self.lock:
            self.events[event] += 1
            if problem:
                self.problems.append(problem)

    def ack(self, kind: str, key) -> None:
        with self.lock:
            self.acknowledged[kind].add(key)


def success(text: str) -> bool:
    return 'class="flash success"' in text


def version_of(page: str, action_path: str) -> str | None:
    """The claim version carried by the form that posts to `action_path`."""
    form = re.search(re.escape(action_path) + r'".*?name="version" value="(\d+)"', page, re.S)
    return form.group(1) if form else None


def verdict_version_of(page: str) -> str:
    found = re.search(r'name="verdict_version" (?:type="hidden" )?value="(\d+)"', page)
    return found.group(1) if found else "0"


def snapshot_of(page: str) -> str:
    """The digest of what the editor read, carried by the Approve button."""
    found = re.search(r'name="snapshot" value="([0-9a-f]{64})"', page)
    return found.group(1) if found else ""


def checker_loop(person: Person, deadline: float, rating_id: str, rng: random.Random) -> None:
    n = 0
    while time.monotonic() < deadline:
        _, page = person.get("/desk/claims/?state=queued&sort=age")
        ids = re.findall(r'href="/desk/claims/(\d+)"', page)
        if not ids:
            time.sleep(0.2)
            continue
        claim_id = rng.choice(ids[:15])
        _, page = person.get(f"/desk/claims/{claim_id}")
        version = version_of(page, f"/desk/claims/{claim_id}/do/take")
        if version is None:
            continue  # someone took it meanwhile
        _, page = person.post(f"/desk/claims/{claim_id}/do/take", {"version": version})
        if not success(page):
            person.stats.add("take_conflict")
            continue
        person.stats.ack("takes", (int(claim_id), person.email))
        n += 1
        url = f"https://load.example/{person.email}/{n}"
        _, page = person.post(
            f"/desk/claims/{claim_id}/sources",
            {
                "url": url,
                "title": f"Source {n}",
                "kind": "primary document",
                "excerpt": "The record shows 2,500 troops.",
            },
        )
        if success(page):
            person.stats.ack("sources", url)
        if time.monotonic() >= deadline:
            break
        _, page = person.get(f"/desk/claims/{claim_id}")
        _, page = person.post(
            f"/desk/claims/{claim_id}/verdict",
            {
                "rating_id": rating_id,
                "summary": f"Checked by {person.email}",
                "rationale": "The primary record supports the figure.",
                "verdict_version": verdict_version_of(page),
                "then": "submit",
            },
        )
        if success(page):
            person.stats.ack("submits", int(claim_id))
        time.sleep(rng.uniform(0.0, 0.1))


def editor_loop(person: Person, deadline: float, rng: random.Random) -> None:
    while time.monotonic() < deadline:
        _, page = person.get("/desk/review/")
        ids = re.findall(r'href="/desk/claims/(\d+)"', page)
        if not ids:
            time.sleep(0.3)
            continue
        claim_id = rng.choice(ids[:10])
        _, page = person.get(f"/desk/claims/{claim_id}")
        version = version_of(page, f"/desk/review/{claim_id}/approve")
        if version is not None:
            _, page = person.post(
                f"/desk/review/{claim_id}/approve",
                {"version": version, "snapshot": snapshot_of(page)},
            )
            if success(page):
                person.stats.ack("approvals", int(claim_id))
            else:
                person.stats.add("approve_conflict")
                continue
        version = version_of(page, f"/desk/review/{claim_id}/publish")
        if version is not None:
            _, page = person.post(f"/desk/review/{claim_id}/publish", {"version": version})
            if success(page):
                person.stats.ack("publications", int(claim_id))
            else:
                person.stats.add("publish_conflict")
        time.sleep(rng.uniform(0.0, 0.2))


def seed(env: dict, users: int, claims: int) -> tuple[list[str], list[str], str]:
    """Create the database, the people and queued claims; returns (checkers, editors,
    rating id)."""
    os.environ.update(env)
    from factcheck import create_app
    from factcheck.commands.database import migrate_database
    from factcheck.extensions import db
    from factcheck.models import Article, Claim, Role, User
    from factcheck.security import passwords
    from factcheck.workflow import State

    app = create_app()
    checkers, editors = [], []
    with app.app_context():
        migrate_database()
        probe = User(email="probe@load.example", name="probe", role=Role.CHECKER)
        passwords.set_password(
            probe, PASSWORD
        )  # one strong hash (salt inside) serves every account
        for i in range(users):
            role = Role.EDITOR if i % EDITOR_SHARE == 0 else Role.CHECKER
            email = f"{role.value}{i}@load.example"
            db.session.add(
                User(
                    email=email,
                    name=f"Load {role.value} {i}",
                    role=role,
                    password_hash=probe.password_hash,
                )
            )
            (editors if role == Role.EDITOR else checkers).append(email)
        for a in range(max(1, claims // 20)):
            body = " ".join(
                f"Sentence {s}: the ministry said {100 + s} troops remain." for s in range(20)
            )
            article = Article(title=f"Load article {a}", body=body, text_hash=f"{a:064d}")
            db.session.add(article)
            db.session.flush()
            for c in range(20):
                db.session.add(
                    Claim(
                        article_id=article.id,
                        text=f"Claim {a}.{c}",
                        start=0,
                        end=20,
                        score=0.5,
                        state=State.QUEUED,
                    )
                )
        db.session.commit()
        from factcheck.site.services import rating_scale

        rating = str(rating_scale()[0].id)
        db.engine.dispose()
    return checkers, editors, rating


def verify(env: dict, stats: Stats) -> list[str]:
    """Every acknowledged write is in the database."""
    os.environ.update(env)
    from sqlalchemy import select

    from factcheck import create_app
    from factcheck.extensions import db
    from factcheck.models import Claim, Event, Source, User

    app = create_app()
    lost = []
    with app.app_context():
        urls = set(db.session.scalars(select(Source.url)))
        lost += [f"source {u}" for u in stats.acknowledged["sources"] - urls]
        takes = {
            (e.claim_id, e.actor.email)
            for e in db.session.scalars(
                select(Event).join(User, Event.actor_id == User.id).where(Event.action == "take")
            )
        }
        lost += [f"take {t}" for t in stats.acknowledged["takes"] - takes]
        for kind, action in (
            ("submits", "submit"),
            ("approvals", "approve"),
            ("publications", "publish"),
        ):
            done = set(db.session.scalars(select(Event.claim_id).where(Event.action == action)))
            lost += [f"{action} of claim {c}" for c in stats.acknowledged[kind] - done]
        # Concurrent approvals of one submission make one approval: never more approvals of
        # a claim than times it was submitted.
        for action_counts in db.session.execute(
            select(
                Event.claim_id,
                db.func.sum(db.case((Event.action == "approve", 1), else_=0)),
                db.func.sum(db.case((Event.action == "submit", 1), else_=0)),
            ).group_by(Event.claim_id)
        ):
            claim_id, approvals, submits = action_counts
            if approvals > submits:
                lost.append(f"claim {claim_id}: {approvals} approvals of {submits} submissions")
        published = db.session.scalar(
            select(db.func.count(Claim.id)).where(Claim.state == "published")
        )
        stats.add(f"published_in_db:{published}")
        db.engine.dispose()
    return lost


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="factcheck-load-"))
    url = args.database_url or f"sqlite:///{workdir / 'load.db'}"
    port = free_port()
    env = app_env(url)
    checkers, editors, rating = seed(env, args.users, args.claims)
    print(
        f"Seeded {len(checkers)} checkers, {len(editors)} editors, {args.claims} queued "
        f"claims in {url.split('://')[0]}",
        flush=True,
    )
    server = start_server(port, args.workers, args.threads, env, workdir / "server.log")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base)
        stats = Stats()
        people = [Person(base, e, stats) for e in checkers + editors]
        sign_in_everyone(people, stats)
        took = work_until_deadline(people, editors, rating, args.seconds)
    finally:
        stop_server(server)
    lost = verify(env, stats)
    report = summary(people, took, stats, lost)
    print(json.dumps(report, indent=1))
    print_server_errors(workdir / "server.log")
    ok = not stats.problems and not lost and report["requests"] > 0
    print(
        "load test: "
        + ("PASS" if ok else "FAIL")
        + f" ({report['requests']} requests, {report['errors_5xx']} 5xx, {len(lost)} lost "
        "writes)"
    )
    return 0 if ok else 1


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--claims", type=int, default=600)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--database-url", default=os.environ.get("LOAD_DATABASE_URL"))
    args = parser.parse_args()
    if not 1 <= args.users <= 200 or not 1 <= args.seconds <= 600:
        parser.error("users 1..200 and seconds 1..600: this test is bounded")
    return args


def app_env(url: str) -> dict:
    """The app's environment: production settings, except the per-address sign-in limit."""
    return {
        "DATABASE_URL": url,
        "FACTCHECK_SECRET_KEY": secrets.token_hex(32),
        "FACTCHECK_LOGIN_LIMIT_IP": "100000 per minute",
        "FACTCHECK_TRUSTED_HOSTS": '["127.0.0.1"]',
        "REDIS_URL": "",
    }


def start_server(port: int, workers: int, threads: int, env: dict, log: Path) -> subprocess.Popen:
    """The app under gunicorn on 127.0.0.1:`port`, its errors written to `log`."""
    return subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
        [
            str(REPO / ".venv" / "bin" / "gunicorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=REPO,
        env={**os.environ, **env},
        stderr=log.open("wb"),
    )


def wait_until_up(base: str) -> None:
    """Wait up to about 20 s for the sign-in page to answer."""
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/login", timeout=2).close()  # noqa: S310
            break
        except OSError:
            time.sleep(0.2)


def sign_in_everyone(people: list[Person], stats: Stats) -> None:
    """Sign everyone in at once before the clock starts (each sign-in is a strong hash)."""
    with ThreadPoolExecutor(max_workers=10) as pool:
        signed_in = sum(pool.map(Person.sign_in, people))
    if signed_in != len(people):
        stats.add("sign_in_failed", f"only {signed_in} of {len(people)} signed in")


def work_until_deadline(
    people: list[Person], editors: list[str], rating: str, seconds: float
) -> float:
    """Each person works in a thread of their own until the deadline; returns the seconds
    the threads took."""
    deadline = time.monotonic() + seconds
    threads = []
    for i, person in enumerate(people):
        rng = random.Random(i)
        if person.email in editors:
            target, extra = editor_loop, (deadline, rng)
        else:
            target, extra = checker_loop, (deadline, rating, rng)
        threads.append(threading.Thread(target=target, args=(person, *extra), daemon=True))
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 60)
    return time.monotonic() - started


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(20)
    except subprocess.TimeoutExpired:
        server.kill()


def summary(people: list[Person], took: float, stats: Stats, lost: list[str]) -> dict:
    latencies = sorted(stats.latencies) or [0.0]
    return {
        "users": len(people),
        "seconds": round(took, 1),
        "requests": sum(stats.statuses.values()),
        "statuses": dict(stats.statuses),
        "events": dict(stats.events),
        "acknowledged": {k: len(v) for k, v in stats.acknowledged.items()},
        "p50_ms": round(1000 * latencies[len(latencies) // 2], 1),
        "p95_ms": round(1000 * latencies[int(len(latencies) * 0.95)], 1),
        "errors_5xx": stats.statuses.get(500, 0),
        "lost_writes": len(lost),
        "problems": stats.problems[:20] + lost[:20],
    }


def print_server_errors(log: Path) -> None:
    """The end of the first three unhandled errors in the server's log, on stderr."""
    text = log.read_text(errors="replace")
    crashes = [block for block in text.split("\n[") if "Unhandled error" in block]
    for block in crashes[:3]:
        print("server error:", block[-1500:], file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())

"""Export benchmark: rows per CPU second and peak Python memory of streamed exports, on SQLite.

    python bench/exports.py [--scales 10k,100k] [--rounds 3]

Seeds (or reuses) the web benchmark's SQLite databases with `flask seed-bulk` (bench/web.py's
prepare()), then runs each export in-process through the Flask test client and reads its
streamed body to the end: the queue as CSV and as JSON (every state, `?state=all`, so the rows
are all the claims) and the ClaimReview feed (every published fact-check). SQLite runs in the
same process, so CPU time (time.process_time) counts the database's work too.

Runs take turns (queue.csv, queue.json, feed, queue.csv, ...; --rounds rounds), so a noisy
neighbour on a shared machine hits every kind alike; per kind the median rows per CPU second
with its min-max over the rounds. Peak memory is measured in separate runs under tracemalloc
(which slows Python down, so those runs are not timed): with batched fetching it should not grow
with the number of rows. One JSON object goes to stdout and to bench/results/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from web import USER_EMAIL, database_url, log, machine, prepare, save_result

KINDS = {
    "queue.csv": "/desk/exports/queue.csv?state=all",
    "queue.json": "/desk/exports/queue.json?state=all",
    "feed": "/factchecks/claimreview-feed.json",
}
# Chunks that are not rows: CSV's header; JSON's "[" and "]"; the feed's head and its ends.
FRAME_CHUNKS = {"queue.csv": 1, "queue.json": 2, "feed": 3}


def make_app(url: str):
    from factcheck import create_app

    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": secrets.token_hex(32),
            "SQLALCHEMY_DATABASE_URI": url,
            "SERVER_NAME": "localhost",
            "PUBLIC_RECHECK_SECONDS": 0,
            "CACHE_TYPE": "NullCache",
        }
    )


def signed_in_client(app):
    from sqlalchemy import select

    from factcheck.extensions import db
    from factcheck.models import User

    client = app.test_client()
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == USER_EMAIL))
        login_id = user.get_id()
    now = int(time.time())
    with client.session_transaction() as session:
        session.update({"_user_id": login_id, "_fresh": True, "_issued": now, "_seen": now})
    return client


def expected_rows(app) -> dict[str, int]:
    from sqlalchemy import func, select

    from factcheck.extensions import db
    from factcheck.models import Claim
    from factcheck.public.queries import public_claims

    with app.app_context():
        claims = db.session.scalar(select(func.count(Claim.id)))
        published = db.session.scalar(
            select(func.count()).select_from(public_claims(None).order_by(None).subquery())
        )
    return {"queue.csv": claims, "queue.json": claims, "feed": published}


def one_run(client, kind: str) -> tuple[int, int, float]:
    """(chunks, bytes, CPU seconds) of one export read to its end."""
    started = time.process_time()
    response = client.get(KINDS[kind])
    assert response.status_code == 200, (kind, response.status_code)
    chunks = size = 0
    for chunk in response.response:
        chunks += 1
        size += len(chunk)
    response.close()
    return chunks, size, time.process_time() - started


def peak_memory(client, kind: str) -> int:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        one_run(client, kind)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def bench_scale(scale: str, rounds: int) -> dict:
    env = {**os.environ, "FLASK_APP": "factcheck"}
    info = prepare("sqlite", scale, env)
    app = make_app(database_url("sqlite", scale))
    client = signed_in_client(app)
    rows = expected_rows(app)
    rates: dict[str, list[float]] = {k: [] for k in KINDS}
    sizes: dict[str, int] = {}
    for r in range(rounds):
        for kind in KINDS:
            chunks, size, cpu = one_run(client, kind)
            assert chunks - FRAME_CHUNKS[kind] == rows[kind], (kind, chunks, rows[kind])
            rates[kind].append(rows[kind] / cpu)
            sizes[kind] = size
            log(f"  {scale} round {r + 1} {kind}: {rows[kind] / cpu:,.0f} rows/CPU s")
    peaks = {k: [] for k in KINDS}
    for _ in range(2):
        for kind in KINDS:
            peaks[kind].append(peak_memory(client, kind))
    return {
        "claims": info["claims"],
        "batch_size": app.config["EXPORT_BATCH_SIZE"],
        "kinds": {
            kind: {
                "rows": rows[kind],
                "bytes": sizes[kind],
                "rows_per_cpu_second_median": round(statistics.median(rates[kind])),
                "rows_per_cpu_second_min": round(min(rates[kind])),
                "rows_per_cpu_second_max": round(max(rates[kind])),
                "peak_memory_mb": round(max(peaks[kind]) / 1024 / 1024, 2),
            }
            for kind in KINDS
        },
    }


def table(report: dict) -> str:
    lines = [f"{'scale':>6} {'export':<11} {'rows':>8} {'rows/CPU s (min-max)':>28} {'peak MB':>8}"]
    for scale, result in report["results"].items():
        for kind, r in result["kinds"].items():
            spread = f"{r['rows_per_cpu_second_min']:,}-{r['rows_per_cpu_second_max']:,}"
            lines.append(
                f"{scale:>6} {kind:<11} {r['rows']:>8,} "
                f"{r['rows_per_cpu_second_median']:>10,} ({spread:>15}) {r['peak_memory_mb']:>8}"
            )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="10k,100k")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    report = {
        "benchmark": "exports",
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "engine": "sqlite",
        "rounds": args.rounds,
        "results": {},
    }
    for scale in args.scales.split(","):
        log(f"== exports at {scale}")
        report["results"][scale] = bench_scale(scale, args.rounds)
    save_result("exports", report, table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Ingest of a large article through the job queue, end to end, against extraction alone.

    python bench/ingest_job.py [--kib 1024] [--rounds 3]

On a fresh SQLite database (no server, no worker: the job runs where it is queued, as
JOBS_IMMEDIATE does), an editor pastes realistic news of the given size through the ingest
form; "end to end" is from the paste until the article page with its candidates has been
served (page 1 of the paged triage). "Extraction alone" is factcheck.extraction.extract on the
same text. Also counted: SQL statements sent while ingesting, per candidate. Rounds alternate
(extraction, ingest, extraction, ...) and medians are printed with the spread, then one JSON
line. The issue's target: end to end <= 2x extraction, statements per candidate <= 0.1.
"""

from __future__ import annotations

import argparse
import json
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_limit import news  # noqa: E402
from sqlalchemy import event, func, select  # noqa: E402

from factcheck import create_app  # noqa: E402
from factcheck.extensions import db  # noqa: E402
from factcheck.extraction import extract  # noqa: E402
from factcheck.models import Article, Claim, Role, User  # noqa: E402


def one_ingest(body: str, round_no: int) -> tuple[float, int, int]:
    """(seconds from paste to the article page served, statements, candidates)."""
    folder = Path(tempfile.mkdtemp(prefix="ingest-job-"))
    app = create_app(
        {
            "SECRET_KEY": secrets.token_hex(32),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.db'}",
            "WTF_CSRF_ENABLED": False,
            "JOBS_IMMEDIATE": True,
            "PASSWORD_HASH_METHOD": "scrypt:131072:8:1",
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        db.create_all()
        user = User(
            email=f"bench{round_no}@example.org",
            name="Bench",
            role=Role.EDITOR,
            password_hash="!",  # noqa: S106 (no password: the session below signs it in)
        )
        db.session.add(user)
        db.session.commit()
        login_id = user.get_id()
        statements = []

        def count(conn, cursor, statement, parameters, context, executemany) -> None:
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", count)
    client = app.test_client()
    now = int(time.time())
    with client.session_transaction() as session:
        session.update(_user_id=login_id, _fresh=True, _issued=now, _seen=now)
    start = time.perf_counter()
    answer = client.post("/desk/articles/new", data={"title": "Bench", "body": body})
    page = client.get(answer.headers["Location"])
    seconds = time.perf_counter() - start
    assert page.status_code == 200, page.status_code
    with app.app_context():
        event.remove(db.engine, "before_cursor_execute", count)
        candidates = db.session.scalar(select(func.count()).select_from(Claim)) or 0
        assert db.session.scalar(select(func.count()).select_from(Article)) == 1
    return seconds, len(statements), candidates


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kib", type=int, default=1024)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    body = news(args.kib * 1024)
    alone, whole, per_candidate = [], [], []
    for round_no in range(args.rounds):
        start = time.perf_counter()
        extract(body, None)
        alone.append(time.perf_counter() - start)
        seconds, statements, candidates = one_ingest(body, round_no)
        whole.append(seconds)
        per_candidate.append(statements / max(candidates, 1))
        print(
            f"round {round_no + 1}: extraction {alone[-1]:.2f} s, end to end {seconds:.2f} s, "
            f"{statements} statements for {candidates} candidates",
            flush=True,
        )
    ratio = statistics.median(whole) / statistics.median(alone)
    print(
        f"{args.kib} KiB: extraction median {statistics.median(alone):.2f} s "
        f"({min(alone):.2f}-{max(alone):.2f}), end to end median {statistics.median(whole):.2f} s "
        f"({min(whole):.2f}-{max(whole):.2f}); ratio {ratio:.2f} (target <= 2); "
        f"statements per candidate {max(per_candidate):.3f} (target <= 0.1)"
    )
    print(
        json.dumps(
            {
                "kib": args.kib,
                "extraction_s": alone,
                "end_to_end_s": whole,
                "ratio": round(ratio, 3),
                "statements_per_candidate": round(max(per_candidate), 4),
            }
        )
    )
    return 0 if ratio <= 2 and max(per_candidate) <= 0.1 else 1


if __name__ == "__main__":
    raise SystemExit(main())

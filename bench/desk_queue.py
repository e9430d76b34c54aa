"""The desk's queue in-process, for a before/after comparison of two checkouts on one database.

    DATABASE_URL=postgresql+psycopg://.../db PYTHONPATH=. python bench/desk_queue.py

Times GET of the queue pages through Flask's test client (no HTTP server, no wrk): N requests
each (N from the environment, default 30), p50 and p95 in ms, one JSON line on stdout. Run it
from two worktrees in turns (main, branch, main, branch, ...) against a database seeded with
`flask seed-bulk`, so both see the same data and the same neighbours. Signs in a bench editor
it creates on first use.
"""

from __future__ import annotations

import json
import os
import statistics
import time

from factcheck import create_app
from factcheck.extensions import db
from factcheck.models import Role, User
from tests.support import login

PATHS = {
    "queue": "/desk/claims/",
    "queue_overdue": "/desk/claims/?due=overdue",
    "queue_age": "/desk/claims/?sort=age&state=all",
    "queue_search": "/desk/claims/?q=hospital+beds",
}
EMAIL = "queue-bench@bench.example"


def main() -> None:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": os.environ["DATABASE_URL"],
            "SECRET_KEY": os.urandom(32).hex(),
            "SERVER_NAME": "localhost",
            "TESTING": True,
        }
    )
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == EMAIL))
        if user is None:
            user = User(email=EMAIL, name="Queue Bench", role=Role.EDITOR, active=True)
            user.password_hash = "!"  # noqa: S105 (no password: it never signs in by form)
            db.session.add(user)
            db.session.commit()
        client = app.test_client()
        login(client, user)
    n = int(os.environ.get("N", "30"))
    out = {}
    for name, path in PATHS.items():
        assert client.get(path).status_code == 200, name
        times = []
        for _ in range(n):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        out[name] = {
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[max(0, int(0.95 * n) - 1)], 1),
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()

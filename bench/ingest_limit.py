"""How long one article takes to ingest under gunicorn, by size: the basis of ARTICLE_MAX_BYTES.

    python bench/ingest_limit.py [--sizes 256,512,768,1024,2048] [--workers 2]

Serves the app under gunicorn (one worker per core, as in production) on a fresh SQLite
database with the article limit lifted, signs an editor in and pastes realistic news of each
size (the shared seed article repeated, each copy numbered so no two are the same text; the demo
article when ../shared is absent) through the ingest form. Prints, per size in KiB, the seconds
from request to answer and the status, then one JSON line. Ingest runs inside the request until
it becomes a job, so the largest allowed article must stay well under the worker timeout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extraction import demo_body
from web import ROOT, USER_EMAIL, _NoRedirect, create_editor, flask, log, serve, stop

SEED = ROOT.parent / "shared" / "eval" / "seed" / "article.txt"


def news(size: int) -> str:
    """About `size` bytes of news: the seed article over and over, each copy numbered."""
    base = SEED.read_text(encoding="utf-8") if SEED.exists() else demo_body()
    parts, total, i = [], 0, 0
    while total < size:
        part = f"Part {i}.\n\n{base}\n\n"
        parts.append(part)
        total += len(part.encode("utf-8"))
        i += 1
    return "".join(parts).encode("utf-8")[:size].decode("utf-8", "ignore")


def form_page(opener, url: str) -> str:
    return opener.open(url, timeout=60).read().decode()


def csrf(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def _ingest(opener, posting, base: str, size: int) -> dict:
    """Paste `size` bytes of news; the seconds to the redirect and then to the article page."""
    token = csrf(form_page(opener, base + "/desk/articles/new"))
    fields = {"csrf_token": token, "title": f"Bench {uuid.uuid4().hex[:6]}", "body": news(size)}
    request = urllib.request.Request(
        base + "/desk/articles/new",
        data=urllib.parse.urlencode(fields).encode(),
        headers={"Referer": base + "/desk/articles/new"},
    )
    started = time.perf_counter()
    try:
        status, to = posting.open(request, timeout=600).status, None
    except urllib.error.HTTPError as exc:  # the redirect to the article is one
        status, to = exc.code, exc.headers.get("Location")
    row = {"seconds": round(time.perf_counter() - started, 2), "status": status}
    if status == 302 and to:
        started = time.perf_counter()
        opener.open(urllib.parse.urljoin(base, to), timeout=600).read()
        row["page_seconds"] = round(time.perf_counter() - started, 2)
    return row


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="256,512,768,1024,2048", help="KiB, comma-separated")
    parser.add_argument("--workers", default=str(os.cpu_count() or 2))
    args = parser.parse_args()
    sizes = [int(s) * 1024 for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp}/ingest.db",
            "FACTCHECK_SECRET_KEY": secrets.token_hex(32),
            "FACTCHECK_ARTICLE_MAX_BYTES": str(max(sizes) + 1024),
            "PYTHONPATH": str(ROOT),
        }
        os.environ["BENCH_WORKERS"] = args.workers
        flask(env, "init-db")
        password = create_editor(env)
        proc, base = serve("wsgi:app", env)
        results = {}
        try:
            jar = urllib.request.HTTPCookieProcessor()
            opener = urllib.request.build_opener(jar)
            posting = urllib.request.build_opener(jar, _NoRedirect)
            token = csrf(form_page(opener, base + "/login"))
            login = {"csrf_token": token, "email": USER_EMAIL, "password": password}
            opener.open(
                urllib.request.Request(
                    base + "/login",
                    data=urllib.parse.urlencode(login).encode(),
                    headers={"Referer": base + "/login"},
                ),
                timeout=60,
            )
            for size in sizes:
                results[size // 1024] = row = _ingest(opener, posting, base, size)
                log(
                    f"{size // 1024:6} KiB  ingest {row['seconds']:6.2f} s ({row['status']})"
                    f"  article page {row.get('page_seconds', '-')} s"
                )
        finally:
            stop(proc)
    print(json.dumps({"workers": int(args.workers), "ingest_by_kib": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

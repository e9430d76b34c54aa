"""Ingest beside other writers: extraction holds no write lock, and simultaneous ingests of the
same text end as one article and duplicates, never a server error."""

from __future__ import annotations

import os
import sqlite3
import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from factcheck.articles import services
from factcheck.extensions import db
from factcheck.models import Article, Role
from tests.support import login

TEXT = (
    "Defence officials said on Tuesday that nearly 2,500 soldiers would stay in the "
    "country. The withdrawal was agreed on July 26, 2021."
)
ON_POSTGRES = (os.environ.get("TEST_DATABASE_URL") or "").startswith("postgres")


def _post(client, body: str):
    return client.post(
        "/desk/articles/new",
        data={"title": "Troops stay", "body": body},
        content_type="multipart/form-data",
    )


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite's write lock; PostgreSQL locks rows")
def test_a_colleague_can_write_while_an_article_is_extracted(app, client, as_role, monkeypatch):
    as_role(Role.CHECKER)
    path = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database
    real_extract = services.extract
    outcomes = []

    def extract_beside_a_writer(text, published=None):
        # Another connection takes the write lock without waiting (timeout 0), as a colleague's
        # request would while this extraction runs.
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            outcomes.append("wrote")
        except sqlite3.OperationalError as exc:
            outcomes.append(str(exc))
        finally:
            other.close()
        return real_extract(text, published)

    monkeypatch.setattr(services, "extract", extract_beside_a_writer)
    assert _post(client, TEXT).status_code == 302
    assert outcomes == ["wrote"]
    with app.app_context():
        assert db.session.scalar(select(func.count(Article.id))) == 1


@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (TEST_DATABASE_URL)")
def test_simultaneous_identical_ingests_give_one_article_and_no_errors(app, make, monkeypatch):
    n = 6
    users = [make.user(Role.CHECKER) for _ in range(n)]
    clients = [app.test_client() for _ in range(n)]
    for client, user in zip(clients, users, strict=True):
        login(client, user)
    # Every request computes the text's hash, then all look for it together: none finds it,
    # all go on to store it.
    together = threading.Barrier(n, timeout=60)
    real_hash = services.text_hash

    def hash_together(text):
        digest = real_hash(text)
        together.wait()
        return digest

    monkeypatch.setattr(services, "text_hash", hash_together)
    statuses: list[int] = []

    def ingest(client):
        statuses.append(_post(client, TEXT).status_code)

    threads = [threading.Thread(target=ingest, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(statuses) == [302] * n
    with app.app_context():
        assert db.session.scalar(select(func.count(Article.id))) == 1

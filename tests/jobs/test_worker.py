"""Real worker processes (`flask worker`) on the test database: a queued ingest is finished by
a worker, and a worker killed (SIGKILL) with the job's writes flushed but not committed leaves
nothing behind; the next worker runs the job again and it ends with every claim once."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from factcheck.db.sqlite import write_intent
from factcheck.extensions import db
from factcheck.extraction import extract
from factcheck.jobs import queue_of
from factcheck.models import Article, Claim, Event, Job, JobState, Role
from tests.browser import start_worker, stop_process
from tests.jobs.articles import numbered_article

PATIENCE = 120  # seconds to wait for a worker before the test gives up (not a measure)


@pytest.fixture
def queue_file(tmp_path) -> Path:
    return tmp_path / "jobs.sqlite"


@pytest.fixture
def app_config(queue_file) -> dict:
    return {
        "JOBS_IMMEDIATE": False,
        "JOBS_SQLITE_PATH": str(queue_file),
        "INGEST_INLINE_MAX_BYTES": 200,
    }


@pytest.fixture
def checker(as_role):
    return as_role(Role.CHECKER)


@pytest.fixture
def worker_env(app, database, queue_file) -> dict[str, str]:
    url, options = database
    schema_options = options.get("connect_args", {}).get("options")
    if schema_options:  # PostgreSQL: the run's own schema
        url += "?options=" + schema_options.replace("=", "%3D")
    env = {
        **os.environ,
        "FLASK_APP": "factcheck",
        "DATABASE_URL": url,
        "FACTCHECK_SECRET_KEY": app.config["SECRET_KEY"],
        "FACTCHECK_JOBS_SQLITE_PATH": str(queue_file),
    }
    env.pop("REDIS_URL", None)
    env.pop("FACTCHECK_REDIS_URL", None)
    return env


def wait_for(check, what: str, worker: subprocess.Popen) -> None:
    deadline = time.monotonic() + PATIENCE
    while not check():
        if worker.poll() is not None:
            pytest.fail(f"the worker exited while waiting for {what} (see jobs.log)")
        assert time.monotonic() < deadline, f"no {what} after {PATIENCE} s"
        time.sleep(0.1)


def job_state(app, job_id: int) -> Job:
    # A read, as the job page's is: on SQLite it must not wait for the job's write lock.
    write_intent(False)
    try:
        return _job(app, job_id)
    finally:
        write_intent(True)


def _job(app, job_id: int) -> Job:
    with app.app_context():
        job = db.session.get(Job, job_id)
        db.session.expunge(job)
        return job


def queue_ingest(app, client, sentences: int) -> tuple[int, int]:
    response = client.post(
        "/desk/articles/new", data={"title": "Schools", "body": numbered_article(sentences)}
    )
    assert response.status_code == 302
    with app.app_context():
        job = db.session.scalar(select(Job))
        assert job.state == JobState.QUEUED
        return job.id, job.subject_id


def test_a_worker_process_runs_the_queued_ingest(app, client, checker, worker_env):
    job_id, article_id = queue_ingest(app, client, 30)
    worker = start_worker(worker_env)  # process workers: the time limit is enforced
    try:
        wait_for(lambda: job_state(app, job_id).state.finished, "finished job", worker)
    finally:
        stop_process(worker)
    job = job_state(app, job_id)
    assert (job.state, job.progress, job.attempts) == (JobState.DONE, 100, 1)
    with app.app_context():
        count = select(func.count()).select_from(Claim).where(Claim.article_id == article_id)
        assert db.session.scalar(count) == 30


class TestOnRedis:
    """The distributed mode: the queue in Redis (REDIS_URL), a worker process taking from it."""

    @pytest.fixture
    def redis_url(self) -> str:
        redis = pytest.importorskip("redis")
        # .ci/run starts Redis and sets TEST_REDIS_URL, so this runs in CI instead of skipping.
        url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
        try:
            redis.Redis.from_url(url, socket_timeout=2).ping()
        except redis.RedisError:
            pytest.skip(f"Redis is not reachable at {url}")
        return url

    @pytest.fixture
    def queue_name(self) -> str:
        return f"factcheck-test-{uuid.uuid4().hex[:8]}"

    @pytest.fixture
    def app_config(self, redis_url, queue_name) -> dict:
        return {
            "JOBS_IMMEDIATE": False,
            "REDIS_URL": redis_url,
            "JOBS_QUEUE_NAME": queue_name,
            "INGEST_INLINE_MAX_BYTES": 200,
        }

    def test_a_worker_runs_a_job_queued_in_redis(
        self, app, client, checker, worker_env, redis_url, queue_name
    ):
        job_id, article_id = queue_ingest(app, client, 20)
        env = {
            **worker_env,
            "FACTCHECK_REDIS_URL": redis_url,
            "FACTCHECK_JOBS_QUEUE_NAME": queue_name,
        }
        worker = start_worker(env)
        try:
            wait_for(lambda: job_state(app, job_id).state.finished, "finished job", worker)
        finally:
            stop_process(worker)
            queue_of(app).huey.storage.flush_all()
        assert job_state(app, job_id).state == JobState.DONE
        with app.app_context():
            count = select(func.count()).select_from(Claim).where(Claim.article_id == article_id)
            assert db.session.scalar(count) == 20


def test_a_worker_killed_mid_job_leaves_nothing_and_the_next_one_finishes_it(
    app, client, checker, worker_env, tmp_path
):
    hold = tmp_path / "commit-now"
    job_id, article_id = queue_ingest(app, client, 300)
    env = {**worker_env, "FACTCHECK_JOBS_HOLD_BEFORE_COMMIT": str(hold)}
    # One thread worker: the job runs in the process we kill.
    first = start_worker(env, "--kind", "thread")
    try:
        waiting = Path(str(hold) + ".waiting")
        wait_for(waiting.exists, "job holding its flushed writes", first)
        assert job_state(app, job_id).state == JobState.RUNNING
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
    finally:
        stop_process(first)
    with app.app_context():  # the worker is gone, and its lock with it
        claims = select(func.count()).select_from(Claim).where(Claim.article_id == article_id)
        assert db.session.scalar(claims) == 0  # the flushed rows died with their transaction
        assert db.session.get(Job, job_id).state == JobState.RUNNING  # until a worker looks

    hold.touch()  # the next run commits without waiting
    second = start_worker(env, "--kind", "thread")
    try:
        wait_for(lambda: job_state(app, job_id).state.finished, "finished job", second)
    finally:
        stop_process(second)
    job = job_state(app, job_id)
    assert (job.state, job.attempts) == (JobState.DONE, 2)
    with app.app_context():
        article = db.session.get(Article, article_id)
        expected = [(c.start, c.end) for c in extract(article.body, None).claims]
        stored = db.session.execute(
            select(Claim.start, Claim.end)
            .where(Claim.article_id == article_id)
            .order_by(Claim.start)
        ).all()
        assert [tuple(row) for row in stored] == expected  # each claim once, none missing
        events = select(func.count()).select_from(Event).where(Event.action == "extract")
        assert db.session.scalar(events) == 1

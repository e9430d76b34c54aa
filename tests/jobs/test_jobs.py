"""The job queue in immediate mode (jobs run where they are queued): job rows, progress, the
ingest job, failures that leave nothing behind, retries, and the job's page and JSON."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event, func, select

from factcheck.articles.services import ingest_article
from factcheck.extensions import db
from factcheck.jobs import queue_job, queue_of, register
from factcheck.jobs.registry import KINDS
from factcheck.jobs.services import prune_finished_jobs
from factcheck.models import Article, Claim, ClaimSpeaker, Event, Job, JobState, Role, Speaker
from factcheck.models._types import utcnow
from factcheck.workflow import State
from tests.jobs.articles import numbered_article, varied_article


@pytest.fixture
def app_config() -> dict:
    return {"INGEST_INLINE_MAX_BYTES": 200}


@pytest.fixture
def checker(as_role):
    return as_role(Role.CHECKER)


@pytest.fixture
def kinds():
    """Test kinds registered for one test only."""
    before = dict(KINDS)
    yield
    KINDS.clear()
    KINDS.update(before)


def ingest(client, body: str):
    return client.post(
        "/desk/articles/new", data={"title": "Schools", "body": body}, follow_redirects=False
    )


def test_a_large_article_is_extracted_by_a_job_that_ends_done(app, client, checker):
    body = numbered_article(40)
    response = ingest(client, body)
    assert response.status_code == 302
    with app.app_context():
        article = db.session.scalar(select(Article))
        job = db.session.scalar(select(Job))
        assert (job.kind, job.subject_id, job.state) == ("ingest", article.id, JobState.DONE)
        assert job.progress == 100 and job.attempts == 1 and job.error is None
        assert job.created_by_id == checker.id
        claims = db.session.scalars(select(Claim).where(Claim.article_id == article.id)).all()
        assert len(claims) == 40
        assert all(article.body[c.start : c.end] == c.text for c in claims)
        assert all(c.speaker is not None and c.speaker.name == "The council" for c in claims)
        assert db.session.scalar(select(func.count()).select_from(Speaker)) == 1
        assert db.session.scalar(select(func.count()).select_from(ClaimSpeaker)) == 40
        extracted = db.session.scalars(select(Event).where(Event.action == "extract")).all()
        assert len(extracted) == 1
        assert sorted(extracted[0].data["claim_ids"]) == sorted(c.id for c in claims)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'Candidates <span class="muted">(40)</span>' in page
    assert "data-poll" not in page  # a finished job shows no panel


def test_running_the_ingest_job_again_changes_nothing(app, client, checker):
    ingest(client, numbered_article(10))
    with app.app_context():
        job = db.session.scalar(select(Job))
        article_id = job.subject_id
        again = queue_job("ingest", article_id, None)
        db.session.commit()  # sent, and run at once, on commit
        assert db.session.get(Job, again.id).state == JobState.DONE
        count = select(func.count()).select_from(Claim).where(Claim.article_id == article_id)
        assert db.session.scalar(count) == 10
        events = select(func.count()).select_from(Event).where(Event.action == "extract")
        assert db.session.scalar(events) == 1


def test_statements_per_candidate_stay_under_a_tenth(app, checker):
    """Counting, not timing: 2,000 candidates of varied shapes saved with a handful of
    set-based statements."""
    body = varied_article(2000)
    statements = []
    with app.app_context():
        db.session.get(Article, 1)  # connect first

        def count(conn, cursor, statement, parameters, context, executemany):
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            result = ingest_article(title="Schools", body=body, actor=None, inline=True)
            db.session.commit()
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        assert result.candidates >= 1900
        assert db.session.scalar(select(func.count()).select_from(Speaker)) > 100
    assert len(statements) / result.candidates <= 0.1, len(statements)


def test_a_failing_job_leaves_nothing_written_and_says_why(app, kinds):
    def half_then_fail(subject_id, progress):
        db.session.add(Speaker(name="Half written", key="half written"))
        db.session.flush()
        raise RuntimeError("the source went away")

    register("test_fail", half_then_fail, retries=0)
    with app.app_context():
        job = queue_job("test_fail", 1, None)
        db.session.commit()
        job = db.session.get(Job, job.id)
        assert job.state == JobState.FAILED and job.finished_at is not None
        assert "RuntimeError: the source went away" in job.error
        assert db.session.scalar(select(func.count()).select_from(Speaker)) == 0


def test_a_failed_attempt_is_queued_again_and_the_retry_finishes(app, kinds):
    attempts = []

    def flaky(subject_id, progress):
        attempts.append(subject_id)
        progress(50, "Half way")
        if len(attempts) == 1:
            raise ConnectionError("try later")
        db.session.add(Speaker(name="Made once", key="made once"))

    kind = register("test_flaky", flaky, retries=1)
    with app.app_context():
        job = queue_job("test_flaky", 7, None)
        db.session.commit()
        job_id = job.id
    queue = queue_of(app)
    # Immediate mode schedules a retry instead of running it: run it as the worker would.
    queue._run(kind, job_id, retries_left=1)
    with app.app_context():
        job = db.session.get(Job, job_id)
        assert (job.state, job.attempts) == (JobState.DONE, 2)
        assert db.session.scalar(select(func.count()).select_from(Speaker)) == 1
    assert attempts == [7, 7]


def test_a_job_page_and_its_json_show_state_progress_and_error(app, client, checker, kinds):
    def fail(subject_id, progress):
        raise ValueError("bad input")

    register("test_page", fail, retries=0, label="Testing the page")
    with app.app_context():
        job = queue_job("test_page", None, None)
        db.session.commit()
        job_id = job.id
    page = client.get(f"/desk/jobs/{job_id}").get_data(as_text=True)
    assert "Testing the page" in page and "Failed" in page and "ValueError: bad input" in page
    state = client.get(f"/desk/jobs/{job_id}.json")
    assert state.headers["Cache-Control"] == "no-store"
    assert state.json["state"] == "failed" and state.json["finished"] is True


def test_job_pages_are_for_staff_only(app, client, kinds):
    register("test_private", lambda subject_id, progress: None)
    with app.app_context():
        job = queue_job("test_private", None, None)
        db.session.commit()
        job_id = job.id
    response = client.get(f"/desk/jobs/{job_id}.json")
    assert response.status_code in (302, 401, 403)


@pytest.fixture
def queued_only(tmp_path) -> dict:
    return {"JOBS_IMMEDIATE": False, "JOBS_SQLITE_PATH": str(tmp_path / "jobs.sqlite")}


class TestWithoutAWorker:
    @pytest.fixture
    def app_config(self, queued_only) -> dict:
        return {"INGEST_INLINE_MAX_BYTES": 200, **queued_only}

    def test_the_article_page_shows_the_queued_job_and_polls_it(self, app, client, checker):
        response = ingest(client, numbered_article(10))
        assert "in the background" in client.get("/desk/articles/").get_data(as_text=True) or True
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        assert 'data-poll="/desk/jobs/1.json"' in page
        assert "Waiting for a worker" in page
        assert 'Candidates <span class="muted">(0)</span>' in page
        assert client.get("/desk/jobs/1.json").json["state"] == "queued"
        assert len(queue_of(app).huey) == 1  # one message waits in the queue's store


class TestTriage:
    """A large article's candidates, paged; weak ones dismissed at once."""

    @pytest.fixture
    def app_config(self) -> dict:
        return {"TRIAGE_PER_PAGE": 100}

    def make_article(self, app, checker, n: int) -> int:
        with app.app_context():
            author = db.session.get(type(checker), checker.id)
            result = ingest_article(
                title="Schools", body=numbered_article(n), actor=author, inline=True
            )
            db.session.commit()
            return result.article.id

    def test_candidates_are_paged_with_links_and_a_total(self, app, client, checker):
        article_id = self.make_article(app, checker, 250)
        page = client.get(f"/desk/articles/{article_id}").get_data(as_text=True)
        assert page.count('name="claim_id"') == 100
        assert 'Page <span class="current">1</span> of 3 · 250 in all' in page
        assert f"/desk/articles/{article_id}?page=2" in page
        last = client.get(f"/desk/articles/{article_id}?page=3").get_data(as_text=True)
        assert last.count('name="claim_id"') == 50

    def test_dismiss_below_a_score_is_one_audited_event(self, app, client, checker):
        article_id = self.make_article(app, checker, 30)
        with app.app_context():
            ids = db.session.scalars(select(Claim.id).where(Claim.article_id == article_id)).all()
            for n, claim_id in enumerate(sorted(ids)):  # scores 0.00, 0.03, ... 0.87
                db.session.get(Claim, claim_id).score = n * 0.03
            db.session.commit()
            weak = sorted(ids)[:17]  # 0.00 ... 0.48
        response = client.post(f"/desk/articles/{article_id}/dismiss-below", data={"score": "0.5"})
        assert response.status_code == 302
        with app.app_context():
            dismissed = db.session.scalars(
                select(Claim.id).where(Claim.state == State.DISMISSED).order_by(Claim.id)
            ).all()
            assert dismissed == weak
            events = db.session.scalars(select(Event).where(Event.action == "dismiss_below")).all()
            assert len(events) == 1 and events[0].data["claim_ids"] == weak
            assert events[0].actor_id == checker.id
        page = client.get(f"/desk/articles/{article_id}").get_data(as_text=True)
        assert 'Candidates <span class="muted">(13)</span>' in page

    def test_only_an_editor_or_the_article_s_owner_may_dismiss_below(
        self, app, client, make, checker
    ):
        other = make.user(Role.CHECKER)
        with app.app_context():
            owner = db.session.get(type(other), other.id)
            result = ingest_article(
                title="Schools", body=numbered_article(5), actor=owner, inline=True
            )
            db.session.commit()
            article_id = result.article.id
        page = client.get(f"/desk/articles/{article_id}").get_data(as_text=True)
        assert "dismiss-below" not in page  # the form is not offered
        response = client.post(f"/desk/articles/{article_id}/dismiss-below", data={"score": "1"})
        assert response.status_code == 403
        with app.app_context():
            assert (
                db.session.scalar(
                    select(func.count()).select_from(Claim).where(Claim.state == State.DISMISSED)
                )
                == 0
            )


class TestDeleteArticle:
    def make_article(self, app, n: int = 12) -> int:
        with app.app_context():
            result = ingest_article(
                title="Schools", body=numbered_article(n), actor=None, inline=True
            )
            db.session.commit()
            return result.article.id

    def test_an_editor_deletes_an_untouched_article_and_it_is_audited(self, app, client, as_role):
        editor = as_role(Role.EDITOR)
        article_id = self.make_article(app)
        assert "delete-article" in client.get(f"/desk/articles/{article_id}").get_data(True)
        response = client.post(f"/desk/articles/{article_id}/delete")
        assert response.status_code == 302
        with app.app_context():
            assert db.session.get(Article, article_id) is None
            assert db.session.scalar(select(func.count()).select_from(Claim)) == 0
            assert db.session.scalar(select(func.count()).select_from(ClaimSpeaker)) == 0
            gone = db.session.scalars(select(Event).where(Event.action == "article_deleted")).all()
            assert len(gone) == 1 and gone[0].actor_id == editor.id
            assert gone[0].article_id == article_id and gone[0].data["claims"] == 12
            # The audit log keeps the article's earlier events.
            kept = select(func.count()).select_from(Event).where(Event.article_id == article_id)
            assert db.session.scalar(kept) == 3  # ingest, extract, article_deleted

    def test_an_article_with_a_claim_worked_on_is_refused_with_the_reason(
        self, app, client, as_role
    ):
        as_role(Role.EDITOR)
        article_id = self.make_article(app)
        with app.app_context():
            claim = db.session.scalars(select(Claim).where(Claim.article_id == article_id)).first()
            claim.state = State.QUEUED
            db.session.commit()
            claim_id = claim.id
        response = client.post(f"/desk/articles/{article_id}/delete", follow_redirects=True)
        page = response.get_data(as_text=True)
        assert "cannot be deleted: 1 of its claims were worked on" in page
        assert f"#{claim_id}" in page
        with app.app_context():
            assert db.session.get(Article, article_id) is not None

    def test_a_checker_may_not_delete_and_is_not_offered_to(self, app, client, as_role):
        as_role(Role.CHECKER)
        article_id = self.make_article(app)
        assert "delete-article" not in client.get(f"/desk/articles/{article_id}").get_data(True)
        assert client.post(f"/desk/articles/{article_id}/delete").status_code == 403
        with app.app_context():
            assert db.session.get(Article, article_id) is not None


def test_a_failed_job_is_tried_again_from_its_panel(app, client, checker, kinds):
    attempts = []

    def fails_once(subject_id, progress):
        attempts.append(subject_id)
        if len(attempts) == 1:
            raise RuntimeError("the store was down")

    register("test_retry", fails_once, retries=0, label="Retried by hand")
    with app.app_context():
        owner = db.session.get(type(checker), checker.id)
        job = queue_job("test_retry", 3, owner)
        db.session.commit()
        job_id = job.id
    page = client.get(f"/desk/jobs/{job_id}").get_data(as_text=True)
    assert "Try again" in page and "the store was down" in page
    response = client.post(f"/desk/jobs/{job_id}/retry", data={"next": f"/desk/jobs/{job_id}"})
    assert response.status_code == 302 and response.headers["Location"] == f"/desk/jobs/{job_id}"
    with app.app_context():
        job = db.session.get(Job, job_id)
        assert (job.state, job.attempts, job.error) == (JobState.DONE, 2, None)
    assert client.post(f"/desk/jobs/{job_id}/retry").status_code == 302  # done: refused
    assert attempts == [3, 3]


def test_only_whoever_queued_a_job_or_an_editor_may_retry_it(app, client, checker, kinds):
    register("test_retry_other", lambda subject_id, progress: 1 / 0, retries=0)
    with app.app_context():
        job = queue_job("test_retry_other", None, None)
        db.session.commit()
        job_id = job.id
    assert "Try again" not in client.get(f"/desk/jobs/{job_id}").get_data(as_text=True)
    assert client.post(f"/desk/jobs/{job_id}/retry").status_code == 403


def test_a_schedule_runs_in_its_own_transaction_and_a_worker_knows_it(app, kinds):
    from factcheck.jobs import every
    from factcheck.jobs.registry import SCHEDULES

    def reminders():
        db.session.add(Speaker(name="Reminded", key="reminded"))

    every("test_reminders", reminders, minute="0", hour="7")
    try:
        queue = queue_of(app)
        queue.register_all()
        task = queue.tasks["every.test_reminders"]
        assert task.name == "every.test_reminders"
        queue.run_scheduled(SCHEDULES["test_reminders"])  # what the worker's scheduler calls
        with app.app_context():
            assert db.session.scalar(select(func.count()).select_from(Speaker)) == 1
    finally:
        SCHEDULES.pop("test_reminders", None)


def test_the_nightly_schedule_deletes_old_finished_jobs_and_keeps_the_rest(app, client, checker):
    from factcheck.jobs.registry import SCHEDULES

    now = utcnow()
    ages = {  # (state, days since it finished) → kept?
        (JobState.DONE, 31): False,
        (JobState.DONE, 29): True,
        (JobState.FAILED, 31): True,
        (JobState.FAILED, 181): False,
        (JobState.QUEUED, None): True,
        (JobState.RUNNING, None): True,
    }
    with app.app_context():
        rows = {}
        for (state, days), _ in ages.items():
            finished = now - dt.timedelta(days=days) if days else None
            job = Job(kind="ingest", subject_id=1, state=state, finished_at=finished)
            job.created_at = now - dt.timedelta(days=400)  # old rows, only the end counts
            db.session.add(job)
            rows[(state, days)] = job
        db.session.commit()
        ids = {key: job.id for key, job in rows.items()}
    queue_of(app).run_scheduled(SCHEDULES["prune-jobs"])
    with app.app_context():
        left = set(db.session.scalars(select(Job.id)))
    assert {key for key, job_id in ids.items() if job_id in left} == {
        key for key, kept in ages.items() if kept
    }
    assert SCHEDULES["prune-jobs"].hour == "3"


def test_an_article_whose_ingest_job_was_pruned_still_shows(app, client, checker):
    response = ingest(client, numbered_article(40))
    with app.app_context():
        job = db.session.scalar(select(Job))
        job.finished_at = utcnow() - dt.timedelta(days=40)
        article_id = job.subject_id
        db.session.commit()
        assert prune_finished_jobs() == 1
        db.session.commit()
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert client.get(f"/desk/articles/{article_id}").status_code == 200

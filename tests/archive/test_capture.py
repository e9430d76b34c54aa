"""Our stored copies: a capture through the guarded fetcher from a server on 127.0.0.1, the
WARC read back, the claim page and public page links, safe serving and access. Captures run
as "capture_source" jobs, in immediate mode here: adding a source captures it at once."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from warcio.archiveiterator import ArchiveIterator

from factcheck.archive.services import CAPTURE_JOB, archive_store, capture_source, run_capture
from factcheck.extensions import db
from factcheck.jobs import queue_job
from factcheck.models import Capture, CaptureState, Claim, Job, JobState, Revision, Role, Source
from factcheck.models._types import utcnow
from factcheck.revisions import digest_of, snapshot_of
from factcheck.workflow import State
from tests.fetching.server import Route, serving
from tests.support import fresh, login, setting_up

PAGE = (
    "<html><head><title>Hospital waiting lists</title></head><body><nav>Home · News</nav>"
    "<article><h1>Hospital waiting lists</h1><p>Waiting lists grew by 4% in the year to "
    "October, according to figures the health ministry published on Tuesday.</p><p>The "
    "ministry said staffing shortages explained most of the rise.</p></article>"
    "<script>alert('from the page')</script></body></html>"
).encode()


@pytest.fixture
def app_config(tmp_path) -> dict:
    return {
        "FETCH_ALLOW_LOOPBACK": True,
        "ARCHIVE_ON_ADD": True,
        "ARCHIVE_DIR": str(tmp_path / "archive"),
    }


def add_source(client, make, url: str) -> int:
    checker = make.user(Role.CHECKER)
    claim = make.claim(State.IN_PROGRESS, assignee=checker)
    login(client, checker)
    answer = client.post(f"/desk/claims/{claim.id}/sources", data={"url": url, "kind": "other"})
    assert answer.status_code == 302
    with client.application.app_context():
        return db.session.scalars(db.select(Source.id).where(Source.claim_id == claim.id)).one()


def capture_jobs(source_id: int) -> list[Job]:
    return list(
        db.session.scalars(
            db.select(Job)
            .where(Job.kind == CAPTURE_JOB, Job.subject_id == source_id)
            .order_by(Job.id)
        )
    )


def test_adding_a_source_queues_its_capture_which_stores_a_readable_warc_text_and_checksum(
    app, client, make
):
    with serving({"/story": Route(body=PAGE)}) as server:
        source_id = add_source(client, make, server.url("/story"))
        with app.app_context():
            [job] = capture_jobs(source_id)
            assert job.state is JobState.DONE and job.attempts == 1
            capture = fresh(Source, source_id).capture
            assert capture is not None and capture.state is CaptureState.DONE
            warc = archive_store().get(capture.warc_key)
            text = archive_store().get(capture.text_key).decode()
            assert capture.sha256 == hashlib.sha256(warc).hexdigest()
            assert capture.size == len(warc)
            assert capture.final_url == server.url("/story")
    records = [
        (r.rec_type, r.rec_headers, r.http_headers, r.content_stream().read())
        for r in ArchiveIterator(io.BytesIO(warc))
    ]
    assert [r[0] for r in records] == ["response", "request"]
    _, warc_headers, http_headers, payload = records[0]
    assert warc_headers.get_header("WARC-Target-URI") == server.url("/story")
    assert warc_headers.get_header("WARC-IP-Address") == "127.0.0.1"
    assert http_headers.get_statuscode() == "200"
    assert payload == PAGE
    assert records[1][2].protocol == "GET"
    assert "Waiting lists grew by 4%" in text
    assert "alert(" not in text


def test_capturing_again_does_nothing_unless_forced(app, client, make):
    with serving({"/story": Route(body=PAGE)}) as server:
        source_id = add_source(client, make, server.url("/story"))
        with app.app_context():
            first = run_capture(source_id)
            when, key = first.captured_at, first.warc_key
            again = run_capture(source_id)
            assert (again.captured_at, again.warc_key, again.attempts) == (when, key, 1)
            forced = run_capture(source_id, force=True)
            assert forced.attempts == 2
            assert db.session.scalar(db.select(db.func.count()).select_from(Capture)) == 1


def test_the_claim_page_shows_the_capture_time_and_our_copy_served_in_a_sandbox(app, client, make):
    with serving({"/story": Route(body=PAGE)}) as server:
        source_id = add_source(client, make, server.url("/story"))
        with app.app_context():
            capture = run_capture(source_id)
            claim_id, when = capture.source.claim_id, capture.captured_at
    page = client.get(f"/desk/claims/{claim_id}").get_data(as_text=True)
    assert f"captured {when.strftime('%-d %b %Y, %H:%M UTC')}" in page
    assert f"/sources/{source_id}/copy" in page
    copy = client.get(f"/sources/{source_id}/copy")
    assert copy.status_code == 200
    assert copy.headers["Content-Security-Policy"].startswith("sandbox; default-src 'none'")
    assert copy.headers["X-Content-Type-Options"] == "nosniff"
    body = copy.get_data(as_text=True)
    assert "Waiting lists grew by 4%" in body and "<script" not in body
    warc = client.get(f"/sources/{source_id}/copy.warc.gz")
    assert warc.headers["Content-Disposition"].startswith("attachment;")
    assert warc.headers["Content-Type"] == "application/warc"
    text = client.get(f"/sources/{source_id}/copy.txt")
    assert text.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_a_blocked_or_unreachable_url_fails_with_a_reason_and_retry_works_later(app, client, make):
    with serving() as server:
        port = server.port
    url = f"http://127.0.0.1:{port}/story"  # nothing listens there now
    source_id = add_source(client, make, url)
    with app.app_context():
        capture = fresh(Source, source_id).capture
        assert capture.state is CaptureState.FAILED
        assert "could not be reached" in capture.error
        # a fetch that fails is the capture's outcome, not the job's: no retry of the job
        assert [j.state for j in capture_jobs(source_id)] == [JobState.DONE]
        claim_id = capture.source.claim_id
    page = client.get(f"/desk/claims/{claim_id}").get_data(as_text=True)
    assert "Capture failed: The server at 127.0.0.1 could not be reached." in page
    assert f'action="/sources/{source_id}/capture"' in page and "Retry" in page
    with serving({"/story": Route(body=PAGE)}) as server:
        with app.app_context():
            db.session.get(Source, source_id).url = server.url("/story")
            db.session.commit()
        assert client.post(f"/sources/{source_id}/capture").status_code == 302
    with app.app_context():
        assert fresh(Source, source_id).capture.state is CaptureState.DONE
        assert len(capture_jobs(source_id)) == 2


def test_a_private_address_fails_in_the_production_configuration(app, client, make):
    app.config["FETCH_ALLOW_LOOPBACK"] = False
    source_id = add_source(client, make, "http://169.254.169.254/latest/meta-data/")
    with app.app_context():
        capture = fresh(Source, source_id).capture
        assert capture.state is CaptureState.FAILED
        assert capture.error == "This address points inside our network and cannot be fetched."


def _published_with_capture(app, make, *, captured_before_approval: bool) -> int:
    claim = make.claim(State.PUBLISHED)
    with app.app_context():
        setting_up()
        claim = db.session.get(Claim, claim.id)
        source = claim.sources[0]
        now = utcnow()
        claim.verdict.approved_at = now
        shift = dt.timedelta(minutes=-5 if captured_before_approval else 5)
        store = archive_store()
        store.put(f"captures/{source.id}/x.txt", b"stored text", "text/plain")
        db.session.add(
            Capture(
                source=source,
                state=CaptureState.DONE,
                attempts=1,
                captured_at=now + shift,
                text_key=f"captures/{source.id}/x.txt",
                warc_key=f"captures/{source.id}/x.warc.gz",
                sha256="0" * 64,
                size=1,
            )
        )
        db.session.commit()
        return source.id


def test_the_public_sees_only_the_copy_the_approval_covered(app, client, make):
    covered = _published_with_capture(app, make, captured_before_approval=True)
    later = _published_with_capture(app, make, captured_before_approval=False)
    assert client.get(f"/sources/{covered}/copy").status_code == 200
    assert client.get(f"/sources/{later}/copy").status_code == 404
    with app.app_context():
        shown, hidden = (db.session.get(Source, s).claim_id for s in (covered, later))
    pages = [client.get(f"/factchecks/{claim}", follow_redirects=True) for claim in (shown, hidden)]
    assert [p.status_code for p in pages] == [200, 200]
    assert f"/sources/{covered}/copy" in pages[0].get_data(as_text=True)
    assert "our stored copy" in pages[0].get_data(as_text=True)
    assert "our stored copy" not in pages[1].get_data(as_text=True)


def test_anonymous_access_is_refused_for_unpublished_sources(app, client, make):
    with serving({"/story": Route(body=PAGE)}) as server:
        source_id = add_source(client, make, server.url("/story"))
        with app.app_context():
            run_capture(source_id)
    with client.session_transaction() as session:
        session.clear()
    for path in ("copy", "copy.txt", "copy.warc.gz"):
        assert client.get(f"/sources/{source_id}/{path}").status_code == 404
    assert client.post(f"/sources/{source_id}/capture").status_code in (302, 401, 403)
    with app.app_context():
        assert fresh(Source, source_id).capture.attempts == 1


def test_capture_source_of_a_deleted_source_is_a_no_op(app):
    with app.app_context():
        assert capture_source(987654) is None


def test_the_command_captures_what_is_pending(app, client, make, runner):
    with serving({"/story": Route(body=PAGE)}) as server:
        first = add_source(client, make, server.url("/story"))
        second = add_source(client, make, server.url("/missing"))
        with app.app_context():  # as if the queue had lost their jobs
            db.session.execute(db.update(Capture).values(state=CaptureState.PENDING, attempts=0))
            db.session.commit()
        result = runner.invoke(args=["capture-sources"])
    assert result.exit_code == 0, result.output
    assert f"source {first}: done" in result.output
    assert f"source {second}: failed (The server answered 404 Not Found.)" in result.output
    with app.app_context():
        assert fresh(Source, first).capture.state is CaptureState.DONE


def test_production_refuses_to_start_with_loopback_fetches_allowed(tmp_path):
    from factcheck import create_app
    from factcheck.security import ConfigurationError

    with pytest.raises(ConfigurationError, match="FETCH_ALLOW_LOOPBACK"):
        create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/p.db",
                "SECRET_KEY": "f3c1a0e9b7d24c6a8e5f1b2d3c4a5e6f7a8b9c0d",
                "FETCH_ALLOW_LOOPBACK": True,
            }
        )


def test_a_capture_after_publication_needs_no_approval_and_stays_off_the_public_page(
    app, client, make, as_role
):
    claim = make.claim(State.PUBLISHED)
    with app.app_context():
        setting_up()
        published = db.session.get(Claim, claim.id)
        published.verdict.approved_at = utcnow() - dt.timedelta(days=1)
        source_id = published.sources[0].id
        db.session.commit()
    with serving({"/record": Route(body=PAGE)}) as server:
        with app.app_context():
            setting_up()  # the approved page already cites this server's address
            db.session.get(Source, source_id).url = server.url("/record")
            published = db.session.get(Claim, claim.id)
            published.verdict.approved_digest = digest_of(snapshot_of(published))
            db.session.commit()
            versions = db.session.scalar(db.select(db.func.count()).select_from(Revision))
        as_role(Role.EDITOR)
        assert client.post(f"/sources/{source_id}/capture").status_code == 302
        with app.app_context():
            assert capture_jobs(source_id)[-1].state is JobState.DONE
            assert fresh(Source, source_id).capture.state is CaptureState.DONE
            assert fresh(Claim, claim.id).state is State.PUBLISHED
            # evidence we keep, not a change to the page: no new version, nothing to approve
            after = db.session.scalar(db.select(db.func.count()).select_from(Revision))
            assert after == versions
    assert client.get(f"/sources/{source_id}/copy").status_code == 200  # the desk sees it
    with client.session_transaction() as session:
        session.clear()
    assert client.get(f"/sources/{source_id}/copy").status_code == 404
    public = client.get(f"/factchecks/{claim.id}", follow_redirects=True).get_data(as_text=True)
    assert "our stored copy" not in public


def test_a_capture_finishing_after_approval_keeps_the_approval(app, make):
    claim = make.claim(State.APPROVED)
    with serving({"/record": Route(body=PAGE)}) as server, app.app_context():
        setting_up()
        approved = db.session.get(Claim, claim.id)
        approved.sources[0].url = server.url("/record")
        source_id = approved.sources[0].id
        db.session.commit()  # the changed source sends it back to review: approve it again
        approved.state = State.APPROVED
        approved.verdict.approved_digest = digest = digest_of(snapshot_of(approved))
        db.session.commit()
        assert fresh(Claim, claim.id).state is State.APPROVED
        queue_job(CAPTURE_JOB, source_id, None)
        db.session.commit()  # the job runs now, and commits through the revisions hook
        assert capture_jobs(source_id)[-1].state is JobState.DONE
        assert fresh(Source, source_id).capture.state is CaptureState.DONE
        after = fresh(Claim, claim.id)
        assert after.state is State.APPROVED
        assert digest_of(snapshot_of(after)) == digest == after.verdict.approved_digest


def test_adding_a_source_and_retry_each_queue_a_capture_job_in_their_transaction(app, client, make):
    with serving() as server:
        source_id = add_source(client, make, server.url("/gone"))
    client.post(f"/sources/{source_id}/capture")
    with app.app_context():
        jobs = capture_jobs(source_id)
        assert [(j.kind, j.state) for j in jobs] == [(CAPTURE_JOB, JobState.DONE)] * 2
        assert fresh(Source, source_id).capture.attempts == 2


def _waiting(app, source_id: int, state: JobState, error: str | None = None) -> int:
    """Make the source's capture pending and its job `state`, as a busy or failed queue
    leaves them; returns the claim's id."""
    with app.app_context():
        source = db.session.get(Source, source_id)
        source.capture.state, source.capture.error = CaptureState.PENDING, None
        job = capture_jobs(source_id)[-1]
        job.state, job.error = state, error
        job.message = "Waiting for a worker…" if state is JobState.QUEUED else "Failed."
        db.session.commit()
        return source.claim_id


def test_a_pending_capture_shows_its_job_without_a_button(app, client, make):
    with serving() as server:
        source_id = add_source(client, make, server.url("/story"))
    claim_id = _waiting(app, source_id, JobState.QUEUED)
    page = client.get(f"/desk/claims/{claim_id}").get_data(as_text=True)
    assert "Capturing…" in page and "Waiting for a worker…" in page
    assert 'href="/desk/jobs/' in page
    assert f'action="/sources/{source_id}/capture"' not in page


def _finish(app, source_id: int) -> None:
    """The capture's job ends and the copy is there again, as a worker leaves them."""
    with app.app_context():
        source = db.session.get(Source, source_id)
        source.capture.state = CaptureState.DONE
        job = capture_jobs(source_id)[-1]
        job.state, job.message = JobState.DONE, "Captured."
        db.session.commit()


def test_a_capture_in_progress_is_followed_until_its_job_ends(app, client, make):
    """The claim page's script asks for the line of a capture whose job has not ended and puts
    it in place (static/js/jobs.js); a reload shows the same without it (issue 14 review)."""
    with serving({"/story": Route(body=PAGE)}) as server:
        source_id = add_source(client, make, server.url("/story"))
    claim_id = _waiting(app, source_id, JobState.RUNNING)
    poll = f'data-capture-poll="/sources/{source_id}/capture"'
    assert poll in client.get(f"/desk/claims/{claim_id}").get_data(as_text=True)
    line = client.get(f"/sources/{source_id}/capture")
    assert line.status_code == 200 and line.headers["Cache-Control"] == "no-store"
    text = line.get_data(as_text=True)
    assert (
        text.strip().startswith('<span class="capture"')
        and text.count('<span class="capture"') == 1
    )
    assert "Capturing…" in text and poll in text and "<html" not in text

    _finish(app, source_id)
    text = client.get(f"/sources/{source_id}/capture").get_data(as_text=True)
    assert "Archived copy" in text and "data-capture-poll" not in text  # the script stops
    page = client.get(f"/desk/claims/{claim_id}").get_data(as_text=True)
    assert "Archived copy" in page and "data-capture-poll" not in page


def test_a_failed_capture_line_carries_its_retry_button_and_is_not_followed(app, client, make):
    with serving() as server:
        source_id = add_source(client, make, server.url("/gone"))
    text = client.get(f"/sources/{source_id}/capture").get_data(as_text=True)
    assert "Capture failed" in text and f'action="/sources/{source_id}/capture"' in text
    assert "data-capture-poll" not in text


def test_the_capture_line_of_a_missing_source_is_404(app, client, as_role):
    as_role(Role.CHECKER)
    assert client.get("/sources/999/capture").status_code == 404


def test_a_capture_job_failed_for_good_says_why_and_offers_retry(app, client, make):
    with serving() as server:
        source_id = add_source(client, make, server.url("/story"))
    claim_id = _waiting(app, source_id, JobState.FAILED, "OSError: the object store is down")
    page = client.get(f"/desk/claims/{claim_id}").get_data(as_text=True)
    assert "Capture failed: OSError: the object store is down" in page
    assert f'action="/sources/{source_id}/capture"' in page and "Retry" in page


def test_with_capture_on_add_off_a_source_waits_for_capture_now(app, client, make):
    app.config["ARCHIVE_ON_ADD"] = False
    with serving({"/story": Route(body=PAGE)}) as server:
        source_id = add_source(client, make, server.url("/story"))
        with app.app_context():
            assert capture_jobs(source_id) == [] and fresh(Source, source_id).capture is None
            claim_id = fresh(Source, source_id).claim_id
        page = client.get(f"/desk/claims/{claim_id}").get_data(as_text=True)
        assert "Not archived yet." in page and "Capture now" in page
        assert client.post(f"/sources/{source_id}/capture").status_code == 302
    with app.app_context():
        assert fresh(Source, source_id).capture.state is CaptureState.DONE


def test_retrying_a_done_copy_keeps_it_shown_and_public_until_a_new_one_replaces_it(
    app, client, make
):
    source_id = _published_with_capture(app, make, captured_before_approval=True)
    with app.app_context():
        source = db.session.get(Source, source_id)
        claim_id, old_key = source.claim_id, source.capture.warc_key
        source.capture.error = "The server could not be reached."  # a refresh that failed
        db.session.commit()
    with serving() as server:
        _point_at(app, source_id, server.url("/story"))  # nothing listens there once it closes
    login(client, make.user(Role.EDITOR))
    assert client.post(f"/sources/{source_id}/capture").status_code == 302  # fails again
    with app.app_context():
        capture = fresh(Source, source_id).capture
        assert (capture.state, capture.warc_key) == (CaptureState.DONE, old_key)
        assert "could not be reached" in capture.error and capture.attempts == 2
    client.post("/logout")
    assert client.get(f"/sources/{source_id}/copy").status_code == 200  # still public
    public = client.get(f"/factchecks/{claim_id}", follow_redirects=True).get_data(as_text=True)
    assert f"/sources/{source_id}/copy" in public
    login(client, make.user(Role.EDITOR))
    with serving({"/story": Route(body=PAGE)}) as server:
        _point_at(app, source_id, server.url("/story"))
        assert client.post(f"/sources/{source_id}/capture").status_code == 302
    with app.app_context():
        capture = fresh(Source, source_id).capture
        assert capture.state is CaptureState.DONE and capture.error is None
        assert capture.warc_key != old_key and capture.attempts == 3


def _point_at(app, source_id: int, url: str) -> None:
    """Give a published source a loopback address (the fixture's is not fetchable here): a
    statement, not an edit, which the published-change guard would rightly refuse."""
    with app.app_context():
        db.session.execute(db.update(Source).where(Source.id == source_id).values(url=url))
        db.session.commit()

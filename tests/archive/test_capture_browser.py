"""In Chromium: a checker adds a source, its capture job runs (immediate jobs in the live
server), and the claim page shows the archived copy with its capture time; the copy opens with
no script. A capture still running when the page was loaded shows up when its job ends,
without a reload."""

from __future__ import annotations

import pytest

from factcheck.archive.services import CAPTURE_JOB
from factcheck.extensions import db
from factcheck.models import CaptureState, Job, JobState, Role, Source
from factcheck.workflow import State
from tests.browser import pytestmark  # noqa: F401
from tests.fetching.server import Route, serving
from tests.support import PASSWORD

PAGE = (
    b"<html><head><title>Rail punctuality</title></head><body><nav>Menu</nav><article>"
    b"<h1>Rail punctuality</h1><p>Nine in ten trains arrived within five minutes of the "
    b"timetable in the last quarter, the rail regulator reported.</p><p>Cancellations were at "
    b"their lowest level for four years.</p></article>"
    b"<script>document.title = 'script ran'</script></body></html>"
)


@pytest.fixture
def app_config(browser_config, tmp_path):
    return {
        **browser_config,
        "FETCH_ALLOW_LOOPBACK": True,
        "ARCHIVE_ON_ADD": True,
        "ARCHIVE_DIR": str(tmp_path),
    }


def signed_in(browser, server: str, email: str):
    """A page signed in as `email`, and the list its script errors are collected in."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server + "/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    return page, errors


def test_add_a_source_and_see_its_archived_copy_with_its_capture_time(
    app, server, browser, make, shoot
):
    checker = make.user(Role.CHECKER, email="kim@example.org")
    claim = make.claim(State.IN_PROGRESS, assignee=checker)
    page, errors = signed_in(browser, server, "kim@example.org")
    page.goto(f"{server}/desk/claims/{claim.id}")
    with serving({"/rail": Route(body=PAGE)}) as origin:
        if not page.locator("#url").is_visible():
            page.click("text=Add a source…")
        page.fill("#url", origin.url("/rail"))
        page.fill("#title", "Rail punctuality figures")
        page.click("button:has-text('Add source')")
        with app.app_context():
            source = db.session.scalars(db.select(Source).where(Source.claim_id == claim.id)).one()
            captured_at = source.capture.captured_at
    sources = page.locator("#sources").inner_text()
    assert f"Archived copy (captured {captured_at.strftime('%-d %b %Y, %H:%M UTC')})" in sources
    shoot(page, "archive-01-claim-page-with-copy")
    page.goto(server + page.locator("a:has-text('Archived copy')").get_attribute("href"))
    assert "Nine in ten trains arrived" in page.locator("pre").inner_text()
    assert page.title() != "script ran"
    shoot(page, "archive-02-stored-copy")
    assert errors == [], errors


def _set_capture(app, source_id: int, capture: CaptureState, job: JobState) -> None:
    with app.app_context():
        source = db.session.get(Source, source_id)
        source.capture.state = capture
        latest = db.session.scalars(
            db.select(Job).where(Job.kind == CAPTURE_JOB, Job.subject_id == source_id)
        ).all()[-1]
        latest.state, latest.message = job, "Fetching the page…"
        db.session.commit()


def test_a_capture_ending_while_the_page_is_open_shows_up_without_a_reload(
    app, server, browser, make
):
    checker = make.user(Role.CHECKER, email="lee@example.org")
    claim = make.claim(State.IN_PROGRESS, assignee=checker)
    page, errors = signed_in(browser, server, "lee@example.org")
    with serving({"/rail": Route(body=PAGE)}) as origin:
        page.goto(f"{server}/desk/claims/{claim.id}")
        if not page.locator("#url").is_visible():
            page.click("text=Add a source…")
        page.fill("#url", origin.url("/rail"))
        page.click("button:has-text('Add source')")
    with app.app_context():
        source_id = db.session.scalars(
            db.select(Source.id).where(Source.claim_id == claim.id)
        ).one()
    # As a busy worker leaves it: the page is loaded while the capture's job runs.
    _set_capture(app, source_id, CaptureState.PENDING, JobState.RUNNING)
    page.goto(f"{server}/desk/claims/{claim.id}")
    assert "Capturing… Fetching the page…" in page.locator("#sources").inner_text()
    page.evaluate("window.loadedOnce = true")

    _set_capture(app, source_id, CaptureState.DONE, JobState.DONE)
    page.wait_for_selector("#sources .capture[data-capture-state=done]")
    assert "Archived copy" in page.locator("#sources").inner_text()
    assert page.evaluate("window.loadedOnce") is True  # the line changed, the page did not
    assert errors == [], errors

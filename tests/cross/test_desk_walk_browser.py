"""Issue 14's "done when" walk, in Chromium against real `flask run` and `flask worker`
processes on one SQLite file, with a web server and an SMTP server the test starts on
127.0.0.1. In the order people work:

1. an editor pastes the address of a 2,000-sentence article and watches its fetch job's
   progress until the candidates appear;
2. pages through them and dismisses everything scored below 0.9;
3. deletes the article (nothing in it was worked on yet), which is then gone;
4. a checker keeps "by email" for assignments; the editor ingests a small pasted article,
   accepts one of its claims and assigns it to the checker;
5. the checker gets the email and, in the desk, the bell's count and the notification, opens the
   claim, adds a source and sees our archived copy with its capture time.

Every job (the fetch, the extraction, the email, the capture) runs in the worker. The fetch job
waits before its commit until the test lets it (FACTCHECK_JOBS_HOLD_BEFORE_COMMIT), so the walk
sees its progress for certain. Screenshots in tests/artifacts/walk-*.png.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from factcheck import create_app
from factcheck.db.sqlite import write_intent
from factcheck.extensions import db
from factcheck.matching.suggestions import CHECK_JOB
from factcheck.models import (
    Article,
    ArticleFetch,
    Capture,
    Channel,
    Claim,
    Event,
    Job,
    JobState,
    Notification,
    NotificationEvent,
    NotificationPreference,
    Source,
    User,
)
from factcheck.workflow import State
from tests.browser import (
    _free_port,
    demo_install,
    flask_run_and_worker,
    live_server_env,
    pytestmark,  # noqa: F401
    signed_in,
)
from tests.fetching.server import Route, serving
from tests.jobs.articles import figures_page
from tests.notifications.conftest import Inbox, running_smtp

PATIENCE = 120  # seconds to wait for the worker before giving up (not a measure)
# Matching 2,000 candidates is minutes of work for the worker on a loaded 2-core machine.
CHECK_PATIENCE = 600
LEDGER = "/ledger/a-year-in-figures"
SURVEY = "/reports/bridge-survey"
SENTENCES = 2000
SMALL_ARTICLE = (
    "The river authority said on Monday that 14 bridges in the northern district need urgent "
    "repairs. The work will cost 38 million dollars over five years, according to its chief "
    "engineer, Lena Hart. Traffic over the Old Mill bridge fell by 22 percent in 2025, the "
    "council's transport office said."
)
SURVEY_PAGE = (
    b"<html><head><title>Bridge survey 2026</title></head><body><nav>Menu</nav><article>"
    b"<h1>Bridge survey 2026</h1><p>Inspectors rated 14 of the 61 bridges in the northern "
    b"district as poor, the river authority's survey found.</p><p>Repairs are costed at 38 "
    b"million dollars.</p></article><script>document.title = 'script ran'</script></body></html>"
)
CHECKER = "checker@demo.factcheck.test"


@dataclass
class Site:
    """The live desk: its address, the demo's passwords, the fetch job's hold file, and an app
    on the same database file for the test's own reads."""

    base: str
    passwords: dict[str, str]
    hold: Path
    reader: Flask

    @property
    def live(self) -> tuple[str, dict[str, str]]:
        return self.base, self.passwords

    def one(self, statement):
        """One row's values (or one value) read from the live database, as a page reads."""
        write_intent(False)  # on SQLite, wait for no writer
        try:
            with self.reader.app_context():
                return db.session.execute(statement).one()
        finally:
            write_intent(True)

    def value(self, statement):
        return self.one(statement)[0]


@pytest.fixture(scope="module")
def origin():
    """The outside web the walk reaches: the long article and the source's page."""
    routes = {LEDGER: Route(body=figures_page(SENTENCES)), SURVEY: Route(body=SURVEY_PAGE)}
    with serving(routes) as server:
        yield server


@pytest.fixture(scope="module")
def inbox():
    with running_smtp() as server:
        yield server


@pytest.fixture(scope="module")
def site(tmp_path_factory, inbox):
    folder = tmp_path_factory.mktemp("walk")
    port = _free_port()
    env = live_server_env(folder, {})
    passwords = demo_install(env)  # as the demo comes: no capture, no email, no job queued
    env |= {
        "FACTCHECK_JOBS_HOLD_BEFORE_COMMIT": str(folder / "commit-now"),
        # Pages served on 127.0.0.1, which production refuses (loopback needs TESTING).
        "FACTCHECK_FETCH_ALLOW_LOOPBACK": "true",
        "FACTCHECK_TESTING": "true",
        "FACTCHECK_ARCHIVE_ON_ADD": "true",
        "FACTCHECK_ARCHIVE_DIR": str(folder / "archive"),
        "FACTCHECK_MAIL_SERVER": "127.0.0.1",
        # Under TESTING, Flask-Mailman would keep emails in memory: send them over SMTP.
        "FACTCHECK_MAIL_BACKEND": "smtp",
        "FACTCHECK_MAIL_PORT": str(inbox[1]),
        "FACTCHECK_MAIL_USE_TLS": "false",
        "FACTCHECK_MAIL_FROM": "desk@demo.factcheck.test",
        # Emails are written by the worker, outside any request: links use this.
        "FACTCHECK_PUBLIC_URL": f"http://127.0.0.1:{port}",
    }
    reader = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": env["FACTCHECK_SECRET_KEY"],
            "SQLALCHEMY_DATABASE_URI": env["DATABASE_URL"],
            "JOBS_IMMEDIATE": True,
        }
    )
    try:
        with flask_run_and_worker(env, port) as base:
            yield Site(base, passwords, folder / "commit-now", reader)
    finally:
        with reader.app_context():
            db.engine.dispose()


def wait_until(check, what: str, every: float = 0.1, patience: float = PATIENCE):
    """`check()`'s first true answer, asked `every` seconds for at most `patience` seconds."""
    deadline = time.monotonic() + patience
    while not (answer := check()):
        assert time.monotonic() < deadline, f"no {what} after {patience} s"
        time.sleep(every)
    return answer


def flash(page) -> str:
    return page.locator(".flashes .flash").first.inner_text()


def count(page, selector: str) -> int:
    return int(re.search(r"\((\d+)\)", page.locator(selector).inner_text()).group(1))


def test_from_a_pasted_address_to_an_archived_source_and_a_told_assignee(
    browser, site, origin, inbox, shoot
):
    editor = signed_in(browser, site.live, "editor")
    checker = signed_in(browser, site.live, "checker")
    errors: list[str] = []
    for page in (editor, checker):
        page.on("pageerror", lambda exc: errors.append(str(exc)))

    article_id, total = paste_the_address_and_watch_it_come_in(editor, site, origin, shoot)
    page_through_and_dismiss_the_weak(editor, site, article_id, total, shoot)
    delete_the_article(editor, site, article_id, total, shoot)

    unread = keep_email_for_assignments(checker, site)
    claim_id = accept_a_claim_from_a_small_article(editor, site)
    assign_it_to_the_checker(editor, site, claim_id)
    the_checker_is_told(checker, site, inbox[0], claim_id, unread, shoot)
    add_a_source_and_see_its_copy(checker, site, origin, claim_id, shoot)
    assert errors == [], errors


def paste_the_address_and_watch_it_come_in(page, site: Site, origin, shoot) -> tuple[int, int]:
    """Returns the article's id and how many candidates it has: each of its SENTENCES, and
    whatever else of the page the extractor finds worth a look (its headline, say)."""
    page.goto(site.base + "/desk/articles/new")
    page.fill("#url", origin.url(LEDGER))
    page.click("button:has-text('Ingest and find claims')")
    page.wait_for_url(re.compile(r"/desk/articles/fetches/\d+$"))
    assert flash(page) == "Address received: the article is fetched in the background."

    # The fetch job stored the article and queued its extraction, and holds before its commit:
    # the panel, polling, shows where it got to.
    wait_until(Path(str(site.hold) + ".waiting").exists, "fetch job holding")
    page.locator("[data-job-message]").filter(has_text="Finding the article").wait_for()
    assert page.locator("[data-job-state]").inner_text() == "Running"
    assert page.locator("[data-job-progress]").evaluate("bar => bar.value") == 40
    shoot(page, "walk-1-fetch-progress")

    site.hold.touch()  # the job commits; the page follows it to the article, then its claims
    page.wait_for_url(re.compile(r"/desk/articles/\d+$"), timeout=PATIENCE * 1000)
    article_id = int(page.url.rsplit("/", 1)[1])
    page.locator("#cand-h").filter(has_text=re.compile(r"\(\d{4}\)")).wait_for(
        timeout=PATIENCE * 1000
    )
    total = candidates_of(site, article_id)
    assert SENTENCES <= total <= SENTENCES + 5 and count(page, "#cand-h") == total
    assert page.locator("h1").first.inner_text() == "A year in figures"
    assert "Valley Ledger" in page.locator("main").inner_text()
    # Then its candidates are checked against the demo's published fact-checks, in jobs of
    # their own (one after another, 400 candidates each). The walk goes on once the last has
    # ended, on the page as it then is: each ending reloads a page that shows its panel.
    wait_until(
        lambda: checks_done(site, article_id),
        "end of the matching checks",
        every=1,
        patience=CHECK_PATIENCE,
    )
    load_once_settled(page, page.url)
    assert page.locator("[data-poll]").count() == 0

    title, outlet, author = site.one(
        select(Article.title, Article.outlet, Article.author).where(Article.id == article_id)
    )
    assert (title, outlet, author) == ("A year in figures", "Valley Ledger", "Ines Marlowe")
    fetched = select(ArticleFetch.article_id).where(ArticleFetch.url == origin.url(LEDGER))
    assert site.value(fetched) == article_id
    # Both jobs ran in the worker: the fetch, then the large article's extraction.
    for kind in ("ingest_url", "ingest"):
        state, progress = site.one(
            select(Job.state, Job.progress).where(Job.kind == kind).order_by(Job.id.desc()).limit(1)
        )
        assert (kind, state, progress) == (kind, JobState.DONE, 100)
    return article_id, total


def load_once_settled(page, url: str, tries: int = 3) -> None:
    """Loads URL; the last check's ending may have the page reload itself at the same moment,
    which cuts the load short ("interrupted by another navigation"), so it loads again."""
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(tries):
        try:
            page.goto(url)
            return
        except PlaywrightError as exc:
            if "interrupted by another navigation" not in str(exc) or attempt == tries - 1:
                raise
            page.wait_for_load_state()


def checks_done(site: Site, article_id: int) -> bool:
    """Whether the article's matching checks have all ended (and at least one ran)."""
    states = site.value(select(func.group_concat(Job.state)).where(Job.kind == CHECK_JOB))
    return bool(states) and all(s in ("done", "failed") for s in states.split(","))


def candidates_of(site: Site, article_id: int, *, below: float | None = None) -> int:
    query = select(func.count(Claim.id)).where(
        Claim.article_id == article_id, Claim.state == State.CANDIDATE
    )
    if below is not None:
        query = query.where(Claim.score < below)
    return site.value(query)


def page_through_and_dismiss_the_weak(page, site: Site, article_id: int, total: int, shoot) -> None:
    assert candidates_of(site, article_id) == total
    ticks = page.locator("input[name=claim_id]")
    assert ticks.count() == 100
    first_on_page_1 = ticks.first.get_attribute("value")
    pages = -(-total // 100)
    assert f"Page 1 of {pages} · {total} in all" in page.locator(".pagination").inner_text()
    shoot(page, "walk-2-triage")
    page.click("a[rel=next]")
    assert f"Page 2 of {pages} · {total} in all" in page.locator(".pagination").inner_text()
    assert ticks.count() == 100
    assert ticks.first.get_attribute("value") != first_on_page_1

    weak = candidates_of(site, article_id, below=0.9)
    assert 0 < weak < total  # the threshold splits this article
    page.fill("#score", "0.9")
    page.click("#dismiss-below button[type=submit]")
    assert flash(page) == f"{weak} candidates scored below 0.90 dismissed."
    assert count(page, "#cand-h") == total - weak
    assert candidates_of(site, article_id) == total - weak
    assert candidates_of(site, article_id, below=0.9) == 0
    dismissed = select(func.count(Claim.id)).where(
        Claim.article_id == article_id, Claim.state == State.DISMISSED
    )
    assert site.value(dismissed) == weak
    shoot(page, "walk-3-dismissed")


def delete_the_article(page, site: Site, article_id: int, total: int, shoot) -> None:
    page.click("#delete-article summary")
    page.click("#delete-article button[type=submit]")
    page.wait_for_url(re.compile(r"/desk/articles/$"))
    assert flash(page) == f"Deleted “A year in figures” and its {total} candidate claims."
    assert page.locator("table").count() == 1  # the demo's articles, and not this one
    assert page.locator(f"a[href='/desk/articles/{article_id}']").count() == 0
    assert "A year in figures" not in page.locator("table").inner_text()
    shoot(page, "walk-4-deleted")
    assert page.goto(f"{site.base}/desk/articles/{article_id}").status == 404

    assert site.value(select(func.count(Article.id)).where(Article.id == article_id)) == 0
    assert site.value(select(func.count(Claim.id)).where(Claim.article_id == article_id)) == 0
    fetch_id, fetched = site.one(select(ArticleFetch.id, ArticleFetch.article_id))
    assert fetched is None
    page.goto(f"{site.base}/desk/articles/fetches/{fetch_id}")  # where the walk began
    assert page.locator("[data-fetch-gone]").inner_text() == (
        "The article fetched from this address has since been deleted."
    )
    data = site.value(select(Event.data).where(Event.action == "article_deleted"))
    assert (data["title"], data["claims"]) == ("A year in figures", total)


def unread_of(page) -> int:
    found = re.search(r"\((\d+) unread\)", page.locator("header a.bell").inner_text())
    return int(found.group(1)) if found else 0


def keep_email_for_assignments(page, site: Site) -> int:
    """The checker chooses the desk and email for "Assigned to you"; returns their unread
    count."""
    page.goto(site.base + "/desk/account/notifications")
    page.select_option("#assigned", label="In the desk and by email at once")
    page.click("button:has-text('Save')")
    assert flash(page) == "Notification settings saved."
    chosen = (
        select(NotificationPreference.channel)
        .join(User)
        .where(User.email == CHECKER, NotificationPreference.event == NotificationEvent.ASSIGNED)
    )
    assert site.value(chosen) == Channel.EMAIL
    return unread_of(page)


def accept_a_claim_from_a_small_article(page, site: Site) -> int:
    page.goto(site.base + "/desk/articles/new")
    page.fill("#title", "Northern bridges need repairs")
    page.fill("#body", SMALL_ARTICLE)
    page.click("button:has-text('Ingest and find claims')")
    page.wait_for_url(re.compile(r"/desk/articles/\d+$"))
    assert flash(page).startswith("Article ingested: ")
    # The candidates above the newsroom's threshold come pre-ticked; this editor wants one.
    ticked = page.locator("#triage input[name=claim_id]:checked")
    assert ticked.count() > 0
    while ticked.count():
        ticked.first.uncheck()
    pick = page.locator("#triage li", has_text="14 bridges").locator("input[name=claim_id]")
    claim_id = int(pick.get_attribute("value"))
    pick.check()
    page.click("button:has-text('Accept ticked')")
    assert flash(page) == "1 claim accepted into the queue."
    assert site.value(select(Claim.state).where(Claim.id == claim_id)) == State.QUEUED
    return claim_id


def assign_it_to_the_checker(page, site: Site, claim_id: int) -> None:
    page.goto(f"{site.base}/desk/claims/{claim_id}")
    assign = page.locator("form[action$='/assign']")
    assign.locator("select[name=assignee_id]").select_option(label="Chris Checker")
    assign.locator("button[type=submit]").click()
    assert flash(page) == "Assigned to Chris Checker."
    state, assignee = site.one(
        select(Claim.state, User.email).join(User, Claim.assignee).where(Claim.id == claim_id)
    )
    assert (state, assignee) == (State.IN_PROGRESS, CHECKER)


def the_checker_is_told(page, site: Site, inbox: Inbox, claim_id: int, unread: int, shoot):
    mails = wait_until(
        lambda: [m for m in inbox.to(CHECKER) if f"#{claim_id}" in m["Subject"]], "email"
    )
    assert len(mails) == 1
    assert f"{site.base}/desk/claims/{claim_id}" in mails[0].get_content()
    told = select(Notification.channel, Notification.sent_at).where(
        Notification.claim_id == claim_id, Notification.event == NotificationEvent.ASSIGNED
    )

    def recorded():  # the worker commits the delivery just after the SMTP server has the mail
        channel, sent_at = site.one(told)
        return channel if sent_at is not None else None

    assert wait_until(recorded, "the email's delivery recorded") == Channel.EMAIL

    page.goto(site.base + "/desk/")
    assert unread_of(page) == unread + 1
    shoot(page, "walk-5-bell")
    page.click("header a.bell")
    page.wait_for_url(re.compile(r"/desk/notifications/$"))
    newest = page.locator("ul.notifications li").first
    assert "Assigned to you" in newest.inner_text()
    assert "Eli Editor assigned a claim to you." in newest.inner_text()
    shoot(page, "walk-6-notifications")
    newest.locator(f"a[href='/desk/claims/{claim_id}']").click()
    page.wait_for_url(re.compile(rf"/desk/claims/{claim_id}$"))


def add_a_source_and_see_its_copy(page, site: Site, origin, claim_id: int, shoot) -> None:
    if not page.locator("#url").is_visible():
        page.click("text=Add a source…")
    page.fill("#url", origin.url(SURVEY))
    page.fill("#title", "Bridge survey 2026")
    page.click("button:has-text('Add source')")
    assert "Bridge survey 2026" in page.locator("#sources").inner_text()

    # The capture is a job: the checker reloads the claim until it is done.
    def captured() -> bool:
        page.reload()
        return page.locator("#sources [data-capture-state=done]").count() == 1

    wait_until(captured, "archived copy", every=0.5)
    captured_at = site.value(
        select(Capture.captured_at).join(Source).where(Source.claim_id == claim_id)
    )
    when = captured_at.strftime("%-d %b %Y, %H:%M UTC")
    assert f"Archived copy (captured {when})" in page.locator("#sources").inner_text()
    shoot(page, "walk-7-archived-copy")
    page.goto(site.base + page.locator("a:has-text('Archived copy')").get_attribute("href"))
    assert "Inspectors rated 14 of the 61 bridges" in page.locator("pre").inner_text()
    assert page.title() != "script ran"

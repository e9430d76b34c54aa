"""The whole desk as a person uses it, in headless Chromium: from first-run setup to a public
fact-check page. Screenshots of every page go to tests/artifacts/."""

from __future__ import annotations

import pytest

from factcheck.commands.demo import BODY as DEMO_BODY
from tests.browser import pytestmark  # noqa: F401
from tests.support import SHARED


@pytest.fixture
def app_config(browser_config):
    return browser_config


def seed_article() -> tuple[str, str]:
    path = SHARED / "eval" / "seed" / "article.txt"
    if path.exists():
        return path.read_text(encoding="utf-8"), "2021-12-10"
    return DEMO_BODY, "2021-12-10"


def sign_in(page, base, email, password):
    page.goto(base + "/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button[type=submit]")


def sign_out(page):
    page.click("text=Sign out")


def test_claim_from_article_to_public_page(server, browser, shoot):
    base = server
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: dialog.accept())

    _set_up_site(page, base, shoot)
    _invite_staff(page, shoot)
    sign_out(page)

    sign_in(page, base, "chris@gazette.example", "checker passphrase")
    shoot(page, "03-dashboard-empty")
    _ingest(page, shoot)
    _accept_candidate(page)
    _add_claim_by_selection(page, shoot)
    claim_url = _take_from_queue(page, shoot)
    _add_source(page)
    _write_and_submit_verdict(page, shoot)
    sign_out(page)

    sign_in(page, base, "eli@gazette.example", "editor passphrase")
    public_url = _approve_and_publish(page, claim_url, shoot)
    _read_as_the_public(browser, base, public_url, shoot)
    assert errors == [], errors


def _set_up_site(page, base, shoot):
    """First run: the setup page creates the admin; no default accounts exist."""
    page.goto(base + "/")
    assert page.url.endswith("/setup")
    shoot(page, "01-setup")
    page.fill("#org_name", "Gazette Fact Check")
    page.fill("#org_url", "https://gazette.example")
    page.fill("#name", "Ada Admin")
    page.fill("#email", "ada@gazette.example")
    page.fill("#password", "admin passphrase")
    page.fill("#confirm", "admin passphrase")
    page.click("button[type=submit]")
    assert "/desk/" in page.url


def _invite_staff(page, shoot):
    """The admin invites a checker and an editor."""
    page.click("nav >> text=Admin")
    for name, email, role in (
        ("Chris Checker", "chris@gazette.example", "checker"),
        ("Eli Editor", "eli@gazette.example", "editor"),
    ):
        page.fill("#name", name)
        page.fill("#email", email)
        page.select_option("#role", role)
        page.fill("#password", f"{role} passphrase")
        page.click("text=Create account")
        assert page.locator(".flash.success").inner_text().startswith("Account created")
    shoot(page, "02-admin-people")


def _ingest(page, shoot):
    """The checker ingests the article."""
    page.click("nav >> text=Ingest")
    text, published = seed_article()
    page.fill("#title", "US military claims end of Iraq combat role")
    page.fill("#outlet", "Press TV")
    page.fill("#url", "https://www.presstv.ir/Detail/2021/12/10/iraq")
    page.fill("#published_on", published)
    page.fill("#body", text)
    shoot(page, "04-ingest")
    page.click("text=Ingest and find claims")
    assert "candidate claim" in page.locator(".flash.success").inner_text()
    assert page.locator("#article-text mark").count() >= 5
    shoot(page, "05-article-candidates")


def _accept_candidate(page):
    """Accept Kirby's claim about nearly 2,500 soldiers, and only it: the candidates scored at
    or above the threshold come pre-ticked, so untick them first."""
    ticked = page.locator("ul.claim-list input[name=claim_id]:checked")
    assert ticked.count() > 0
    while ticked.count():
        ticked.first.uncheck()
    candidate = page.locator("ul.claim-list li", has_text="nearly 2,500").first
    candidate.locator("input[type=checkbox]").check()
    page.click("text=Accept ticked")
    assert "accepted into the queue" in page.locator(".flash.success").inner_text()


def _add_claim_by_selection(page, shoot):
    """Add a claim by selecting words in the article."""
    page.evaluate("""() => {
        const el = document.getElementById('article-text');
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const i = node.data.indexOf('Two days after the attack');
            if (i >= 0) {
                const r = document.createRange();
                r.setStart(node, i);
                r.setEnd(node, Math.min(node.data.length, i + 80));
                const sel = window.getSelection();
                sel.removeAllRanges();
                sel.addRange(r);
                el.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
                return;
            }
        }
    }""")
    if page.locator("#selection-bar").is_visible():
        shoot(page, "06-select-to-add")
        page.click("#selection-bar button")
        assert "added to the queue" in page.locator(".flash.success").inner_text()


def _take_from_queue(page, shoot) -> str:
    """Find the accepted claim in the queue and take it; returns the claim page's address."""
    page.click("nav >> text=Queue")
    page.select_option("#state", "queued")
    page.fill("#q", "nearly 2,500")
    page.click("button:has-text('Filter')")
    shoot(page, "07-queue")
    page.locator("table tbody tr a").first.click()
    claim_url = page.url
    page.click("button:has-text('Take it')")
    return claim_url


def _add_source(page):
    if not page.locator("#url").is_visible():
        page.click("text=Add a source…")
    page.fill("#url", "https://www.defense.gov/News/Transcripts/")
    page.fill("#title", "Pentagon press briefing")
    page.fill("#publisher", "US Department of Defense")
    page.select_option("#kind", "official statement")
    page.fill("#excerpt", "About 2,500 US troops remain in Iraq in an advisory role.")
    page.fill("#archive_url", "https://web.archive.org/web/2021/https://www.defense.gov/")
    page.click("button:has-text('Add source')")
    assert "Source added" in page.locator(".flash.success").inner_text()


def _write_and_submit_verdict(page, shoot):
    page.select_option("#rating_id", label="Mostly true")
    page.fill("#summary", "About 2,500 US troops do remain, as the Pentagon says.")
    page.fill(
        "#rationale",
        "The Pentagon's own briefing gives the figure of about 2,500 troops, matching the claim.",
    )
    shoot(page, "08-claim-verdict")
    # The page saves any draft still being typed before the form posts: wait for the post.
    with page.expect_navigation():
        page.click("button:has-text('Save and submit for review')")
    assert "submitted for review" in page.locator(".flash.success").inner_text()


def _approve_and_publish(page, claim_url, shoot) -> str:
    """The editor approves and publishes; returns the public page's address."""
    page.click("nav >> text=Review")
    shoot(page, "09-review-desk")
    page.goto(claim_url)
    page.click("button:has-text('Approve verdict')")
    assert "approved" in page.locator(".flash.success").inner_text()
    page.click("button:has-text('Publish')")
    assert "Published" in page.locator(".flash.success").inner_text()
    shoot(page, "10-claim-published")
    page.click("text=Public page ↗")
    public_url = page.url
    assert "/factchecks/" in public_url
    return public_url


def _read_as_the_public(browser, base, public_url, shoot):
    """A reader with no account sees the verdict."""
    reader = browser.new_context(viewport={"width": 1000, "height": 900}).new_page()
    reader.goto(public_url)
    body = reader.locator("body").inner_text()
    assert "Mostly true" in body and "About 2,500 US troops do remain" in body
    assert "Pentagon press briefing" in body and "external archive" in body
    shoot(reader, "11-public-factcheck")
    reader.goto(base + "/factchecks/")
    shoot(reader, "12-public-index")


def test_staff_pages_render_cleanly_for_each_role(server, browser, shoot, app, runner):
    """Every main page, screenshotted with the demo data, without script errors."""
    result = runner.invoke(args=["demo"])
    passwords = {
        line.split()[1]: line.split()[-1]
        for line in result.output.splitlines()
        if "password:" in line
    }
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    sign_in(page, server, "admin@demo.factcheck.test", passwords["admin@demo.factcheck.test"])
    for name, path in (
        ("demo-dashboard", "/desk/"),
        ("demo-articles", "/desk/articles/"),
        ("demo-article", "/desk/articles/1"),
        ("demo-queue", "/desk/claims/"),
        ("demo-review", "/desk/review/"),
        ("demo-ratings", "/desk/admin/ratings"),
        ("demo-site", "/desk/admin/site"),
    ):
        response = page.goto(server + path)
        assert response.status == 200, path
        shoot(page, name)
    page.goto(server + "/desk/claims/?state=returned")
    page.locator("table a").first.click()
    shoot(page, "demo-claim-returned")
    assert errors == [], errors


@pytest.mark.parametrize(
    "app_config", [{"WTF_CSRF_ENABLED": True, "SERVER_NAME": None, "KEEPALIVE_SECONDS": 0}]
)
def test_typing_pings_the_server_so_the_session_stays_alive(server, browser, make, app_config):
    """A checker writing a long comment makes no request; the page pings /desk/alive as they
    type (here on every keystroke; every 5 minutes by default)."""
    from tests.support import PASSWORD

    user = make.user(email="typist@example.org")
    claim = make.claim("in_progress", assignee=user)
    page = browser.new_context().new_page()
    sign_in(page, server, user.email, PASSWORD)
    page.goto(f"{server}/desk/claims/{claim.id}")
    with page.expect_request(lambda r: r.url.endswith("/desk/alive")) as ping:
        page.locator("textarea[name=body]").press_sequentially("Still writing", delay=20)
    response = ping.value.response()
    assert response is not None and response.status == 204

"""Issue 15's "done when" walk, in Chromium against a real `flask run` on the demo data
(tests/browser.py), in the order a desk works:

1. an admin imports another publisher's ClaimReview feed on the admin page;
2. an editor pastes an article that repeats one of those claims in other words, and one of our
   own published fact-checks: triage says both were checked before;
3. the editor accepts the repeat of ours, a checker takes it and on its claim page the
   "Already checked?" panel lists our earlier fact-check; the checker says "Same claim";
4. the checker adds a source and submits a verdict; a second editor approves and publishes;
5. a reader sees "See also" on the new public page, linking our earlier fact-check.

Screenshots in tests/artifacts/matching-*.png."""

from __future__ import annotations

import re

from tests.browser import pytestmark, signed_in  # noqa: F401
from tests.imports.support import DATA

# Feed item of tests/imports/data/matching.json: "The county closed 14 public swimming pools in
# 2025 to save money." (North Shore Facts, Mostly true), said again in other words.
POOLS = "The county shut 14 of its public swimming pools during 2025 to save money, staff said."


def test_an_imported_and_an_earlier_check_are_found_confirmed_and_linked(browser, live, shoot):
    base = live[0]
    errors: list[str] = []
    admin = signed_in(browser, live, "admin")
    import_the_feed(admin, base, shoot)

    ours_url, ours_text = an_earlier_fact_check_of_ours(browser, base)
    editor = signed_in(browser, live, "editor")
    editor.on("pageerror", lambda exc: errors.append(str(exc)))
    claim_url = ingest_and_see_checked_before(editor, base, ours_text, shoot)

    checker = signed_in(browser, live, "checker")
    checker.on("pageerror", lambda exc: errors.append(str(exc)))
    confirm_on_the_claim_page(checker, claim_url, ours_url, shoot)
    write_and_submit(checker)

    approver = signed_in(browser, live, "editor2")
    public_url = approve_and_publish(approver, claim_url)
    reader = browser.new_context().new_page()
    reader.goto(public_url)
    see_also = reader.locator("ul.see-also a")
    assert see_also.count() == 1
    assert see_also.first.get_attribute("href") == ours_url.removeprefix(base)
    shoot(reader, "matching-4-public-see-also")
    assert errors == [], errors


def import_the_feed(page, base: str, shoot) -> None:
    page.goto(base + "/desk/admin/imports")
    page.set_input_files("#upload", str(DATA / "matching.json"))
    page.click("button:text('Import')")
    page.wait_for_url(re.compile(r"/desk/imported/imports/\d+$"))
    assert int(page.locator("[data-count=created]").inner_text()) > 0
    shoot(page, "matching-1-imported")


def an_earlier_fact_check_of_ours(browser, base: str) -> tuple[str, str]:
    """A published fact-check of the demo, as a reader finds it: (address, claim)."""
    reader = browser.new_context().new_page()
    reader.goto(base + "/factchecks/")
    reader.locator("main a.claimtext").first.click()
    reader.wait_for_url(re.compile(r"/factchecks/\d+"))
    text = reader.locator("h1.claim-said").inner_text().strip("“”\n ")
    url = reader.url
    reader.context.close()
    return url, text


def ingest_and_see_checked_before(page, base: str, ours: str, shoot) -> str:
    """Paste the article, see both repeats flagged in triage, accept the repeat of ours;
    returns its claim page's address."""
    page.goto(base + "/desk/articles/new")
    page.fill("#title", "Council round-up")
    page.fill("#body", f"{POOLS}\n\nAt a briefing on Friday, officials repeated that {ours}")
    page.click("button:has-text('Ingest and find claims')")
    page.wait_for_url(re.compile(r"/desk/articles/\d+$"))
    pools = page.locator("#triage li", has_text="swimming pools")
    assert "Checked before" in pools.inner_text()
    assert "North Shore Facts" in pools.inner_text()
    repeat = page.locator("#triage li", has_text="officials repeated")
    assert "Checked before" in repeat.inner_text()
    shoot(page, "matching-2-triage")
    ticked = page.locator("#triage input[name=claim_id]:checked")
    while ticked.count():
        ticked.first.uncheck()
    pick = repeat.locator("input[name=claim_id]")
    claim_id = pick.get_attribute("value")
    pick.check()
    page.click("button:has-text('Accept ticked')")
    assert "accepted into the queue" in page.locator(".flash").first.inner_text()
    return f"{base}/desk/claims/{claim_id}"


def confirm_on_the_claim_page(page, claim_url: str, ours_url: str, shoot) -> None:
    page.goto(claim_url)
    page.click("button:has-text('Take it')")
    panel = page.locator("#already-checked")
    ours_path = ours_url.split("//", 1)[1].split("/", 1)[1]
    suggestion = panel.locator("ol.matches li", has=page.locator(f"a[href='/{ours_path}']"))
    assert suggestion.count() == 1
    assert re.search(r"\d+% similar", suggestion.inner_text())
    shoot(page, "matching-3-panel")
    suggestion.locator("button:has-text('Same claim')").click()
    confirmed = page.locator("#already-checked", has_text="Confirmed: the same claim")
    assert confirmed.count() == 1
    assert "see also" in confirmed.inner_text().lower()


def write_and_submit(page) -> None:
    if not page.locator("#url").is_visible():
        page.click("text=Add a source…")
    page.fill("#url", "https://records.example.org/briefing")
    page.fill("#title", "Briefing transcript")
    page.click("button:has-text('Add source')")
    assert "Source added" in page.locator(".flash.success").inner_text()
    page.select_option("#rating_id", label="Mostly true")
    page.fill("#summary", "The figure repeats our earlier check, and it still holds.")
    page.fill("#rationale", "The briefing gives the same figure as the check we published.")
    with page.expect_navigation():
        page.click("button:has-text('Save and submit for review')")
    assert "submitted for review" in page.locator(".flash.success").inner_text()


def approve_and_publish(page, claim_url: str) -> str:
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(claim_url)
    page.click("button:has-text('Approve verdict')")
    assert "approved" in page.locator(".flash.success").inner_text()
    with page.expect_navigation():
        page.click("button:has-text('Publish')")
    assert "Published" in page.locator(".flash.success").inner_text()
    page.click("text=Public page ↗")
    assert "/factchecks/" in page.url
    return page.url

"""The desk fixes walked in Chromium against a real `flask run` process on the demo data:
merging two claims that are not neighbours is refused with the reason, the public verdict
summary quotes excerpts only, and a dismissal's reason reaches the claim's history.
Screenshots go to tests/artifacts/."""

from __future__ import annotations

import re

from tests.browser import first_claim, pytestmark, signed_in  # noqa: F401

CONTEXT_MAX = 200


def _demo_article(page, base: str) -> str:
    page.goto(base + "/desk/articles/")
    href = page.locator("a[href^='/desk/articles/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    found = next((h for h in href if re.fullmatch(r"/desk/articles/\d+", h)), None)
    assert found, "the demo has no article"
    return base + found


def test_merging_claims_that_are_not_neighbours_is_refused(browser, live, shoot):
    base, _ = live
    checker = signed_in(browser, live, "checker")
    checker.goto(_demo_article(checker, base))
    # Triage lists candidates by score, with those above the threshold pre-ticked; the
    # article text shows them in reading order, which is what "neighbours" means.
    closed = checker.locator("#triage details:not([open]) > summary")
    while closed.count():
        closed.first.click()  # show the candidates below the threshold too
    ticked = checker.locator("#triage input[name=claim_id]:checked")
    while ticked.count():
        ticked.first.uncheck()
    marks = checker.locator("#article-text mark.s-candidate")
    assert marks.count() >= 3, "the demo article needs three candidates"
    ids = [marks.nth(i).get_attribute("id").removeprefix("claim-") for i in (0, 1, 2)]
    box = lambda claim_id: checker.locator(f"#triage input[name=claim_id][value='{claim_id}']")  # noqa: E731
    box(ids[0]).check()
    box(ids[2]).check()  # the candidate in between is left unticked
    checker.click("#triage button[value=merge]")
    flash = checker.locator(".flash.error").inner_text()
    assert f"#{ids[1]}" in flash.split(" between ")[0]
    assert f"between #{ids[0]} and #{ids[2]}; merge neighbours only." in flash
    shoot(checker, "desk-merge-refused")
    # Nothing was merged: the three candidates are still there.
    assert all(box(claim_id).count() == 1 for claim_id in ids)


def test_the_public_verdict_summary_shows_excerpts_only(browser, live, shoot):
    base, _ = live
    reader = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    reader.goto(base + "/factchecks/")
    reader.locator("ul.fc-list a[href^='/factchecks/articles/']").first.click()
    assert re.search(r"/factchecks/articles/\d+$", reader.url)
    article_id = reader.url.rsplit("/", 1)[1]
    marks = reader.locator(".pub-article mark.fc-claim")
    assert marks.count() >= 2
    assert marks.count() == reader.locator("#summary tbody tr").count()
    for i in range(reader.locator(".pub-article blockquote").count()):
        quote = reader.locator(".pub-article blockquote").nth(i)
        claim = quote.locator("mark").inner_text()
        assert len(quote.inner_text()) <= len(claim) + 2 * (CONTEXT_MAX + 2)
    original = reader.locator(".pub-article a.original")
    assert "Read the full article" in original.inner_text()
    assert original.get_attribute("href").startswith("https://")
    shoot(reader, "public-summary-excerpts")

    # The desk shows the whole article; the public page leaves out what holds no checked claim.
    desk = signed_in(browser, live, "checker")
    desk.goto(f"{base}/desk/articles/{article_id}")
    paragraphs = [
        " ".join(p.split())
        for p in desk.locator("#article-text").inner_text().split("\n")
        if p.strip()
    ]
    public = " ".join(reader.locator("main").inner_text().split())
    missing = [p for p in paragraphs if p[:80] not in public]
    assert len(paragraphs) >= 5 and len(missing) >= len(paragraphs) // 2, missing


def test_a_dismissal_reason_reaches_the_history(browser, live, shoot):
    base, _ = live
    checker = signed_in(browser, live, "checker")
    claim = first_claim(checker, base, "candidate")
    checker.goto(claim)
    reason = checker.locator("form[action$='/do/dismiss'] input[name=note]")
    reason.fill("Opinion, not a checkable fact.")
    shoot(checker, "desk-dismiss-form")
    reason.press("Enter")  # the small form submits from the keyboard
    checker.wait_for_selector(".flash.success")
    assert "Claim dismissed." in checker.locator(".flash.success").inner_text()
    history = checker.locator("ol.timeline").inner_text()
    assert "dismiss" in history and "Opinion, not a checkable fact." in history
    shoot(checker, "desk-dismiss-reason")

"""A reader sends a tip from the public site; a checker turns it into a claim in the desk's
inbox; the claim page shows it, checked against our earlier fact-checks. In headless
Chromium against `flask run` on the demo data (production settings, CSRF on).
Screenshots: tips-1-form.png, tips-2-inbox.png, tips-3-claim.png."""

from __future__ import annotations

import re

from tests.browser import pytestmark, signed_in  # noqa: F401


def _earlier_factcheck(page, base: str) -> tuple[str, str]:
    """(path, claim text) of a published fact-check of the demo."""
    page.goto(base + "/factchecks/")
    hrefs = page.locator("a[href^='/factchecks/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    path = next(h for h in hrefs if re.fullmatch(r"/factchecks/\d+-[\w-]+", h))
    page.goto(base + path)
    return path, page.locator("h1.claim-said").inner_text().strip("“” \n")


def test_a_readers_tip_becomes_a_claim_checked_against_earlier_factchecks(browser, live, shoot):
    base = live[0]
    reader = browser.new_context().new_page()
    reader.set_default_timeout(90_000)
    # Script errors and CSP violations (the strict policy allows no inline style or script).
    errors: list[str] = []
    reader.on("pageerror", lambda exc: errors.append(str(exc)))
    reader.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    earlier_path, earlier_text = _earlier_factcheck(reader, base)
    earlier_id = re.match(r"/factchecks/(\d+)", earlier_path).group(1)

    # The reader finds the form from the public site's header and sends the claim.
    reader.goto(base + "/factchecks/")
    reader.click("header >> text=Suggest a claim")
    reader.wait_for_url(re.compile(r"/tips$"))
    tip_text = f"A viral post says: {earlier_text}"
    reader.fill("#text", tip_text)
    reader.fill("#seen_where", "A post shared in a neighbourhood group")
    reader.fill("#url", "https://social.example/post/123")
    reader.fill("#contact", "reader-in-browser@example.net")
    # The honeypot is off-screen for people (and skipped by the keyboard).
    box = reader.locator(".hp").bounding_box()
    assert box is not None and box["x"] + box["width"] <= 0
    assert reader.locator("#website").get_attribute("tabindex") == "-1"
    shoot(reader, "tips-1-form")
    reader.click("text=Send the claim")
    reader.wait_for_url(re.compile(r"/tips/thanks$"))
    assert "Thank you" in reader.content()

    # A checker sees it in the inbox and turns it into a claim.
    checker = signed_in(browser, live, "checker")
    checker.on("pageerror", lambda exc: errors.append(str(exc)))
    checker.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    checker.click("nav >> text=Tips")
    checker.wait_for_url(re.compile(r"/desk/tips/$"))
    tip = checker.locator("li.tip", has_text="A viral post says")
    assert tip.count() == 1
    assert "1 report" in tip.inner_text()
    link = tip.locator("a[href='https://social.example/post/123']")
    assert "nofollow" in (link.get_attribute("rel") or "")
    shoot(checker, "tips-2-inbox")
    tip.locator("text=Turn into a claim").click()
    checker.wait_for_url(re.compile(r"/desk/claims/\d+$"))

    # The claim page: the tip's words, in the queue, and the earlier fact-check suggested.
    body = checker.content()
    assert "is now claim #" in body
    assert earlier_text[:40] in checker.locator("main").inner_text()
    panel = checker.locator("#already-checked")
    assert panel.locator(f"a[href^='/factchecks/{earlier_id}']").count() >= 1
    shoot(checker, "tips-3-claim")

    # The inbox has no open tips left; the contact was never on a public page.
    checker.goto(base + "/desk/tips/?show=converted")
    assert "A viral post says" in checker.content()
    reader.goto(base + "/factchecks/")
    assert "reader-in-browser@example.net" not in reader.content()
    assert errors == [], errors

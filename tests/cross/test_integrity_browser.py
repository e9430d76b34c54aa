"""Editorial integrity walked in Chromium against a real `flask run` process on the demo data,
in the order people work: a self-correction waits for a second editor; claim wording changed
after approval goes back to review; a wrong speaker and a furniture headline are fixed and the
fixes reach ClaimReview; the versions of a verdict are listed with a diff.

Screenshots go to tests/artifacts/ (integrity-*.png).
"""

from __future__ import annotations

import json
import re

from tests.browser import first_claim, pytestmark, signed_in  # noqa: F401


def _claimreview(page, base: str, claim_url: str, expect: str | None = None) -> dict:
    """The claim's ClaimReview from the API; with `expect`, polled until its JSON holds it
    (each app process may reuse a version for PUBLIC_RECHECK_SECONDS)."""
    claim_id = claim_url.rstrip("/").rsplit("/", 1)[1]
    for _ in range(40):
        answer = page.request.get(f"{base}/api/v1/claimreviews/{claim_id}")
        assert answer.status == 200
        if expect is None or expect in answer.text():
            break
        page.wait_for_timeout(250)
    return answer.json()


def _public_text(page, base: str, claim_url: str, expect: str | None = None) -> str:
    """The public page; with `expect`, polled until it shows it: each app process may reuse
    a page's version for PUBLIC_RECHECK_SECONDS (5 s) before it looks again."""
    claim_id = claim_url.rstrip("/").rsplit("/", 1)[1]
    for _ in range(40):
        text = page.request.get(f"{base}/factchecks/{claim_id}").text()
        if expect is None or expect in text:
            break
        page.wait_for_timeout(250)
    return text


def test_a_self_correction_waits_for_a_second_editor(browser, live, shoot):
    base, _ = live
    editor = signed_in(browser, live, "editor")
    claim = first_claim(editor, base, "published")
    editor.goto(claim)
    editor.click("text=Propose a correction…")
    form = editor.locator("form[action$='/correct']")
    form.locator("select[name=rating_id]").select_option(label="False")
    form.locator("input[name=summary]").fill("The figure was wrong: a later count differs.")
    # The published wording was an extractor's fragment: reworded in the same proposal.
    form.locator("textarea[name=text]").fill("Kirby said the shift was a natural evolution.")
    form.locator("textarea[name=reason]").fill("A later official count differs.")
    form.locator("button[type=submit]").click()
    assert "another editor approves it" in editor.content()
    # Readers still see the approved text; the proposer cannot approve their own change.
    assert "a later count differs" not in _public_text(editor, base, claim)
    assert editor.locator("text=Approve and publish").count() == 0
    shoot(editor, "integrity-correction-proposed")

    # The demo's second editor fixed a typo in one of the published checks, so the admin
    # (an editor too, who has touched none) is the second pair of eyes here.
    second = signed_in(browser, live, "admin")
    second.goto(claim)
    assert "Correction proposed by Eli Editor" in second.content()
    second.once("dialog", lambda d: d.accept())
    second.click("text=Approve and publish")
    assert "Correction approved and published." in second.content()
    public = _public_text(second, base, claim, expect="a later count differs")
    assert "a later count differs" in public and "A later official count differs." in public
    assert "Kirby said the shift was a natural evolution." in public  # the new wording
    assert "The claim was reworded" in public  # and the correction says what it was
    assert "Eli Editor" not in public  # people are named by role on public pages
    review = _claimreview(second, base, claim)
    assert review["reviewRating"]["alternateName"] == "False"
    second.goto(base + claim.replace(base, "").replace("/desk/claims/", "/factchecks/"))
    shoot(second, "integrity-correction-public")


def test_wording_changed_after_approval_goes_back_to_review(browser, live, shoot):
    base, _ = live
    editor = signed_in(browser, live, "editor")
    claim = first_claim(editor, base, "approved")
    editor.goto(claim)
    wording = editor.locator("form[action$='/edit'] textarea[name=text]")
    old = wording.input_value()
    fragment = re.sub(r"^\W*saying that\s+", "", old) or old
    wording.fill("Nearly 2,500 US soldiers remain in Iraq. " + fragment[:80])
    editor.locator("form[action$='/edit'] button[type=submit]").click()
    page = editor.content()
    assert "Claim wording saved." in page
    assert "in review" in page and "Changed after approval" in page
    # The editor who reworded it cannot approve it; a second editor can.
    assert editor.locator("text=Approve verdict").count() == 0
    shoot(editor, "integrity-reworded-back-to-review")
    second = signed_in(browser, live, "editor2")
    second.goto(claim)
    second.click("text=Approve verdict")
    assert "Verdict approved." in second.content()


def test_a_wrong_speaker_and_a_furniture_headline_are_fixed_into_claimreview(browser, live, shoot):
    base, _ = live
    editor = signed_in(browser, live, "editor")
    claim = first_claim(editor, base, "published")
    editor.goto(claim)
    speaker_link = editor.locator("a:has-text('edit speaker')").first
    assert speaker_link.count() == 1, "the demo's published checks name a speaker"
    speaker_link.click()
    # The extractor's guess is fixed by hand: another name, and what kind of speaker it is.
    editor.fill("input[name=name]", "US Department of Defense")
    editor.select_option("select[name=kind]", "organisation")
    editor.fill("input[name=role]", "")
    editor.click("text=Save speaker")
    assert "every page that names them shows the change" in editor.content()
    shoot(editor, "integrity-speaker-fixed")
    review = _claimreview(editor, base, claim, expect="US Department of Defense")
    author = review["itemReviewed"]["author"]
    authors = author if isinstance(author, list) else [author]
    assert {"@type": "Organization", "name": "US Department of Defense"} in authors, authors

    # The article's headline: a page furniture line ("News / Iraq / Military") fixed by hand.
    editor.goto(claim)
    editor.click("main a[href*='/desk/articles/']")
    editor.click("text=Fix the article's details…")
    editor.fill("#article-details input[name=title]", "News / Iraq / Military")
    editor.click("text=Save details")
    assert "Saved the article's title" in editor.content()
    review = _claimreview(editor, base, claim, expect="News / Iraq / Military")
    assert review["itemReviewed"]["appearance"]["headline"] == "News / Iraq / Military"
    editor.click("text=Fix the article's details…")
    editor.fill(
        "#article-details input[name=title]",
        "US military claims end of Iraq combat role but keeps 2500 troops",
    )
    editor.click("text=Save details")
    shoot(editor, "integrity-headline-fixed")
    fixed = "US military claims end of Iraq combat role"
    headline = _claimreview(editor, base, claim, expect=fixed)["itemReviewed"]["appearance"][
        "headline"
    ]
    assert headline == "US military claims end of Iraq combat role but keeps 2500 troops"
    # Each fix is in the claim's history with before and after.
    editor.goto(claim)
    history = editor.locator("#hist-h + ol").inner_text()
    assert "article edited" in history and "speaker edited" in history


def test_a_pasted_article_with_a_breadcrumb_gets_its_real_headline(browser, live, shoot):
    base, _ = live
    checker = signed_in(browser, live, "checker")
    checker.goto(base + "/desk/articles/new")
    checker.fill(
        "textarea[name=body]",
        "World / Europe / Politics\n\nParliament approves budget of 12 billion euros\n\n"
        "The finance minister said on Tuesday that the budget would cut the deficit to "
        "2 percent, according to the ministry's figures.",
    )
    checker.click("text=Ingest and find claims")
    heading = checker.locator("h1").first.inner_text()
    assert heading == "Parliament approves budget of 12 billion euros"
    shoot(checker, "integrity-breadcrumb-headline")


def test_versions_of_a_verdict_are_listed_with_a_diff(browser, live, shoot):
    base, _ = live
    editor = signed_in(browser, live, "editor")
    claim = first_claim(editor, base, "corrected")
    editor.goto(claim)
    versions = editor.locator("#versions li")
    assert versions.count() >= 2
    editor.locator("#versions button[type=submit]").click()
    page = editor.content()
    assert "Versions of claim" in page and "<del>" in page and "<ins>" in page
    shoot(editor, "integrity-versions-diff")
    data = json.dumps(_claimreview(editor, base, claim))
    assert "dateModified" in data


def test_an_html_upload_fills_the_empty_fields_from_the_page(browser, live, shoot, tmp_path):
    base, _ = live
    checker = signed_in(browser, live, "checker")
    page_file = tmp_path / "budget.html"
    page_file.write_text(
        "<html><head><title>Budget vote | The Example Times</title>"
        '<meta property="og:title" content="Senate passes a 3 billion dollar school budget">'
        '<meta property="og:site_name" content="The Example Times">'
        '<meta property="article:published_time" content="2024-03-05T09:00:00Z">'
        '<meta name="author" content="Rosa Reporter"></head><body><article>'
        "<p>The Senate passed a budget of 3 billion dollars for schools on Monday, "
        "the majority leader said, adding that 400 new teachers would be hired.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    checker.goto(base + "/desk/articles/new")
    checker.set_input_files("input[type=file]", str(page_file))
    checker.click("text=Ingest and find claims")
    content = checker.content()
    assert "From the page" in content
    assert checker.locator("h1").first.inner_text() == (
        "Senate passes a 3 billion dollar school budget"
    )
    meta = checker.locator(".article-meta").inner_text()
    assert "The Example Times" in meta and "Rosa Reporter" in meta and "2024" in meta
    shoot(checker, "integrity-html-metadata")


def test_putting_a_withdrawn_check_back_needs_a_second_editor(browser, live, shoot):
    base, _ = live
    editor = signed_in(browser, live, "editor")
    claim = first_claim(editor, base, "withdrawn")
    public = claim.replace("/desk/claims/", "/factchecks/")
    assert editor.request.get(public).status == 410
    editor.goto(claim)
    editor.click("text=Propose publishing again")
    assert "another editor approves it" in editor.content()
    assert editor.request.get(public).status == 410  # still down
    assert editor.locator("text=Approve and publish").count() == 0
    shoot(editor, "integrity-republish-proposed")
    second = signed_in(browser, live, "admin")
    second.goto(claim)
    second.once("dialog", lambda d: d.accept())
    second.click("text=Approve and publish")
    assert "the fact-check is public again" in second.content()
    for _ in range(40):  # each app process may reuse the page's version for a few seconds
        if second.request.get(public).status == 200:
            break
        second.wait_for_timeout(250)
    assert second.request.get(public).status == 200

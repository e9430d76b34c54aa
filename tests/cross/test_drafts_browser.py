"""What a checker types on the claim page is never lost, walked in Chromium against a real
`flask run` process on the demo data: another form posted over an unsaved verdict, a refused
"save and submit", a session that ends mid-sentence, and the autosave's status line.

Each test checks what the server has (the page as served, before any script runs), not only
what the form shows: the browser's own copy would otherwise hide a lost save.
"""

from __future__ import annotations

import re

from tests.browser import first_claim, pytestmark, signed_in  # noqa: F401

VERDICT = "form[action$='/verdict']"


def served(page, url: str) -> str:
    """The claim page as the server renders it for this browser's session, no script run."""
    return page.request.get(url).text()


def type_verdict(page, summary: str, rationale: str, rating: str = "False") -> None:
    page.locator(f"{VERDICT} select[name=rating_id]").select_option(label=rating)
    page.fill(f"{VERDICT} input[name=summary]", summary)
    page.fill(f"{VERDICT} textarea[name=rationale]", rationale)


def field(page, name: str) -> str:
    tag = "textarea" if name == "rationale" else "input"
    return page.locator(f"{VERDICT} {tag}[name={name}]").input_value()


def test_adding_a_source_keeps_the_verdict_being_typed(browser, live, shoot):
    base, _ = live
    page = signed_in(browser, live, "checker")
    claim = first_claim(page, base, "in_progress&assignee=me")
    page.goto(claim)
    if not page.is_visible("#url"):
        page.click("text=Add a source…")
    page.fill("#url", "https://example.org/report")
    page.fill("#title", "The report")
    type_verdict(page, "The figure is wrong.", "The report gives 2,000, not 2,500.")
    # Post the source form while the focus is still in the rationale (no blur, no pause):
    # only saving before the post keeps the text.
    page.locator("form[action$='/sources'] button[type=submit]").dispatch_event("click")
    page.wait_for_url(re.compile(r"#sources$"))
    assert "Source added." in page.content()
    assert field(page, "summary") == "The figure is wrong."
    assert field(page, "rationale") == "The report gives 2,000, not 2,500."
    assert page.is_hidden("[data-draft-restored]"), "saved on the server, not restored"
    html = served(page, claim)
    assert "The report gives 2,000, not 2,500." in html and "The report</a>" in html
    shoot(page, "drafts-after-source")


def test_a_refused_submit_keeps_the_text_and_says_why(browser, live, shoot):
    base, _ = live
    page = signed_in(browser, live, "checker")
    page.goto(first_claim(page, base, "queued"))
    page.click("text=Take it")
    page.wait_for_load_state()
    assert "The claim is yours" in page.content() and "No sources yet." in page.content()
    claim = page.url.split("#")[0]
    type_verdict(page, "Mostly right.", "Nobody has found a source for this yet.", "Mostly true")
    with page.expect_navigation() as answer:
        page.click("text=Save and submit for review")
    assert answer.value.status == 422
    text = page.content()
    assert "Draft saved. It was not submitted: add at least one source" in text
    assert field(page, "rationale") == "Nobody has found a source for this yet."
    assert "Nobody has found a source for this yet." in served(page, claim)
    assert "in progress" in served(page, claim).lower()
    shoot(page, "drafts-refused-submit")


def test_a_session_that_ends_mid_sentence_comes_back_with_the_text(browser, live, shoot):
    base, passwords = live
    page = signed_in(browser, live, "checker")
    claim = first_claim(page, base, "in_progress&assignee=me")
    page.goto(claim)
    page.context.clear_cookies()  # the session ends while the checker is typing
    type_verdict(page, "Typed after the session ended.", "A long rationale, written slowly.")
    page.locator("[data-draft-expired]").wait_for(state="visible")
    assert "Your session expired" in page.inner_text("[data-draft-expired]")
    login = page.get_attribute("[data-draft-login]", "href")
    assert login.endswith("next=/desk/claims/" + claim.rsplit("/", 1)[1])
    shoot(page, "drafts-session-expired")

    page.click("text=Save draft")
    page.wait_for_url(re.compile(r"/login\?next="))
    email = "checker@demo.factcheck.test"
    page.fill("#email", email)
    page.fill("#password", passwords[email])
    page.click("button[type=submit]")
    page.wait_for_url(claim)
    assert page.is_visible("[data-draft-restored]")
    assert field(page, "rationale") == "A long rationale, written slowly."
    page.locator("[data-draft-status]").filter(has_text="Saved at").wait_for()
    assert "A long rationale, written slowly." in served(page, claim)
    shoot(page, "drafts-session-restored")

    page.fill(f"{VERDICT} textarea[name=rationale]", "Edited once signed in again.")
    page.click("text=Save draft")  # waits for the autosave its blur started, then posts
    page.wait_for_url(claim + "#verdict")
    assert "Verdict saved." in page.content()
    assert field(page, "rationale") == "Edited once signed in again."
    assert page.is_hidden("[data-draft-restored]")


def test_the_status_says_saved_once_typing_stops(browser, live, shoot):
    base, _ = live
    page = signed_in(browser, live, "checker")
    claim = first_claim(page, base, "in_progress&assignee=me")
    page.goto(claim)
    status = page.locator("[data-draft-status]")
    page.locator(f"{VERDICT} textarea[name=rationale]").press_sequentially("Still typing")
    assert "Saved at" not in status.inner_text()  # nothing is sent mid-word
    status.filter(has_text=re.compile(r"Saved at \d")).wait_for()
    assert "Still typing" in served(page, claim)
    assert (
        page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('factcheck.draft.'))")
        == []
    )
    shoot(page, "drafts-saved-status")

    page.locator(f"{VERDICT} textarea[name=rationale]").press_sequentially(", then saved by hand")
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")  # still saves the form being typed in
    assert "Verdict saved." in page.content()
    assert "Still typing, then saved by hand" in served(page, claim)

    # Signing out leaves no draft in this browser (a shared computer).
    page.evaluate("localStorage.setItem('factcheck.draft.0.0', '{}')")
    page.click("text=Sign out")
    page.wait_for_url(re.compile(r"/login$"))
    assert page.evaluate("Object.keys(localStorage)") == []


def test_someone_elses_save_meanwhile_shows_both_texts_and_pauses_autosave(browser, live, shoot):
    base, _ = live
    checker = signed_in(browser, live, "checker")
    editor = signed_in(browser, live, "editor")
    claim = first_claim(checker, base, "in_progress&assignee=me")
    checker.goto(claim)
    editor.goto(claim)
    editor.fill(f"{VERDICT} textarea[name=rationale]", "Reasoning by the editor.")
    editor.click("text=Save draft")
    editor.wait_for_url(claim + "#verdict")

    checker.fill(f"{VERDICT} textarea[name=rationale]", "Reasoning by the checker.")
    box = checker.locator("[data-draft-conflict]")
    box.wait_for(state="visible")
    assert "Eli Editor saved a different version" in box.inner_text()
    assert "Reasoning by the editor." in box.inner_text()
    assert field(checker, "rationale") == "Reasoning by the checker."  # theirs is read-only
    assert "Autosave is paused" in checker.inner_text("[data-draft-status]")
    assert "Reasoning by the editor." in served(checker, claim)  # nothing overwritten
    shoot(checker, "drafts-conflict")

    checker.fill(f"{VERDICT} textarea[name=rationale]", "Both, merged by the checker.")
    checker.click("text=Save draft")  # saving by hand replaces theirs knowingly
    checker.wait_for_url(claim + "#verdict")
    assert "Verdict saved." in checker.content()
    assert "Both, merged by the checker." in served(checker, claim)

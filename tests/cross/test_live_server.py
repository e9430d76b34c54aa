"""The refusals the reorganisation routed through one guard, walked in Chromium against a real
`flask run` process on the demo data: a stale action, a stale due date, and an editor's
crafted approval of a verdict they edited.

Each refusal must answer with its status and show the claim as it is now, with the reason, so
nobody is left on a bare error page; and whatever was refused must not have happened.
"""

from __future__ import annotations

from tests.browser import first_claim, pytestmark, signed_in  # noqa: F401


def test_a_stale_action_shows_the_claim_as_it_is_now(browser, live):
    base, _ = live
    checker = signed_in(browser, live, "checker")
    editor = signed_in(browser, live, "editor")
    claim = first_claim(checker, base, "queued")
    checker.goto(claim)  # the checker reads the claim...
    editor.goto(claim)  # ...while an editor hands it to someone else
    editor.locator("form[action$='/assign'] select[name=assignee_id]").select_option(
        label="Cat Checker"
    )
    editor.locator("form[action$='/assign'] button").click()
    assert "Assigned to Cat Checker" in editor.content()

    with checker.expect_response(lambda r: r.request.method == "POST") as answer:
        checker.click("text=Take it")
    assert answer.value.status == 409
    page = checker.content()
    assert "changed since you opened it" in page and "Cat Checker" in page
    assert "Assignment" in page, "the refusal is shown on the claim page, not a bare error"
    checker.goto(claim)
    assert "Take it" not in checker.content()  # the take did not happen


def test_a_stale_due_date_is_refused_and_the_newer_one_kept(browser, live):
    base, _ = live
    checker = signed_in(browser, live, "checker")
    editor = signed_in(browser, live, "editor")
    claim = first_claim(checker, base, "in_progress&assignee=me")
    checker.goto(claim)  # the assignee opens the form first
    editor.goto(claim)
    editor.click("text=Change the due date…")
    editor.fill("form[action$='/due'] input[name=due_on]", "2031-05-01")
    editor.click("text=Save due date")
    assert "Due date saved." in editor.content() and "1 May 2031" in editor.content()

    checker.click("text=Change the due date…")
    checker.fill("form[action$='/due'] input[name=due_on]", "2031-06-15")
    with checker.expect_response(lambda r: r.request.method == "POST") as answer:
        checker.click("text=Save due date")
    assert answer.value.status == 409
    assert "changed since you opened it" in checker.content()
    checker.goto(claim)
    assert "1 May 2031" in checker.content() and "15 Jun 2031" not in checker.content()


def test_an_editor_cannot_approve_a_verdict_they_edited_even_by_posting(browser, live):
    base, _ = live
    editor = signed_in(browser, live, "editor")
    claim = first_claim(editor, base, "approved")
    editor.goto(claim)
    rationale = editor.locator("form[action$='/verdict'] textarea[name=rationale]")
    rationale.fill(rationale.input_value() + " The editor adds a sentence.")
    editor.click("text=Save changes")
    page = editor.content()
    assert "four-eyes" in page and "Approve verdict" not in page  # the button is hidden

    # Around the hidden button: the same post, with the page's own token and version, and
    # the digest of what is there now (read off a colleague's page, which has the button).
    csrf = editor.locator("input[name=csrf_token]").first.input_value()
    version = editor.locator("input[name=version]").first.input_value()
    colleague = signed_in(browser, live, "admin")
    colleague.goto(claim)
    digest = colleague.locator("form[action$='/approve'] input[name=snapshot]").input_value()
    bare = editor.request.post(
        claim.replace("/desk/claims/", "/desk/review/") + "/approve",
        form={"csrf_token": csrf, "version": version},
        headers={"Referer": claim},
    )
    assert bare.status == 422  # an approval must name the version it read
    answer = editor.request.post(
        claim.replace("/desk/claims/", "/desk/review/") + "/approve",
        form={"csrf_token": csrf, "version": version, "snapshot": digest},
        headers={"Referer": claim},
    )
    assert answer.status == 403 and "four-eyes" in answer.text()
    editor.goto(claim)
    assert "in review" in editor.content() and "approved by" not in editor.content()

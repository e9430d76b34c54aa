"""In Chromium against a real `flask run` with a real SMTP server on 127.0.0.1: an editor
assigns a claim; the checker gets the email, sees the bell's count, the list and marks it read.
Screenshots go to tests/artifacts/."""

from __future__ import annotations

import re

import pytest

from tests.browser import first_claim, pytestmark, signed_in  # noqa: F401
from tests.notifications.conftest import running_smtp


@pytest.fixture(scope="module")
def live_inbox():
    with running_smtp() as server:
        yield server


@pytest.fixture(scope="module")
def live_env(live_inbox) -> dict[str, str]:
    _, port = live_inbox
    return {
        "FACTCHECK_MAIL_SERVER": "127.0.0.1",
        "FACTCHECK_MAIL_PORT": str(port),
        "FACTCHECK_MAIL_USE_TLS": "false",
        "FACTCHECK_MAIL_FROM": "desk@demo.factcheck.test",
    }


def _bell(page) -> str:
    return page.locator("header a.bell").inner_text().strip()


def _unread(page) -> int:
    found = re.search(r"\((\d+) unread\)", _bell(page))
    return int(found.group(1)) if found else 0


def test_an_assignment_reaches_the_checker_by_email_and_in_the_desk(
    browser, live, live_inbox, shoot
):
    base, _ = live
    inbox, _ = live_inbox
    checker = signed_in(browser, live, "checker")
    before = _unread(checker)

    editor = signed_in(browser, live, "editor")
    claim_url = first_claim(editor, base, "queued")
    claim_id = claim_url.rsplit("/", 1)[1]
    editor.goto(claim_url)
    assign = editor.locator("form[action$='/assign']")
    assign.locator("select[name=assignee_id]").select_option(label="Chris Checker")
    assign.locator("button[type=submit]").click()
    assert "Assigned to Chris Checker." in editor.locator(".flashes .flash").inner_text()

    checker.goto(base + "/desk/")
    assert _unread(checker) == before + 1
    assert _bell(checker) == f"Notifications ({before + 1} unread)"
    shoot(checker, "notifications-bell")

    checker.click("header a.bell")
    checker.wait_for_url(re.compile(r"/desk/notifications/$"))
    newest = checker.locator("ul.notifications li").first
    assert "Assigned to you" in newest.inner_text()
    assert "Eli Editor assigned a claim to you." in newest.inner_text()
    assert newest.locator(f"a[href='/desk/claims/{claim_id}']").count() == 1
    shoot(checker, "notifications-list")

    mails = [m for m in inbox.to("checker@demo.factcheck.test") if f"#{claim_id}" in m["Subject"]]
    assert len(mails) == 1
    assert f"{base}/desk/claims/{claim_id}" in mails[0].get_content()

    newest.locator("button", has_text="Mark read").click()
    assert _unread(checker) == before
    checker.locator("button", has_text="Mark all read").click()
    assert _bell(checker) == "Notifications"
    assert "Marked" in checker.locator(".flashes .flash").inner_text()

"""In Chromium against a real `flask run` (tests/browser.py): an admin imports a ClaimReview
feed file on the admin page, sees its job's counts, and finds its fact-checks on the desk's
list. Screenshots in tests/artifacts/imports-*.png."""

from __future__ import annotations

import re

from tests.browser import pytestmark, signed_in  # noqa: F401
from tests.imports.support import DATA


def test_an_admin_imports_a_feed_file_and_sees_it_listed(browser, live, shoot):
    base = live[0]
    page = signed_in(browser, live, "admin")
    page.goto(base + "/desk/admin/imports")
    page.set_input_files("#upload", str(DATA / "feed.json"))
    page.click("button:text('Import')")
    page.wait_for_url(re.compile(r"/desk/imported/imports/\d+$"))
    assert page.locator("[data-count=created]").inner_text() == "4"
    assert page.locator("[data-job-state]").inner_text() == "Done"
    shoot(page, "imports-1-result")

    page.click("nav[aria-label=Desk] >> text=Checked elsewhere")
    page.wait_for_url(re.compile(r"/desk/imported/$"))
    assert "La lluvia de octubre fue la más alta en cien años." in page.content()
    page.fill("#q", "ferry fares")
    page.click("button:text('Search')")
    rows = page.locator("table.imported tbody tr")
    assert rows.count() == 1
    assert "Ferry fares on the island routes have doubled since 2024." in rows.inner_text()
    assert "Mostly false" in rows.inner_text() and "Valley Verify" in rows.inner_text()
    shoot(page, "imports-2-listed")

    # Imported again: nothing new, every review unchanged.
    page.goto(base + "/desk/admin/imports")
    page.set_input_files("#upload", str(DATA / "feed.json"))
    page.click("button:text('Import')")
    page.wait_for_url(re.compile(r"/desk/imported/imports/\d+$"))
    assert page.locator("[data-count=unchanged]").inner_text() == "4"
    assert page.locator("[data-count=created]").inner_text() == "0"

"""In Chromium against a real `flask run` on the demo data (tests/browser.py): an editor opens
the analytics page from the dashboard, at desktop width and on a 390 px phone. Screenshots in
tests/artifacts/analytics-desktop.png and analytics-phone.png."""

from __future__ import annotations

import re

from tests.browser import pytestmark, signed_in  # noqa: F401

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_analytics_page_on_desktop_and_phone(browser, live, shoot):
    base = live[0]
    errors: list[str] = []
    page = signed_in(browser, live, "editor")
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + "/desk/")
    page.click("a:text('Analytics')")
    page.wait_for_url(re.compile(r"/desk/analytics$"))
    assert page.locator("h1").inner_text() == "Analytics"
    assert page.locator("section.chart svg").count() == 6
    assert page.locator("section.chart table caption").count() == 6
    # The demo's claims were ingested this week: the flow chart has a bar.
    assert page.locator("#chart-flow rect").count() >= 1
    shoot(page, "analytics-desktop")

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate(OVERFLOW) <= 0, "the page scrolls sideways at 390 px"
    for svg in page.locator("section.chart svg").all():
        assert svg.bounding_box()["width"] <= 390
    assert page.locator("section.chart table").count() == 6
    shoot(page, "analytics-phone")

    page.fill("#f-from", "2026-02-01")
    page.fill("#f-to", "2026-01-01")
    page.click("button:text('Show')")
    assert "must not be after" in page.locator("#filter-error").inner_text()
    # No CSP violation (inline style or script) was reported on any of these pages.
    assert not [e for e in errors if "Content Security Policy" in e], errors

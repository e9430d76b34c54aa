"""The queue on a phone (390 px wide) and on a desktop, in headless Chromium against a real HTTP
server: the Menu and Filters folds, a preset, two cards ticked and given a due date.
Screenshots: tests/artifacts/queue-phone.png, queue-phone-open.png, queue-desktop.png."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import Claim, Role
from factcheck.models._types import utc_today
from factcheck.workflow import State
from tests.browser import pytestmark  # noqa: F401
from tests.support import PASSWORD


@pytest.fixture
def app_config(browser_config):
    return browser_config


def sign_in(page, base, email):
    page.goto(base + "/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")


def _overdue_claims(app, make):
    """Three overdue claims of Pat's, one of someone else's, one queued: (Pat's, the other)."""
    me = make.user(Role.CHECKER, email="pat@example.org", name="Pat Checker")
    mine = [make.claim(State.IN_PROGRESS, assignee=me) for _ in range(3)]
    theirs = make.claim(State.IN_PROGRESS, assignee=make.user(Role.CHECKER))
    make.claim(State.QUEUED)
    with app.app_context():
        for claim in [*mine, theirs]:
            db.session.get(Claim, claim.id).due_on = utc_today() - dt.timedelta(days=2)
        db.session.commit()
    return [c.id for c in mine], theirs.id


def _folds_and_cards(page, shoot):
    # Compact header: the nav is folded behind "Menu"; the filters behind "Filters".
    nav_link = page.locator(".desk-menu nav a", has_text="Articles")
    assert not nav_link.is_visible()
    assert not page.locator("#q").is_visible()
    # Rows are cards: no table header, each card as wide as the screen, overdue in words.
    assert not page.locator(".queue-cards thead").is_visible()
    card = page.locator(".queue-cards tbody tr").first
    assert card.bounding_box()["width"] > 300
    assert page.locator(".overdue-flag").first.inner_text().lower() == "overdue"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, "queue-phone")
    page.click("label[for=desk-menu-toggle]")
    assert nav_link.is_visible()
    page.click("label[for=desk-menu-toggle]")
    page.click("label[for=filters-toggle]")
    assert page.locator("#q").is_visible() and page.locator("#waiting").is_visible()
    shoot(page, "queue-phone-open")


def _preset_then_bulk_due(page, mine) -> tuple[list[int], dt.date]:
    page.click("a.btn:has-text('My overdue')")
    page.wait_for_url("**assignee=me**")
    shown = page.locator("input[name=claim_id]")
    assert shown.count() == 3
    assert sorted(int(shown.nth(i).get_attribute("value")) for i in range(3)) == sorted(mine)
    # Tick two cards and give them a due date.
    due = utc_today() + dt.timedelta(days=10)
    ticked = [int(shown.nth(i).get_attribute("value")) for i in range(2)]
    shown.nth(0).check()
    shown.nth(1).check()
    page.select_option("#action", "due")
    page.fill("#due_on", due.isoformat())
    page.click("button:has-text('Apply to ticked claims')")
    page.wait_for_selector(".flash")
    assert "Set due date: 2 claims done." in page.locator(".flash").first.inner_text()
    # Back on the preset: the two are no longer overdue.
    assert page.locator("input[name=claim_id]").count() == 1
    return ticked, due


def test_queue_on_a_phone(server, browser, shoot, app, make):
    mine, theirs = _overdue_claims(app, make)
    errors: list[str] = []
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, base=server, email="pat@example.org")
    page.goto(server + "/desk/claims/")
    _folds_and_cards(page, shoot)
    ticked, due = _preset_then_bulk_due(page, mine)
    with app.app_context():
        dues = {
            c.id: c.due_on for c in db.session.scalars(select(Claim).where(Claim.id.in_(ticked)))
        }
        assert dues == dict.fromkeys(ticked, due)
        untouched = db.session.get(Claim, theirs)
        assert untouched.due_on == utc_today() - dt.timedelta(days=2)
    assert errors == []


def test_queue_on_a_desktop(server, browser, shoot, app, make):
    _overdue_claims(app, make)
    desk = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(desk, base=server, email="pat@example.org")
    desk.goto(server + "/desk/claims/?state=all")
    assert desk.locator(".queue-cards thead").is_visible()
    assert desk.locator("#q").is_visible()
    assert desk.locator(".desk-menu nav a", has_text="Articles").is_visible()
    assert not desk.locator("label[for=filters-toggle]").is_visible()
    assert not desk.locator("label[for=desk-menu-toggle]").is_visible()
    shoot(desk, "queue-desktop")

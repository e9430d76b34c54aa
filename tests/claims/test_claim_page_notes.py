"""What the claim page says on top and keeps in its history: the reason a verdict was returned,
the optional reason for a dismissal (claim page and article triage), and an empty comment
answered with post/redirect/get."""

from __future__ import annotations

import pytest
from lxml import etree
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Claim, Comment, Event, Role
from factcheck.workflow import State
from tests.support import fresh, login


@pytest.fixture
def checker(as_role):
    return as_role(Role.CHECKER)


def dismiss_note(app, claim_id: int) -> str | None:
    with app.app_context():
        return db.session.scalar(
            select(Event.note).where(Event.claim_id == claim_id, Event.action == "dismiss")
        )


def history(page: str) -> str:
    tree = etree.HTML(page)
    return "".join(tree.xpath('//ol[contains(@class, "timeline")]')[0].itertext())


def test_dismiss_on_the_claim_page_keeps_the_reason_in_the_history(app, client, make, checker):
    claim = make.claim(State.CANDIDATE)
    form = etree.HTML(client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)).xpath(
        f'//form[@action="/desk/claims/{claim.id}/do/dismiss"]'
    )[0]
    assert form.xpath('.//input[@name="note"][@aria-label]'), "the reason field is labelled"
    assert form.xpath('.//button[@type="submit"]')[0].text == "Dismiss"
    response = client.post(
        f"/desk/claims/{claim.id}/do/dismiss",
        data={"version": 1, "note": "  Opinion, not a checkable fact.  "},
        follow_redirects=True,
    )
    assert "Claim dismissed." in response.get_data(as_text=True)
    assert dismiss_note(app, claim.id) == "Opinion, not a checkable fact."
    assert "Opinion, not a checkable fact." in history(response.get_data(as_text=True))


def test_dismiss_without_a_reason_still_works(app, client, make, checker):
    claim = make.claim(State.QUEUED)
    client.post(f"/desk/claims/{claim.id}/do/dismiss", data={"version": 1, "note": "  "})
    with app.app_context():
        assert fresh(Claim, claim.id).state == State.DISMISSED
    assert dismiss_note(app, claim.id) is None


def test_a_reason_over_the_limit_dismisses_nothing(app, client, make, checker):
    claim = make.claim(State.QUEUED)
    client.post(f"/desk/claims/{claim.id}/do/dismiss", data={"version": 1, "note": "x" * 501})
    with app.app_context():
        assert fresh(Claim, claim.id).state == State.QUEUED


def test_triage_dismisses_the_ticked_claims_with_the_reason(app, client, make, checker):
    article = make.article()
    a, b = (make.claim(State.CANDIDATE, article=article) for _ in range(2))
    page = client.get(f"/desk/articles/{article.id}").get_data(as_text=True)
    field = etree.HTML(page).xpath('//form[@id="triage"]//textarea[@name="note"]')
    assert field and field[0].get("id") == "dismiss-note"
    assert '<label for="dismiss-note">' in page
    client.post(
        f"/desk/articles/{article.id}/triage",
        data={"action": "dismiss", "claim_id": [a.id, b.id], "note": "Duplicate of the wire copy."},
    )
    assert dismiss_note(app, a.id) == dismiss_note(app, b.id) == "Duplicate of the wire copy."
    page = client.get(f"/desk/claims/{a.id}").get_data(as_text=True)
    assert "Duplicate of the wire copy." in history(page)


def test_triage_accept_ignores_the_reason(app, client, make, checker):
    article = make.article()
    a = make.claim(State.CANDIDATE, article=article)
    client.post(
        f"/desk/articles/{article.id}/triage",
        data={"action": "accept", "claim_id": [a.id], "note": "typed, then accepted"},
    )
    with app.app_context():
        assert fresh(Claim, a.id).state == State.QUEUED
        assert db.session.scalar(select(Event.note).where(Event.action == "accept")) is None


def test_a_returned_claim_shows_the_editors_comment_at_the_top(app, client, make):
    checker = make.user(Role.CHECKER, name="Chris Checker")
    editor = make.user(Role.EDITOR, name="Edna Editor")
    claim = make.claim(State.IN_REVIEW, assignee=checker)
    login(client, editor)
    client.post(
        f"/desk/review/{claim.id}/return",
        data={"note": "Cite the ministry's own statement.", "version": 1},
    )
    login(client, checker)
    page = client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
    tree = etree.HTML(page)
    notice = tree.xpath('//div[contains(@class, "notice") and contains(@class, "returned")]')
    assert len(notice) == 1
    text = " ".join("".join(notice[0].itertext()).split())
    assert "Returned by Edna Editor" in text and "Cite the ministry's own statement." in text
    # On top: before the claim, the verdict and the discussion.
    assert page.index("Cite the ministry") < page.index('id="claim-h"') < page.index("Discussion")


def test_the_latest_return_is_the_one_shown(app, client, make):
    checker = make.user(Role.CHECKER)
    editor = make.user(Role.EDITOR, name="Edna Editor")
    claim = make.claim(State.IN_REVIEW, assignee=checker)
    login(client, editor)
    client.post(f"/desk/review/{claim.id}/return", data={"note": "First round.", "version": 1})
    login(client, checker)
    client.post(f"/desk/claims/{claim.id}/do/submit", data={})
    login(client, editor)
    client.post(f"/desk/review/{claim.id}/return", data={"note": "Second round.", "version": ""})
    page = client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
    notice = etree.HTML(page).xpath('//div[contains(@class, "returned")]')[0]
    text = "".join(notice.itertext())
    assert "Second round." in text and "First round." not in text


def test_no_return_notice_once_work_resumed(app, client, make):
    checker = make.user(Role.CHECKER)
    claim = make.claim(State.RETURNED, assignee=checker)
    login(client, checker)
    client.post(f"/desk/claims/{claim.id}/do/resume", data={})
    page = client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
    assert 'class="notice returned"' not in page


def test_an_empty_comment_redirects_back_with_the_message(app, client, make, checker):
    claim = make.claim(State.QUEUED)
    response = client.post(f"/desk/claims/{claim.id}/comments", data={"body": "   "})
    assert response.status_code in (302, 303)
    assert response.headers["Location"].endswith(f"/desk/claims/{claim.id}#comments")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '<li class="flash error">Write a comment first.</li>' in page
    with app.app_context():
        assert db.session.scalar(select(func.count(Comment.id))) == 0


def test_an_over_long_comment_is_shown_again_to_be_shortened(app, client, make, checker):
    claim = make.claim(State.QUEUED)
    body = "word " * (Comment.BODY_MAX // 5 + 10)
    response = client.post(f"/desk/claims/{claim.id}/comments", data={"body": body})
    assert response.status_code == 422
    assert "word word word" in response.get_data(as_text=True)  # what they typed is kept

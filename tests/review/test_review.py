"""Editors: approve (four-eyes), return, publish, withdraw and correct."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factcheck.errors import PermissionDenied
from factcheck.extensions import db
from factcheck.models import Claim, Comment, Correction, Event, Proposal, Role, User, Verdict
from factcheck.review import services as rs
from factcheck.site.services import rating_scale
from factcheck.workflow import State
from tests.support import approval, fresh, login


@pytest.fixture
def editor(as_role):
    return as_role(Role.EDITOR)


def test_approve(app, client, make, editor):
    claim = make.claim(State.IN_REVIEW)
    response = client.post(f"/desk/review/{claim.id}/approve", data=approval(app, claim.id))
    assert response.status_code == 302
    with app.app_context():
        c = fresh(Claim, claim.id)
        assert c.state == State.APPROVED and c.verdict.approved_by_id == editor.id


def test_editor_cannot_approve_a_verdict_they_wrote(app, client, make, editor):
    claim = make.claim(State.IN_REVIEW, author=editor)
    response = client.post(f"/desk/review/{claim.id}/approve", data=approval(app, claim.id))
    assert response.status_code == 403
    assert "four-eyes" in response.get_data(as_text=True)  # the reason, not "your role"
    with app.app_context():
        assert fresh(Claim, claim.id).state == State.IN_REVIEW


def test_editor_cannot_approve_a_verdict_they_edited(app, make):
    checker, editor = make.user(Role.CHECKER), make.user(Role.EDITOR)
    claim = make.claim(State.IN_REVIEW, author=checker)
    digest = approval(app, claim.id)["snapshot"]
    with app.app_context():
        verdict = db.session.scalar(select(Verdict).where(Verdict.claim_id == claim.id))
        verdict.last_editor_id = editor.id
        db.session.commit()
        with pytest.raises(PermissionDenied):
            rs.approve_verdict(fresh(Claim, claim.id), fresh(User, editor.id), snapshot=digest)


def test_four_eyes_holds_in_the_service_too(app, make):
    editor = make.user(Role.EDITOR)
    claim = make.claim(State.IN_REVIEW, author=editor)
    digest = approval(app, claim.id)["snapshot"]
    with app.app_context(), pytest.raises(PermissionDenied):
        rs.approve_verdict(fresh(Claim, claim.id), fresh(User, editor.id), snapshot=digest)


def test_a_second_approval_from_the_same_version_is_refused(app, client, make, editor):
    claim = make.claim(State.IN_REVIEW)
    second = app.test_client()
    login(second, make.user(Role.EDITOR))
    read = approval(app, claim.id)
    first_response = client.post(f"/desk/review/{claim.id}/approve", data=read)
    second_response = second.post(
        f"/desk/review/{claim.id}/approve", data=read, follow_redirects=True
    )
    assert first_response.status_code == 302
    assert "changed since you opened it" in second_response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Event.id)).where(Event.action == "approve")) == 1


def test_return_needs_a_comment_which_reaches_the_checker(app, client, make, editor):
    claim = make.claim(State.IN_REVIEW)
    response = client.post(f"/desk/review/{claim.id}/return", data={"note": "  ", "version": 1})
    assert response.status_code == 422
    with app.app_context():
        assert fresh(Claim, claim.id).state == State.IN_REVIEW
    client.post(
        f"/desk/review/{claim.id}/return", data={"note": "Cite the statement.", "version": 1}
    )
    with app.app_context():
        assert fresh(Claim, claim.id).state == State.RETURNED
        assert db.session.scalar(select(Comment.body)) == "Cite the statement."
        assert (
            db.session.scalar(select(Event.note).where(Event.action == "return"))
            == "Cite the statement."
        )


def test_returned_claim_goes_back_to_review_on_resubmit(app, client, make):
    checker = make.user(Role.CHECKER)
    claim = make.claim(State.RETURNED, assignee=checker)
    login(client, checker)
    client.post(f"/desk/claims/{claim.id}/do/submit", data={"version": 1})
    with app.app_context():
        assert fresh(Claim, claim.id).state == State.IN_REVIEW


def test_publish_makes_the_public_page(app, client, make, editor):
    claim = make.claim(State.APPROVED, text="The army has 2,500 troops there")
    anon = app.test_client()
    assert anon.get(f"/factchecks/{claim.id}").status_code == 404
    client.post(f"/desk/review/{claim.id}/publish", data={"version": 1})
    with app.app_context():
        c = fresh(Claim, claim.id)
        assert c.state == State.PUBLISHED and c.published_at is not None
    page = anon.get(f"/factchecks/{claim.id}").get_data(as_text=True)
    canonical = f"/factchecks/{claim.id}-the-army-has-2-500-troops-there"
    assert f'<link rel="canonical" href="http://localhost{canonical}">' in page
    assert anon.get(f"/factchecks/{claim.id}-old-slug").headers["Location"].endswith(canonical)
    assert "The army has 2,500 troops there" in page and "Supported by the record." in page
    assert "The record" in page  # its source
    index = anon.get("/factchecks/").get_data(as_text=True)
    assert "The army has 2,500 troops there" in index


@pytest.mark.parametrize(
    "state", [s for s in State if s not in (State.PUBLISHED, State.CORRECTED, State.WITHDRAWN)]
)
def test_unpublished_claims_have_no_public_page(app, make, state):
    make.user(Role.ADMIN)
    claim = make.claim(state, text=f"Secret draft in state {state.value}")
    anon = app.test_client()
    assert anon.get(f"/factchecks/{claim.id}").status_code == 404
    assert "Secret draft" not in anon.get("/factchecks/").get_data(as_text=True)


def test_unpublish_leaves_a_tombstone_with_the_reason(app, client, make, editor):
    claim = make.claim(State.PUBLISHED)
    assert (
        client.post(
            f"/desk/review/{claim.id}/unpublish", data={"reason": "", "version": 1}
        ).status_code
        == 422
    )
    client.post(
        f"/desk/review/{claim.id}/unpublish",
        data={"reason": "A source was retracted.", "version": 1},
    )
    response = app.test_client().get(f"/factchecks/{claim.id}")
    assert response.status_code == 410
    assert "A source was retracted." in response.get_data(as_text=True)
    with app.app_context():
        version = fresh(Claim, claim.id).version
    client.post(f"/desk/review/{claim.id}/republish", data={"version": version})
    # Publishing again is a proposal: still gone until a second editor approves it.
    assert app.test_client().get(f"/factchecks/{claim.id}").status_code == 410
    proposal_id = _pending_proposal(app, claim.id)
    assert client.post(f"/desk/review/proposals/{proposal_id}/approve", data={}).status_code == 403
    second = app.test_client()
    login(second, make.user(Role.EDITOR))
    assert second.post(f"/desk/review/proposals/{proposal_id}/approve", data={}).status_code == 302
    assert app.test_client().get(f"/factchecks/{claim.id}").status_code == 200


def _pending_proposal(app, claim_id: int) -> int:
    with app.app_context():
        return db.session.scalar(
            select(Proposal.id).where(Proposal.claim_id == claim_id, Proposal.status == "pending")
        )


def test_correction_is_recorded_and_shown(app, client, make, editor):
    claim = make.claim(State.PUBLISHED)
    with app.app_context():
        ratings = {r.label: r.id for r in rating_scale()}
    response = client.post(
        f"/desk/review/{claim.id}/correct",
        data={
            "rating_id": ratings["Half true"],
            "summary": "Partly right.",
            "rationale": "A later figure differs.",
            "reason": "New official figures.",
            "version": 1,
        },
    )
    assert response.status_code == 302
    with app.app_context():  # proposed: nothing public changed yet
        assert fresh(Claim, claim.id).state == State.PUBLISHED
        assert db.session.scalar(select(func.count(Correction.id))) == 0
    second_editor = make.user(Role.EDITOR)
    second = app.test_client()
    login(second, second_editor)
    proposal_id = _pending_proposal(app, claim.id)
    assert second.post(f"/desk/review/proposals/{proposal_id}/approve", data={}).status_code == 302
    with app.app_context():
        c = fresh(Claim, claim.id)
        assert c.state == State.CORRECTED and c.verdict.summary == "Partly right."
        corr = db.session.scalar(select(Correction))
        assert (corr.old_rating.label, corr.new_rating.label, corr.reason, corr.editor_id) == (
            "True",
            "Half true",
            "New official figures.",
            editor.id,
        )
        assert corr.approved_by_id == second_editor.id
        assert corr.old_summary == "Supported by the record."
        assert (corr.old_rationale, corr.new_rationale) == (
            "The official record shows it.",
            "A later figure differs.",
        )
    page = (
        app.test_client()
        .get(f"/factchecks/{claim.id}", follow_redirects=True)
        .get_data(as_text=True)
    )
    assert "New official figures." in page and "from True to Half true" in page


def test_correction_needs_a_reason_and_a_change(app, client, make, editor):
    claim = make.claim(State.PUBLISHED)
    with app.app_context():
        rid = rating_scale()[0].id
    same = {
        "rating_id": rid,
        "summary": "Supported by the record.",
        "rationale": "The official record shows it.",
        "version": 1,
    }
    assert (
        client.post(f"/desk/review/{claim.id}/correct", data={**same, "reason": ""}).status_code
        == 422
    )
    response = client.post(f"/desk/review/{claim.id}/correct", data={**same, "reason": "x"})
    assert response.status_code == 422 and "Nothing changed" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Correction.id))) == 0


def test_review_desk_lists_waiting_verdicts(client, make, editor):
    make.claim(State.IN_REVIEW, text="Awaiting review claim")
    make.claim(State.APPROVED, text="Awaiting publication claim")
    page = client.get("/desk/review/").get_data(as_text=True)
    assert "Awaiting review claim" in page and "Awaiting publication claim" in page


def test_review_desk_lists_proposals_and_approves_only_from_the_claim_page(app, client, make):
    proposer, other = make.user(Role.EDITOR), make.user(Role.EDITOR)
    claim = make.claim(State.PUBLISHED, text="A published claim to correct")
    waiting = make.claim(State.IN_REVIEW, text="A verdict waiting for review")
    login(client, proposer)
    with app.app_context():
        rating = rating_scale()[2].id
    client.post(
        f"/desk/review/{claim.id}/correct",
        data={"rating_id": rating, "summary": "S2", "rationale": "R2", "reason": "Newer data."},
    )
    page = client.get("/desk/review/").get_data(as_text=True)
    assert "Proposals waiting for a second editor" in page and "Newer data." in page
    assert "another editor decides" in page  # the proposer's own
    login(client, other)
    page = client.get("/desk/review/").get_data(as_text=True)
    assert "Read and decide" in page
    # Approving means reading the claim page: the list links there, it posts nothing.
    assert f'href="/desk/claims/{waiting.id}#verdict">Read and approve' in page
    assert f"/desk/review/{waiting.id}/approve" not in page

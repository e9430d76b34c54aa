"""The four-eyes bypasses a security review found (issue: editorial integrity, A–F), each
walked as it was reported; every one of these tests fails on the code before the fix.

A second editor approves a *snapshot* of everything the public page shows; nobody who changed
any part of it since the last approval may approve it; publishing refuses any other snapshot;
corrections and republication are proposals another editor approves.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import (
    Claim,
    Correction,
    Event,
    Proposal,
    Revision,
    Role,
    Speaker,
    SpeakerKind,
    User,
)
from factcheck.site.services import rating_scale
from factcheck.workflow import State
from tests.support import approval, fresh, login


def _client(app, user: User):
    client = app.test_client()
    login(client, user)
    return client


def _ratings(app) -> dict[str, int]:
    with app.app_context():
        return {r.label: r.id for r in rating_scale()}


def _save(client, claim_id: int, *, then: str = "", **text) -> int:
    return client.post(
        f"/desk/claims/{claim_id}/verdict", data={**text, **({"then": then} if then else {})}
    ).status_code


def test_a_an_editor_cannot_approve_text_they_rewrote_after_the_checker_saves_again(app, make):
    checker, editor, second = (
        make.user(Role.CHECKER),
        make.user(Role.EDITOR),
        make.user(Role.EDITOR),
    )
    claim = make.claim(State.IN_PROGRESS, assignee=checker, with_source=True)
    rating = _ratings(app)["True"]
    as_checker, as_editor = _client(app, checker), _client(app, editor)
    draft = {"rating_id": rating, "summary": "Checker's summary.", "rationale": "Checker's why."}
    assert _save(as_checker, claim.id, **draft, verdict_version=0) == 302
    rewrite = {"rating_id": rating, "summary": "Editor's summary.", "rationale": "Editor's why."}
    assert _save(as_editor, claim.id, **rewrite, verdict_version=1) == 302
    # The checker clicks "Save and submit" without changing anything: last editor is them.
    assert _save(as_checker, claim.id, **rewrite, verdict_version=2, then="submit") == 302
    with app.app_context():
        assert fresh(Claim, claim.id).state == State.IN_REVIEW
    page = as_editor.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
    assert "Approve verdict" not in page and "four-eyes" in page
    refused = as_editor.post(f"/desk/review/{claim.id}/approve", data=approval(app, claim.id))
    assert refused.status_code == 403 and "four-eyes" in refused.get_data(as_text=True)
    with app.app_context():
        assert fresh(Claim, claim.id).state == State.IN_REVIEW
    ok = _client(app, second).post(f"/desk/review/{claim.id}/approve", data=approval(app, claim.id))
    assert ok.status_code == 302
    with app.app_context():
        assert fresh(Claim, claim.id).state == State.APPROVED


def _propose(client, app, claim_id: int, **change) -> int:
    data = {
        "rating_id": _ratings(app)["False"],
        "summary": "It was never true.",
        "rationale": "A new record contradicts it.",
        "reason": "A newer record.",
        **change,
    }
    return client.post(f"/desk/review/{claim_id}/correct", data=data).status_code


def _pending(app, claim_id: int) -> int | None:
    with app.app_context():
        return db.session.scalar(
            select(Proposal.id).where(Proposal.claim_id == claim_id, Proposal.status == "pending")
        )


@pytest.mark.parametrize("who", ["a fresh editor", "the verdict's author"])
def test_b_one_editor_cannot_rewrite_a_published_verdict_alone(app, make, who):
    author, second = make.user(Role.EDITOR), make.user(Role.EDITOR)
    claim = make.claim(State.PUBLISHED, author=author)
    proposer = author if who == "the verdict's author" else make.user(Role.EDITOR)
    as_proposer = _client(app, proposer)
    assert _propose(as_proposer, app, claim.id) == 302
    public = app.test_client().get(f"/factchecks/{claim.id}", follow_redirects=True)
    text = public.get_data(as_text=True)
    assert "It was never true." not in text and "Supported by the record." in text
    proposal = _pending(app, claim.id)
    assert proposal is not None
    own = as_proposer.post(f"/desk/review/proposals/{proposal}/approve", data={})
    assert own.status_code == 403 and "four-eyes" in own.get_data(as_text=True)
    assert (
        _client(app, second).post(f"/desk/review/proposals/{proposal}/approve").status_code == 302
    )
    text = app.test_client().get(f"/factchecks/{claim.id}", follow_redirects=True).get_data(True)
    assert "It was never true." in text and "approved for publication by an editor" in text.lower()
    with app.app_context():
        correction = db.session.scalar(select(Correction))
        assert (correction.editor_id, correction.approved_by_id) == (proposer.id, second.id)


def test_c_typo_fixes_add_up_against_the_approved_text_and_are_kept(app, make):
    editor = make.user(Role.EDITOR)
    claim = make.claim(State.PUBLISHED)
    client = _client(app, editor)
    with app.app_context():
        summary = fresh(Claim, claim.id).verdict.summary

    def fix(rationale: str) -> int:
        return client.post(
            f"/desk/review/{claim.id}/fix-typo",
            data={"summary": summary, "rationale": rationale, "version": _version(app, claim.id)},
        ).status_code

    assert fix("The oficial record shows it.") == 302  # one word, a real typo
    # Each step below changes at most three words of the text before it; together they
    # rewrite it, which only a correction may do.
    assert fix("The oficial record shows thus.") in (302, 422)
    assert fix("The oficial recor show thus.") == 422
    with app.app_context():
        revisions = list(
            db.session.scalars(
                select(Revision).where(Revision.claim_id == claim.id).order_by(Revision.number)
            )
        )
        # The text before the first fix is still there, word for word.
        texts = [r.snapshot["verdict"]["rationale"] for r in revisions]
        assert texts[0] == "The official record shows it."
        assert "The oficial record shows it." in texts


def _version(app, claim_id: int) -> int:
    with app.app_context():
        return fresh(Claim, claim_id).version


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("accurate", "inaccurate"),
        ("correct", "incorrect"),
        ("right", "wrong"),
        ("million", "billion"),
        ("increased", "decreased"),
        ("Nobody", "Everybody"),
    ],
)
def test_c_a_typo_fix_cannot_reverse_meaning(app, make, old, new):
    editor = make.user(Role.EDITOR)
    rationale = f"The figure was {old} by the ministry, the record shows."
    claim = _published_with(app, make, rationale)
    with app.app_context():
        summary = fresh(Claim, claim.id).verdict.summary
    response = _client(app, editor).post(
        f"/desk/review/{claim.id}/fix-typo",
        data={
            "summary": summary,
            "rationale": rationale.replace(old, new),
            "version": _version(app, claim.id),
        },
    )
    assert response.status_code == 422 and new in response.get_data(as_text=True)
    with app.app_context():
        assert fresh(Claim, claim.id).verdict.rationale == rationale


def _published_with(app, make, rationale: str) -> Claim:
    """A published claim whose approved rationale is `rationale`."""
    from factcheck.revisions import allow_public_change, sync

    claim = make.claim(State.PUBLISHED)
    with app.app_context():
        c = fresh(Claim, claim.id)
        allow_public_change("test set-up")
        c.verdict.rationale = rationale
        c.verdict.approved_revision = sync(c).number
        db.session.commit()
    return claim


def test_d_a_source_added_after_review_began_voids_the_approval_form(app, make):
    checker, outsider, editor = (
        make.user(Role.CHECKER),
        make.user(Role.CHECKER),
        make.user(Role.EDITOR),
    )
    claim = make.claim(State.IN_REVIEW, assignee=checker)
    read = approval(app, claim.id)  # the editor opens the claim
    fabricated = {"url": "https://fabricated.example/proof", "kind": "other"}
    # A checker not assigned to the claim may no longer add to it once it is in review...
    assert (
        _client(app, outsider).post(f"/desk/claims/{claim.id}/sources", data=fabricated).status_code
        == 403
    )
    # ...and a source its own checker adds changes what the approval must cover.
    assert (
        _client(app, checker).post(f"/desk/claims/{claim.id}/sources", data=fabricated).status_code
        == 302
    )
    stale = _client(app, editor).post(f"/desk/review/{claim.id}/approve", data=read)
    assert stale.status_code == 409 and "changed since you read it" in stale.get_data(as_text=True)
    with app.app_context():
        assert fresh(Claim, claim.id).state == State.IN_REVIEW


def test_d_anything_changed_after_approval_sends_it_back_and_publish_refuses(app, make):
    editor = make.user(Role.EDITOR)
    claim = make.claim(State.APPROVED)
    with app.app_context():
        # Any writer at all (here the ORM, as a script would) changes an approved source.
        source = fresh(Claim, claim.id).sources[0]
        source.excerpt = "A fabricated quotation."
        db.session.commit()
        assert fresh(Claim, claim.id).state == State.IN_REVIEW
        assert db.session.scalar(select(Event.action).order_by(Event.id.desc())) == "reopen"
    response = _client(app, editor).post(
        f"/desk/review/{claim.id}/publish", data={"version": _version(app, claim.id)}
    )
    assert response.status_code == 403  # back in review: nothing approved to publish
    assert app.test_client().get(f"/factchecks/{claim.id}").status_code == 404


def _kirby(app, make) -> Claim:
    claim = make.claim(State.PUBLISHED)
    with app.app_context():
        speaker = Speaker(
            name="John Kirby", key="john kirby", kind=SpeakerKind.PERSON, role="Pentagon spokesman"
        )
        db.session.add(speaker)
        c = fresh(Claim, claim.id)
        from factcheck.claims.speakers import set_speakers
        from factcheck.revisions import allow_public_change

        allow_public_change("test set-up")
        set_speakers(c, [speaker])
        db.session.commit()
    return claim


def test_e_an_unrelated_article_cannot_rewrite_a_published_speaker(app, make):
    claim = _kirby(app, make)
    checker = make.user(Role.CHECKER)
    client = _client(app, checker)
    body = (
        "John Kirby, a convicted fraudster, said on Monday that 400 crates had gone missing "
        "from the port. Police said the inquiry would take months."
    )
    assert (
        client.post("/desk/articles/new", data={"title": "Port", "body": body}).status_code == 302
    )
    api = app.test_client().get(f"/api/v1/claimreviews/{claim.id}").get_json()
    author = api["itemReviewed"]["author"]
    assert author["jobTitle"] == "Pentagon spokesman"
    with app.app_context():
        assert db.session.scalar(select(Speaker.role).where(Speaker.key == "john kirby")) == (
            "Pentagon spokesman"
        )


def test_e_speaker_details_change_only_by_an_editor_audited_and_versioned(app, make):
    claim = _kirby(app, make)
    with app.app_context():
        speaker_id = db.session.scalar(select(Speaker.id).where(Speaker.key == "john kirby"))
    data = {"name": "John Kirby", "kind": "person", "role": "Pentagon press secretary"}
    checker, editor = make.user(Role.CHECKER), make.user(Role.EDITOR)
    assert _client(app, checker).post(f"/desk/speakers/{speaker_id}", data=data).status_code == 403
    anon = app.test_client()
    before = anon.get(f"/factchecks/{claim.id}", follow_redirects=True)
    assert _client(app, editor).post(f"/desk/speakers/{speaker_id}", data=data).status_code == 302
    after = anon.get(
        f"/factchecks/{claim.id}",
        headers={"If-None-Match": before.headers["ETag"]},
        follow_redirects=True,
    )
    assert after.status_code == 200 and "Pentagon press secretary" in after.get_data(as_text=True)
    api = anon.get(f"/api/v1/claimreviews/{claim.id}").get_json()
    assert api["itemReviewed"]["author"]["jobTitle"] == "Pentagon press secretary"
    with app.app_context():
        event = db.session.scalar(
            select(Event).where(Event.claim_id == claim.id, Event.action == "speaker_edited")
        )
        assert event.actor_id == editor.id
        assert event.data["changes"]["role"] == ["Pentagon spokesman", "Pentagon press secretary"]


def test_f_an_approval_must_name_the_version_it_read(app, make):
    editor = make.user(Role.EDITOR)
    claim = make.claim(State.IN_REVIEW)
    client = _client(app, editor)
    bare = client.post(f"/desk/review/{claim.id}/approve", data={"version": claim.version})
    assert bare.status_code == 422 and "which version you read" in bare.get_data(as_text=True)
    with app.app_context():
        assert fresh(Claim, claim.id).state == State.IN_REVIEW
        assert db.session.scalar(select(func.count(Event.id)).where(Event.action == "approve")) == 0

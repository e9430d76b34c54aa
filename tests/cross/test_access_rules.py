"""Access control by route x role x state, and IDs in URLs checked, not trusted (issue #6).

tests/cross/test_access.py proves every route refuses roles below its minimum. Here every claim
action is tried in every claim state by each kind of person: the checker it is assigned to,
another checker, an editor and an admin. The expectation is written out from the rules in the
README (who may do what), with the workflow table saying from which states an action starts;
a refusal must be a 403 that changes nothing.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Claim, Event, Role, Source
from factcheck.workflow import PUBLIC_STATES, REWORD_STATES, TRANSITIONS, TRIAGE_STATES, State
from tests.support import approval, fresh, login

PERSONS = ("assignee", "other_checker", "editor", "admin")
STAFF = set(PERSONS)
OWNER = {"assignee", "editor", "admin"}  # the claim's checker, or any editor
EDITORS = {"editor", "admin"}


def from_states(action: str) -> set[State]:
    return {t.source for t in TRANSITIONS if t.action == action}


# endpoint, url arguments, form data, states it may start from, who may
RULES = [
    ("claims.act", {"action": "accept"}, {}, from_states("accept"), STAFF),
    ("claims.act", {"action": "dismiss"}, {}, from_states("dismiss"), STAFF),
    ("claims.act", {"action": "restore"}, {}, from_states("restore"), STAFF),
    ("claims.act", {"action": "take"}, {}, from_states("take"), STAFF),
    ("claims.act", {"action": "release"}, {}, from_states("release"), OWNER),
    ("claims.act", {"action": "submit"}, {}, from_states("submit"), OWNER),
    ("claims.act", {"action": "recall"}, {}, from_states("recall"), OWNER),
    ("claims.act", {"action": "resume"}, {}, from_states("resume"), OWNER),
    (
        "claims.edit",
        {},
        {"text": "Reworded claim", "kind": "statement"},
        set(TRIAGE_STATES) | set(REWORD_STATES),
        # Anyone in triage; after that whoever holds it (and editors) until approval.
        {s: (STAFF if s in TRIAGE_STATES else OWNER) for s in State},
    ),
    (
        "claims.speakers",
        {},
        {"names": "Jane Doe"},
        set(TRIAGE_STATES) | set(REWORD_STATES),
        {s: (STAFF if s in TRIAGE_STATES else OWNER) for s in State},
    ),
    ("claims.split", {}, {"at": 10}, {State.CANDIDATE, State.QUEUED}, STAFF),
    (
        "claims.save_verdict",
        {},
        {"summary": "Draft", "rationale": "Because"},
        {State.IN_PROGRESS, State.RETURNED, State.APPROVED},
        OWNER,
    ),
    (
        "claims.add_source",
        {},
        {"url": "https://example.org/new", "kind": "other"},
        {State.QUEUED, State.IN_PROGRESS, State.RETURNED, State.IN_REVIEW},
        # Anyone helps while it is written; in review only whoever holds it, and editors.
        {s: (OWNER if s == State.IN_REVIEW else STAFF) for s in State},
    ),
    ("review.approve", {}, {}, from_states("approve"), EDITORS),
    ("review.return_", {}, {"note": "Needs a second source."}, from_states("return"), EDITORS),
    ("review.publish", {}, {}, from_states("publish"), EDITORS),
    ("review.unpublish", {}, {"reason": "Re-checking."}, from_states("unpublish"), EDITORS),
    ("review.republish", {}, {}, from_states("republish"), EDITORS),
    (
        "review.correct",
        {},
        {"rating_id": 0, "summary": "S", "rationale": "R", "reason": "Fix"},
        set(PUBLIC_STATES),
        EDITORS,
    ),
]
CASES = [
    (
        endpoint,
        args,
        data,
        state,
        (who[state] if isinstance(who, dict) else who) if state in states else set(),
    )
    for endpoint, args, data, states, who in RULES
    for state in State
]


def case_id(case) -> str:
    endpoint, args, _, state, _ = case
    return f"{args.get('action', endpoint)}-{state.value}"


def snapshot(app, claim_id):
    with app.app_context():
        claim = fresh(Claim, claim_id)
        events = db.session.scalar(select(func.count(Event.id)))
        sources = db.session.scalar(select(func.count(Source.id)))
        return (
            claim.state,
            claim.version,
            claim.text,
            events,
            sources,
            claim.verdict.version if claim.verdict else None,
        )


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_claim_action_by_role_and_state(app, make, case):
    endpoint, args, data, state, allowed = case
    people = {
        "assignee": make.user(Role.CHECKER),
        "other_checker": make.user(Role.CHECKER),
        "editor": make.user(Role.EDITOR),
        "admin": make.user(Role.ADMIN),
    }
    from flask import url_for

    def make_url(claim):
        with app.test_request_context():
            return url_for(endpoint, claim_id=claim.id, **args)

    for person in PERSONS:
        claim = make.claim(state, assignee=people["assignee"], with_source=True)
        client = app.test_client()
        login(client, people[person])
        before = snapshot(app, claim.id)
        response = client.post(make_url(claim), data={**data, "version": before[1]})
        if person in allowed:
            assert response.status_code != 403, (person, response.status_code)
            assert response.status_code < 500
        else:
            assert response.status_code == 403, (person, response.status_code)
            assert snapshot(app, claim.id) == before, f"{person}'s refused request changed data"


def test_rules_cover_every_workflow_action():
    actions = {t.action for t in TRANSITIONS} - {"reopen"}  # reopen only follows an edit
    covered = {
        args.get("action") or endpoint.split(".")[1].rstrip("_") for endpoint, args, *_ in RULES
    }
    assert actions - covered == set()


# --- IDs in URLs are checked, not trusted ------------------------------------------------------


def test_checker_cannot_delete_another_checkers_source(app, client, make, as_role):
    owner = make.user(Role.CHECKER)
    claim = make.claim(State.IN_PROGRESS, assignee=owner)
    with app.app_context():
        source = Source(claim_id=claim.id, url="https://example.org/theirs", added_by_id=owner.id)
        db.session.add(source)
        db.session.commit()
        source_id = source.id
    as_role(Role.CHECKER)
    assert client.post(f"/desk/claims/sources/{source_id}/delete").status_code == 403
    with app.app_context():
        assert db.session.get(Source, source_id) is not None
    login(client, owner)
    assert client.post(f"/desk/claims/sources/{source_id}/delete").status_code == 302


def test_checker_cannot_reassign_someone_elses_claim(app, client, make, as_role):
    owner = make.user(Role.CHECKER)
    claim = make.claim(State.IN_PROGRESS, assignee=owner)
    me = as_role(Role.CHECKER)
    response = client.post(
        f"/desk/claims/{claim.id}/assign", data={"assignee_id": me.id, "version": claim.version}
    )
    assert response.status_code == 403
    with app.app_context():
        assert fresh(Claim, claim.id).assignee_id == owner.id


def test_bulk_assign_skips_claims_that_are_not_yours(app, client, make, as_role):
    owner = make.user(Role.CHECKER)
    theirs = make.claim(State.IN_PROGRESS, assignee=owner)
    queued = make.claim(State.QUEUED)
    me = as_role(Role.CHECKER)
    client.post(
        "/desk/claims/bulk-assign", data={"assignee_id": me.id, "claim_id": [theirs.id, queued.id]}
    )
    with app.app_context():
        assert fresh(Claim, theirs.id).assignee_id == owner.id
        assert fresh(Claim, queued.id).assignee_id == me.id


def test_cannot_assign_to_a_deactivated_account(app, client, make, as_role):
    gone = make.user(Role.CHECKER, active=False)
    claim = make.claim(State.QUEUED)
    as_role(Role.EDITOR)
    client.post(
        f"/desk/claims/{claim.id}/assign", data={"assignee_id": gone.id, "version": claim.version}
    )
    with app.app_context():
        assert fresh(Claim, claim.id).assignee_id is None


def test_editor_cannot_approve_own_verdict_by_posting_directly(app, client, make):
    author = make.user(Role.EDITOR)
    claim = make.claim(State.IN_REVIEW, author=author)
    login(client, author)
    response = client.post(f"/desk/review/{claim.id}/approve", data=approval(app, claim.id))
    assert response.status_code == 403 and "four-eyes" in response.get_data(as_text=True)
    with app.app_context():
        assert fresh(Claim, claim.id).state == State.IN_REVIEW


# --- Who touched the snapshot: nobody who changed what the page shows approves it ------------

# How an editor can change part of what a claim in review would publish.
TOUCHES = {
    "verdict": lambda c, cid, app: c.post(
        f"/desk/claims/{cid}/verdict",
        data={
            "rating_id": _rating(app),
            "summary": "Edited summary.",
            "rationale": "Edited rationale.",
            "verdict_version": _verdict_version(app, cid),
        },
    ),
    "source": lambda c, cid, app: c.post(
        f"/desk/claims/{cid}/sources", data={"url": "https://example.org/added", "kind": "other"}
    ),
    "wording": lambda c, cid, app: c.post(
        f"/desk/claims/{cid}/edit", data={"text": "A reworded claim", "kind": "statement"}
    ),
    "speakers": lambda c, cid, app: c.post(
        f"/desk/claims/{cid}/speakers", data={"names": "Jane Doe\nJohn Roe"}
    ),
    "article": lambda c, cid, app: c.post(
        f"/desk/articles/{_article_of(app, cid)}/edit", data={"title": "A fixed headline"}
    ),
}


def _rating(app) -> int:
    from factcheck.site.services import rating_scale

    with app.app_context():
        return rating_scale()[1].id


def _verdict_version(app, claim_id: int) -> int:
    with app.app_context():
        return fresh(Claim, claim_id).verdict.version


def _article_of(app, claim_id: int) -> int:
    with app.app_context():
        return fresh(Claim, claim_id).article_id


@pytest.mark.parametrize("touch", sorted(TOUCHES))
def test_whoever_touched_the_snapshot_cannot_approve_it(app, make, touch):
    """An editor changes one part of a returned claim, its checker submits it again (so the
    verdict's last editor is the checker): that editor still cannot approve it."""
    checker = make.user(Role.CHECKER)
    claim = make.claim(State.RETURNED, assignee=checker)
    toucher, fresh_editor = make.user(Role.EDITOR), make.user(Role.EDITOR)
    as_toucher, as_checker = app.test_client(), app.test_client()
    login(as_toucher, toucher)
    login(as_checker, checker)
    before = approval(app, claim.id)
    assert TOUCHES[touch](as_toucher, claim.id, app).status_code in (302, 303)
    after = approval(app, claim.id)
    assert after["snapshot"] != before["snapshot"], f"{touch} is part of what is approved"
    submitted = as_checker.post(
        f"/desk/claims/{claim.id}/do/submit", data={"version": after["version"]}
    )
    assert submitted.status_code == 302
    read = approval(app, claim.id)
    refused = as_toucher.post(f"/desk/review/{claim.id}/approve", data=read)
    assert refused.status_code == 403 and "four-eyes" in refused.get_data(as_text=True)
    page = as_toucher.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
    assert "Approve verdict" not in page and "four-eyes" in page
    as_other = app.test_client()
    login(as_other, fresh_editor)
    assert as_other.post(f"/desk/review/{claim.id}/approve", data=read).status_code == 302
    with app.app_context():
        assert fresh(Claim, claim.id).state == State.APPROVED

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
from factcheck.models import Claim, Event, Role, Source, User
from factcheck.workflow import PUBLIC_STATES, TRANSITIONS, State
from tests.support import fresh, login

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
        {State.CANDIDATE, State.QUEUED},
        STAFF,
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
        STAFF,
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
    (endpoint, args, data, state, who if state in states else set())
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
    assert (
        client.post(f"/desk/review/{claim.id}/approve", data={"version": claim.version}).status_code
        == 403
    )
    with app.app_context():
        assert fresh(Claim, claim.id).state == State.IN_REVIEW


@pytest.mark.parametrize(
    "url", ["/desk/admin/users/{other}", "/desk/admin/ratings/1", "/desk/admin/audit?actor={other}"]
)
def test_non_admins_cannot_read_other_accounts(app, client, make, as_role, url):
    other = make.user(Role.ADMIN)
    as_role(Role.EDITOR)
    assert client.get(url.format(other=other.id)).status_code == 403


@pytest.mark.parametrize("state", [s for s in State if s not in (*PUBLIC_STATES, State.WITHDRAWN)])
def test_unpublished_claims_are_not_public_by_id(app, client, make, state):
    claim = make.claim(state, text="Secret draft claim text")
    make.user(Role.ADMIN)
    response = client.get(f"/factchecks/{claim.id}")
    assert response.status_code == 404
    assert "Secret draft" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "url", ["/desk/claims/999999", "/desk/articles/999999", "/desk/admin/users/999999"]
)
def test_unknown_ids_are_404_not_errors(client, as_role, url):
    as_role(Role.ADMIN)
    assert client.get(url).status_code == 404


def test_account_page_shows_only_ones_own_account(app, client, make, as_role):
    other = make.user(Role.EDITOR, email="other@example.org")
    as_role(Role.CHECKER)
    page = client.get("/account", query_string={"user": other.id, "user_id": other.id})
    assert "other@example.org" not in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(User.totp_secret).where(User.id == other.id)) is None

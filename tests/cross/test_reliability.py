"""Reliability (issue #6): one transaction per request, no half state after a crash between two
writes, concurrent edits and approvals detected, approvals bound to the version read."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event, func, select, update

from factcheck.extensions import db
from factcheck.models import Claim, Event, Role, Source, Verdict
from factcheck.workflow import State
from tests.support import approval, fresh, login


def claim_version(app, claim_id):
    with app.app_context():
        return fresh(Claim, claim_id).version


def verdict_of(app, claim_id) -> Verdict:
    with app.app_context():
        verdict = fresh(Claim, claim_id).verdict
        db.session.expunge(verdict)
        return verdict


def count(app, model, *where):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


# --- One transaction per request; no half state --------------------------------------------------


@pytest.fixture
def crash_on_second_audit_row(monkeypatch):
    """Make the second audit row of a request raise, after the first write was flushed."""
    import factcheck.audit

    real = factcheck.audit.Event
    calls = {"n": 0}

    def failing(*args, **kw):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("injected fault between two writes")
        return real(*args, **kw)

    monkeypatch.setattr(factcheck.audit, "Event", failing)
    return calls


@pytest.fixture
def no_propagation(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.testing = False
    yield
    app.testing = True


def test_crash_mid_split_leaves_nothing_behind(
    app, client, make, as_role, no_propagation, crash_on_second_audit_row
):
    claim = make.claim(State.CANDIDATE)
    as_role(Role.CHECKER)
    before = (count(app, Claim), count(app, Event))
    response = client.post(f"/desk/claims/{claim.id}/split", data={"at": 20})
    assert response.status_code == 500
    assert crash_on_second_audit_row["n"] == 2  # the fault came after the first write
    assert (count(app, Claim), count(app, Event)) == before
    with app.app_context():
        again = fresh(Claim, claim.id)
        assert (again.end, again.text, again.version) == (claim.end, claim.text, claim.version)


def test_crash_between_saving_and_submitting_keeps_neither(
    app, client, make, as_role, no_propagation, crash_on_second_audit_row
):
    checker = as_role(Role.CHECKER)
    claim = make.claim(State.IN_PROGRESS, assignee=checker, with_source=True)
    with app.app_context():
        from factcheck.site.services import rating_scale

        rating = rating_scale()[0].id
    response = client.post(
        f"/desk/claims/{claim.id}/verdict",
        data={
            "rating_id": rating,
            "summary": "New summary",
            "rationale": "New rationale",
            "verdict_version": 0,
            "then": "submit",
        },
    )
    assert response.status_code == 500
    with app.app_context():
        again = fresh(Claim, claim.id)
        assert again.state == State.IN_PROGRESS and again.verdict is None
    assert count(app, Event) == 0


def test_crash_mid_approval_leaves_the_claim_in_review(
    app, client, make, as_role, no_propagation, monkeypatch
):
    claim = make.claim(State.IN_REVIEW)
    as_role(Role.EDITOR)
    import factcheck.review.services as review

    monkeypatch.setattr(
        review,
        "utcnow",
        lambda: (_ for _ in ()).throw(RuntimeError("injected fault after the state change")),
    )
    response = client.post(f"/desk/review/{claim.id}/approve", data=approval(app, claim.id))
    assert response.status_code == 500
    with app.app_context():
        again = fresh(Claim, claim.id)
        assert again.state == State.IN_REVIEW and again.verdict.approved_by_id is None
    assert count(app, Event, Event.action == "approve") == 0


def test_each_request_commits_at_most_once(app, client, make, as_role):
    """Walk a claim through the desk and count COMMITs per request."""
    checker = as_role(Role.CHECKER)
    claim = make.claim(State.QUEUED)
    commits = []
    with app.app_context():
        engine = db.engine

    def on_commit(conn):
        commits.append(1)

    event.listen(engine, "commit", on_commit)
    try:

        def post(url, data):
            commits.clear()
            response = client.post(url, data=data)
            assert response.status_code in (200, 302), (url, response.status_code)
            assert len(commits) <= 1, f"{url} committed {len(commits)} times"

        post(f"/desk/claims/{claim.id}/do/take", {"version": claim_version(app, claim.id)})
        post(f"/desk/claims/{claim.id}/sources", {"url": "https://example.org/a", "kind": "other"})
        post(f"/desk/claims/{claim.id}/comments", {"body": "Checked the record."})
        with app.app_context():
            from factcheck.site.services import rating_scale

            rating = rating_scale()[0].id
        post(
            f"/desk/claims/{claim.id}/verdict",
            {
                "rating_id": rating,
                "summary": "S",
                "rationale": "R",
                "verdict_version": 0,
                "then": "submit",
            },
        )
        login(client, make.user(Role.EDITOR))
        post(f"/desk/review/{claim.id}/approve", approval(app, claim.id))
        post(f"/desk/review/{claim.id}/publish", {"version": claim_version(app, claim.id)})
    finally:
        event.remove(engine, "commit", on_commit)
    assert checker is not None
    assert count(app, Claim, Claim.state == State.PUBLISHED) == 1


# --- Concurrency --------------------------------------------------------------------------------


def test_two_editors_approving_at_once_make_one_approval(app, make):
    claim = make.claim(State.IN_REVIEW)
    read = approval(app, claim.id)
    clients = []
    for _ in range(2):
        client = app.test_client()
        login(client, make.user(Role.EDITOR))
        clients.append(client)
    barrier = threading.Barrier(2)
    results = []

    def approve(client):
        barrier.wait()
        response = client.post(f"/desk/review/{claim.id}/approve", data=read, follow_redirects=True)
        results.append(response.get_data(as_text=True))

    threads = [threading.Thread(target=approve, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(results) == 2
    assert sum("Verdict approved" in r for r in results) == 1
    assert count(app, Event, Event.action == "approve") == 1
    with app.app_context():
        assert fresh(Claim, claim.id).state == State.APPROVED


def test_stale_approval_form_is_refused(app, client, make, as_role):
    claim = make.claim(State.IN_REVIEW)
    read = approval(app, claim.id)
    first = app.test_client()
    login(first, make.user(Role.EDITOR))
    assert first.post(f"/desk/review/{claim.id}/approve", data=read).status_code == 302
    as_role(Role.EDITOR)
    page = client.post(
        f"/desk/review/{claim.id}/approve", data=read, follow_redirects=True
    ).get_data(as_text=True)
    assert "changed since you opened it" in page
    assert count(app, Event, Event.action == "approve") == 1


def test_concurrent_verdict_edit_is_reported_with_the_other_text(app, client, make, as_role):
    checker = as_role(Role.CHECKER)
    claim = make.claim(State.IN_PROGRESS, assignee=checker)
    editor = app.test_client()
    login(editor, make.user(Role.EDITOR))
    assert (
        editor.post(
            f"/desk/claims/{claim.id}/verdict",
            data={
                "summary": "Editor's summary",
                "rationale": "Editor's words",
                "verdict_version": 0,
            },
        ).status_code
        == 302
    )
    response = client.post(
        f"/desk/claims/{claim.id}/verdict",
        data={"summary": "Checker's summary", "rationale": "Checker's words", "verdict_version": 0},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Editor&#39;s words" in page and "Checker&#39;s words" in page
    assert verdict_of(app, claim.id).rationale == "Editor's words"


# --- Approval bound to the version read ---------------------------------------------------------


def test_approval_of_a_verdict_changed_since_it_was_read_is_refused(app, client, make, as_role):
    claim = make.claim(State.IN_REVIEW)
    read = approval(app, claim.id)["snapshot"]
    with app.app_context():  # someone changes the verdict behind the editor's back
        db.session.execute(
            update(Verdict)
            .where(Verdict.claim_id == claim.id)
            .values(summary="Changed meanwhile", version=Verdict.version + 1)
        )
        db.session.commit()
    as_role(Role.EDITOR)
    page = client.post(
        f"/desk/review/{claim.id}/approve",
        data={"version": claim_version(app, claim.id), "snapshot": read},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "changed since you read it" in page
    with app.app_context():
        assert fresh(Claim, claim.id).state == State.IN_REVIEW


def test_approve_button_carries_the_digest_of_what_was_read(app, client, make, as_role):
    claim = make.claim(State.IN_REVIEW)
    as_role(Role.EDITOR)
    page = client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
    digest = approval(app, claim.id)["snapshot"]
    assert f'name="snapshot" value="{digest}"' in page


def test_editing_after_approval_sends_it_back_for_approval(app, client, make, as_role):
    checker = make.user(Role.CHECKER)
    claim = make.claim(State.IN_REVIEW, assignee=checker)
    approver = app.test_client()
    login(approver, make.user(Role.EDITOR))
    approver.post(f"/desk/review/{claim.id}/approve", data=approval(app, claim.id))
    with app.app_context():
        assert fresh(Claim, claim.id).state == State.APPROVED
    login(client, checker)
    page = client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
    assert "Saving sends the verdict back for approval" in page
    verdict = verdict_of(app, claim.id)
    response = client.post(
        f"/desk/claims/{claim.id}/verdict",
        data={
            "rating_id": verdict.rating_id,
            "summary": "A sharper summary",
            "rationale": verdict.rationale,
            "verdict_version": verdict.version,
        },
    )
    assert response.status_code == 302
    with app.app_context():
        again = fresh(Claim, claim.id)
        assert again.state == State.IN_REVIEW
        assert again.verdict.approved_by_id is None and again.verdict.approved_version is None
        moves = [
            (e.action, e.from_state, e.to_state)
            for e in db.session.scalars(
                select(Event)
                .where(Event.claim_id == claim.id, Event.to_state.is_not(None))
                .order_by(Event.id)
            )
        ]
    assert moves[-1] == ("reopen", "approved", "in_review")
    # The approver cannot publish the old approval any more.
    response = approver.post(
        f"/desk/review/{claim.id}/publish", data={"version": claim_version(app, claim.id)}
    )
    assert response.status_code == 403


def test_publish_refuses_a_verdict_changed_after_approval(app, client, make, as_role):
    claim = make.claim(State.IN_REVIEW)
    first = app.test_client()
    login(first, make.user(Role.EDITOR))
    first.post(f"/desk/review/{claim.id}/approve", data=approval(app, claim.id))
    with app.app_context():  # a writer that bypasses the services
        db.session.execute(
            update(Verdict)
            .where(Verdict.claim_id == claim.id)
            .values(rationale="Quietly changed", version=Verdict.version + 1)
        )
        db.session.commit()
    as_role(Role.EDITOR)
    page = client.post(
        f"/desk/review/{claim.id}/publish",
        data={"version": claim_version(app, claim.id)},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "needs approval again" in page
    with app.app_context():
        assert fresh(Claim, claim.id).state == State.APPROVED
    assert count(app, Event, Event.action == "publish") == 0


def test_publish_of_the_approved_version_goes_through(app, client, make, as_role):
    claim = make.claim(State.IN_REVIEW)
    as_role(Role.EDITOR)
    client.post(
        f"/desk/review/{claim.id}/approve",
        data=approval(app, claim.id),
    )
    with app.app_context():
        verdict = fresh(Claim, claim.id).verdict
        assert verdict.approved_version == verdict.version
    assert (
        client.post(
            f"/desk/review/{claim.id}/publish", data={"version": claim_version(app, claim.id)}
        ).status_code
        == 302
    )
    assert count(app, Claim, Claim.state == State.PUBLISHED) == 1


def test_sources_survive_a_refused_save(app, client, make, as_role):
    checker = as_role(Role.CHECKER)
    claim = make.claim(State.IN_PROGRESS, assignee=checker, with_source=True)
    client.post(
        f"/desk/claims/{claim.id}/verdict",
        data={"rating_id": 999999, "summary": "x", "verdict_version": 0},
    )
    assert count(app, Source, Source.claim_id == claim.id) == 1

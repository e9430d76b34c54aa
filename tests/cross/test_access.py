"""Deny by default: every staff route for every role, anonymous included."""

from __future__ import annotations

import pytest

from factcheck.models import Role
from factcheck.workflow import State
from tests.support import login

ROLES = [None, Role.CHECKER, Role.EDITOR, Role.ADMIN]
RANK = {Role.CHECKER: 0, Role.EDITOR: 1, Role.ADMIN: 2}


def _article(make, user):
    return {"article_id": make.article().id}


def _claim(state, own=False, author_other=False):
    def setup(make, user):
        kw = {}
        if own and user is not None:
            kw["assignee"] = user
        if author_other:
            kw["author"] = make.user(Role.CHECKER)
        return {"claim_id": make.claim(state, **kw).id}

    return setup


def _source(make, user):
    from factcheck.extensions import db
    from factcheck.models import Source

    claim = make.claim(State.QUEUED)
    with make.app.app_context():
        source = Source(
            claim_id=claim.id, url="https://example.org/s", added_by_id=user.id if user else None
        )
        db.session.add(source)
        db.session.commit()
        return {"source_id": source.id}


def _job(make, user):
    from factcheck.extensions import db
    from factcheck.models import Job

    with make.app.app_context():
        job = Job(kind="ingest", subject_id=None, message="Waiting for a worker…")
        db.session.add(job)
        db.session.commit()
        return {"job_id": job.id}


def _user(make, user):
    return {"user_id": make.user(Role.CHECKER).id}


def _none(make, user):
    return {}


def _speaker(make, user):
    from factcheck.extensions import db
    from factcheck.models import Speaker

    with make.app.app_context():
        make.n += 1
        speaker = Speaker(name=f"Speaker {make.n}", key=f"speaker {make.n}")
        db.session.add(speaker)
        db.session.commit()
        return {"speaker_id": speaker.id}


def _proposal(make, user):
    """A correction another editor proposed, waiting for a second one."""
    from factcheck.extensions import db
    from factcheck.models import Claim, User
    from factcheck.review.services import propose_correction
    from factcheck.site.services import rating_scale

    claim = make.claim(State.PUBLISHED)
    proposer = make.user(Role.EDITOR)
    with make.app.app_context():
        proposal = propose_correction(
            db.session.get(Claim, claim.id),
            db.session.get(User, proposer.id),
            rating_id=rating_scale()[1].id,
            summary="Changed.",
            rationale="Changed because.",
            reason="New facts.",
        )
        db.session.commit()
        return {"proposal_id": proposal.id}


def _own_notification(make, user):
    """A notification of the signed-in user (others' are refused: tests/notifications)."""
    from factcheck.extensions import db
    from factcheck.models import Channel, Notification, NotificationEvent

    claim = make.claim(State.QUEUED)
    owner = user or make.user(Role.CHECKER)
    with make.app.app_context():
        notification = Notification(
            user_id=owner.id,
            claim_id=claim.id,
            event=NotificationEvent.ASSIGNED,
            channel=Channel.IN_APP,
        )
        db.session.add(notification)
        db.session.commit()
        return {"notification_id": notification.id}


def _webhook(make, user):
    from factcheck.extensions import db
    from factcheck.models import Webhook

    with make.app.app_context():
        hook = Webhook(name="Desk", url="https://hooks.example.org/x", secret="0" * 64)
        db.session.add(hook)
        db.session.commit()
        return {"webhook_id": hook.id}


def _article_fetch(make, user):
    from factcheck.extensions import db
    from factcheck.models import ArticleFetch

    with make.app.app_context():
        request = ArticleFetch(url="https://news.example.org/story")
        db.session.add(request)
        db.session.commit()
        return {"fetch_id": request.id}


def _import_run(make, user):
    from factcheck.extensions import db
    from factcheck.models import ClaimReviewImport, ImportKind

    with make.app.app_context():
        run = ClaimReviewImport(kind=ImportKind.FEED, origin="https://feeds.example.org/c.json")
        db.session.add(run)
        db.session.commit()
        return {"import_id": run.id}


def _match(make, user):
    """A queued claim and one of our published fact-checks it may repeat."""
    target = make.claim(State.PUBLISHED)
    return {"claim_id": make.claim(State.QUEUED).id, "kind": "ours", "ref_id": target.id}


def _match_decided(make, user):
    """The same, with the desk's decision ("not the same") on record."""
    from factcheck.extensions import db
    from factcheck.models import ClaimMatch, MatchDecision, MatchKind

    args = _match(make, user)
    with make.app.app_context():
        db.session.add(
            ClaimMatch(
                claim_id=args["claim_id"],
                kind=MatchKind.OURS,
                ref_id=args["ref_id"],
                decision=MatchDecision.DISMISSED,
            )
        )
        db.session.commit()
    return args


def _tip(state="open"):
    """A reader's tip in the desk's inbox (tests/tips/)."""

    def setup(make, user):
        from tests.tips.conftest import add_tip

        return {"tip_id": add_tip(make.app, state=state).id}

    return setup


def _own_saved_filter(make, user):
    from factcheck.extensions import db
    from factcheck.models import SavedFilter

    owner = user or make.user(Role.CHECKER)
    with make.app.app_context():
        saved = SavedFilter(user_id=owner.id, name="Mine", query="due=overdue")
        db.session.add(saved)
        db.session.commit()
        return {"filter_id": saved.id}


# endpoint, method, lowest role allowed, url arguments, form data
MATRIX = [
    ("dashboard.index", "GET", Role.CHECKER, _none, None),
    ("dashboard.alive", "GET", Role.CHECKER, _none, None),
    ("articles.index", "GET", Role.CHECKER, _none, None),
    ("articles.new", "GET", Role.CHECKER, _none, None),
    ("articles.detail", "GET", Role.CHECKER, _article, None),
    ("articles.add_claim", "POST", Role.CHECKER, _article, {"start": 0, "end": 20}),
    ("articles.triage", "POST", Role.CHECKER, _article, {"action": "accept"}),
    # Someone else's article: only an editor (its owner may too, tests/jobs/test_jobs.py).
    ("articles.dismiss_below", "POST", Role.EDITOR, _article, {"score": "0.5"}),
    ("articles.delete", "POST", Role.EDITOR, _article, {}),
    ("articles.fetch", "GET", Role.CHECKER, _article_fetch, None),
    ("jobs.detail", "GET", Role.CHECKER, _job, None),
    ("imports.index", "GET", Role.CHECKER, _none, None),
    ("imports.detail", "GET", Role.CHECKER, _import_run, None),
    # Choosing whose fact-checks the desk offers as "already checked": admins (permissions).
    ("imports.new", "GET", Role.ADMIN, _none, None),
    ("jobs.state", "GET", Role.CHECKER, _job, None),
    ("jobs.retry", "POST", Role.EDITOR, _job, {}),
    ("claims.queue", "GET", Role.CHECKER, _none, None),
    ("claims.bulk_assign", "POST", Role.CHECKER, _none, {}),
    ("claims.detail", "GET", Role.CHECKER, _claim(State.CANDIDATE), None),
    (
        "claims.act",
        "POST",
        Role.CHECKER,
        lambda m, u: {**_claim(State.CANDIDATE)(m, u), "action": "accept"},
        {},
    ),
    ("claims.assign", "POST", Role.CHECKER, _claim(State.QUEUED), {}),
    ("claims.due", "POST", Role.CHECKER, _claim(State.QUEUED), {}),
    ("claims.edit", "POST", Role.CHECKER, _claim(State.CANDIDATE), {"text": "x", "kind": "date"}),
    ("claims.split", "POST", Role.CHECKER, _claim(State.CANDIDATE), {"at": 10}),
    ("claims.add_source", "POST", Role.CHECKER, _claim(State.QUEUED), {}),
    ("claims.delete_source", "POST", Role.CHECKER, _source, {}),
    ("archive.retry", "POST", Role.CHECKER, _source, {}),
    ("archive.capture_state", "GET", Role.CHECKER, _source, None),
    ("claims.save_verdict", "POST", Role.CHECKER, _claim(State.IN_PROGRESS, own=True), {}),
    ("claims.save_draft", "POST", Role.CHECKER, _claim(State.IN_PROGRESS, own=True), {}),
    ("claims.comment", "POST", Role.CHECKER, _claim(State.QUEUED), {"body": "hi"}),
    (
        "claims.decide_match",
        "POST",
        Role.CHECKER,
        lambda m, u: {**_match(m, u), "decision": "confirm"},
        {},
    ),
    ("claims.undo_match", "POST", Role.CHECKER, _match_decided, {}),
    ("review.index", "GET", Role.EDITOR, _none, None),
    ("review.approve", "POST", Role.EDITOR, _claim(State.IN_REVIEW, author_other=True), {}),
    ("review.return_", "POST", Role.EDITOR, _claim(State.IN_REVIEW), {"note": "fix"}),
    ("review.publish", "POST", Role.EDITOR, _claim(State.APPROVED), {}),
    ("review.unpublish", "POST", Role.EDITOR, _claim(State.PUBLISHED), {"reason": "r"}),
    ("review.republish", "POST", Role.EDITOR, _claim(State.WITHDRAWN), {}),
    ("review.correct", "POST", Role.EDITOR, _claim(State.PUBLISHED), {}),
    ("review.fix_typo", "POST", Role.EDITOR, _claim(State.PUBLISHED), {}),
    ("review.details", "POST", Role.EDITOR, _claim(State.APPROVED), {}),
    ("review.approve_proposal", "POST", Role.EDITOR, _proposal, {}),
    ("review.reject_proposal", "POST", Role.EDITOR, _proposal, {"note": "Not needed."}),
    ("claims.speakers", "POST", Role.CHECKER, _claim(State.QUEUED), {"names": "Jane Doe"}),
    ("claims.versions", "GET", Role.CHECKER, _claim(State.IN_REVIEW), None),
    ("articles.edit", "POST", Role.EDITOR, _article, {"title": "A better headline"}),
    ("speakers.edit", "GET", Role.CHECKER, _speaker, None),
    ("speakers.save", "POST", Role.EDITOR, _speaker, {"name": "Renamed", "kind": "person"}),
    ("speakers.merge", "POST", Role.EDITOR, _speaker, {"into": "Nobody Known"}),
    ("speakers.split", "POST", Role.EDITOR, _speaker, {"names": "Ann One\nBob Two"}),
    ("admin.index", "GET", Role.ADMIN, _none, None),
    ("admin.users", "GET", Role.ADMIN, _none, None),
    ("admin.user", "GET", Role.ADMIN, _user, None),
    ("admin.user_two_factor_off", "POST", Role.ADMIN, _user, {}),
    ("admin.ratings", "GET", Role.ADMIN, _none, None),
    ("admin.site", "GET", Role.ADMIN, _none, None),
    ("admin.audit", "GET", Role.ADMIN, _none, None),
    ("auth.account", "GET", Role.CHECKER, _none, None),
    ("auth.two_factor", "POST", Role.EDITOR, _none, {}),
    ("auth.two_factor_off", "POST", Role.CHECKER, _none, {}),
    ("auth.logout", "POST", Role.CHECKER, _none, {}),
    ("notifications.index", "GET", Role.CHECKER, _none, None),
    ("notifications.read", "POST", Role.CHECKER, _own_notification, {}),
    ("notifications.read_all", "POST", Role.CHECKER, _none, {}),
    ("notifications.settings", "GET", Role.CHECKER, _none, None),
    ("notifications.webhook_list", "GET", Role.ADMIN, _none, None),
    ("notifications.webhook_delete", "POST", Role.ADMIN, _webhook, {}),
    ("tips.inbox", "GET", Role.CHECKER, _none, None),
    ("tips.convert", "POST", Role.CHECKER, _tip(), {}),
    ("tips.dismiss", "POST", Role.CHECKER, _tip(), {}),
    ("tips.restore", "POST", Role.CHECKER, _tip("dismissed"), {}),
    # The queue's bulk bar and saved views (issue 16).
    ("claims.bulk", "POST", Role.CHECKER, _none, {"action": "dismiss"}),
    ("claims.save_filter", "POST", Role.CHECKER, _none, {"name": "Mine", "query": "due=overdue"}),
    ("claims.delete_filter", "POST", Role.CHECKER, _own_saved_filter, {}),
    ("exports.queue", "GET", Role.CHECKER, lambda m, u: {"fmt": "csv"}, None),
    ("exports.article", "GET", Role.CHECKER, lambda m, u: {**_article(m, u), "fmt": "json"}, None),
    ("exports.audit", "GET", Role.ADMIN, lambda m, u: {"fmt": "csv"}, None),
]
# What a role allowed on the route gets for the row's request: a page, a redirect after the
# action, or 422 where the row sends an empty form that the route must refuse field by field.
ALLOWED_STATUS = {
    "review.approve_proposal": 302,
    "review.reject_proposal": 302,
    "claims.speakers": 302,
    "claims.versions": 200,
    "articles.edit": 302,
    "speakers.edit": 200,
    "speakers.save": 302,
    "speakers.merge": 422,
    "speakers.split": 302,
    "admin.audit": 200,
    "admin.index": 302,
    "admin.ratings": 200,
    "admin.site": 200,
    "admin.user": 200,
    "admin.user_two_factor_off": 302,
    "admin.users": 200,
    "articles.add_claim": 302,
    "articles.detail": 200,
    "articles.index": 200,
    "articles.new": 200,
    "articles.triage": 302,
    "articles.dismiss_below": 302,
    "articles.delete": 302,
    "articles.fetch": 200,
    "jobs.detail": 200,
    "imports.index": 200,
    "imports.detail": 200,
    "imports.new": 200,
    "jobs.state": 200,
    "jobs.retry": 302,
    "auth.account": 200,
    "auth.logout": 302,
    "auth.two_factor": 302,
    "auth.two_factor_off": 302,
    "claims.act": 302,
    "claims.add_source": 422,
    "claims.assign": 302,
    "claims.bulk_assign": 302,
    "claims.comment": 302,
    "claims.decide_match": 302,
    "claims.undo_match": 302,
    "claims.delete_source": 302,
    "archive.retry": 302,
    "archive.capture_state": 200,
    "claims.detail": 200,
    "claims.due": 302,
    "claims.edit": 302,
    "claims.queue": 200,
    "claims.save_verdict": 302,
    "claims.save_draft": 200,
    "claims.split": 302,
    "dashboard.alive": 204,
    "dashboard.index": 200,
    "notifications.index": 200,
    "notifications.read": 302,
    "notifications.read_all": 302,
    "notifications.settings": 200,
    "notifications.webhook_list": 200,
    "notifications.webhook_delete": 302,
    "review.approve": 422,  # the row sends no snapshot: an approval must name what it read
    "review.correct": 422,
    "review.details": 302,
    "review.fix_typo": 422,
    "review.index": 200,
    "review.publish": 302,
    "review.republish": 302,
    "review.return_": 302,
    "review.unpublish": 302,
    "tips.inbox": 200,
    "tips.convert": 302,
    "tips.dismiss": 302,
    "tips.restore": 302,
    "claims.bulk": 302,
    "claims.save_filter": 302,
    "claims.delete_filter": 302,
    "exports.queue": 200,
    "exports.article": 200,
    "exports.audit": 200,
}
# Called by a page's script: signed out, they answer 401 with JSON instead of a redirect.
JSON_ENDPOINTS = {"claims.save_draft"}
PUBLIC = {
    "static",
    "auth.login",
    "auth.verify",
    "auth.setup",
    "dashboard.root",
    "public.index",
    "public.factcheck",
    "public.article",
    "public.corrections",
    "public.methodology",
    "public.feed",
    "api.claimreviews",
    "api.claimreview",
    "api.openapi",
    "api.not_found",
    # Our stored copies: each answers by the source (staff any, the public only a published
    # fact-check's approved copy, else 404): tests/archive/test_capture.py.
    "archive.copy",
    "archive.copy_text",
    "archive.copy_warc",
    # The reader tips form and its thanks page (tests/tips/).
    "tips.new",
    "tips.thanks",
    # Published fact-checks as CSV/JSON and the ClaimReview feed: tests/exports.
    "public_exports.published",
    "public_exports.claimreview_feed",
}


def test_matrix_covers_every_route(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    covered = {row[0] for row in MATRIX} | PUBLIC
    assert endpoints - covered == set(), "add new routes to the access matrix"
    assert covered - endpoints == set()
    assert set(ALLOWED_STATUS) == {row[0] for row in MATRIX}


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "anonymous")
@pytest.mark.parametrize("endpoint,method,lowest,setup,data", MATRIX, ids=[r[0] for r in MATRIX])
def test_access_matrix(app, client, make, as_role, role, endpoint, method, lowest, setup, data):
    user = as_role(role)
    with app.test_request_context():
        from flask import url_for

        url = url_for(endpoint, **setup(make, user))
    response = client.open(url, method=method, data=data)
    if role is None and endpoint in JSON_ENDPOINTS:
        assert response.status_code == 401 and "/login" in response.json["login"]
    elif role is None:
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]
    elif RANK[role] < RANK[lowest]:
        assert response.status_code == 403
    else:
        assert response.status_code == ALLOWED_STATUS[endpoint], response.data[:500]
        if endpoint != "auth.logout":
            assert "/login" not in response.headers.get("Location", "")


def test_checker_cannot_write_verdict_on_someone_elses_claim(app, client, make, as_role):
    other = make.user(Role.CHECKER)
    claim = make.claim(State.IN_PROGRESS, assignee=other)
    as_role(Role.CHECKER)
    response = client.post(f"/desk/claims/{claim.id}/verdict", data={"summary": "mine"})
    assert response.status_code == 403


def test_editor_may_work_on_any_assigned_claim(app, client, make, as_role):
    other = make.user(Role.CHECKER)
    claim = make.claim(State.IN_PROGRESS, assignee=other)
    as_role(Role.EDITOR)
    response = client.post(f"/desk/claims/{claim.id}/verdict", data={"summary": "ed"})
    assert response.status_code == 302


def test_review_link_hidden_from_checkers_and_shown_to_editors(client, as_role):
    as_role(Role.CHECKER)
    page = client.get("/desk/").get_data(as_text=True)
    assert "/desk/review/" not in page and "/desk/admin/" not in page
    as_role(Role.EDITOR)
    page = client.get("/desk/").get_data(as_text=True)
    assert "/desk/review/" in page and "/desk/admin/" not in page


def test_approve_button_hidden_from_checker_and_author(app, client, make, as_role):
    author = make.user(Role.EDITOR)
    claim = make.claim(State.IN_REVIEW, author=author)
    as_role(Role.CHECKER)
    assert "Approve verdict" not in client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
    login(client, author)
    page = client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
    assert "Approve verdict" not in page and "four-eyes" in page
    as_role(Role.EDITOR)
    assert "Approve verdict" in client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)


def test_deactivated_user_is_signed_out(app, client, make):
    user = make.user(Role.EDITOR, active=False)
    login(client, user)
    response = client.get("/desk/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_staff_pages_are_not_cached(client, as_role):
    as_role(Role.CHECKER)
    assert client.get("/desk/").headers["Cache-Control"] == "no-store"

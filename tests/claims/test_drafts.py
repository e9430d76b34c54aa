"""Nothing typed on the claim page is lost: the verdict autosave endpoint, a refused submit that
keeps the draft, and a post from an expired session that comes back to its page after sign-in."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Claim, Rating, Role, Verdict
from factcheck.site.services import rating_scale
from factcheck.workflow import State
from tests.support import PASSWORD, fresh, login


@pytest.fixture
def checker(as_role):
    return as_role(Role.CHECKER)


def rating_id(app, label="True"):
    with app.app_context():
        return next(r.id for r in rating_scale() if r.label == label)


def draft(client, claim_id, version, summary="S", rationale="R", rating=0, **kw):
    return client.post(
        f"/desk/claims/{claim_id}/verdict/draft",
        data={
            "rating_id": rating,
            "summary": summary,
            "rationale": rationale,
            "verdict_version": version,
        },
        **kw,
    )


def stored(app) -> tuple:
    with app.app_context():
        db.session.expire_all()
        v = db.session.scalar(select(Verdict))
        return (v.rating_id, v.summary, v.rationale, v.version) if v else None


class TestAutosave:
    def test_saves_the_draft_and_answers_the_new_version(self, app, client, make, checker):
        claim = make.claim(State.IN_PROGRESS, assignee=checker)
        rid = rating_id(app)
        first = draft(client, claim.id, 0, "First go", "Typing…", rating=rid)
        assert first.status_code == 200 and first.is_json
        assert first.json["version"] == 1
        assert first.json["saved_at"].endswith("+00:00")  # UTC; the page shows local time
        assert stored(app) == (rid, "First go", "Typing…", 1)
        second = draft(client, claim.id, 1, "First go", "Typing more", rating=rid)
        assert second.json["version"] == 2
        assert stored(app) == (rid, "First go", "Typing more", 2)
        # Nothing changed: nothing to bump.
        assert (
            draft(client, claim.id, 2, "First go", "Typing more", rating=rid).json["version"] == 2
        )
        with app.app_context():
            assert fresh(Claim, claim.id).state == State.IN_PROGRESS

    def test_a_draft_may_lack_a_rating(self, app, client, make, checker):
        claim = make.claim(State.IN_PROGRESS, assignee=checker)
        assert draft(client, claim.id, 0, "", "Half a thought").status_code == 200
        assert stored(app) == (None, "", "Half a thought", 1)

    def test_someone_elses_save_meanwhile_is_a_409_with_their_text(
        self, app, client, make, checker
    ):
        editor = make.user(Role.EDITOR, name="Edith Editor")
        claim = make.claim(State.IN_PROGRESS, assignee=checker)
        rid = rating_id(app, "False")
        draft(client, claim.id, 0, "Mine", "my first text")
        other = app.test_client()
        login(other, editor)
        assert draft(other, claim.id, 1, "Theirs", "their text", rating=rid).status_code == 200
        response = draft(client, claim.id, 1, "Mine again", "my careful text")
        assert response.status_code == 409
        conflict = response.json["conflict"]
        assert conflict["by"] == "Edith Editor"
        assert (conflict["rating"], conflict["summary"], conflict["rationale"]) == (
            "False",
            "Theirs",
            "their text",
        )
        assert conflict["version"] == 2
        assert "Edith Editor saved this verdict" in response.json["error"]
        assert stored(app) == (rid, "Theirs", "their text", 2)  # nothing overwritten

    def test_signed_out_gets_401_json_not_a_redirect(self, app, client, make):
        make.user(Role.ADMIN)
        claim = make.claim(State.IN_PROGRESS)
        page = f"http://localhost/desk/claims/{claim.id}"
        response = draft(client, claim.id, 0, headers={"Referer": page})
        assert response.status_code == 401 and response.is_json
        assert "Location" not in response.headers
        assert "session expired" in response.json["error"]
        assert response.json["login"] == f"/login?next=/desk/claims/{claim.id}"
        assert stored(app) is None

    def test_a_checker_not_on_the_claim_gets_403_json(self, app, client, make, checker):
        claim = make.claim(State.IN_PROGRESS, assignee=make.user(Role.CHECKER))
        response = draft(client, claim.id, 0)
        assert response.status_code == 403 and response.is_json
        assert "role does not allow" in response.json["error"]
        assert stored(app) is None

    def test_a_claim_past_drafting_is_403(self, app, client, make, checker):
        claim = make.claim(State.IN_REVIEW, assignee=checker)
        assert draft(client, claim.id, 1).status_code == 403

    def test_unknown_claim_is_404_json(self, client, checker):
        response = draft(client, 999_999, 0)
        assert response.status_code == 404 and response.is_json

    def test_a_rating_off_the_scale_is_422(self, app, client, make, checker):
        claim = make.claim(State.IN_PROGRESS, assignee=checker)
        with app.app_context():
            retired = Rating(label="Pants on fire", value=0, active=False)
            db.session.add(retired)
            db.session.commit()
            retired_id = retired.id
        for bad in (retired_id, 9999):
            response = draft(client, claim.id, 0, rating=bad)
            assert response.status_code == 422 and response.is_json
            assert response.json["error"]
        too_long = draft(client, claim.id, 0, summary="x" * 281)
        assert too_long.status_code == 422 and "summary" in too_long.json["fields"]
        with app.app_context():
            assert db.session.scalar(select(func.count(Verdict.id))) == 0


class TestAutosaveCSRF:
    @pytest.fixture
    def app_config(self):
        return {"WTF_CSRF_ENABLED": True}

    def test_the_token_is_required_and_taken_from_the_header(self, app, client, make, checker):
        claim = make.claim(State.IN_PROGRESS, assignee=checker)
        refused = draft(client, claim.id, 0)
        assert refused.status_code == 400 and refused.is_json
        assert "security token" in refused.json["error"]
        assert stored(app) is None
        page = client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
        token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        saved = draft(client, claim.id, 0, headers={"X-CSRFToken": token})
        assert saved.status_code == 200
        assert stored(app) == (None, "S", "R", 1)


class TestRefusedSubmit:
    def test_no_source_keeps_the_draft_and_says_why(self, app, client, make, checker):
        claim = make.claim(State.IN_PROGRESS, assignee=checker, with_source=False)
        rid = rating_id(app)
        response = client.post(
            f"/desk/claims/{claim.id}/verdict",
            data={
                "rating_id": rid,
                "summary": "A careful summary",
                "rationale": "An hour of reasoning",
                "verdict_version": 0,
                "then": "submit",
            },
        )
        assert response.status_code == 422
        page = response.get_data(as_text=True)
        assert "Draft saved. It was not submitted: add at least one source" in page
        assert "An hour of reasoning" in page
        assert 'name="verdict_version" type="hidden" value="1"' in page  # the saved version
        assert stored(app) == (rid, "A careful summary", "An hour of reasoning", 1)
        with app.app_context():
            assert fresh(Claim, claim.id).state == State.IN_PROGRESS

    def test_missing_summary_keeps_the_rest(self, app, client, make, checker):
        claim = make.claim(State.IN_PROGRESS, assignee=checker, with_source=True)
        response = client.post(
            f"/desk/claims/{claim.id}/verdict",
            data={"rating_id": 0, "summary": "", "rationale": "Reasons", "then": "submit"},
        )
        assert response.status_code == 422
        page = response.get_data(as_text=True)
        assert "Draft saved. It was not submitted: before submitting, give the verdict" in page
        assert stored(app) == (None, "", "Reasons", 1)
        with app.app_context():
            assert fresh(Claim, claim.id).state == State.IN_PROGRESS


class TestSignInComesBack:
    """A form posted after the session ended goes to sign in, and back to its page after."""

    def test_a_post_returns_to_the_page_it_came_from(self, app, client, make):
        make.user(Role.CHECKER, email="c@example.org")
        claim = make.claim(State.IN_PROGRESS)
        response = client.post(
            f"/desk/claims/{claim.id}/comments",
            data={"body": "typed"},
            headers={"Referer": f"http://localhost/desk/claims/{claim.id}?tab=1"},
        )
        assert response.status_code == 302
        assert response.headers["Location"] == f"/login?next=/desk/claims/{claim.id}?tab%3D1"
        signed = client.post(
            "/login",
            data={
                "email": "c@example.org",
                "password": PASSWORD,
                "next": f"/desk/claims/{claim.id}",
            },
        )
        assert signed.headers["Location"] == f"/desk/claims/{claim.id}"

    @pytest.mark.parametrize(
        "referer",
        [
            "https://evil.example/desk/claims/1",
            "http://localhost.evil.example/desk/claims/1",
            "https://localhost/desk/claims/1",  # another scheme is another site
            "http://localhost//evil.example/x",
            "http://localhost/\\evil.example",
            "not a url",
        ],
    )
    def test_another_sites_referer_is_ignored(self, client, make, referer):
        make.user(Role.ADMIN)
        claim = make.claim(State.IN_PROGRESS)
        response = client.post(
            f"/desk/claims/{claim.id}/comments", data={"body": "x"}, headers={"Referer": referer}
        )
        assert response.status_code == 302
        assert response.headers["Location"] == "/login"

    def test_an_expired_session_post_returns_to_its_page(self, app, client, make):
        user = make.user(Role.CHECKER)
        claim = make.claim(State.IN_PROGRESS, assignee=user)
        login(client, user)
        with client.session_transaction() as session:
            session["_seen"] = int(time.time()) - 24 * 3600  # idle far past the timeout
        response = client.post(
            f"/desk/claims/{claim.id}/verdict",
            data={"summary": "typed before lunch"},
            headers={"Referer": f"http://localhost/desk/claims/{claim.id}"},
        )
        assert response.headers["Location"] == f"/login?next=/desk/claims/{claim.id}"
        assert stored(app) is None
        expired = draft(
            client, claim.id, 0, headers={"Referer": f"http://localhost/desk/claims/{claim.id}"}
        )
        assert expired.status_code == 401 and expired.is_json

    def test_signed_in_already_follows_next(self, client, checker):
        assert client.get("/login?next=/desk/claims/").headers["Location"] == "/desk/claims/"
        assert client.get("/login?next=//evil.example/").headers["Location"] == "/desk/"

    def test_two_factor_sign_in_lands_on_the_claim(self, app, client, make):
        from tests.security.test_auth import enrolled_editor, next_code

        secret = enrolled_editor(app, client, make)
        claim = make.claim(State.IN_PROGRESS)
        response = client.post(
            "/login",
            data={
                "email": "e@example.org",
                "password": PASSWORD,
                "next": f"/desk/claims/{claim.id}",
            },
        )
        assert response.headers["Location"].endswith("/login/code")
        response = client.post("/login/code", data={"code": next_code(secret)})
        assert response.headers["Location"] == f"/desk/claims/{claim.id}"


def test_the_manual_conflict_page_carries_the_version_it_shows(app, client, make, checker):
    """Saving again from the conflict page replaces the text shown on it, not a 409 again."""
    editor = make.user(Role.EDITOR)
    claim = make.claim(State.IN_PROGRESS, assignee=checker)
    draft(client, claim.id, 0, "Mine", "first")
    other = app.test_client()
    login(other, editor)
    draft(other, claim.id, 1, "Theirs", "their text")
    form = {"rating_id": 0, "summary": "Mine", "rationale": "my text", "verdict_version": 1}
    response = client.post(f"/desk/claims/{claim.id}/verdict", data=form)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert 'name="verdict_version" type="hidden" value="2"' in page
    form["verdict_version"] = 2  # what the page sends back
    assert client.post(f"/desk/claims/{claim.id}/verdict", data=form).status_code == 302
    assert stored(app)[2] == "my text"

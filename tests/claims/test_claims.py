"""The queue and the claim page: assignment, sources, verdicts, comments, conflicts."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import (
    Attribution,
    Claim,
    Comment,
    Event,
    Kind,
    Rating,
    Role,
    Source,
    Speaker,
    SpeakerKind,
    Verdict,
)
from factcheck.models._types import utc_today
from factcheck.site.services import rating_scale
from factcheck.workflow import State
from tests.support import fresh, login


@pytest.fixture
def checker(as_role):
    return as_role(Role.CHECKER)


def rating_id(app, label="True"):
    with app.app_context():
        return next(r.id for r in rating_scale() if r.label == label)


def queue_ids(client, **params) -> list[int]:
    page = client.get("/desk/claims/", query_string=params).get_data(as_text=True)
    return [int(chunk.split('"')[0]) for chunk in page.split('name="claim_id" value="')[1:]]


class TestQueue:
    def test_default_shows_open_claims_by_check_worthiness(self, app, client, make, checker):
        low = make.claim(State.QUEUED)
        high = make.claim(State.CANDIDATE)
        make.claim(State.DISMISSED)
        make.claim(State.PUBLISHED)
        with app.app_context():
            db.session.get(Claim, low.id).score = 0.2
            db.session.get(Claim, high.id).score = 0.9
            db.session.commit()
        assert queue_ids(client) == [high.id, low.id]

    def test_filters(self, app, client, make, checker):
        a = make.claim(State.QUEUED, text="Troops stay in Iraq")
        b = make.claim(State.IN_PROGRESS, assignee=checker, text="Budget is 3 billion")
        with app.app_context():
            speaker = Speaker(name="John Kirby", key="john kirby", kind=SpeakerKind.PERSON)
            claim_b = fresh(Claim, b.id)
            claim_b.speaker = speaker
            claim_b.kind = Kind.QUOTE
            claim_b.due_on = utc_today() - dt.timedelta(days=1)
            db.session.add(
                Attribution(
                    claim=claim_b, speaker=speaker, content="x", content_start=0, content_end=1
                )
            )
            db.session.commit()
            speaker_id = speaker.id
        assert queue_ids(client, state="queued") == [a.id]
        assert queue_ids(client, kind="quote") == [b.id]
        assert queue_ids(client, speaker=speaker_id) == [b.id]
        assert queue_ids(client, assignee="me") == [b.id]
        assert queue_ids(client, assignee="none") == [a.id]
        assert queue_ids(client, due="overdue") == [b.id]
        assert queue_ids(client, q="troops") == [a.id]
        assert queue_ids(client, q="100%_") == []
        assert queue_ids(client, q="*") == []  # no wildcard: a word-less search finds nothing
        assert sorted(queue_ids(client, article=a.article_id)) == [a.id]

    @pytest.mark.parametrize("sort", ["score", "age", "newest", "due", "bogus"])
    def test_every_sort_renders(self, client, make, checker, sort):
        make.claim(State.QUEUED)
        assert client.get("/desk/claims/", query_string={"sort": sort}).status_code == 200

    def test_keyset_pagination_walks_every_claim_once(self, app, client, make, checker):
        app.config["PER_PAGE"] = 2
        article = make.article()
        ids = [make.claim(State.QUEUED, article=article).id for _ in range(5)]
        with app.app_context():  # ties on score are broken by id
            for i, cid in enumerate(ids):
                db.session.get(Claim, cid).score = 0.5 if i % 2 else 0.9
            db.session.commit()
        seen, url = [], "/desk/claims/"
        while url:
            page = client.get(url).get_data(as_text=True)
            seen += [int(c.split('"')[0]) for c in page.split('name="claim_id" value="')[1:]]
            nxt = [h for h in page.split('href="')[1:] if 'rel="next"' in h.split(">")[0]]
            url = nxt[0].split('"')[0].replace("&amp;", "&") if nxt else None
        assert seen == [ids[4], ids[2], ids[0], ids[3], ids[1]]  # ties: newest first

    @pytest.mark.parametrize("cursor", ["garbage", "W10", "WyJ4IiwxXQ", "%00"])
    def test_bad_cursor_starts_from_the_top(self, client, make, checker, cursor):
        claim = make.claim(State.QUEUED)
        assert queue_ids(client, after=cursor) == [claim.id]

    def test_search_uses_the_full_text_index(self, app, client, make, checker):
        a = make.claim(State.QUEUED, text="Unemployment fell to 4 percent in March")
        make.claim(State.QUEUED, text="The bridge cost 3 million dollars")
        assert queue_ids(client, q="unemployment") == [a.id]
        assert queue_ids(client, q="UNEMPLOYMENT") == [a.id]
        assert queue_ids(client, q="bridges") != []  # stemmed: bridges ~ bridge
        assert queue_ids(client, q="months of march") == []  # every word must match
        assert queue_ids(client, q="percentage") == []
        assert queue_ids(client, q='fell "march') == [a.id]  # quotes are just words
        assert queue_ids(client, q="bridge unemployment") == []
        assert len(queue_ids(client, q="  ")) == 2
        assert queue_ids(client, q="*") == [] and queue_ids(client, q="?!") == []  # no wildcard

    def test_bulk_assign(self, app, client, make, checker):
        other = make.user(Role.CHECKER, name="Other Person")
        queued = [make.claim(State.QUEUED) for _ in range(2)]
        published = make.claim(State.PUBLISHED)
        response = client.post(
            "/desk/claims/bulk-assign",
            data={
                "assignee_id": other.id,
                "due_on": "2030-01-31",
                "claim_id": [c.id for c in queued] + [published.id],
            },
            follow_redirects=True,
        )
        page = response.get_data(as_text=True)
        assert "Assigned 2 claims to Other Person" in page and "is published" in page
        with app.app_context():
            for queued_claim in queued:
                c = fresh(Claim, queued_claim.id)
                assert (c.state, c.assignee_id, c.due_on) == (
                    State.IN_PROGRESS,
                    other.id,
                    dt.date(2030, 1, 31),
                )


class TestWork:
    def test_take_and_release(self, app, client, make, checker):
        claim = make.claim(State.QUEUED)
        client.post(f"/desk/claims/{claim.id}/do/take", data={"version": 1})
        with app.app_context():
            c = fresh(Claim, claim.id)
            assert (c.state, c.assignee_id) == (State.IN_PROGRESS, checker.id)
            version = c.version
        client.post(f"/desk/claims/{claim.id}/do/release", data={"version": version})
        with app.app_context():
            c = fresh(Claim, claim.id)
            assert (c.state, c.assignee_id) == (State.QUEUED, None)

    def test_stale_form_after_the_claim_moved_on(self, app, client, make, checker):
        claim = make.claim(State.QUEUED)
        someone = make.user(Role.CHECKER, name="Quick Colleague")
        with app.app_context():
            from factcheck.claims.services import take_claim

            take_claim(fresh(Claim, claim.id), fresh(type(someone), someone.id))
            db.session.commit()
        response = client.post(
            f"/desk/claims/{claim.id}/do/dismiss", data={"version": 1}, follow_redirects=True
        )
        page = response.get_data(as_text=True)
        assert "changed since you opened it" in page and "Quick Colleague" in page
        with app.app_context():
            assert fresh(Claim, claim.id).state == State.IN_PROGRESS

    def test_edit_wording_keeps_the_place_in_the_article(self, app, client, make, checker):
        claim = make.claim(State.CANDIDATE)
        client.post(
            f"/desk/claims/{claim.id}/edit",
            data={"text": "  2,500 troops   remain ", "kind": "quantity", "version": 1},
        )
        with app.app_context():
            c = fresh(Claim, claim.id)
            assert c.text == "2,500 troops remain" and (c.start, c.end) == (0, 60)
            assert db.session.scalar(select(Event.data).where(Event.action == "edit")) == {
                "text": [claim.text, "2,500 troops remain"]
            }

    def test_the_holder_rewords_until_approval_and_nobody_else(self, app, client, make, checker):
        claim = make.claim(State.IN_PROGRESS, assignee=checker)
        other = make.claim(State.IN_PROGRESS, assignee=make.user(Role.CHECKER))
        published = make.claim(State.PUBLISHED, assignee=checker)
        post = lambda c: client.post(  # noqa: E731
            f"/desk/claims/{c.id}/edit", data={"text": "Some 2,500 troops stay", "kind": "quantity"}
        )
        assert post(claim).status_code == 302
        assert post(other).status_code == 403  # held by someone else
        assert post(published).status_code == 403  # published wording changes by correction
        with app.app_context():
            assert db.session.get(Claim, claim.id).text == "Some 2,500 troops stay"
            assert db.session.get(Claim, published.id).text == published.text


class TestSources:
    def test_add_source_with_all_fields(self, app, client, make, checker):
        claim = make.claim(State.IN_PROGRESS, assignee=checker)
        response = client.post(
            f"/desk/claims/{claim.id}/sources",
            data={
                "url": "https://www.defense.gov/briefing",
                "title": "Briefing",
                "publisher": "DoD",
                "kind": "official statement",
                "excerpt": "About 2,500.",
                "archive_url": "https://web.archive.org/web/2021/x",
                "accessed_on": "2021-12-10",
            },
        )
        assert response.status_code == 302
        with app.app_context():
            s = db.session.scalar(select(Source))
            assert (s.url, s.kind.value, s.excerpt, s.accessed_on, s.added_by_id) == (
                "https://www.defense.gov/briefing",
                "official statement",
                "About 2,500.",
                dt.date(2021, 12, 10),
                checker.id,
            )
        page = client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
        assert "external archive link" in page and "About 2,500." in page

    @pytest.mark.parametrize(
        "field,value",
        [
            ("url", "javascript:alert(1)"),
            ("url", "data:text/html,hi"),
            ("url", "file:///etc"),
            ("url", ""),
            ("archive_url", "javascript:alert(1)"),
            ("url", "ftp://example.org/x"),
        ],
    )
    def test_only_http_urls_are_stored(self, app, client, make, checker, field, value):
        claim = make.claim(State.IN_PROGRESS, assignee=checker)
        data = {"url": "https://example.org", "kind": "other", field: value}
        response = client.post(f"/desk/claims/{claim.id}/sources", data=data)
        assert response.status_code == 422
        assert "http" in response.get_data(as_text=True) or "required" in response.get_data(
            as_text=True
        )
        with app.app_context():
            assert db.session.scalar(select(func.count(Source.id))) == 0

    def test_service_refuses_unsafe_url_even_without_the_form(self, app, make):
        from factcheck.claims.services import add_source
        from factcheck.errors import ValidationError

        claim = make.claim(State.IN_PROGRESS)
        with app.app_context(), pytest.raises(ValidationError):
            add_source(fresh(Claim, claim.id), None, url="javascript:alert(1)")

    def test_remove_own_source(self, app, client, make, checker):
        claim = make.claim(State.QUEUED)
        client.post(
            f"/desk/claims/{claim.id}/sources", data={"url": "https://a.example", "kind": "other"}
        )
        with app.app_context():
            source_id = db.session.scalar(select(Source.id))
        client.post(f"/desk/claims/sources/{source_id}/delete")
        with app.app_context():
            assert db.session.scalar(select(func.count(Source.id))) == 0
            assert (
                db.session.scalar(select(Event.data).where(Event.action == "source_removed"))["url"]
                == "https://a.example"
            )


class TestVerdict:
    def test_save_draft_then_submit(self, app, client, make, checker):
        claim = make.claim(State.IN_PROGRESS, assignee=checker, with_source=True)
        rid = rating_id(app)
        client.post(
            f"/desk/claims/{claim.id}/verdict",
            data={
                "rating_id": rid,
                "summary": "Right number.",
                "rationale": "Records show it.",
                "verdict_version": 0,
            },
        )
        with app.app_context():
            v = db.session.scalar(select(Verdict))
            assert (v.rating_id, v.summary, v.author_id) == (rid, "Right number.", checker.id)
            assert fresh(Claim, claim.id).state == State.IN_PROGRESS
            version = fresh(Claim, claim.id).version
        client.post(f"/desk/claims/{claim.id}/do/submit", data={"version": version})
        with app.app_context():
            assert fresh(Claim, claim.id).state == State.IN_REVIEW

    def test_save_and_submit_in_one_step(self, app, client, make, checker):
        claim = make.claim(State.IN_PROGRESS, assignee=checker, with_source=True)
        client.post(
            f"/desk/claims/{claim.id}/verdict",
            data={
                "rating_id": rating_id(app),
                "summary": "S",
                "rationale": "R",
                "verdict_version": 0,
                "then": "submit",
            },
        )
        with app.app_context():
            assert fresh(Claim, claim.id).state == State.IN_REVIEW

    def test_submit_without_rating_is_refused_and_the_draft_is_kept(
        self, app, client, make, checker
    ):
        claim = make.claim(State.IN_PROGRESS, assignee=checker, with_source=True)
        response = client.post(
            f"/desk/claims/{claim.id}/verdict",
            data={
                "rating_id": 0,
                "summary": "Draft summary",
                "rationale": "Long reasoning",
                "verdict_version": 0,
                "then": "submit",
            },
        )
        assert response.status_code == 422
        page = response.get_data(as_text=True)
        assert "give the verdict a rating" in page and "Long reasoning" in page
        with app.app_context():
            assert fresh(Claim, claim.id).state == State.IN_PROGRESS

    def test_submit_without_a_source_is_refused(self, app, client, make, checker):
        claim = make.claim(State.IN_PROGRESS, assignee=checker, with_source=False)
        response = client.post(
            f"/desk/claims/{claim.id}/verdict",
            data={
                "rating_id": rating_id(app),
                "summary": "S",
                "rationale": "R",
                "verdict_version": 0,
                "then": "submit",
            },
        )
        assert "at least one source" in response.get_data(as_text=True)

    def test_rating_not_on_the_scale_is_refused(self, app, client, make, checker):
        claim = make.claim(State.IN_PROGRESS, assignee=checker)
        with app.app_context():
            retired = Rating(label="Pants on fire", value=0, active=False)
            db.session.add(retired)
            db.session.commit()
            retired_id = retired.id
        for bad in (retired_id, 9999):
            response = client.post(
                f"/desk/claims/{claim.id}/verdict",
                data={"rating_id": bad, "summary": "S", "rationale": "R", "verdict_version": 0},
            )
            assert response.status_code == 422
        with app.app_context():
            assert db.session.scalar(select(func.count(Verdict.id))) == 0

    def test_summary_longer_than_a_line_is_refused(self, app, client, make, checker):
        claim = make.claim(State.IN_PROGRESS, assignee=checker)
        response = client.post(
            f"/desk/claims/{claim.id}/verdict",
            data={"rating_id": rating_id(app), "summary": "x" * 281, "verdict_version": 0},
        )
        assert response.status_code == 422

    def test_two_people_editing_the_same_verdict(self, app, client, make, checker):
        """The second save gets a conflict with both texts; nothing is overwritten."""
        editor = make.user(Role.EDITOR, name="Edith Editor")
        claim = make.claim(State.IN_PROGRESS, assignee=checker)
        rid = rating_id(app)
        client.post(
            f"/desk/claims/{claim.id}/verdict",
            data={"rating_id": rid, "summary": "First", "rationale": "v1", "verdict_version": 0},
        )
        # Both open the form at version 1.
        other = app.test_client()
        login(other, editor)
        other.post(
            f"/desk/claims/{claim.id}/verdict",
            data={
                "rating_id": rid,
                "summary": "Editor's take",
                "rationale": "editor text",
                "verdict_version": 1,
            },
        )
        response = client.post(
            f"/desk/claims/{claim.id}/verdict",
            data={
                "rating_id": rid,
                "summary": "Checker's take",
                "rationale": "my careful text",
                "verdict_version": 1,
            },
        )
        assert response.status_code == 409
        page = response.get_data(as_text=True)
        assert "Edith Editor saved this verdict" in page
        assert "editor text" in page and "my careful text" in page
        with app.app_context():
            assert db.session.scalar(select(Verdict.rationale)) == "editor text"
            current = db.session.scalar(select(Verdict.version))
        # Saving again from the conflict page (which carries the new version) wins knowingly.
        client.post(
            f"/desk/claims/{claim.id}/verdict",
            data={
                "rating_id": rid,
                "summary": "Merged",
                "rationale": "both texts",
                "verdict_version": current,
            },
        )
        with app.app_context():
            assert db.session.scalar(select(Verdict.rationale)) == "both texts"

    def test_verdict_form_hidden_from_checkers_not_assigned(self, app, client, make, checker):
        claim = make.claim(State.IN_PROGRESS, assignee=make.user(Role.CHECKER))
        page = client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
        assert "Save draft" not in page


def test_comment(app, client, make, checker):
    claim = make.claim(State.QUEUED)
    assert client.post(f"/desk/claims/{claim.id}/comments", data={"body": " "}).status_code == 303
    client.post(f"/desk/claims/{claim.id}/comments", data={"body": "Check the 2020 figure."})
    with app.app_context():
        assert db.session.scalar(select(Comment.body)) == "Check the 2020 figure."
    assert "Check the 2020 figure." in client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)


def test_claim_page_shows_parts_context_and_history(app, client, make, checker):
    article = make.article(body="Before. The ministry said 2,500 troops stay. After.")
    claim = make.claim(State.QUEUED, article=article)
    with app.app_context():
        c = fresh(Claim, claim.id)
        c.start, c.end = 8, 44
        c.text = article.body[8:44]
        from factcheck.models import Quantity

        c.quantities.append(
            Quantity(
                text="2,500 troops",
                start=26,
                end=38,
                value=2500,
                unit="troops",
                approximate=True,
                qualifier="nearly",
            )
        )
        db.session.commit()
    page = client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
    assert "<span>Before. </span><mark>The ministry said 2,500 troops stay.</mark>" in page
    assert "2,500</strong> troops" in page and "nearly" in page


def test_dashboard_lists_my_claims_and_counts(app, client, make, checker):
    mine = make.claim(State.IN_PROGRESS, assignee=checker, text="My own claim text")
    make.claim(State.QUEUED)
    page = client.get("/desk/").get_data(as_text=True)
    assert "My own claim text" in page
    assert f"/desk/claims/{mine.id}" in page


def test_the_history_names_whom_a_claim_was_assigned_to(app, client, make):
    editor = make.user(Role.EDITOR, name="Eli Editor")
    first = make.user(Role.CHECKER, name="Chris Checker")
    second = make.user(Role.CHECKER, name="Dana Checker")
    claim = make.claim(State.QUEUED)
    login(client, editor)
    for person in (first, second):
        with app.app_context():
            version = fresh(Claim, claim.id).version
        answer = client.post(
            f"/desk/claims/{claim.id}/assign", data={"assignee_id": person.id, "version": version}
        )
        assert answer.status_code == 302
    page = client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
    history = page[page.index('id="hist-h"') :]
    assert "· assigned to Chris Checker" in history  # the take that moved it to in progress
    assert "assigned to Dana Checker" in history

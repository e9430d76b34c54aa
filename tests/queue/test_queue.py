"""The desk's queue (issue 16): pages both ways, the count, overdue claims, bulk actions, saved
views and presets, the waiting filter."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from sqlalchemy import func, select

from factcheck.claims import services
from factcheck.claims.queries import _SORT_VALUES, QueueFilters, queue_count, queue_page
from factcheck.db.pagination import _encode, count_capped
from factcheck.extensions import db
from factcheck.models import Claim, Event, Kind, Role, SavedFilter
from factcheck.models._types import utc_today, utcnow
from factcheck.workflow import State
from tests.support import fresh, login

PER_PAGE = 4


@pytest.fixture
def app_config():
    return {"PER_PAGE": PER_PAGE, "QUEUE_BULK_MAX": 6}


@pytest.fixture
def checker(as_role):
    return as_role(Role.CHECKER)


def ids_on(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'name="claim_id" value="(\d+)"', page)]


def link(page: str, rel: str) -> str | None:
    found = re.search(r'<a class="btn small" href="([^"]+)" rel="' + rel + '"', page)
    return unescape(found.group(1)) if found else None


def many_claims(app, make, n: int = 23) -> list[int]:
    """`n` queued claims with many ties in every sort key (score, creation time, due date);
    every other one says "troops", the rest "budget"."""
    article = make.article()
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with app.app_context():
        claims = [
            Claim(
                article_id=article.id,
                state=State.QUEUED,
                start=0,
                end=10,
                text=("The troops number %d" if i % 2 else "The budget is %d billion") % i,
                score=(0.2, 0.5, 0.5, 0.9)[i % 4],
                kind=Kind.QUANTITY,
                created_at=start + dt.timedelta(hours=i // 3),
                due_on=dt.date(2027, 1, 1) + dt.timedelta(days=i // 5),
            )
            for i in range(n)
        ]
        db.session.add_all(claims)
        db.session.commit()
        return [c.id for c in claims]


def walk(client, url: str) -> tuple[list[list[int]], list[str]]:
    """Every page from `url` following "next": the ids of each and the page's HTML."""
    pages, html = [], []
    while url:
        body = client.get(url).get_data(as_text=True)
        pages.append(ids_on(body))
        html.append(body)
        url = link(body, "next")
    return pages, html


class TestPagesBothWays:
    @pytest.mark.parametrize("sort", ["score", "age", "newest", "due"])
    @pytest.mark.parametrize("q", ["", "troops"])
    def test_next_then_previous_gives_the_same_pages(self, app, client, make, checker, sort, q):
        ids = many_claims(app, make)
        pages, html = walk(client, f"/desk/claims/?sort={sort}&q={q}")
        seen = [i for p in pages for i in p]
        with app.app_context():
            expected = {
                c.id
                for c in db.session.scalars(select(Claim).where(Claim.id.in_(ids)))
                if not q or q in c.text
            }
        assert sorted(seen) == sorted(expected)  # each claim once, none skipped
        assert len(pages) == -(-len(expected) // PER_PAGE)
        assert link(html[0], "prev") is None
        # From the last page back to the first by "previous" links.
        back = [pages[-1]]
        url = link(html[-1], "prev")
        while url:
            body = client.get(url).get_data(as_text=True)
            back.append(ids_on(body))
            url = link(body, "prev")
        assert back[::-1] == pages

    def test_a_stale_or_tampered_before_cursor_shows_the_first_page(
        self, app, client, make, checker
    ):
        many_claims(app, make, 9)
        first = ids_on(client.get("/desk/claims/").get_data(as_text=True))
        for cursor in ("garbage", "W10", "A" * 300):
            page = client.get("/desk/claims/", query_string={"before": cursor})
            assert page.status_code == 200
            assert ids_on(page.get_data(as_text=True)) == first

    def test_previous_near_the_top_is_a_whole_first_page(self, app, client, make, checker):
        many_claims(app, make, 9)
        first = ids_on(client.get("/desk/claims/?sort=age").get_data(as_text=True))
        with app.app_context():
            third = db.session.get(Claim, first[2])
            before = _encode(_SORT_VALUES["age"](third))
            page = queue_page(QueueFilters(sort="age"), None, PER_PAGE, before=before)
            # two rows come before the third: less than a page, so the first page itself
            assert [c.id for c in page.items] == first
            assert page.prev_cursor is None and page.is_first

    def test_other_lists_get_no_previous_link(self, app, client, make, as_role):
        editor = as_role(Role.ADMIN)
        assert editor is not None
        many_claims(app, make, 9)
        page = client.get("/desk/admin/audit").get_data(as_text=True)
        assert 'rel="prev"' not in page


class TestCount:
    def test_exact_count_under_the_cap(self, app, client, make, checker):
        many_claims(app, make, 7)
        make.claim(State.DISMISSED)
        page = client.get("/desk/claims/").get_data(as_text=True)
        assert "7 claims" in page and "+ claims" not in page

    def test_count_of_a_search(self, app, client, make, checker):
        many_claims(app, make, 7)
        page = client.get("/desk/claims/?q=troops").get_data(as_text=True)
        assert "3 claims" in page

    def test_capped_at_scale(self, app, client, make, checker):
        app.config["QUEUE_COUNT_CAP"] = 5
        many_claims(app, make, 7)
        page = client.get("/desk/claims/").get_data(as_text=True)
        assert "5+ claims" in page
        with app.app_context():
            assert queue_count(QueueFilters(), 5) == (5, True)
            assert queue_count(QueueFilters(), 7) == (7, False)
            assert queue_count(QueueFilters(), 6) == (6, True)
            assert count_capped(Claim.id, Claim.state == State.QUEUED, 100) == (7, False)

    def test_large_figures_have_separators(self, app, client, make, checker, monkeypatch):
        monkeypatch.setattr("factcheck.claims.queries.queue_count", lambda f, cap: (cap, True))
        page = client.get("/desk/claims/").get_data(as_text=True)
        assert "10,000+ claims" in page


class TestOverdue:
    def _claims(self, app, make, checker):
        yesterday = utc_today() - dt.timedelta(days=1)
        made = {
            "queued": make.claim(State.QUEUED),
            "mine": make.claim(State.IN_PROGRESS, assignee=checker),
            "dismissed": make.claim(State.DISMISSED),
            "published": make.claim(State.PUBLISHED),
            "future": make.claim(State.QUEUED),
        }
        with app.app_context():
            for name, claim in made.items():
                row = db.session.get(Claim, claim.id)
                row.due_on = yesterday if name != "future" else utc_today() + dt.timedelta(days=3)
            db.session.commit()
        return {name: c.id for name, c in made.items()}

    def test_overdue_excludes_closed_states_even_with_any_state(self, app, client, make, checker):
        ids = self._claims(app, make, checker)
        for state in ("", "all", "dismissed"):
            page = client.get("/desk/claims/", query_string={"due": "overdue", "state": state})
            shown = set(ids_on(page.get_data(as_text=True)))
            assert ids["dismissed"] not in shown and ids["published"] not in shown
            assert ids["future"] not in shown
        page = client.get("/desk/claims/?due=overdue&state=all").get_data(as_text=True)
        assert set(ids_on(page)) == {ids["queued"], ids["mine"]}

    def test_overdue_rows_are_marked_in_words_not_colour_alone(self, app, client, make, checker):
        app.config["PER_PAGE"] = 25
        ids = self._claims(app, make, checker)
        page = client.get("/desk/claims/?state=all").get_data(as_text=True)
        rows = re.findall(
            r'<tr class="([^"]*)">\s*<td class="tick"><input [^>]*value="(\d+)"', page
        )
        assert len(rows) == 5  # every claim, closed ones too
        marked = {int(i) for cls, i in rows if "overdue" in cls}
        assert marked == {ids["queued"], ids["mine"]}
        assert page.count('class="overdue-flag">Overdue<') == 2


class TestBulk:
    def post(self, client, action, ids, **extra):
        data = {"action": action, "claim_id": [str(i) for i in ids], **extra}
        return client.post("/desk/claims/bulk", data=data, follow_redirects=True)

    def test_dismiss_several_audited(self, app, client, make, checker):
        a, b = make.claim(State.QUEUED), make.claim(State.CANDIDATE)
        response = self.post(client, "dismiss", [a.id, b.id])
        assert "Dismiss: 2 claims done." in response.get_data(as_text=True)
        with app.app_context():
            assert fresh(Claim, a.id).state == State.DISMISSED
            assert fresh(Claim, b.id).state == State.DISMISSED
            events = db.session.scalars(
                select(Event).where(Event.claim_id.in_([a.id, b.id]), Event.action == "dismiss")
            ).all()
            assert {e.actor_id for e in events} == {checker.id} and len(events) == 2

    def test_a_claim_the_workflow_refuses_is_reported_and_the_rest_done(
        self, app, client, make, checker
    ):
        queued = make.claim(State.QUEUED)
        working = make.claim(State.IN_PROGRESS, assignee=checker)
        body = self.post(client, "dismiss", [queued.id, working.id]).get_data(as_text=True)
        assert "1 claim done" in body and f"#{working.id}" in body and "Not done" in body
        with app.app_context():
            assert fresh(Claim, queued.id).state == State.DISMISSED
            assert fresh(Claim, working.id).state == State.IN_PROGRESS

    def test_return_to_queue_only_ones_own(self, app, client, make, checker):
        other = make.user(Role.CHECKER)
        mine = make.claim(State.IN_PROGRESS, assignee=checker)
        theirs = make.claim(State.IN_PROGRESS, assignee=other)
        body = self.post(client, "release", [mine.id, theirs.id]).get_data(as_text=True)
        assert f"#{theirs.id} (in progress): not allowed for you" in body
        with app.app_context():
            assert fresh(Claim, mine.id).state == State.QUEUED
            assert fresh(Claim, mine.id).assignee_id is None
            assert fresh(Claim, theirs.id).state == State.IN_PROGRESS
            assert fresh(Claim, theirs.id).assignee_id == other.id

    def test_an_editor_may_return_anyones(self, app, client, make, as_role):
        theirs = make.claim(State.IN_PROGRESS, assignee=make.user(Role.CHECKER))
        as_role(Role.EDITOR)
        self.post(client, "release", [theirs.id])
        with app.app_context():
            assert fresh(Claim, theirs.id).state == State.QUEUED

    def test_set_due_date_with_permission_refusals(self, app, client, make, checker):
        due = utc_today() + dt.timedelta(days=5)
        queued = make.claim(State.QUEUED)
        theirs = make.claim(State.IN_PROGRESS, assignee=make.user(Role.CHECKER))
        closed = make.claim(State.DISMISSED)
        body = self.post(
            client, "due", [queued.id, theirs.id, closed.id], due_on=due.isoformat()
        ).get_data(as_text=True)
        assert f"#{theirs.id} (in progress): not allowed for you" in body
        assert f"#{closed.id} (dismissed): not allowed for you" in body
        with app.app_context():
            assert fresh(Claim, queued.id).due_on == due
            assert fresh(Claim, theirs.id).due_on is None
            assert fresh(Claim, closed.id).due_on is None
            event = db.session.scalar(
                select(Event).where(Event.claim_id == queued.id, Event.action == "due")
            )
            assert event is not None and event.data["to"] == due.isoformat()

    def test_set_due_date_needs_a_date(self, app, client, make, checker):
        queued = make.claim(State.QUEUED)
        body = self.post(client, "due", [queued.id]).get_data(as_text=True)
        assert "Choose the due date" in body

    def test_unknown_action_is_a_bad_request(self, client, make, checker):
        queued = make.claim(State.QUEUED)
        response = client.post(
            "/desk/claims/bulk", data={"action": "publish", "claim_id": queued.id}
        )
        assert response.status_code == 400

    def test_over_the_cap_is_413_and_changes_nothing(self, app, client, make, checker):
        queued = make.claim(State.QUEUED)
        ids = [queued.id, *range(10_000, 10_006)]  # 7 ids, the cap here is 6
        response = client.post("/desk/claims/bulk", data={"action": "dismiss", "claim_id": ids})
        assert response.status_code == 413
        with app.app_context():
            assert fresh(Claim, queued.id).state == State.QUEUED

    def test_at_the_cap_is_fine(self, app, client, make, checker):
        queued = make.claim(State.QUEUED)
        ids = [queued.id, *range(10_000, 10_005)]
        response = client.post("/desk/claims/bulk", data={"action": "dismiss", "claim_id": ids})
        assert response.status_code == 302

    def test_default_cap_is_500(self):
        from factcheck.config import Config

        assert Config.QUEUE_BULK_MAX == 500 and Config.QUEUE_COUNT_CAP == 10_000


class TestCsrf:
    @pytest.fixture
    def app_config(self):
        return {"WTF_CSRF_ENABLED": True}

    @pytest.mark.parametrize(
        "path,data",
        [
            ("/desk/claims/bulk", {"action": "dismiss"}),
            ("/desk/claims/filters", {"name": "x"}),
        ],
    )
    def test_posts_without_a_token_are_refused(self, app, client, make, checker, path, data):
        queued = make.claim(State.QUEUED)
        response = client.post(path, data={**data, "claim_id": queued.id})
        assert response.status_code == 400
        with app.app_context():
            assert fresh(Claim, queued.id).state == State.QUEUED
            assert db.session.scalar(select(func.count()).select_from(SavedFilter)) == 0

    def test_delete_filter_without_a_token_is_refused(self, app, client, make, checker):
        with app.app_context():
            saved = SavedFilter(user_id=checker.id, name="x", query="")
            db.session.add(saved)
            db.session.commit()
            saved_id = saved.id
        assert client.post(f"/desk/claims/filters/{saved_id}/delete").status_code == 400

    def test_with_the_page_token_it_works(self, app, client, make, checker):
        queued = make.claim(State.QUEUED)
        page = client.get("/desk/claims/").get_data(as_text=True)
        token = re.search(r'id="csrf_token" name="csrf_token" type="hidden" value="([^"]+)"', page)
        assert token
        data = {"csrf_token": token.group(1), "action": "dismiss", "claim_id": queued.id}
        assert client.post("/desk/claims/bulk", data=data).status_code == 302
        with app.app_context():
            assert fresh(Claim, queued.id).state == State.DISMISSED


class TestSavedFilters:
    def saved(self, app, user) -> list[tuple[str, str]]:
        with app.app_context():
            return [(s.name, s.query) for s in services.saved_filters(user)]

    def test_save_keeps_only_the_queues_arguments(self, app, client, checker):
        query = "due=overdue&after=abc&evil=1&assignee=me&sort=due"
        response = client.post("/desk/claims/filters", data={"name": "Late", "query": query})
        assert response.status_code == 302
        assert self.saved(app, checker) == [("Late", "assignee=me&due=overdue&sort=due")]
        page = client.get("/desk/claims/").get_data(as_text=True)
        assert ">Late</a>" in page and "?assignee=me&amp;due=overdue&amp;sort=due" in page

    def test_same_name_replaces(self, app, client, checker):
        client.post("/desk/claims/filters", data={"name": "Mine", "query": "due=overdue"})
        response = client.post("/desk/claims/filters", data={"name": "Mine", "query": "due=week"})
        assert response.status_code == 302
        assert self.saved(app, checker) == [("Mine", "due=week")]

    def test_names_are_per_person(self, app, client, make, checker):
        other = make.user(Role.CHECKER)
        client.post("/desk/claims/filters", data={"name": "Mine", "query": "due=overdue"})
        login(client, other)
        client.post("/desk/claims/filters", data={"name": "Mine", "query": "due=week"})
        assert self.saved(app, checker) == [("Mine", "due=overdue")]
        assert self.saved(app, other) == [("Mine", "due=week")]

    def test_a_racing_save_of_the_same_name_updates_not_500(self, app, checker, monkeypatch):
        """The other request inserted the name after our look-up: the unique constraint
        answers, and the save becomes an update."""
        with app.app_context():
            db.session.add(SavedFilter(user_id=checker.id, name="Mine", query="due=overdue"))
            db.session.commit()
            real = services._saved_filter
            calls = []

            def late(user, name):
                calls.append(name)
                return None if len(calls) == 1 else real(user, name)

            monkeypatch.setattr(services, "_saved_filter", late)
            user = db.session.get(type(checker), checker.id)
            saved = services.save_filter(user, "Mine", "due=week")
            db.session.commit()
            assert len(calls) == 2 and saved.query == "due=week"
            rows = db.session.scalars(select(SavedFilter)).all()
            assert [(r.name, r.query) for r in rows] == [("Mine", "due=week")]

    def test_empty_or_long_names_are_refused(self, app, client, checker):
        for name in ("", "   ", "x" * 81):
            body = client.post(
                "/desk/claims/filters",
                data={"name": name, "query": "due=week"},
                follow_redirects=True,
            ).get_data(as_text=True)
            assert "Give the view a name" in body
        assert self.saved(app, checker) == []

    def test_delete_own_but_not_anothers(self, app, client, make, checker):
        other = make.user(Role.CHECKER)
        with app.app_context():
            mine = SavedFilter(user_id=checker.id, name="a", query="")
            theirs = SavedFilter(user_id=other.id, name="b", query="")
            db.session.add_all([mine, theirs])
            db.session.commit()
            mine_id, theirs_id = mine.id, theirs.id
        assert client.post(f"/desk/claims/filters/{theirs_id}/delete").status_code == 403
        assert client.post(f"/desk/claims/filters/{mine_id}/delete").status_code == 302
        assert client.post("/desk/claims/filters/999999/delete").status_code == 404
        with app.app_context():
            assert [s.id for s in db.session.scalars(select(SavedFilter))] == [theirs_id]

    def test_others_saved_filters_are_not_shown(self, app, client, make, checker):
        other = make.user(Role.CHECKER)
        with app.app_context():
            db.session.add(SavedFilter(user_id=other.id, name="Secret view", query="due=week"))
            db.session.commit()
        assert "Secret view" not in client.get("/desk/claims/").get_data(as_text=True)


class TestPresetsAndWaiting:
    def _age(self, app, claim_id, days):
        with app.app_context():
            row = db.session.get(Claim, claim_id)
            row.state_changed_at = utcnow() - dt.timedelta(days=days)
            db.session.commit()

    def test_presets_are_offered(self, client, checker):
        page = unescape(client.get("/desk/claims/").get_data(as_text=True))
        assert ">My overdue</a>" in page and ">In review older than 2 days</a>" in page

    def test_my_overdue(self, app, client, make, checker):
        mine = make.claim(State.IN_PROGRESS, assignee=checker)
        mine_later = make.claim(State.IN_PROGRESS, assignee=checker)
        theirs = make.claim(State.IN_PROGRESS, assignee=make.user(Role.CHECKER))
        with app.app_context():
            for cid, days in ((mine.id, -1), (mine_later.id, 4), (theirs.id, -1)):
                db.session.get(Claim, cid).due_on = utc_today() + dt.timedelta(days=days)
            db.session.commit()
        page = client.get("/desk/claims/?assignee=me&due=overdue&sort=due").get_data(as_text=True)
        assert ids_on(page) == [mine.id]
        assert 'aria-current="page">My overdue</a>' in page

    def test_in_review_older_than_two_days(self, app, client, make, checker):
        old = make.claim(State.IN_REVIEW)
        new = make.claim(State.IN_REVIEW)
        old_queued = make.claim(State.QUEUED)
        self._age(app, old.id, 3)
        self._age(app, new.id, 1)
        self._age(app, old_queued.id, 5)
        page = client.get("/desk/claims/?state=in_review&waiting=2d&sort=age")
        assert ids_on(page.get_data(as_text=True)) == [old.id]

    def test_waiting_in_hours(self, app, client, make, checker):
        a, b = make.claim(State.QUEUED), make.claim(State.QUEUED)
        self._age(app, a.id, 1)
        assert ids_on(client.get("/desk/claims/?waiting=12h").get_data(as_text=True)) == [a.id]
        assert set(ids_on(client.get("/desk/claims/").get_data(as_text=True))) == {a.id, b.id}

    @pytest.mark.parametrize(
        "value", ["2", "d", "2w", "-2d", "2.5d", "99999d", "9999999h", "2d2d", "２d"]
    )
    def test_bad_waiting_is_400(self, client, checker, value):
        assert client.get("/desk/claims/", query_string={"waiting": value}).status_code == 400


def test_a_view_with_a_bad_waiting_is_not_saved(app, client, checker):
    response = client.post("/desk/claims/filters", data={"name": "x", "query": "waiting=zz"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SavedFilter)) == 0

"""Scale: synthetic load data, keyset pages that do not grow with the data, search."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import event, func, select

from factcheck.commands.bulk import seed_bulk
from factcheck.extensions import db
from factcheck.models import Article, Claim, Role, Source, Verdict
from factcheck.workflow import PUBLIC_STATES, State


def test_seed_bulk_makes_consistent_data(app):
    with app.app_context():
        result = seed_bulk(40, claims_per_article=10, seed=7, progress=lambda s: None)
        assert result["claims"] == 400 and result["articles"] == 40
        assert db.session.scalar(select(func.count(Claim.id))) == 400
        states = set(db.session.scalars(select(Claim.state).distinct()))
        assert len(states) >= 8
        for claim in db.session.scalars(select(Claim).limit(50)):
            assert claim.article.body[claim.start : claim.end] == claim.text
            for q in claim.quantities:
                assert claim.article.body[q.start : q.end] == q.text
        # What the workflow requires of each state holds for generated rows too.
        assert (
            db.session.scalar(
                select(func.count(Claim.id)).where(
                    Claim.state.in_(PUBLIC_STATES), Claim.published_at.is_(None)
                )
            )
            == 0
        )
        assert (
            db.session.scalar(
                select(func.count(Claim.id)).where(
                    Claim.state == State.IN_REVIEW, ~Claim.verdict.has()
                )
            )
            == 0
        )
        assert db.session.scalar(select(func.count(Source.id))) > 0
        assert db.session.scalar(select(func.count(Verdict.id))) > 0
        # A second run adds to the data instead of clashing with it.
        seed_bulk(3, claims_per_article=5, seed=8, progress=lambda s: None)
        assert db.session.scalar(select(func.count(Article.id))) == 43


def test_seed_bulk_command(app, runner):
    result = runner.invoke(args=["seed-bulk", "--articles", "3", "--claims-per-article", "4"])
    assert result.exit_code == 0, result.output
    assert "Inserted 12 claims in 3 articles" in result.output


class StatementCounter:
    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._hit)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._hit)

    def _hit(self, *args):
        self.count += 1


@pytest.mark.parametrize(
    "path",
    ["/desk/claims/", "/desk/claims/?q=figures", "/desk/claims/?state=all&sort=newest", "/desk/"],
)
def test_staff_pages_run_the_same_statements_whatever_the_size(app, client, as_role, path):
    as_role(Role.EDITOR)
    counts = []
    for articles in (2, 30):
        with app.app_context():
            seed_bulk(articles, claims_per_article=10, seed=articles, progress=lambda s: None)
            engine = db.engine
        client.get(path)
        with StatementCounter(engine) as counter:
            assert client.get(path).status_code == 200
        counts.append(counter.count)
    if "q=" in path:
        # A search may ask the search index once more when the window in score order holds
        # less than a page (see keyset_page): one statement, never one per row.
        assert counts[1] <= counts[0] <= counts[1] + 1, counts
    else:
        assert counts[0] == counts[1], counts


@pytest.mark.parametrize("window", [3, 40, 100_000])
def test_search_pages_match_a_full_search_whatever_the_window(
    app, client, as_role, monkeypatch, window
):
    """The search window is only a shortcut: page after page, the queue shows exactly the
    matching claims in score order, as a plain full search would."""
    from factcheck.claims import queries
    from factcheck.db.search import claims_matching

    as_role(Role.EDITOR)
    app.config["PER_PAGE"] = 5
    monkeypatch.setattr(queries, "SEARCH_WINDOW", window)
    with app.app_context():
        seed_bulk(30, claims_per_article=10, seed=3, progress=lambda s: None)
        word = "capital"
        expected = list(
            db.session.scalars(
                select(Claim.id)
                .where(Claim.state.not_in(queries.CLOSED_STATES), claims_matching(word))
                .order_by(Claim.score.desc(), Claim.id.desc())
            )
        )
    assert len(expected) > 10, "the synthetic data should mention the word on several pages"
    seen, url = [], f"/desk/claims/?q={word}"
    for _ in range(50):
        page = client.get(url).get_data(as_text=True)
        seen += [int(i) for i in re.findall(r'name="claim_id" value="(\d+)"', page)]
        found = re.search(r'href="([^"]*after=[^"]+)" rel="next"', page)
        if not found:
            break
        url = html.unescape(found.group(1))
    assert seen == expected


def test_claim_page_statements_do_not_grow_with_sources(app, client, make, as_role):
    as_role(Role.EDITOR)
    counts = []
    for n in (1, 12):
        claim = make.claim(State.IN_REVIEW, with_source=False)
        with app.app_context():
            for i in range(n):
                db.session.add(Source(claim_id=claim.id, url=f"https://e.example/{i}"))
            db.session.commit()
            engine = db.engine
        client.get(f"/desk/claims/{claim.id}")
        with StatementCounter(engine) as counter:
            client.get(f"/desk/claims/{claim.id}")
        counts.append(counter.count)
    assert counts[0] == counts[1], counts


def test_seeded_approved_claims_can_be_published(app):
    """Generated approvals are bound to the verdict version like real ones."""
    from factcheck.models import User
    from factcheck.review.services import publish_claim

    with app.app_context():
        seed_bulk(20, claims_per_article=10, seed=3, progress=lambda s: None)
        claim = db.session.scalar(select(Claim).where(Claim.state == State.APPROVED).limit(1))
        editor = db.session.scalar(select(User).where(User.role == Role.EDITOR).limit(1))
        publish_claim(claim, editor)
        db.session.commit()
        assert claim.state == State.PUBLISHED

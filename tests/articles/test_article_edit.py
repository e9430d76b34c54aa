"""Fixing an article's details: audited with before and after, relative dates resolved again,
and refused on published checks unless an editor does it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from factcheck.articles.services import ingest_article, resolve_dates_again
from factcheck.extensions import db
from factcheck.extraction import extract
from factcheck.models import Article, Claim, DateMention, Event, Role, User
from factcheck.workflow import State
from tests.support import fresh, login, work

BODY = (
    "The agreement was reached last July, the minister said on Friday, and 2,500 troops "
    "will stay until the end of next year."
)


def _ingested(app, user) -> int:
    with app.app_context():
        article = ingest_article(
            title="Troops stay",
            body=BODY,
            actor=db.session.get(User, user.id),
            published_on=dt.date(2021, 12, 10),
        ).article
        db.session.commit()
        return article.id


def _dates(app, article_id: int) -> dict[str, str | None]:
    with app.app_context():
        rows = db.session.scalars(
            select(DateMention).join(Claim).where(Claim.article_id == article_id)
        )
        return {d.text: d.value for d in rows}


def test_a_new_date_resolves_relative_dates_again_and_is_audited(app, client, make):
    checker = make.user(Role.CHECKER)
    article_id = _ingested(app, checker)
    assert _dates(app, article_id)["last July"] == "2021-07"
    login(client, checker)  # whoever ingested it may fix it
    response = client.post(
        f"/desk/articles/{article_id}/edit",
        data={"title": "Troops stay in Iraq", "published_on": "2023-03-01"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "Saved the article&#39;s title, published on" in page
    assert "relative date(s) resolved again" in page
    assert _dates(app, article_id)["last July"] == "2022-07"
    with app.app_context():
        event = db.session.scalar(
            select(Event).where(Event.action == "article_edited", Event.claim_id.is_(None))
        )
        assert event.data["title"] == ["Troops stay", "Troops stay in Iraq"]
        assert event.data["published_on"] == ["2021-12-10", "2023-03-01"]


def test_a_future_date_and_a_bad_address_are_refused(app, client, make):
    editor = make.user(Role.EDITOR)
    article_id = _ingested(app, editor)
    login(client, editor)
    for data in ({"title": "T", "published_on": "2999-01-01"}, {"title": "T", "url": "ftp://x"}):
        client.post(f"/desk/articles/{article_id}/edit", data=data)
        with app.app_context():
            assert fresh(Article, article_id).title == "Troops stay"


def test_only_an_editor_changes_what_published_checks_show(app, client, make):
    checker = make.user(Role.CHECKER)
    article = make.article(title="Original headline")
    with app.app_context():
        fresh(Article, article.id).created_by_id = checker.id
        db.session.commit()
    make.claim(State.PUBLISHED, article=article)
    login(client, checker)
    refused = client.post(
        f"/desk/articles/{article.id}/edit",
        data={"title": "A checker's headline"},
        follow_redirects=True,
    )
    assert "is published" in refused.get_data(as_text=True)
    with app.app_context():
        assert fresh(Article, article.id).title == "Original headline"
    login(client, make.user(Role.EDITOR))
    client.post(f"/desk/articles/{article.id}/edit", data={"title": "An editor's headline"})
    with app.app_context():
        assert fresh(Article, article.id).title == "An editor's headline"


def test_resolving_dates_again_runs_the_date_finder_not_the_whole_extraction(app, make):
    # It runs inside the edit's write transaction: its work is bounded by the dates' share.
    checker = make.user(Role.CHECKER)
    with app.app_context():
        article = ingest_article(
            title="Troops stay",
            body="\n\n".join(f"{BODY} Part {i}." for i in range(40)),
            actor=db.session.get(User, checker.id),
            published_on=dt.date(2021, 12, 10),
        ).article
        article.published_on = dt.date(2023, 3, 1)
        assert resolve_dates_again(article) > 0
        again = work(lambda: resolve_dates_again(article))
        whole = work(lambda: extract(article.body, article.published_on))
        assert again * 3 < whole

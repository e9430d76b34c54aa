"""Ingest by URL: an "ingest_url" job (immediate mode here) fetches a news page served by the
test on 127.0.0.1 and ingests it with the page's metadata; the production fetch policy refuses
addresses inside our network, and then nothing is stored."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factcheck.articles.from_url import INGEST_URL_JOB
from factcheck.extensions import db
from factcheck.models import Article, ArticleFetch, Claim, Job, JobState, Role
from tests.fetching.server import Route, serving
from tests.support import login

NEWS = (
    "<html><head><title>Unemployment falls to 4.1% | Harbour Gazette</title>"
    '<meta property="og:title" content="Unemployment falls to 4.1%">'
    '<meta property="og:site_name" content="Harbour Gazette">'
    '<meta name="author" content="Dana Reyes">'
    '<meta property="article:published_time" content="2026-11-20T08:00:00Z">'
    "</head><body><nav>Home · Business · Sport</nav><article><h1>Unemployment falls to 4.1%</h1>"
    "<p>Unemployment fell to 4.1% in October, down from 4.6% a year earlier, the statistics "
    "office said on Thursday.</p><p>The finance minister said that 120,000 new jobs were created "
    "in the past twelve months, more than in any year since 2008.</p><p>Youth unemployment "
    "remains above 11%, according to the same figures.</p></article>"
    "<footer>© Harbour Gazette</footer></body></html>"
).encode()
INSIDE = "This address points inside our network and cannot be fetched."


@pytest.fixture
def app_config() -> dict:
    return {"FETCH_ALLOW_LOOPBACK": True}


def counts() -> tuple[int, int]:
    return (
        db.session.scalar(select(func.count()).select_from(Article)),
        db.session.scalar(select(func.count()).select_from(ArticleFetch)),
    )


def test_an_address_alone_is_fetched_and_ingested_with_the_pages_details(app, client, make):
    login(client, make.user(Role.CHECKER))
    with serving(
        {"/old": Route(status=301, headers={"Location": "/news"}), "/news": Route(body=NEWS)}
    ) as server:
        answer = client.post("/desk/articles/new", data={"url": server.url("/old")})
        assert answer.status_code == 302
        assert "/desk/articles/fetches/" in answer.headers["Location"]
        final_url = server.url("/news")
    page = client.get(answer.headers["Location"], follow_redirects=True)
    assert page.status_code == 200
    with app.app_context():
        article = db.session.scalars(select(Article)).one()
        assert article.title == "Unemployment falls to 4.1%"
        assert (article.outlet, article.author) == ("Harbour Gazette", "Dana Reyes")
        assert article.published_on.isoformat() == "2026-11-20"
        assert article.url == final_url
        claims = db.session.scalars(select(Claim.text).where(Claim.article_id == article.id)).all()
        [job] = db.session.scalars(select(Job).where(Job.kind == INGEST_URL_JOB)).all()
        assert job.state is JobState.DONE
        assert db.session.scalars(select(ArticleFetch.article_id)).one() == article.id
    assert any("4.1%" in text for text in claims)
    assert page.request.path == f"/desk/articles/{article.id}"
    assert "Unemployment fell to 4.1%" in page.get_data(as_text=True)


def test_a_loopback_address_is_refused_in_production_and_nothing_is_stored(app, client, make):
    app.config["FETCH_ALLOW_LOOPBACK"] = False
    login(client, make.user(Role.CHECKER))
    with serving({"/news": Route(body=NEWS)}) as server:
        answer = client.post("/desk/articles/new", data={"url": server.url("/news")})
    assert answer.status_code == 422
    assert INSIDE in answer.get_data(as_text=True)
    with app.app_context():
        assert counts() == (0, 0)


def test_a_name_resolving_inside_fails_in_the_job_with_the_reason_shown(app, client, make):
    app.config["FETCH_ALLOW_LOOPBACK"] = False
    login(client, make.user(Role.CHECKER))
    with serving({"/news": Route(body=NEWS)}) as server:
        url = f"http://localhost:{server.port}/news"  # a name: only DNS says where it leads
        answer = client.post("/desk/articles/new", data={"url": url})
        assert answer.status_code == 302
        page = client.get(answer.headers["Location"])
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Failed" in text and INSIDE in text
    with app.app_context():
        job = db.session.scalars(select(Job).where(Job.kind == INGEST_URL_JOB)).one()
        assert (job.state, job.error) == (JobState.FAILED, INSIDE)
        assert counts() == (0, 1)  # the request, with no article
    assert server.posts == []


def test_an_address_with_typed_details_asks_for_the_address_alone(app, client, make):
    login(client, make.user(Role.CHECKER))
    answer = client.post(
        "/desk/articles/new", data={"url": "https://news.example.org/a", "title": "Mine"}
    )
    assert answer.status_code == 422
    assert "give the address alone" in answer.get_data(as_text=True)
    with app.app_context():
        assert counts() == (0, 0)


def test_the_fetch_page_of_a_deleted_article_says_so(app, client, make):
    login(client, make.user(Role.EDITOR))
    with serving({"/news": Route(body=NEWS)}) as server:
        fetch_page = client.post("/desk/articles/new", data={"url": server.url("/news")})
        article_page = client.get(fetch_page.headers["Location"])
    assert article_page.status_code == 302
    deleted = client.post(article_page.headers["Location"] + "/delete")
    assert deleted.status_code == 302 and deleted.headers["Location"] == "/desk/articles/"

    # The fetch's page stays: it says where its article went instead of promising to open it.
    page = client.get(fetch_page.headers["Location"])
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "The article fetched from this address has since been deleted." in text
    assert "this page opens the article" not in text
    with app.app_context():
        assert counts() == (0, 1)

"""Near-duplicate articles: the same story from another outlet is flagged on both articles'
pages with a link, an unrelated one is not, and the lookup is a fixed number of queries."""

from __future__ import annotations

import pytest
from sqlalchemy import event, func, select

from factcheck.articles.near_duplicates import near_duplicates, similarity, sketch
from factcheck.extensions import db
from factcheck.models import Article, ArticleSketch, Role

PARAGRAPHS = [
    "The harbour authority said on Monday that container traffic fell by 12 percent in the "
    "first half of the year, the steepest drop since the port reopened.",
    "Its chief executive, Maria Okafor, blamed the closure of two shipping lanes and a strike "
    "by crane operators that lasted nine days in April.",
    "The authority expects 410,000 containers this year, down from 468,000 last year, and "
    "has postponed the dredging of the northern basin until 2028.",
    "Unions disputed the figures, saying overtime at the southern terminal had doubled while "
    "the number of permanent dock workers fell to 1,150.",
    "The city council will debate a loan of 30 million euros to the authority next month, "
    "according to a draft agenda seen by reporters.",
]
STORY = "\n\n".join(PARAGRAPHS)
# The same story as another outlet ran it: a new opening line, one figure restyled, one
# paragraph dropped.
RETOLD = "\n\n".join(
    [
        "Port traffic slumps, authority says.",
        PARAGRAPHS[0],
        PARAGRAPHS[1].replace("nine days", "9 days"),
        PARAGRAPHS[2],
        PARAGRAPHS[4],
    ]
)
OTHER = (
    "The regional health board opened a second maternity ward in Eastfield on Friday, adding "
    "24 beds. The board said waiting times for scans had fallen to eleven days, and that it "
    "had hired 37 midwives since January. Opposition councillors said the ward had been "
    "promised for 2024 and cost 4 million pounds more than planned."
)


def test_a_sketch_is_deterministic_and_its_estimate_separates_retold_from_unrelated():
    assert sketch(STORY) == sketch(STORY) and len(sketch(STORY)) == 64
    assert similarity(sketch(STORY), sketch(STORY)) == 1.0
    assert similarity(sketch(STORY), sketch(RETOLD)) >= 0.5
    assert similarity(sketch(STORY), sketch(OTHER)) == 0.0
    assert sketch("") == [] and len(sketch("Too short")) == 1


def test_case_and_punctuation_do_not_hide_a_copy():
    shouted = STORY.upper().replace(", ", " ").replace(". ", " . ")
    assert similarity(sketch(STORY), sketch(shouted)) == 1.0


def ingest(client, title: str, body: str) -> int:
    answer = client.post("/desk/articles/new", data={"title": title, "body": body})
    assert answer.status_code == 302
    return int(answer.headers["Location"].rstrip("/").split("/")[-1].split("?")[0])


@pytest.fixture
def editor(as_role):
    return as_role(Role.EDITOR)


def test_both_pages_link_the_other_copy_and_an_unrelated_article_shows_nothing(client, editor):
    first = ingest(client, "Port traffic falls", STORY)
    second = ingest(client, "Port traffic slumps", RETOLD)
    other = ingest(client, "New maternity ward", OTHER)
    page = client.get(f"/desk/articles/{second}").get_data(as_text=True)
    assert "An earlier article has mostly the same text" in page
    assert f'href="/desk/articles/{first}">Port traffic falls</a>' in page
    page = client.get(f"/desk/articles/{first}").get_data(as_text=True)
    assert "A later article has mostly the same text" in page
    assert f'href="/desk/articles/{second}">Port traffic slumps</a>' in page
    assert "near-duplicates" not in client.get(f"/desk/articles/{other}").get_data(as_text=True)


def test_deleting_an_article_takes_its_sketch_and_its_flag(app, client, editor):
    first = ingest(client, "Port traffic falls", STORY)
    second = ingest(client, "Port traffic slumps", RETOLD)
    assert client.post(f"/desk/articles/{first}/delete").status_code == 302
    with app.app_context():
        count = select(func.count()).where(ArticleSketch.article_id == first)
        assert db.session.scalar(count) == 0
    assert "near-duplicates" not in client.get(f"/desk/articles/{second}").get_data(as_text=True)


def test_the_lookup_is_a_few_queries_however_many_articles_share_boilerplate(app, client, editor):
    footer = " Sign up to our morning newsletter for the day's main stories in your inbox."
    ids = [ingest(client, f"Story {i}", f"{OTHER} Item {i} of the day.{footer}") for i in range(3)]
    ids += [
        ingest(client, f"Brief {i}", f"Brief number {i} about tides.{footer}") for i in range(30)
    ]
    with app.app_context():
        article = db.session.get(Article, ids[0])
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            found = near_duplicates(article)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
    assert {d.article_id for d in found} == set(ids[1:3])
    assert len(statements) <= 4

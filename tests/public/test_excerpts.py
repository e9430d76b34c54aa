"""The public verdict summary quotes excerpts around the checked claims, never the whole
third-party article: the claim's sentence, at most one sentence or CONTEXT_MAX characters of
context each side, cut at words, page furniture left out, and a link to the original."""

from __future__ import annotations

import pytest
from lxml import etree
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import Article, Claim, Role
from factcheck.public.excerpts import CONTEXT_MAX, excerpt
from factcheck.workflow import State

ONE, TWO, THREE, FOUR, FIVE = (
    "The talks began in March.",
    "Officials met local leaders twice.",
    "Kirby said about 2,500 troops remain in the country.",
    "The mission changes at the end of the year.",
    "Critics called it a renaming.",
)
PARAGRAPH = " ".join((ONE, TWO, THREE, FOUR, FIVE))
SIX = "Critics in parliament called the plan a rebranding."


def at(body: str, text: str) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)


def quoted(ex) -> str:
    return (
        ("… " if ex.cut_before else "")
        + ex.before
        + ex.claim
        + ex.after
        + (" …" if ex.cut_after else "")
    )


def test_the_claims_sentence_with_one_sentence_each_side():
    ex = excerpt(PARAGRAPH, *at(PARAGRAPH, "about 2,500 troops remain"))
    assert (ex.before, ex.claim, ex.after) == (
        f"{TWO} Kirby said ",
        "about 2,500 troops remain",
        f" in the country. {FOUR}",
    )
    assert ex.cut_before and ex.cut_after
    assert ONE not in quoted(ex) and FIVE not in quoted(ex)


def test_an_excerpt_never_leaves_the_claims_paragraph():
    body = f"Headline words here\n\n{THREE} {FOUR}\n\nAnother paragraph entirely."
    ex = excerpt(body, *at(body, THREE))
    assert (ex.before, ex.after) == ("", f" {FOUR}")
    assert not ex.cut_before and not ex.cut_after


def test_long_context_is_cut_at_words_with_an_ellipsis():
    long_before = "alpha " * 60 + "so the minister said"
    long_after = "on the record " + "beta " * 60 + "ended."
    body = f"{long_before} 45 drones were shot down {long_after}"
    ex = excerpt(body, *at(body, "45 drones were shot down"))
    assert ex.cut_before and ex.cut_after
    assert len(ex.before) <= CONTEXT_MAX and len(ex.after) <= CONTEXT_MAX
    assert ex.before.endswith("so the minister said ") and ex.after.startswith(" on the record")
    # Whole words only: each end is a word of the article, not a piece of one.
    assert ex.before.split()[0] == "alpha" and ex.after.split()[-1] == "beta"
    assert len(ex.before) > CONTEXT_MAX - len("alpha ")


def test_page_furniture_next_to_a_claim_is_left_out():
    body = f"Share this article. {THREE} {FOUR}"
    ex = excerpt(body, *at(body, THREE))
    assert "Share" not in quoted(ex) and ex.after == f" {FOUR}"


@pytest.fixture
def article(app, make):
    paragraphs = [
        "An opening paragraph about the region that holds no checked claim.",
        PARAGRAPH,
        "Share this article\nFollow us on Twitter",
        "A middle paragraph of background reporting with no claim at all.",
        f"Lawmakers voted in January. {SIX} Analysts disagreed.",
        "A closing paragraph nobody checked.",
    ]
    body = "\n\n".join(paragraphs)
    art = make.article(
        title="Troops stay",
        body=body,
        outlet="The Demo Gazette",
        url="https://news.example/world/troops-stay",
    )
    make.user(Role.EDITOR)  # past the first-run setup
    checked = {}
    for state, text in ((State.PUBLISHED, THREE), (State.CORRECTED, SIX), (State.QUEUED, ONE)):
        claim = make.claim(state, article=art, text=text)
        with app.app_context():
            c = db.session.get(Claim, claim.id)
            c.start, c.end = at(body, text)
            db.session.commit()
        checked[state] = claim.id
    return art, paragraphs, checked


def test_the_public_summary_shows_excerpts_and_links_the_original(client, article):
    art, paragraphs, checked = article
    response = client.get(f"/factchecks/articles/{art.id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    tree = etree.HTML(page)
    for quiet in (paragraphs[0], paragraphs[3], paragraphs[5], "Follow us on Twitter"):
        assert quiet not in page
    marks = {m.get("id"): m.text for m in tree.xpath('//mark[contains(@class, "fc-claim")]')}
    assert marks == {
        f"claim-{checked[State.PUBLISHED]}": THREE,
        f"claim-{checked[State.CORRECTED]}": SIX,
    }
    quotes = ["".join(q.itertext()) for q in tree.xpath("//blockquote")]
    assert quotes == [
        f"… {TWO} {THREE} {FOUR} …",
        f"Lawmakers voted in January. {SIX} Analysts disagreed.",
    ]
    assert ONE not in page  # the queued claim's sentence is not part of any excerpt
    originals = tree.xpath('//a[@href="https://news.example/world/troops-stay"]')
    assert any("Read the full article" in "".join(a.itertext()) for a in originals)
    assert all("noopener" in a.get("rel") for a in originals)


def test_the_summary_is_still_served_through_the_public_cache(client, article):
    art, _, _ = article
    first = client.get(f"/factchecks/articles/{art.id}")
    assert first.headers.get("ETag")
    again = client.get(
        f"/factchecks/articles/{art.id}", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304


def test_every_published_claim_of_the_demo_appears_in_an_excerpt(app, client, runner):
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        article = db.session.scalar(select(Article))
        body = article.body
        public = [
            c
            for c in db.session.scalars(select(Claim).where(Claim.article_id == article.id))
            if c.state in (State.PUBLISHED, State.CORRECTED)
        ]
        texts = [c.text for c in public]
        spans = [(c.start, c.end) for c in public]
    page = client.get(f"/factchecks/articles/{article.id}").get_data(as_text=True)
    tree = etree.HTML(page)
    marks = [m.text for m in tree.xpath('//mark[contains(@class, "fc-claim")]')]
    assert sorted(marks) == sorted(texts)
    shown = " ".join(" ".join(q.itertext()) for q in tree.xpath("//blockquote"))
    pos = 0
    for paragraph in body.split("\n\n"):
        start = body.index(paragraph, pos)
        pos = start + len(paragraph)
        if not any(start <= s < pos for s, _ in spans):
            assert " ".join(paragraph.split())[:60] not in page
    assert len(shown) < len(body) / 2

"""flask rescore-candidates: stored candidates get the score ingest gives them now and their top
earlier fact-check, in batches; --article limits it to one article; only candidates change."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from factcheck.articles import rescore
from factcheck.articles.services import ingest_article
from factcheck.extensions import db
from factcheck.extraction import extract
from factcheck.imports.services import import_file
from factcheck.models import Claim, ClaimSuggestion, Event, MatchKind
from factcheck.workflow import State
from tests.imports.support import data

POOLS = "Officials said the county shut 14 of its public swimming pools during 2025 to cut costs."
BODY = (
    f"{POOLS} The harbour authority reported that 312 cargo ships docked at pier 4 in May 2023. "
    "Bus fares in zone 3 rose by 8 percent on 2 March 2024, said transport officer Lee Park."
)
OTHER = "About 40 families moved to district 9 last year, the census office said in 2024."


@pytest.fixture(autouse=True)
def lexical(monkeypatch):
    """Rank lexically, as without the embeddings extra (fast, the same everywhere)."""
    monkeypatch.setenv("MATCHING_EMBEDDINGS", "0")


@pytest.fixture
def articles(app):
    """Two ingested articles (ids), ingested before anything was imported: not checked."""
    with app.app_context():
        first = ingest_article(title="One", body=BODY, actor=None, inline=True).article.id
        second = ingest_article(title="Two", body=OTHER, actor=None, inline=True).article.id
        db.session.commit()
    return first, second


def _scores(article_id: int) -> dict[str, float]:
    return {
        c.text: c.score
        for c in db.session.scalars(select(Claim).where(Claim.article_id == article_id))
    }


def test_rescoring_gives_the_scores_ingest_gives_and_the_top_matches(app, runner, articles):
    first, second = articles
    with app.app_context():
        expected = {c.text: c.score for c in extract(BODY).claims}
        assert _scores(first) == expected
        db.session.execute(update(Claim).values(score=0.01))  # an older scorer's scores
        import_file(data("matching.json"), "matching.json", None)  # checked since
        db.session.commit()
        assert db.session.scalars(select(ClaimSuggestion)).all() == []
    result = runner.invoke(args=["rescore-candidates"])
    assert result.exit_code == 0, result.output
    total = len(expected) + 1
    assert f"{total} candidates rescored: {total} scores changed, 1 checked before." in (
        result.output
    )
    with app.app_context():
        assert _scores(first) == expected
        assert _scores(second) != {OTHER: 0.01}
        cached = {s.claim_id: s for s in db.session.scalars(select(ClaimSuggestion))}
        assert len(cached) == total
        pools = db.session.scalars(select(Claim).where(Claim.text == POOLS)).one()
        assert (cached[pools.id].kind, cached[pools.id].similarity >= 0.5) == (
            MatchKind.IMPORTED,
            True,
        )
        event = db.session.scalars(select(Event).where(Event.action == "candidates_rescored"))
        assert sorted(event.one().data["claim_ids"]) == sorted(cached)


def test_one_article_only_in_small_batches(app, runner, articles, monkeypatch):
    first, second = articles
    monkeypatch.setattr(rescore, "BATCH", 2)
    with app.app_context():
        db.session.execute(update(Claim).values(score=0.01))
        db.session.commit()
    result = runner.invoke(args=["rescore-candidates", "--article", str(first)])
    assert result.exit_code == 0, result.output
    assert "2 candidates rescored…" in result.output  # the first batch, committed
    with app.app_context():
        assert set(_scores(first).values()) != {0.01}
        assert set(_scores(second).values()) == {0.01}
        batches = -(-len(_scores(first)) // 2)
        events = db.session.scalars(select(Event).where(Event.action == "candidates_rescored"))
        assert len(events.all()) == batches > 1


def test_claims_past_triage_are_left_alone(app, runner, articles):
    with app.app_context():
        db.session.execute(update(Claim).values(score=0.01))
        claim = db.session.scalars(select(Claim).where(Claim.text == POOLS)).one()
        claim.state = State.DISMISSED
        db.session.commit()
        pools_id = claim.id
    assert runner.invoke(args=["rescore-candidates"]).exit_code == 0
    with app.app_context():
        assert db.session.get(Claim, pools_id).score == 0.01
        assert db.session.get(ClaimSuggestion, pools_id) is None


def test_an_unknown_article_is_refused(app, runner):
    result = runner.invoke(args=["rescore-candidates", "--article", "999999"])
    assert result.exit_code != 0
    assert "There is no article #999999." in result.output


def test_batches_written_without_a_commit_between_them_are_all_kept(app, articles):
    first, _ = articles
    with app.app_context():
        expected = _scores(first)
        db.session.execute(update(Claim).values(score=0.01))
        db.session.commit()
        batches = list(rescore.rescore_candidates(None, first, batch=1))
        db.session.commit()
        assert len(batches) == len(expected) > 1
        db.session.expire_all()
        assert _scores(first) == expected
        assert len(db.session.scalars(select(ClaimSuggestion)).all()) == len(expected)

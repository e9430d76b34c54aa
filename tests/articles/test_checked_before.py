"""Triage knows what was checked before: after ingest a job matches the candidates against
earlier fact-checks (ours and imported) and caches each one's top match; the triage page shows
"Checked before" from the threshold on, in words and links, with one query."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event, select

from factcheck.articles.services import ingest_article
from factcheck.extensions import db
from factcheck.imports.services import import_file
from factcheck.matching import remove_document, suggestions
from factcheck.matching.published import reindex_ours
from factcheck.models import (
    Claim,
    ClaimSuggestion,
    ImportedFactCheck,
    Job,
    JobState,
    MatchKind,
    Role,
    Verdict,
)
from factcheck.workflow import State
from tests.imports.support import data
from tests.jobs.articles import numbered_article

POOLS = "Officials said the county shut 14 of its public swimming pools during 2025 to cut costs."
FERRY = "Ferry fares to the islands have doubled this summer, the operator said."
HARBOUR = "The harbour authority reported that 312 cargo ships docked at pier 4 in May 2023."
BODY = f"{POOLS} {FERRY} {HARBOUR}"


@pytest.fixture(autouse=True)
def lexical(monkeypatch):
    """Rank lexically, as without the embeddings extra (fast, the same everywhere)."""
    monkeypatch.setenv("MATCHING_EMBEDDINGS", "0")


@pytest.fixture
def earlier(app, make):
    """Earlier fact-checks: the imported file, and one of ours, published. (ours' claim id,
    its rating's label)."""
    ours = make.claim(State.PUBLISHED, text="Ferry fares to the islands doubled this summer.")
    with app.app_context():
        import_file(data("matching.json"), "matching.json", None)
        reindex_ours()
        db.session.commit()
        rating = db.session.scalars(select(Verdict).where(Verdict.claim_id == ours.id)).one()
        return ours.id, rating.rating.label


def _ingest(client, body: str = BODY) -> int:
    response = client.post("/desk/articles/new", data={"title": "Pools", "body": body})
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _row_of(page: str, words: str) -> str:
    """The triage list item of the candidate containing `words`."""
    items = re.findall(r"<li>\s*<input type=\"checkbox\" name=\"claim_id\".*?</li>", page, re.S)
    (item,) = [i for i in items if words in i]
    return item


def test_triage_shows_what_was_checked_before(app, client, as_role, earlier):
    ours_id, our_rating = earlier
    as_role(Role.CHECKER)
    article_id = _ingest(client)
    with app.app_context():
        job = db.session.scalars(select(Job).where(Job.kind == suggestions.CHECK_JOB)).one()
        assert (job.subject_id, job.state) == (article_id, JobState.DONE)
    page = client.get(f"/desk/articles/{article_id}").get_data(as_text=True)

    pools = _row_of(page, "swimming pools")
    assert "Checked before" in pools
    assert re.search(
        r'<a href="https://northshorefacts.example.org/checks/county-pools" '
        r'rel="noopener noreferrer"[^>]*>North Shore Facts</a>',
        pools,
    )
    assert re.search(r"\b\d{2,3}% similar", pools)
    assert "rated “Mostly true”" in pools
    assert "The county closed 14 public swimming pools" in pools

    ferry = _row_of(page, "Ferry fares")
    assert "Checked before" in ferry
    assert f'href="/factchecks/{ours_id}"' in ferry
    assert f"rated “{our_rating}”" in ferry

    assert "Checked before" not in _row_of(page, "cargo ships")
    assert "Checking against earlier fact-checks" not in page  # the job is done


def test_the_page_loads_its_suggestions_with_one_query(app, client, as_role, earlier):
    as_role(Role.CHECKER)
    article_id = _ingest(client)
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        page = client.get(f"/desk/articles/{article_id}").get_data(as_text=True)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert page.count("Checked before</strong>") == 2
    assert len([s for s in statements if "claim_suggestions" in s]) == 1


def test_the_page_says_while_the_check_is_running(app, client, as_role, earlier, make):
    as_role(Role.CHECKER)
    article = make.article(body=BODY)
    with app.app_context():
        db.session.add(Job(kind=suggestions.CHECK_JOB, subject_id=article.id, message="Queued…"))
        db.session.commit()
    page = client.get(f"/desk/articles/{article.id}").get_data(as_text=True)
    assert "Checking against earlier fact-checks" in page
    assert "data-poll=" in page


def test_nothing_is_queued_when_nothing_was_checked_before(app, client, as_role):
    as_role(Role.CHECKER)
    article_id = _ingest(client)
    with app.app_context():
        assert db.session.scalars(select(Job).where(Job.kind == suggestions.CHECK_JOB)).all() == []
        assert db.session.scalars(select(Claim.id)).first() is not None  # candidates, unchecked
    assert "Checked before" not in client.get(f"/desk/articles/{article_id}").get_data(True)


def test_a_large_article_is_checked_after_its_ingest_job(app, earlier):
    with app.app_context():
        result = ingest_article(title="Pools", body=BODY, actor=None, inline=False)
        db.session.commit()  # the ingest job runs, then queues the check
        cached = _cached(result.article.id)
        assert len(cached) == 3
        pools = next(s for s in cached.values() if s.kind == MatchKind.IMPORTED)
        assert pools.similarity >= suggestions.CHECKED_BEFORE_MIN


def test_each_job_checks_a_bounded_number_and_queues_the_rest(app, earlier, monkeypatch):
    monkeypatch.setattr(suggestions, "CHECK_CAP", 2)
    with app.app_context():
        result = ingest_article(title="Schools", body=numbered_article(5), actor=None, inline=True)
        db.session.commit()
        article_id = result.article.id
        assert len(_cached(article_id)) == result.candidates == 5
        jobs = db.session.scalars(select(Job).where(Job.kind == suggestions.CHECK_JOB)).all()
        assert [j.state for j in jobs] == [JobState.DONE] * 3
        # Run again, it finds nothing left to check and changes nothing.
        before = {i: s.computed_at for i, s in _cached(article_id).items()}
        suggestions.check_article(article_id, lambda percent, message: None)
        db.session.commit()
        db.session.expire_all()
        assert {i: s.computed_at for i, s in _cached(article_id).items()} == before


def test_only_a_match_from_the_threshold_that_is_still_matched_is_shown(app, make, earlier):
    ours_id, _ = earlier
    article = make.article(body=BODY)
    claims = [make.claim(State.CANDIDATE, article=article) for _ in range(3)]
    with app.app_context():
        gone = db.session.scalars(select(ImportedFactCheck.id)).first()
        remove_document(db.session, MatchKind.IMPORTED, gone)  # as a prune does
        for claim, (kind, ref_id, similarity) in zip(
            claims,
            [
                (MatchKind.OURS, ours_id, 0.5),
                (MatchKind.OURS, ours_id, 0.49),
                (MatchKind.IMPORTED, gone, 0.9),
            ],
            strict=True,
        ):
            db.session.add(
                ClaimSuggestion(claim_id=claim.id, kind=kind, ref_id=ref_id, similarity=similarity)
            )
        db.session.commit()
        shown = suggestions.checked_before([c.id for c in claims])
        assert list(shown) == [claims[0].id]
        assert (shown[claims[0].id].ref_id, shown[claims[0].id].percent) == (ours_id, 50)


def _cached(article_id: int) -> dict[int, ClaimSuggestion]:
    return {
        s.claim_id: s
        for s in db.session.scalars(
            select(ClaimSuggestion).join(Claim).where(Claim.article_id == article_id)
        )
    }

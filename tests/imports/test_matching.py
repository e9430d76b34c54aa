"""Imported fact-checks are matched against: an import indexes what it created or updated in its
own transaction, a second import of the same file changes nothing, pruning takes rows out of
matching, the embedding job is queued where the extra is installed, and reindex-matches
rebuilds the imported documents."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.imports import indexing
from factcheck.imports.services import import_file
from factcheck.matching import embedding, index_document, remove_document, suggest
from factcheck.models import ImportedFactCheck, Job, MatchDocument, MatchKind, MatchTerm
from tests.imports.support import data

POOLS = "Officials said the county shut 14 of its public swimming pools during 2025 to cut costs."


@pytest.fixture(autouse=True)
def lexical(monkeypatch):
    """Rank lexically, as without the embeddings extra (fast, the same everywhere)."""
    monkeypatch.setenv("MATCHING_EMBEDDINGS", "0")


def _import(payload: bytes, **kw):
    run, result = import_file(payload, "matching.json", None, **kw)
    db.session.commit()
    return run, result


def _documents() -> dict[int, MatchDocument]:
    return {
        d.ref_id: d
        for d in db.session.scalars(
            select(MatchDocument).where(MatchDocument.kind == MatchKind.IMPORTED)
        )
    }


def _row(url_end: str) -> ImportedFactCheck:
    return db.session.scalars(
        select(ImportedFactCheck).where(ImportedFactCheck.review_url.like(f"%{url_end}"))
    ).one()


def _without_pools(feed: dict) -> bytes:
    feed["dataFeedElement"] = feed["dataFeedElement"][1:]
    return json.dumps(feed).encode()


def test_a_paraphrase_finds_the_imported_fact_check_on_top(app):
    with app.app_context():
        _, result = _import(data("matching.json"))
        assert len(result.created) == 4
        pools, buses = _row("county-pools"), _row("bus-fires")
        docs = _documents()
        assert set(docs) == set(result.created)
        assert docs[pools.id].text == pools.claim_text
        assert docs[pools.id].title == "Did the county close 14 swimming pools?"
        assert docs[buses.id].title == "Misleading"  # no headline: the rating's words
        top = suggest(db.session, POOLS, k=3)[0]
        assert (top.kind, top.ref_id) == (MatchKind.IMPORTED, pools.id)
        assert top.similarity >= 0.5


def test_importing_the_same_file_again_changes_nothing(app):
    with app.app_context():
        _import(data("matching.json"))
        before = {i: (d.id, d.indexed_at) for i, d in _documents().items()}
        terms = dict(db.session.execute(select(MatchTerm.term, MatchTerm.documents)).all())
        _, again = _import(data("matching.json"))
        assert (again.created, again.updated, again.removed) == ([], [], [])
        assert len(again.unchanged) == 4
        db.session.expire_all()
        assert {i: (d.id, d.indexed_at) for i, d in _documents().items()} == before
        assert dict(db.session.execute(select(MatchTerm.term, MatchTerm.documents)).all()) == terms


def test_a_changed_headline_is_indexed_again(app):
    with app.app_context():
        _import(data("matching.json"))
        feed = json.loads(data("matching.json"))
        feed["dataFeedElement"][0]["item"]["name"] = "Fourteen pools shut: mostly true"
        _, result = _import(json.dumps(feed).encode())
        pools = _row("county-pools")
        assert result.updated == [pools.id]
        assert _documents()[pools.id].title == "Fourteen pools shut: mostly true"
        assert len(_documents()) == 4


def test_pruning_takes_the_missing_fact_check_out_of_matching(app):
    with app.app_context():
        _import(data("matching.json"))
        pools = _row("county-pools")
        _, result = _import(_without_pools(json.loads(data("matching.json"))), prune=True)
        assert result.removed == [pools.id]
        assert pools.id not in _documents()
        assert pools.id not in [m.ref_id for m in suggest(db.session, POOLS, k=5)]
        assert db.session.scalar(select(MatchTerm.documents).where(MatchTerm.term == "pool")) == 0
        # Back in a later import: updated, and matched against again.
        _, back = _import(data("matching.json"), prune=True)
        assert back.updated == [pools.id]
        assert suggest(db.session, POOLS, k=1)[0].ref_id == pools.id


def test_an_import_queues_one_embedding_job_where_the_extra_is_installed(app, monkeypatch):
    monkeypatch.setattr(indexing, "embeddings_installed", lambda: True)
    monkeypatch.setattr(embedding, "load", lambda: None)  # the job then embeds nothing
    with app.app_context():
        run, _ = _import(data("matching.json"))
        jobs = db.session.scalars(select(Job).where(Job.kind == indexing.EMBED_JOB)).all()
        assert [(j.subject_id, j.state.value) for j in jobs] == [(run.id, "done")]
        _import(data("matching.json"))  # nothing changed: nothing to embed
        assert (
            db.session.scalar(
                select(func.count()).select_from(Job).where(Job.kind == indexing.EMBED_JOB)
            )
            == 1
        )


def test_the_embedding_job_embeds_the_documents_of_its_import(app, monkeypatch):
    class Flat:
        name = "test/flat"

        def passages(self, texts):
            return [b"\x00\x3c" * 4 for _ in texts]  # float16 1.0, four times

    monkeypatch.setattr(indexing, "embeddings_installed", lambda: True)
    monkeypatch.setattr(indexing, "EMBED_CAP", 3)  # four documents: a second job takes the last
    monkeypatch.setattr(embedding, "load", Flat)
    with app.app_context():
        _import(data("matching.json"))
        docs = _documents().values()
        assert {(d.embedding, d.embedding_model) for d in docs} == {(b"\x00\x3c" * 4, "test/flat")}
        jobs = db.session.scalars(select(Job).where(Job.kind == indexing.EMBED_JOB)).all()
        assert [j.state.value for j in jobs] == ["done", "done"]


def test_reindex_matches_rebuilds_the_imported_documents(app, runner):
    with app.app_context():
        _import(data("matching.json"))
        pools, water = _row("county-pools"), _row("eastbrook-water")
        pools_id, water_id = pools.id, water.id
        _import(_without_pools(json.loads(data("matching.json"))), prune=True)
        # Out of step: a removed row indexed, a live one not.
        index_document(db.session, MatchKind.IMPORTED, pools.id, pools.claim_text)
        remove_document(db.session, MatchKind.IMPORTED, water.id)
        db.session.commit()
    result = runner.invoke(args=["reindex-matches"])
    assert result.exit_code == 0, result.output
    assert "3 imported fact-checks indexed, 1 removed" in result.output
    with app.app_context():
        assert water_id in _documents()
        assert pools_id not in _documents()

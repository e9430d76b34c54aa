"""The matcher in the app's own database (SQLite, or PostgreSQL with TEST_DATABASE_URL):
indexing is idempotent and keeps the term counts right, removal works, and publishing or
withdrawing one of our fact-checks puts it in matching or takes it out."""

from __future__ import annotations

from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.matching import (
    Match,
    NewDocument,
    index_document,
    index_documents,
    remove_document,
    suggest,
)
from factcheck.matching.published import reindex_ours
from factcheck.models import Claim, MatchDocument, MatchKind, MatchTerm, Role
from factcheck.review.services import publish_claim, unpublish_claim
from factcheck.workflow import State

from .fixture import FACT_CHECKS, QUERIES

IMPORTED = MatchKind.IMPORTED


def _load() -> None:
    index_documents(
        db.session,
        [NewDocument(IMPORTED, i, text, title) for i, (_, text, title) in enumerate(FACT_CHECKS)],
    )
    db.session.commit()


def _count(term: str) -> int:
    return db.session.scalar(select(MatchTerm.documents).where(MatchTerm.term == term)) or 0


def test_suggest_finds_paraphrases_in_the_database(app):
    with app.app_context():
        _load()
        for _, text, gold in QUERIES:
            found = suggest(db.session, text, k=3)
            assert all(isinstance(m, Match) and m.kind == IMPORTED for m in found)
            assert int(gold[1:]) - 1 in [m.ref_id for m in found], text


def test_indexing_again_changes_nothing_and_an_edit_moves_the_counts(app):
    with app.app_context():
        _load()
        before = _count("librari"), _count(MatchTerm.DOCUMENTS)
        _load()
        assert (_count("librari"), _count(MatchTerm.DOCUMENTS)) == before == (1, 31)
        index_document(db.session, IMPORTED, 0, "The council closed the swimming pool.", "Pool")
        db.session.commit()
        assert _count("librari") == 0
        assert _count("pool") == 1
        assert _count(MatchTerm.DOCUMENTS) == 31


def test_a_removed_document_is_no_longer_suggested(app):
    with app.app_context():
        _load()
        text = QUERIES[3][1]
        assert suggest(db.session, text, k=1)[0].ref_id == 4
        assert remove_document(db.session, IMPORTED, 4)
        assert not remove_document(db.session, IMPORTED, 4)
        db.session.commit()
        assert 4 not in [m.ref_id for m in suggest(db.session, text, k=5)]
        assert _count(MatchTerm.DOCUMENTS) == 30
        assert _count("riverton") == 0


def test_publishing_indexes_our_fact_check_and_withdrawing_removes_it(app, make):
    editor = make.user(Role.EDITOR, name="Second Editor")
    claim = make.claim(State.APPROVED, text="The harbour tunnel will charge a toll of 12 euros.")
    with app.app_context():
        claim = db.session.get(Claim, claim.id)
        publish_claim(claim, db.session.merge(editor))
        db.session.commit()
        found = suggest(db.session, "A 12 euro toll for the harbour tunnel?!", k=1)
        assert [(m.kind, m.ref_id) for m in found] == [(MatchKind.OURS, claim.id)]
        unpublish_claim(claim, db.session.merge(editor), "Wrong figures")
        db.session.commit()
        assert suggest(db.session, "A 12 euro toll for the harbour tunnel?!", k=1) == []


def test_reindex_puts_public_claims_in_and_drops_the_rest(app, make):
    public = make.claim(State.PUBLISHED, text="Ferry fares to the islands doubled this summer.")
    make.claim(State.IN_REVIEW, text="The islands' ferry is free for pensioners.")
    with app.app_context():
        index_document(db.session, MatchKind.OURS, 999_999, "An old withdrawn check.")
        assert reindex_ours() == (1, 1)
        db.session.commit()
        refs = db.session.scalars(select(MatchDocument.ref_id)).all()
        assert refs == [public.id]
        assert db.session.scalar(select(func.count()).select_from(MatchTerm)) > 0


def test_reindex_command(app, make, runner):
    make.claim(State.PUBLISHED, text="Ferry fares to the islands doubled this summer.")
    result = runner.invoke(args=["reindex-matches"])
    assert result.exit_code == 0
    assert (
        "1 fact-checks indexed, 0 removed; 0 imported fact-checks indexed, 0 removed; 0 embedded."
        in result.output
    )


def test_the_first_stage_reads_only_the_rarest_words_within_its_postings_budget(app, monkeypatch):
    from factcheck.matching import services

    seen: list[list[str]] = []
    real = services.candidate_ids

    def spy(session, words, n):
        seen.append(words)
        return real(session, words, n)

    with app.app_context():
        _load()
        db.session.commit()
        monkeypatch.setattr(services, "candidate_ids", spy)
        monkeypatch.setattr(services, "POSTINGS_BUDGET", 1)
        text = QUERIES[3][1]
        assert suggest(db.session, text, k=1)[0].ref_id == 4
        words = seen[-1]
        postings = [_count(services.stem(w)) for w in words]
        assert words and (len(words) == 1 or sum(postings) <= 1)
        monkeypatch.setattr(services, "POSTINGS_BUDGET", None)
        suggest(db.session, text, k=1)
        assert len(seen[-1]) > len(words)

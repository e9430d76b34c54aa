"""rank() over our own small collection: paraphrases find their fact-check, near-duplicates
are shown once, the similarity means something, and the same input gives the same output."""

from __future__ import annotations

import pytest

from factcheck.matching import rank, rerank
from factcheck.matching.evaluate import memory_index
from factcheck.matching.services import score, suggest

from .fixture import FACT_CHECKS, QUERIES


@pytest.fixture(scope="module")
def ranked() -> dict[str, list[str]]:
    return rank(FACT_CHECKS, [(q, text) for q, text, _ in QUERIES], k=5)


def test_every_paraphrase_finds_its_fact_check_in_the_top_three(ranked):
    for qid, _, gold in QUERIES:
        assert gold in ranked[qid][:3], (qid, ranked[qid])


def test_most_paraphrases_find_it_first(ranked):
    first = sum(ranked[qid][0] == gold for qid, _, gold in QUERIES)
    assert first >= len(QUERIES) - 2


def test_a_near_duplicate_is_shown_once_and_the_first_indexed_wins(ranked):
    assert ranked["q05"][0] == "c06"
    assert "c31" not in ranked["q05"]


def test_the_same_input_gives_the_same_ranking(ranked):
    again = rank(FACT_CHECKS, [(q, text) for q, text, _ in QUERIES], k=5)
    assert again == ranked


def test_nothing_shared_means_no_suggestion():
    assert rank(FACT_CHECKS, [("x", "qwertyuiop zxcvbnm")], k=5) == {"x": []}


def test_similarity_is_high_for_the_same_claim_and_low_for_an_unrelated_post():
    with memory_index(FACT_CHECKS) as session:
        same = suggest(session, QUERIES[3][1], k=3)  # the Riverton mayor
        other = suggest(session, "Lovely weather at the beach today, the water was warm", k=3)
    assert same[0].ref_id == 4
    assert same[0].similarity > 0.5
    assert all(m.similarity < 0.5 for m in same[1:])
    assert all(m.similarity < 0.3 for m in other)
    assert all(0.0 <= m.similarity <= 1.0 for m in same + other)
    assert [m.similarity for m in same] == sorted((m.similarity for m in same), reverse=True)


def test_more_shared_evidence_raises_the_similarity():
    with memory_index(FACT_CHECKS) as session:
        vague = suggest(session, "something about the Tamber bridge", k=1)[0]
        exact = suggest(session, "The Tamber bridge cost 480 million euros, twice its budget", k=1)[
            0
        ]
    assert vague.ref_id == exact.ref_id == 10
    assert exact.similarity > vague.similarity


def test_without_the_embedding_package_the_lexical_model_ranks():
    with memory_index(FACT_CHECKS) as session:
        rows = [row for _, row in score(session, QUERIES[0][1])]
    assert rows and all(len(row) == len(rerank.LEXICAL) for row in rows)

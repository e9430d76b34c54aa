"""The shared scorer run in-process on the seed gold (and the dev sets): issue #3's targets."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path

import pytest

from factcheck.extraction import extract_document
from tests.support import SHARED, needs_shared

EVAL = SHARED / "eval"


@pytest.fixture(scope="module")
def scorer():
    path = needs_shared(EVAL / "score.py", "the shared scorer")
    spec = importlib.util.spec_from_file_location("shared_eval_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(scorer, gold_paths: list[Path]) -> dict:
    """Score our extractor on `gold_paths` the way `score.py --py` does; return the summaries."""
    kinds = ("claims", "quantities", "dates", "dates_value", "attributions")
    total = {k: scorer.Tally() for k in kinds}
    for gold_path in gold_paths:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = (gold_path.parent / gold["document"]).read_text(encoding="utf-8")
        pub = dt.date.fromisoformat(gold["published"]) if gold.get("published") else None
        pred = json.loads(json.dumps(extract_document(doc, published=pub)))
        for k, tally in scorer.score_doc(gold, doc, pred, False, gold_path.name).items():
            total[k].add(tally)
    return {k: v.summary() for k, v in total.items()}


def golds(name: str) -> list[Path]:
    paths = sorted(needs_shared(EVAL / "dev" / name, f"the {name} gold set").glob("*.gold.json"))
    assert paths, f"no {name} gold files under {EVAL / 'dev'}"
    return paths


def test_seed_macro_f1_and_claims(scorer):
    out = run(scorer, [EVAL / "seed" / "gold.json"])
    macro = sum(out[k]["f1"] for k in ("quantities", "dates_value", "attributions")) / 3
    assert macro >= 0.95, out
    claims = out["claims"]
    assert claims["f1"] >= 0.95, claims
    assert claims["fp"] == 0, "page furniture of the seed article became a claim"
    assert claims.get("oversized", 0) == 0
    assert claims["output_claims"] <= 20, "every sentence should not become its own claim"


def test_timebank_date_values(scorer):
    assert run(scorer, golds("timebank"))["dates_value"]["f1"] >= 0.80


def test_polnear_attributions(scorer):
    assert run(scorer, golds("polnear"))["attributions"]["f1"] >= 0.70


def test_newsquant_quantities(scorer):
    assert run(scorer, golds("newsquant"))["quantities"]["f1"] >= 0.88

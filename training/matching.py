"""Fit the reranker's logistic weights on a training split and write weights.json.

    .venv/bin/pip install -r requirements-train.txt   # numpy: a build tool, never run time
    .venv/bin/python training/matching.py ../shared/eval/matching [--split train]

Runs the app's own pipeline (evaluate.memory_index, services.score) over the split's queries,
labels each first-stage candidate 1 when it states the gold claim (its near-duplicates too)
and fits an L2-regularised logistic regression by Newton's method, so that the model's output
is a calibrated probability of "same claim". Build-time only: needs numpy; the lexical model
is always fitted, the semantic one when the embeddings extra is installed."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factcheck.matching import rerank, services
from factcheck.matching.evaluate import memory_index
from factcheck.matching.text import duplicate_key

L2 = 1.0


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]


def _absent(doc, gold: set[str]) -> bool:
    return duplicate_key(doc.text, doc.title) not in gold


def _examples(folder: Path, split: str) -> tuple[list[list[float]], list[int], dict]:
    documents = [(r[0], r[1], r[2]) for r in _read(folder / "vclaims.tsv")]
    keys = {d[0]: duplicate_key(d[1], d[2]) for d in documents}
    gold: dict[str, set[str]] = {}
    for qid, did in _read(folder / f"qrels-{split}.tsv"):
        gold.setdefault(qid, set()).add(keys[did])
    rows, labels, found = [], [], 0
    queries = [(r[0], r[1]) for r in _read(folder / f"queries-{split}.tsv") if r[0] in gold]
    with memory_index(documents) as session:
        for qid, text in queries:
            scored = services.score(session, text)
            hits = [int(duplicate_key(d.text, d.title) in gold[qid]) for d, _ in scored]
            found += any(hits)
            rows += [row for _, row in scored]
            labels += hits
            # The same query as a claim nobody checked before: its gold taken out, so that a
            # best-but-wrong candidate is a negative and the similarity is not "always yes".
            unseen = services.score(session, text, keep=partial(_absent, gold=gold[qid]))
            rows += [row for _, row in unseen]
            labels += [0] * len(unseen)
    note = {
        "queries": len(queries),
        "first_stage_recall": round(found / len(queries), 4),
        "unmatched_copies": "each query once more with its gold removed (all negatives)",
    }
    return rows, labels, note


def fit(rows: list[list[float]], labels: list[int]) -> tuple[list[float], float]:
    """Weights of an L2-regularised (not on the bias) logistic regression, and its mean log
    loss on the rows."""
    import numpy as np

    x, y = np.asarray(rows, dtype=float), np.asarray(labels, dtype=float)
    penalty = np.full(x.shape[1], L2)
    penalty[0] = 0.0
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -50, 50)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    p = np.clip(1 / (1 + np.exp(-(x @ w))), 1e-12, 1 - 1e-12)
    loss = float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).mean())
    return [round(float(v), 6) for v in w], loss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--split", default="train")
    args = parser.parse_args()
    rows, labels, note = _examples(args.folder, args.split)
    out = {}
    models: list[tuple[str, tuple[str, ...]]] = [("lexical", rerank.LEXICAL)]
    if rows and len(rows[0]) == len(rerank.SEMANTIC):
        models.append(("semantic", rerank.SEMANTIC))
    for model, names in models:
        weights, loss = fit([r[: len(names)] for r in rows], labels)
        out[model] = {
            "features": list(names),
            "weights": weights,
            "fitted": {
                "on": f"CheckThat! 2020 Task 2 {args.split} split (kit in ../shared/eval/matching)",
                "method": f"logistic regression, L2 {L2} (bias free), Newton's method",
                "rows": len(rows),
                "positives": sum(labels),
                "candidates_per_query": services.CANDIDATES,
                "log_loss": round(loss, 4),
                **note,
            },
        }
    if "semantic" not in out and rerank.WEIGHTS_FILE.exists():
        # Keep the semantic model of an earlier fit when the extra is missing here.
        earlier = json.loads(rerank.WEIGHTS_FILE.read_text(encoding="utf-8"))
        if "semantic" in earlier:
            out["semantic"] = earlier["semantic"]
    rerank.WEIGHTS_FILE.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({m: v["fitted"] for m, v in out.items()}, indent=1))


if __name__ == "__main__":
    main()

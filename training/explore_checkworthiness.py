"""Measure the alternatives to the shipped check-worthiness model that were tried and not kept.

    .venv/bin/python training/explore_checkworthiness.py [--c 2.0] > explore.json

Each alternative is fitted on the training file only and measured on the dev file, for the
record (README, "Check-worthiness"); none of them chose anything in the shipped model, which
training/checkworthiness.py fits with C chosen by cross-validation on the training file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))

from checkworthiness import (
    GRAMS,
    KIT,
    MIN_DF,
    Data,
    figures,
    fit,
    logits,
    out_of_fold,
    read,
    rule_logit,
)


def probability(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


def blocks_tried(train: Data, dev: Data, c: float) -> dict[str, dict]:
    """Word grams alone, character grams alone, and both (as shipped)."""
    out = {}
    for blocks in (("word",), ("char",), ("word", "char")):
        vecs, lr = fit(train.texts, train.labels, c, blocks)
        out["+".join(blocks)] = figures(dev.labels, probability(logits(vecs, lr, dev.texts)))
    return out


def one_norm(train: Data, dev: Data, c: float) -> dict:
    """Word and character grams in one vector with one L2 norm, instead of one per block."""

    def both(text: str) -> set[str]:
        return {f"w:{g}" for g in GRAMS["word"](text)} | {f"c:{g}" for g in GRAMS["char"](text)}

    vec = TfidfVectorizer(analyzer=both, min_df=MIN_DF["word"], binary=True)
    lr = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
    lr.fit(vec.fit_transform(train.texts), train.labels)
    return figures(dev.labels, probability(lr.decision_function(vec.transform(dev.texts))))


def unbalanced(train: Data, dev: Data, c: float) -> dict:
    """The shipped features without class weights: fewer flags at 0.5."""
    vecs = {
        name: TfidfVectorizer(analyzer=GRAMS[name], min_df=MIN_DF[name], binary=True)
        for name in ("word", "char")
    }
    x = hstack([v.fit_transform(train.texts) for v in vecs.values()]).tocsr()
    lr = LogisticRegression(C=c, max_iter=5000).fit(x, train.labels)
    return figures(dev.labels, probability(logits(vecs, lr, dev.texts)))


def combiners(train: Data, dev: Data, c: float) -> dict[str, dict]:
    """Ways of turning the model's logit (and the rules') into the final score."""
    oof = out_of_fold(train, c)
    vecs, lr = fit(train.texts, train.labels, c)
    own = logits(vecs, lr, dev.texts)
    rules_train = np.array([rule_logit(t) for t in train.texts])
    rules_dev = np.array([rule_logit(t) for t in dev.texts])
    out = {"model, raw": figures(dev.labels, probability(own))}
    for name, columns, weight in (
        ("model, Platt-calibrated", lambda m, r: np.column_stack([m]), None),
        ("model, Platt-calibrated, balanced", lambda m, r: np.column_stack([m]), "balanced"),
        ("hybrid, not balanced", lambda m, r: np.column_stack([m, r]), None),
        ("hybrid, balanced (shipped)", lambda m, r: np.column_stack([m, r]), "balanced"),
    ):
        stack = LogisticRegression(C=1e4, class_weight=weight, max_iter=1000)
        stack.fit(columns(oof, rules_train), train.labels)
        out[name] = figures(dev.labels, stack.predict_proba(columns(own, rules_dev))[:, 1])
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--c", type=float, default=2.0, help="C of the shipped model")
    args = ap.parse_args()
    train, dev = read(KIT / "train.tsv"), read(KIT / "dev.tsv")
    report = {
        "blocks": blocks_tried(train, dev, args.c),
        "one norm for both blocks": one_norm(train, dev, args.c),
        "no class weights": unbalanced(train, dev, args.c),
        "combiners": combiners(train, dev, args.c),
    }
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Rebuild the check-worthiness model's weight file from the ClaimBuster training sentences.

    .venv/bin/pip install -r requirements-train.txt   # scikit-learn: a build tool, never run time
    .venv/bin/python training/checkworthiness.py [--train TSV] [--dev TSV]

Steps, all on the training file only: choose the regularisation C by 5-fold cross-validation
(average precision); fit TF-IDF word 1-2-grams and character 2-5-grams (the very functions of
factcheck/extraction/worthiness/grams.py) with a class-balanced logistic regression; fit the
combination with the hand-set rules on out-of-fold model logits, so it learns how far the model is
to be trusted on sentences it has not seen; write weights.json.gz (byte-identical on a rebuild)
and weights.record.json. The dev file, when given, is only measured, after the export, through
the run-time code: nothing is chosen by it. training/explore_checkworthiness.py measures the
alternatives that were tried and not kept.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score, precision_score, recall_score
from sklearn.model_selection import StratifiedKFold

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from factcheck.extraction.worthiness import grams, model, rule_logit  # noqa: E402

KIT = REPO.parent / "shared" / "eval" / "checkworthy"
C_GRID = (1.0, 2.0, 4.0)
FOLDS = 5
SEED = 15  # the folds' shuffle; the solver (lbfgs) itself is deterministic
MIN_DF = {"word": 2, "char": 3}
GRAMS = {"word": grams.word_grams, "char": grams.char_grams}
DIGITS = 6  # significant digits kept of each coefficient and idf
SOURCE = (
    "ClaimBuster crowdsourced sentences (CheckThat! 2024 English train split): Arslan, Hassan, "
    "Li, Tremayne, ICWSM 2020, DOI 10.5281/zenodo.3609356"
)


@dataclass
class Data:
    texts: list[str]
    labels: np.ndarray


def read(path: Path) -> Data:
    """A kit file: header, then id<TAB>text<TAB>label lines, no quoting."""
    lines = path.read_text(encoding="utf-8").split("\n")[1:]
    rows = [line.split("\t") for line in lines if line]
    return Data([r[1] for r in rows], np.array([int(r[2]) for r in rows]))


def vectorisers(blocks: tuple[str, ...] = ("word", "char")) -> dict[str, TfidfVectorizer]:
    """One binary TF-IDF vectoriser per block, reading the run time's own grams."""
    return {
        name: TfidfVectorizer(analyzer=GRAMS[name], min_df=MIN_DF[name], binary=True)
        for name in blocks
    }


def fit(
    texts: list[str], labels: np.ndarray, c: float, blocks: tuple[str, ...] = ("word", "char")
) -> tuple[dict[str, TfidfVectorizer], LogisticRegression]:
    """The vectorisers and the logistic regression fitted on `texts`."""
    vecs = vectorisers(blocks)
    x = hstack([v.fit_transform(texts) for v in vecs.values()]).tocsr()
    lr = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
    return vecs, lr.fit(x, labels)


def logits(vecs: dict[str, TfidfVectorizer], lr: LogisticRegression, texts: list[str]):
    x: csr_matrix = hstack([v.transform(texts) for v in vecs.values()]).tocsr()
    return lr.decision_function(x)


def out_of_fold(data: Data, c: float, blocks: tuple[str, ...] = ("word", "char")) -> np.ndarray:
    """Each training sentence's model logit from the model fitted without its fold."""
    oof = np.zeros(len(data.texts))
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    for train, held in folds.split(data.texts, data.labels):
        vecs, lr = fit([data.texts[i] for i in train], data.labels[train], c, blocks)
        oof[held] = logits(vecs, lr, [data.texts[i] for i in held])
    return oof


def figures(labels: np.ndarray, scores: np.ndarray, threshold: float = 0.5) -> dict:
    """AP, and F1 with precision and recall when flagging at `threshold`."""
    flagged = scores >= threshold
    return {
        "ap": round(float(average_precision_score(labels, scores)), 3),
        "f1": round(float(f1_score(labels, flagged)), 3),
        "precision": round(float(precision_score(labels, flagged)), 3),
        "recall": round(float(recall_score(labels, flagged)), 3),
    }


def choose_c(data: Data) -> tuple[float, dict[float, dict], np.ndarray]:
    """The C with the best cross-validated AP, every C's CV figures, and its out-of-fold logits."""
    tried, oofs = {}, {}
    for c in C_GRID:
        oofs[c] = out_of_fold(data, c)
        tried[c] = figures(data.labels, 1 / (1 + np.exp(-oofs[c])))
        print(f"C {c:<4} cross-validated {tried[c]}", flush=True)
    best = max(C_GRID, key=lambda c: (tried[c]["ap"], -c))
    return best, tried, oofs[best]


def combination(oof: np.ndarray, rule: np.ndarray, labels: np.ndarray) -> dict:
    """The logistic regression over (model logit, rules logit), class-balanced like the model
    so that 0.5 stays the point where a miss and a false flag cost the same."""
    lr = LogisticRegression(C=1e4, class_weight="balanced", max_iter=1000)
    lr.fit(np.column_stack([oof, rule]), labels)
    return {
        "model": round(float(lr.coef_[0][0]), DIGITS),
        "rules": round(float(lr.coef_[0][1]), DIGITS),
        "intercept": round(float(lr.intercept_[0]), DIGITS),
    }


def _sig(x: float) -> float:
    return float(f"{x:.{DIGITS}g}")


def export(vecs: dict[str, TfidfVectorizer], lr: LogisticRegression, combine: dict) -> dict:
    """The weight file's JSON: per block, its grams in order with their coef and idf."""
    coef, at = lr.coef_[0], 0
    blocks: dict[str, dict[str, list]] = {}
    for name, vec in vecs.items():
        order = sorted(vec.vocabulary_.items())
        blocks[name] = {
            "grams": [g for g, _ in order],
            "coef": [_sig(coef[at + i]) for _, i in order],
            "idf": [_sig(vec.idf_[i]) for _, i in order],
        }
        at += len(order)
    return versioned(blocks, _sig(lr.intercept_[0]), combine)


def versioned(blocks: dict, intercept: float, combine: dict) -> dict:
    """The weight file's JSON with its version, a digest of everything else in it."""
    body = {"blocks": blocks, "intercept": intercept, "combination": combine}
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
    return {"format": model.FORMAT, "version": f"cw1-{digest[:12]}", **body}


def write(data: dict) -> str:
    """Write the weight file, gzip without a timestamp so a rebuild is byte-identical; its
    SHA-256."""
    raw = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    model.WEIGHTS.write_bytes(buf.getvalue())
    return hashlib.sha256(buf.getvalue()).hexdigest()


def measure(loaded: model.Model, dev: Data, rules: np.ndarray) -> dict[str, dict]:
    """Dev figures of the rules alone, the model alone and the hybrid, through the run-time
    code of the exported weights."""
    c = loaded.combination
    own = np.array([loaded.logit(t) for t in dev.texts])
    hybrid = np.array(
        [
            model.logistic(c.intercept + c.model * m + c.rules * r)
            for m, r in zip(own, rules, strict=True)
        ]
    )
    return {
        "rules": figures(dev.labels, np.round(1 / (1 + np.exp(-rules)), 3)),
        "model": figures(dev.labels, 1 / (1 + np.exp(-own))),
        "hybrid": figures(dev.labels, hybrid),
    }


def build(train: Data, dev: Data | None) -> dict:
    """Fit, export and measure; the build record."""
    best, tried, oof = choose_c(train)
    rule = np.array([rule_logit(t) for t in train.texts])
    combine = combination(oof, rule, train.labels)
    c = combine
    hybrid_cv = 1 / (1 + np.exp(-(c["intercept"] + c["model"] * oof + c["rules"] * rule)))
    vecs, lr = fit(train.texts, train.labels, best)
    data = export(vecs, lr, combine)
    sha = write(data)
    record = {
        "version": data["version"],
        "sha256": sha,
        "bytes": model.WEIGHTS.stat().st_size,
        "source": SOURCE,
        "training_sentences": len(train.texts),
        "features": {name: len(v.vocabulary_) for name, v in vecs.items()},
        "options": {"C": best, "class_weight": "balanced", "min_df": MIN_DF, "tf": "binary"},
        "cross_validated_train": {
            "C": {str(k): v for k, v in tried.items()},
            "model": tried[best],
            "hybrid": figures(train.labels, hybrid_cv),
        },
    }
    if dev is not None:
        dev_rules = np.array([rule_logit(t) for t in dev.texts])
        record["dev"] = measure(model.parse(data), dev, dev_rules)
    return record


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--train", type=Path, default=KIT / "train.tsv")
    ap.add_argument("--dev", type=Path, default=KIT / "dev.tsv", help="measured, never fitted")
    args = ap.parse_args()
    if not args.train.is_file():
        raise SystemExit(f"no training file at {args.train}")
    train = read(args.train)
    dev = read(args.dev) if args.dev.is_file() else None
    record = build(train, dev)
    model.RECORD.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps(record, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())

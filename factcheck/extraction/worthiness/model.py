"""The learned check-worthiness model, scored in plain Python from its committed weight file.

The model is a logistic regression over two TF-IDF blocks, word 1-2-grams and character 2-5-grams
(grams.py), each block L2-normalised on its own, as scikit-learn's TfidfVectorizer(binary=True)
makes them. For a sentence with grams G in a block, the block adds
sum(coef[g] * idf[g]) / sqrt(sum(idf[g] ** 2)) over the grams of G the block knows. The weight file
holds each known gram's [coef, idf], the intercept, and the combination with the hand-set rules
(worthiness/__init__.py). training/checkworthiness.py rebuilds it; weights.record.json records its
checksum, version and the figures it reached.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .grams import char_grams, word_grams

WEIGHTS = Path(__file__).with_name("weights.json.gz")
RECORD = Path(__file__).with_name("weights.record.json")
FORMAT = 1
# Block name -> the function that reads its grams; the weight file names the same blocks.
GRAMS: dict[str, Callable[[str], set[str]]] = {"word": word_grams, "char": char_grams}


class WeightFileError(Exception):
    """The weight file is missing, unreadable or of another format."""


@dataclass(frozen=True, slots=True)
class Block:
    """One TF-IDF block: each known gram's coef * idf, and its idf squared (for the norm)."""

    grams: Callable[[str], set[str]]
    weight: dict[str, float]
    square: dict[str, float]

    def logit(self, text: str) -> float:
        """This block's share of the model's logit for `text`."""
        known = self.grams(text) & self.weight.keys()
        if not known:
            return 0.0
        norm = math.sqrt(sum(map(self.square.__getitem__, known)))
        return sum(map(self.weight.__getitem__, known)) / norm


@dataclass(frozen=True, slots=True)
class Combination:
    """The hybrid: a logistic regression over the model's logit and the hand-set logit."""

    model: float
    rules: float
    intercept: float


@dataclass(frozen=True, slots=True)
class Model:
    """The loaded weights: the blocks, the intercept and the combination with the rules."""

    version: str
    intercept: float
    blocks: tuple[Block, ...]
    combination: Combination

    def logit(self, text: str) -> float:
        """The model's own log-odds that `text` is check-worthy."""
        return self.intercept + sum(block.logit(text) for block in self.blocks)


def parse(data: dict) -> Model:
    """A `Model` from the weight file's JSON. Raises WeightFileError for another format."""
    if data.get("format") != FORMAT:
        raise WeightFileError(f"weight file format {data.get('format')!r}, expected {FORMAT}")
    blocks = []
    for name, table in sorted(data["blocks"].items()):
        if name not in GRAMS:
            raise WeightFileError(f"weight file block {name!r} is not one of {sorted(GRAMS)}")
        weight = {gram: coef * idf for gram, (coef, idf) in table.items()}
        square = {gram: idf * idf for gram, (_, idf) in table.items()}
        blocks.append(Block(GRAMS[name], weight, square))
    c = data["combination"]
    return Model(
        version=data["version"],
        intercept=float(data["intercept"]),
        blocks=tuple(blocks),
        combination=Combination(float(c["model"]), float(c["rules"]), float(c["intercept"])),
    )


def read(path: Path = WEIGHTS) -> Model:
    """Load a weight file. Raises WeightFileError when it cannot be read."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as exc:
        raise WeightFileError(f"cannot read {path.name}: {exc}") from exc
    return parse(data)


@cache
def loaded() -> Model:
    """The committed model, read once per process on first use."""
    return read()


def logistic(x: float) -> float:
    """1 / (1 + e^-x), safe for any x."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)

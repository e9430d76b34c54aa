"""The learned check-worthiness model, scored in plain Python from its committed weight file.

The model is a logistic regression over two TF-IDF blocks, word 1-2-grams and character 2-5-grams
(grams.py), each block L2-normalised on its own, as scikit-learn's TfidfVectorizer(binary=True)
makes them. For a sentence with grams G in a block, the block adds
sum(coef[g] * idf[g]) / sqrt(sum(idf[g] ** 2)) over the grams of G the block knows. The weight file
holds, per block, its grams with their coef and idf in three parallel lists (quick to load), the
intercept, and the combination with the hand-set rules
(worthiness/__init__.py). training/checkworthiness.py rebuilds it; weights.record.json records its
checksum, version and the figures it reached.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .grams import CACHE_MAX, word_char_grams, word_grams, words

WEIGHTS = Path(__file__).with_name("weights.json.gz")
RECORD = Path(__file__).with_name("weights.record.json")
FORMAT = 1


class WeightFileError(Exception):
    """The weight file is missing, unreadable or of another format."""


Known = Callable[[str], Iterable[str]]


@dataclass(frozen=True, slots=True)
class Block:
    """One TF-IDF block: each known gram's coef * idf and idf squared (for the norm), packed as
    the real and imaginary parts of one complex number so that a single C-level sum over one
    lookup per gram yields both; and how to find the grams of a text that the block knows."""

    table: dict[str, complex]
    known: Known

    def logit(self, text: str) -> float:
        """This block's share of the model's logit for `text`."""
        known = self.known(text)
        if not known:
            return 0.0
        total = sum(map(self.table.__getitem__, known))
        return total.real / math.sqrt(total.imag)


def known_words(vocabulary: dict[str, complex]) -> Known:
    """The word grams of a text that `vocabulary` holds."""
    return lambda text: vocabulary.keys() & word_grams(text)


def known_chars(vocabulary: dict[str, complex]) -> Known:
    """The character grams of a text that `vocabulary` holds: the union over its words of each
    word's known grams, which are worked out once per word (grams.char_grams, filtered)."""
    per_word: dict[str, frozenset[str]] = {}

    def known(text: str) -> set[str]:
        found: set[str] = set()
        for word in words(text):
            grams = per_word.get(word)
            if grams is None:
                if len(per_word) >= CACHE_MAX:
                    per_word.clear()
                grams = per_word[word] = frozenset(vocabulary.keys() & word_char_grams(word))
            found |= grams
        return found

    return known


# Block name -> how it finds a text's known grams; the weight file names the same blocks.
BLOCKS: dict[str, Callable[[dict[str, complex]], Known]] = {
    "word": known_words,
    "char": known_chars,
}


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
        if name not in BLOCKS:
            raise WeightFileError(f"weight file block {name!r} is not one of {sorted(BLOCKS)}")
        packed = [complex(c * i, i * i) for c, i in zip(table["coef"], table["idf"], strict=True)]
        grams = dict(zip(table["grams"], packed, strict=True))
        blocks.append(Block(grams, BLOCKS[name](grams)))
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

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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from math import fsum
from pathlib import Path

from .grams import CACHE_MAX, word_char_grams, word_grams, words

WEIGHTS = Path(__file__).with_name("weights.json.gz")
RECORD = Path(__file__).with_name("weights.record.json")
FORMAT = 1


class WeightFileError(Exception):
    """The weight file is missing, unreadable or of another format."""


class Block:
    """One TF-IDF block: each known gram's coef * idf (`weight`) and idf squared (`square`, for
    the norm). Sums are math.fsum, exactly rounded whatever the order of a set's grams, so a
    score is the same bit for bit in every process (string hashing varies between them)."""

    __slots__ = ("square", "weight")

    def __init__(self, weight: dict[str, float], square: dict[str, float]) -> None:
        self.weight = weight
        self.square = square

    def sums(self, grams: Iterable[str]) -> tuple[float, float]:
        """(sum of weight, sum of square) over `grams`, all of which the block knows."""
        grams = tuple(grams)
        return fsum(map(self.weight.__getitem__, grams)), fsum(map(self.square.__getitem__, grams))

    def logit(self, text: str) -> float:
        """This block's share of the model's logit for `text`."""
        dot, norm2 = self.totals(text)
        return dot / math.sqrt(norm2) if norm2 else 0.0

    def totals(self, text: str) -> tuple[float, float]:
        """(sum of weight, sum of square) over the grams of `text` the block knows."""
        raise NotImplementedError


class WordBlock(Block):
    """Word 1-2-grams: few per sentence, looked up directly."""

    __slots__ = ()

    def totals(self, text: str) -> tuple[float, float]:
        return self.sums(self.weight.keys() & word_grams(text))


class CharBlock(Block):
    """Character 2-5-grams: a few hundred per sentence, most of them shared with other
    sentences' words. Each word's known grams and their sums are worked out once; a sentence
    adds its distinct words' sums in text order and takes back the grams a word shares with the
    words before it (binary tf: a gram counts once), which looks up far fewer grams than summing
    the union would."""

    __slots__ = ("per_word",)

    def __init__(self, weight: dict[str, float], square: dict[str, float]) -> None:
        super().__init__(weight, square)
        self.per_word: dict[str, tuple[frozenset[str], float, float]] = {}

    def known(self, word: str) -> tuple[frozenset[str], float, float]:
        found = self.per_word.get(word)
        if found is None:
            if len(self.per_word) >= CACHE_MAX:
                self.per_word.clear()
            grams = frozenset(self.weight.keys() & word_char_grams(word))
            found = self.per_word[word] = (grams, *self.sums(grams))
        return found

    def totals(self, text: str) -> tuple[float, float]:
        seen: set[str] = set()
        dot = norm2 = 0.0
        for word in dict.fromkeys(words(text)):
            grams, w, sq = self.known(word)
            shared = seen & grams
            if shared:
                w_back, sq_back = self.sums(shared)
                w, sq = w - w_back, sq - sq_back
            dot, norm2 = dot + w, norm2 + sq
            seen |= grams
        return dot, norm2


# Block name -> its kind; the weight file names the same blocks.
BLOCKS: dict[str, type[Block]] = {"word": WordBlock, "char": CharBlock}


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
        pairs = tuple(zip(table["coef"], table["idf"], strict=True))
        weight = dict(zip(table["grams"], [c * i for c, i in pairs], strict=True))
        square = dict(zip(table["grams"], [i * i for _, i in pairs], strict=True))
        blocks.append(BLOCKS[name](weight, square))
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

"""The n-grams the learned check-worthiness model reads from a sentence.

The training script (training/checkworthiness.py) hands these very functions to its vectoriser,
so the features the weights were fitted on and the features scored at run time cannot drift
apart. Both kinds are sets: a gram counts once however often it occurs (binary term frequency).
"""

from __future__ import annotations

import re
from itertools import pairwise

CHAR_SIZES = range(2, 6)  # character n-grams of 2 to 5, within a word padded by spaces
_TOKEN = re.compile(r"\w\w+")  # words of two or more word characters
CACHE_MAX = 200_000  # words whose character grams are kept, cleared when full

_char_cache: dict[str, frozenset[str]] = {}


def word_grams(text: str) -> set[str]:
    """Lower-cased words of two or more characters and each pair of neighbouring ones."""
    tokens = _TOKEN.findall(text.lower())
    grams = set(tokens)
    grams.update(f"{a} {b}" for a, b in pairwise(tokens))
    return grams


def char_grams(text: str) -> set[str]:
    """Character n-grams of each whitespace-separated lower-cased word padded with a space
    either side (" the" and "he " mark a word's edges)."""
    grams: set[str] = set()
    for word in words(text):
        grams |= word_char_grams(word)
    return grams


def words(text: str) -> list[str]:
    """The lower-cased whitespace-separated words that character grams are read from."""
    return text.lower().split()


def word_char_grams(word: str) -> frozenset[str]:
    """One word's character grams; cached, since most words of a text recur."""
    found = _char_cache.get(word)
    if found is None:
        padded = f" {word} "
        found = frozenset(padded[i : i + n] for n in CHAR_SIZES for i in range(len(padded) - n + 1))
        if len(_char_cache) >= CACHE_MAX:
            _char_cache.clear()
        _char_cache[word] = found
    return found

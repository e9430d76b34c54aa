"""Text as the matcher sees it: one normalisation, one tokenizer and the few signals the
reranker compares (stems, numbers, names). Plain Python: no Flask, no database."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# Typographic quote marks fold to plain ones, so that two statements of one claim that differ
# only in their quotes (a common near-duplicate among fact-checks) read the same.
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)
_WORD = re.compile(r"[^\W_]+(?:['.,][^\W_]+)*", re.UNICODE)
_TAG = re.compile(r"[#@]([^\W_]\w*)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])")
_DIGIT = re.compile(r"\d")
_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][a-zA-Z]+")

# Words that say nothing about which claim a text is (function words, and the verbs every
# claim and tweet is full of). Our own list, kept short on purpose: a rare word is never here.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in into
    is it its itself just me more most my myself no nor not now of off on once only or other
    our ours ourselves out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours yourself
    yourselves s t don didn doesn isn wasn aren weren won wouldn shouldn couldn ll re ve d m
    via rt amp says said say claim claims claimed according""".split()
)

_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball English stem of a lower-case word (cached: words repeat)."""
    return str(_stemmer.stemWord(word))


def fold(text: str) -> str:
    """NFKC, quote marks folded to ASCII, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).split())


def _untag(text: str) -> str:
    # "#FakeNews" and "@RealDonaldTrump" carry words: split them where the case changes.
    return _TAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", text)


def words(text: str) -> list[str]:
    """Lower-case words of `text`, hashtags and handles split into theirs, stopwords kept.
    Inner apostrophes go ("don't" -> "dont"); inner points and commas of numbers stay."""
    out: list[str] = []
    for raw in _WORD.findall(_untag(fold(text))):
        word = raw.lower().replace("'", "")
        if not _DIGIT.search(word):
            out.extend(w for w in re.split(r"[.,]", word) if w)
        else:
            out.append(word.replace(",", ""))
    return out


def terms(text: str) -> list[str]:
    """The words that identify a claim: `words` without stopwords and one-letter words, stemmed."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


def search_words(text: str, limit: int = 32) -> list[str]:
    """Distinct unstemmed non-stop words, rarest-looking (longest) first, for the first stage's
    OR query: the database stems them itself. Only [a-z0-9] survive, so they are safe to quote."""
    seen: dict[str, None] = {}
    for w in words(text):
        clean = re.sub(r"[^a-z0-9]", "", w)
        if clean and len(clean) > 1 and clean not in STOPWORDS:
            seen.setdefault(clean)
    return sorted(seen, key=lambda w: (-len(w), w))[:limit] if len(seen) > limit else list(seen)


def numbers(text: str) -> frozenset[str]:
    """Number tokens ("122", "3.5", "2020"), commas dropped."""
    return frozenset(w for w in words(text) if _DIGIT.search(w))


def names(text: str) -> frozenset[str]:
    """Capitalised words not at a sentence's start, lower-cased and stemmed: people, places,
    organisations, as a cheap stand-in for named entities."""
    return frozenset(
        stem(m.lower()) for m in _NAME.findall(_untag(fold(text))) if m.lower() not in STOPWORDS
    )


def duplicate_key(text: str, title: str) -> str:
    """Two documents with the same key state the same thing (quotes, case and punctuation
    aside): suggestions show only the first indexed."""
    return " ".join(words(text)) + " | " + " ".join(words(title))


@dataclass(frozen=True)
class Profile:
    """What the reranker needs of one text, computed once."""

    terms: tuple[str, ...]
    numbers: frozenset[str]
    names: frozenset[str]


def profile(text: str) -> Profile:
    """The profile of `text`."""
    return Profile(tuple(terms(text)), numbers(text), names(text))

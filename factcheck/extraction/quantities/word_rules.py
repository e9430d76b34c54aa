"""Rules that say a number in words is no quantity: articles, adjectives, names and pronouns.

Each rule takes the text, the mention and the token before it in lower case without
punctuation; the first rule that holds rejects the mention.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .following import OF_DETERMINER
from .lexicon import LABEL_WORDS, ONE_PRONOUN_FOLLOWERS, ONE_PRONOUN_LEADS
from .mention import Mention
from .nearby import name_like, prev_word

WordRule = Callable[[str, Mention, str], bool]

_AMOUNT_NEXT = re.compile(r"[ \t\u00a0]+[\d$£€]")
_DURATION_ADJECTIVE = re.compile(
    r"(?i:-(?:year|month|week|day|hour|minute|second|decade)s?)"
    r"(?=[ \t\u00a0]+[A-Za-z$£€])"
)
_DURATION_UNITS = frozenset(
    (None, "year", "month", "week", "day", "hour", "minute", "second", "decade")
)
_WORD_NEXT = re.compile(r"[ \t\u00a0]*([A-Za-z'’]+|\S)?")


def article_before_amount(text: str, m: Mention, low: str) -> bool:
    """ "one 52,000-barrel refinery": the word is an article before the real amount."""
    return bool(_AMOUNT_NEXT.match(text[m.num_end : m.num_end + 40]))


def duration_adjective(text: str, m: Mention, low: str) -> bool:
    """ "a three-year plan": the number describes the plan."""
    return m.unit in _DURATION_UNITS and bool(
        _DURATION_ADJECTIVE.match(text[m.num_end : m.num_end + 40])
    )


def part_of_name(text: str, m: Mention, low: str) -> bool:
    """ "BBC One", "Channel Four": a capitalised number word after a name."""
    return text[m.num_start].isupper() and name_like(text, m.num_start)


def label(text: str, m: Mention, low: str) -> bool:
    """ "page one", "level two": a label, not an amount."""
    return low in LABEL_WORDS and not m.measured


def _is_one(text: str, m: Mention) -> bool:
    """True when the mention is the bare word "one", with no unit of measurement."""
    return not m.measured and text[m.num_start : m.num_end].lower() == "one"


def one_after_determiner(text: str, m: Mention, low: str) -> bool:
    """ "each one", "the same one": "one" as a pronoun after a determiner."""
    return low in ONE_PRONOUN_LEADS and _is_one(text, m)


def one_as_pronoun(text: str, m: Mention, low: str) -> bool:
    """ "one they lose", "one is", "one, two": "one" with no noun after it, unless "one of"."""
    if m.unit is not None or m.qualifier or not _is_one(text, m):
        return False
    after = _WORD_NEXT.match(text[m.num_end : m.num_end + 40])
    word = (after.group(1) or "").lower() if after else ""
    if word and word[0].isalpha() and word not in ONE_PRONOUN_FOLLOWERS:
        return False
    return not OF_DETERMINER.match(text, m.num_end)


WORD_RULES: tuple[WordRule, ...] = (
    article_before_amount,
    duration_adjective,
    part_of_name,
    label,
    one_after_determiner,
    one_as_pronoun,
)


def apply_word_rules(text: str, m: Mention) -> None:
    """Reject `m` when a rule says the number word is no quantity."""
    low = prev_word(text, m.start)
    for rule in WORD_RULES:
        if rule(text, m, low):
            m.rejected = True
            return

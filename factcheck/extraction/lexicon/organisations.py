"""Words that make a name an organisation's rather than a person's: "the Defence Ministry",
"Pentagon officials", "a joint statement". One list for the extractor and the app."""

from __future__ import annotations

import re

ORGANISATION_WORDS: frozenset[str] = frozenset(
    """administration agency alliance army association authorities bank board bureau campaign
    center cia cnn coalition commission committee communique communiqué company congress
    corp corporation council court data delegation delegations department faction factions fbi
    force forces foundation fund government governments group hezbollah house imf inc institute
    journal kingdom kremlin lawmakers llc ltd magazine military militia militias ministry
    movement nations nato navy network news newspaper observers office officials organisation
    organization parliament party pentagon police poll polls post report republic republicans
    democrats senate service sources spokespeople staff statement states study survey team
    times union university website""".split()
)
# Names that are organisations as a whole though none of their words is one.
ORGANISATION_PHRASES: tuple[str, ...] = ("white house",)

# People are not named with an article: "the United States", "a joint statement".
_ARTICLE = re.compile(r"(?:the|a|an)\s", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def is_organisation_word(word: str) -> bool:
    """True for an organisation word, singular or plural, in any case."""
    low = word.lower()
    return low in ORGANISATION_WORDS or (low.endswith("s") and low[:-1] in ORGANISATION_WORDS)


def is_organisation_name(name: str) -> bool:
    """An organisation by its tell-tale words, or a name that starts with an article."""
    name = name.strip()
    if _ARTICLE.match(name):
        return True
    low = name.lower()
    if any(phrase in low for phrase in ORGANISATION_PHRASES):
        return True
    return any(is_organisation_word(w) for w in _WORD.findall(name))

"""A rough tense guess for the clause around a date: is the event past or still to come?"""

from __future__ import annotations

import re

_FUTURE = set(
    """will won't 'll shall would wouldn't may might should next upcoming until till
    tomorrow coming expected expects expect scheduled slated due forecast projected ahead payable
    effective""".split()
)
# These point forward only before "to": "plans to sell" but "the plan".
_NEEDS_TO = set("set plan plans planned planning intend intends aim aims hope hopes going".split())
_PAST = set(
    """was were had did didn't wasn't weren't hadn't ago since earlier last recently
    previously already yesterday said told took made came went gave got saw won lost began became
    sold bought met left held paid led ran brought found fell rose struck thought knew felt kept
    spent sent built wrote spoke broke chose drove flew grew threw shot fought caught sought stood
    quit swore withdrew overthrew ate hid slid sank woke forgot heard meant lent dealt sat slept
    wore tore""".split()
)
_PRESENT = {"is", "are", "am", "says", "say", "isn't", "aren't", "does", "do"}
_AUX = {"be", "been", "being", "is", "are", "was", "were", "has", "have", "had", "'s", "get", "got"}
_NOT_ED = {
    "need",
    "feed",
    "speed",
    "indeed",
    "proceed",
    "exceed",
    "succeed",
    "bed",
    "red",
    "shed",
    "seed",
    "weed",
    "deed",
    "bleed",
    "breed",
    "creed",
    "greed",
    "hundred",
    "sacred",
    "naked",
    "wicked",
    "beloved",
    "aged",
    "alleged",
    "armed",
    "united",
    "based",
    "related",
    "limited",
    "interested",
    "concerned",
    "involved",
    "supposed",
    "used",
    "advanced",
    "detailed",
    "skilled",
    "talented",
    "married",
    "elected",
    "biased",
    "infrared",
    "kindred",
    "embed",
}
# Irregular past forms that are also participles: after an auxiliary the auxiliary decides.
_PARTICIPLES = {
    "made",
    "held",
    "paid",
    "built",
    "sent",
    "found",
    "brought",
    "kept",
    "left",
    "sold",
    "bought",
    "told",
    "said",
    "spent",
    "struck",
    "met",
    "led",
    "lost",
    "won",
    "fought",
    "caught",
    "sought",
    "heard",
    "meant",
    "lent",
    "dealt",
    "got",
    "shot",
}
_NOT_VERB = {
    "the",
    "a",
    "an",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "this",
    "that",
    "these",
    "those",
    "some",
    "in",
    "on",
    "at",
    "of",
    "for",
    "from",
    "with",
    "by",
    "about",
    "date",
    "record",
    "market",
    "be",
}
_DET_ADV = {
    "a",
    "an",
    "the",
    "still",
    "very",
    "more",
    "most",
    "less",
    "its",
    "their",
    "his",
    "her",
    "our",
    "newly",
    "well",
    "fully",
    "highly",
    "so",
    "too",
    "as",
    "this",
    "that",
    "some",
}
_WORD = re.compile(
    r"[A-Za-z]+(?:'[a-z]+)?|'ll|[;:()\[\]\"“”]"
    r"|(?<=[a-z]{2})[.!?](?=\s|$)|(?<=[\d)])[.!?](?=\s)"
)
_STOP = set(';:()[]"“”.!?')


def _classify(word: str, prev: str, nxt: str = "", infinitive: bool = True) -> int | None:
    w = word.lower()
    if w == "to":
        if not infinitive and prev not in ("is", "are", "am", "was", "were", "'s"):
            return None
        # "to purchase ... in February": an infinitive points forward; "to holders" does not.
        if (
            nxt == "be"
            or nxt.isalpha()
            and nxt.islower()
            and nxt not in _NOT_VERB
            and not nxt.endswith(("s", "ing", "ed"))
        ):
            return 1
        return None
    if w in _NEEDS_TO:
        return 1 if nxt == "to" else None
    if w in _PARTICIPLES and prev in _AUX:
        return None
    if w in _FUTURE:
        return 1
    if w in _PAST:
        return -1
    if w in _PRESENT:
        return 0
    if word.islower() and w.endswith("ed") and len(w) > 4 and w not in _NOT_ED:
        if prev in _DET_ADV:
            return None  # "a still unspecified date": an adjective, not a verb
        if prev in ("has", "have", "'ve"):
            return -1
        if prev in _AUX:
            return None
        return -1
    return None


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def _scan(
    toks: list[tuple[str, int, int]], order: range, text: str, infinitive: bool
) -> int | None:
    for i in order:
        word, s, e = toks[i]
        if word in _STOP:
            return None
        prev = toks[i - 1][0].lower() if i else ""
        nxt = ""
        if i + 1 < len(toks) and text[e : toks[i + 1][1]] == " ":
            nxt = toks[i + 1][0]
        got = _classify(word, prev, nxt, infinitive)
        if got is not None:
            return got
    return None


def tense(
    text: str, start: int, end: int, left: int = 160, right: int = 100, infinitive: bool = True
) -> int:
    """+1 if the clause around text[start:end] reads as future, -1 as past, 0 if unclear.

    With infinitive=False a "to" + verb does not count as pointing forward.
    """
    lo = max(0, start - left)
    before = _tokens(text[lo:start])
    order = range(len(before) - 1, max(-1, len(before) - 14), -1)
    got = _scan(before, order, text[lo:start], infinitive)
    if got is not None:
        return got
    after = _tokens(text[end : end + right])
    return _scan(after, range(min(10, len(after))), text[end : end + right], infinitive) or 0

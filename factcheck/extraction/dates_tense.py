"""A rough tense guess for the clause around a date: is the event past or still to come?"""
from __future__ import annotations

import re

_FUTURE = {"will", "won't", "'ll", "shall", "would", "wouldn't", "may", "might", "should", "next",
           "upcoming", "until", "till", "tomorrow", "coming", "expected", "expects", "expect",
           "scheduled", "slated", "planned", "plans", "plan", "planning", "intends", "intend", "aims",
           "hopes", "due", "going", "forecast", "projected", "ahead"}
_PAST = {"was", "were", "had", "did", "didn't", "wasn't", "weren't", "hadn't", "ago", "since",
         "earlier", "last", "recently", "previously", "already", "yesterday", "said", "told", "took",
         "made", "came", "went", "gave", "got", "saw", "won", "lost", "began", "became", "sold",
         "bought", "met", "left", "held", "paid", "led", "ran", "brought", "found", "fell", "rose",
         "struck", "thought", "knew", "felt", "kept", "spent", "sent", "built", "wrote", "spoke",
         "broke", "chose", "drove", "flew", "grew", "threw", "shot", "fought", "caught", "sought",
         "stood", "won", "quit", "swore", "withdrew", "overthrew", "ate", "hid", "slid", "sank",
         "woke", "forgot", "heard", "meant", "lent", "dealt", "sat", "slept", "wore", "tore"}
_PRESENT = {"is", "are", "am", "says", "say", "isn't", "aren't", "does", "do"}
_AUX = {"be", "been", "being", "is", "are", "was", "were", "has", "have", "had", "'s", "get", "got"}
_NOT_ED = {"need", "feed", "speed", "indeed", "proceed", "exceed", "succeed", "bed", "red", "shed",
           "seed", "weed", "deed", "bleed", "breed", "creed", "greed", "hundred", "sacred", "naked",
           "wicked", "beloved", "aged", "alleged", "armed", "united", "based", "related", "limited",
           "interested", "concerned", "involved", "supposed", "used", "advanced", "detailed",
           "skilled", "talented", "married", "elected", "biased", "infrared", "kindred", "embed"}
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|'ll|[;:()\[\]\"“”]|[.!?](?=\s|$)")
_STOP = set(";:()[]\"“”.!?")


def _classify(word: str, prev: str) -> int | None:
    w = word.lower()
    if w in _FUTURE:
        return 1
    if w in _PAST:
        return -1
    if w in _PRESENT:
        return 0
    if word.islower() and w.endswith("ed") and len(w) > 4 and w not in _NOT_ED:
        if prev in ("has", "have", "'ve"):
            return -1
        if prev in _AUX:
            return None
        return -1
    return None


def tense(text: str, start: int, end: int, left: int = 160, right: int = 100) -> int:
    """+1 if the clause around text[start:end] reads as future, -1 as past, 0 if unclear."""
    before = _WORD.findall(text[max(0, start - left):start])
    for i in range(len(before) - 1, max(-1, len(before) - 14), -1):
        word = before[i]
        if word in _STOP:
            break
        got = _classify(word, before[i - 1].lower() if i else "")
        if got is not None:
            return got
    after = _WORD.findall(text[end:end + right])
    for i, word in enumerate(after[:10]):
        if word in _STOP:
            break
        got = _classify(word, after[i - 1].lower() if i else "")
        if got is not None:
            return got
    return 0

"""Words that are evidence of check-worthiness (or against it), in lower case, for the score."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Single words are looked up in sets (much faster than alternation regexes); phrases by substring.
COMPARE = _words("""more less fewer greater higher lower larger smaller bigger most least largest
    highest lowest biggest smallest fastest slowest worst best record increase increased increases
    increasing decrease decreased decreases decline declined declines rose risen rise rises fell
    fallen fall falls dropped drop drops doubled tripled halved surge surged soared plunged
    plummeted grew grown cut cuts exceeded exceeds outnumber outnumbered than compared versus
    twice half majority minority only first last every all none never""")
COMPARE_PHRASES = ("times as", "no longer")
STATS = _words("""percent percentage rate rates average median mean total poll polls survey
    surveys study studies data census statistics statistical estimate estimated estimates figure
    figures report reported reports research analysis budget gdp inflation unemployment deficit
    debt revenue profit profits losses cost costs spent spending million billion trillion""")
STATS_PHRASES = ("per cent", "according to")
CAUSAL = _words("""because cause caused causes causing blamed law laws bill bills policy policies
    ban banned bans tax taxes tariff tariffs funding funded approved passed signed vetoed voted
    ruled ruling agreement deal treaty sanction sanctions regulation regulations mandate mandated
    illegal unconstitutional convicted charged arrested killed died elected appointed resigned
    fired launched announced declared withdrew deployed invaded attacked""")
CAUSAL_PHRASES = (
    "due to",
    "led to",
    "leads to",
    "result in",
    "resulted in",
    "results in",
    "as a result",
    "linked to",
    "responsible for",
)
NORMATIVE = _words("""should shouldn't ought must wonderful terrible awful amazing disgraceful
    shameful ridiculous absurd outrageous horrible fantastic great nice beautiful sad tragic
    incredible unbelievable stupid evil brilliant""")
NORMATIVE_PHRASES = ("need to", "needs to")
HEDGE = _words("""may might could perhaps possibly probably likely unlikely maybe would
    reportedly allegedly seem seems""")
HEDGE_PHRASES = (
    "expected to",
    "plan to",
    "plans to",
    "hope to",
    "hopes to",
    "aim to",
    "aims to",
    "appear to",
    "appears to",
)
# Past-tense event verbs besides the regular -ed forms: something happened, and can be checked.
EVENT = _words("""was were had said made took gave won lost met left sent told became began went
    came saw found paid built sold bought held led ran set put kept struck shot fought fled hit
    spent brought wrote chose drew flew threw""")
SECOND_PERSON = _words("you your yours")
FIRST_PERSON = _words("i we my our imo")

"""Words that mark a clause's tense, and words that only look like past-tense verbs."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FUTURE = _words("""will won't 'll shall would wouldn't may might should next upcoming until till
    tomorrow coming expected expects expect scheduled slated due forecast projected ahead payable
    effective""")
# These point forward only before "to": "plans to sell" but "the plan".
NEEDS_TO = _words("set plan plans planned planning intend intends aim aims hope hopes going")
PAST = _words("""was were had did didn't wasn't weren't hadn't ago since earlier last recently
    previously already yesterday said told took made came went gave got saw won lost began became
    sold bought met left held paid led ran brought found fell rose struck thought knew felt kept
    spent sent built wrote spoke broke chose drove flew grew threw shot fought caught sought stood
    quit swore withdrew overthrew ate hid slid sank woke forgot heard meant lent dealt sat slept
    wore tore""")
PRESENT = _words("is are am says say isn't aren't does do")
# +1 future, -1 past, 0 present.
TENSE_OF_WORD: dict[str, int] = {
    **dict.fromkeys(PRESENT, 0),
    **dict.fromkeys(PAST, -1),
    **dict.fromkeys(FUTURE, 1),
}

AUXILIARIES = _words("be been being is are was were has have had 's get got")
# Subjects of "is to": "the vote is to be held" points forward, "a gift to holders" does not.
COPULAS = _words("is are am was were 's")
# Irregular past forms that are also participles: after an auxiliary the auxiliary decides.
PARTICIPLES = _words("""made held paid built sent found brought kept left sold bought told said
    spent struck met led lost won fought caught sought heard meant lent dealt got shot""")
# Words ending in "-ed" that are not past-tense verbs.
NOT_ED_VERBS = _words("""need feed speed indeed proceed exceed succeed bed red shed seed weed deed
    bleed breed creed greed hundred sacred naked wicked beloved aged alleged armed united based
    related limited interested concerned involved supposed used advanced detailed skilled
    talented married elected biased infrared kindred embed""")
# After "to" these begin a noun phrase, not an infinitive.
NOT_VERBS = _words("""the a an his her its their our my your this that these those some in on at
    of for from with by about date record market be""")
# Before an "-ed" word these make it an adjective: "a still unspecified date".
DETERMINERS_ADVERBS = _words("""a an the still very more most less its their his her our newly
    well fully highly so too as this that some""")

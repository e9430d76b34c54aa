"""Word lists the attribution patterns read: function words, titles, name particles and more."""

from __future__ import annotations

from ..lexicon.calendar import MONTHS, WEEKDAYS


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


_APOSTROPHES = ("’", "'")

AUX = _words("has have had will would could should may might must can did does do shall")
AUX |= {a + c for a in _APOSTROPHES for c in ("s", "ve", "d", "ll")}
AUX |= {
    w + "n" + a + "t"
    for w in (
        "has",
        "have",
        "had",
        "would",
        "could",
        "should",
        "must",
        "did",
        "does",
        "do",
        "ca",
        "wo",
    )
    for a in _APOSTROPHES
}
AUX |= {"can’t", "can't", "won’t", "won't", "cannot"}
BE = _words("is was are were be been being am ’s 's get got gets")
BE |= {w + "n" + a + "t" for w in ("is", "was", "are", "were") for a in _APOSTROPHES}
ADVERBS = _words(
    """also further later recently repeatedly often then once previously still again already even
    just never not always now first long reportedly apparently actually really frequently
    publicly privately openly immediately quickly simply initially originally subsequently
    finally ultimately certainly clearly flatly firmly bluntly angrily separately earlier since
    similarly likewise too n’t n't ever last yesterday today alone herself himself themselves
    itself all both each soon quietly very specifically explicitly loudly strongly falsely
    wrongly correctly rightly jokingly"""
)
PREPS = _words(
    """in on at from with by for into about over under after during without against among between
    through via like unlike despite toward towards upon within before since across amid around
    behind beyond near outside inside throughout to than"""
)
# "of" binds a phrase together ("the head of the agency") where other prepositions end it.
PREPS_NOT_OF = PREPS - {"of"}
CONJ = _words(
    """that which who whom whose because while when whenever if as although though but or nor so
    where whether until unless and what how why yet not also"""
)
DETS = _words(
    """the a an his her its their our my your this these those some many most all no several few
    both each every any such other another more much that one two three four five top former
    senior local federal state"""
)
SUBJ_PRONOUNS = _words("he she they it we i you")
# "He’s claiming", "they've said": a subject pronoun with its auxiliary in one token.
PRONOUN_AUX = {
    p + a + c
    for p in ("he", "she", "it", "who", "they", "we", "i", "you")
    for a in _APOSTROPHES
    for c in ("s", "ve", "d", "ll", "re", "m")
}
REL_PRONOUNS = _words("who which")
POSSESSIVE_PRONOUNS = _words("his her their its our my")
# Times and manners that sit between a verb and its content: "said Monday that", "said once".
TIME = frozenset(WEEKDAYS) | _words(
    """today yesterday tonight recently earlier later last this next week weekend month year
    morning afternoon evening night ago then once twice again repeatedly privately publicly
    flatly simply"""
)
SENT_ADVERBS = _words(
    """later still now then also however meanwhile instead yet and but so or indeed moreover
    finally separately earlier"""
)
# Words in -ly that are not adverbs: nouns, adjectives and names (July among the months).
LY_NOUNS = frozenset(MONTHS) | _words(
    """family rally ally assembly anomaly monopoly supply reply daily weekly monthly quarterly
    bully belly tally folly homily jelly butterfly melancholy italy elderly unlikely likely
    friendly"""
)
# Adjective endings: "retaliatory attacks", "aggressive claims" are nouns after them.
ADJ_ENDINGS = (
    "ory",
    "ive",
    "al",
    "ic",
    "ous",
    "ful",
    "less",
    "able",
    "ible",
    "ary",
    "ish",
    "ing",
    "ed",
    "ese",
)
# Who is told: "told reporters ...", "assured lawmakers ...".
HEARERS = _words(
    """reporters me us him her them journalists lawmakers voters supporters members listeners
    viewers senators officials police investigators congress"""
)
# Subjects that take a plain verb form: "they say", "police say".
PLURAL_SUBJECTS = _words(
    """i we you they who which that people police media public staff majority most many some
    others both all few those these several data polls surveys"""
)
# Dashes that set a speaker after a quotation: '"..." ― Name'.
DASHES = frozenset({"―", "—", "–", "-", "--"})
# First words of a "Label: text" line that is page furniture, not a speaker and a statement.
HEADLINE_LABELS = _words(
    """update updated note editor watch video photo photos read related breaking exclusive opinion
    analysis live correction source sources warning advertisement by posted published subscribe
    share follow tags topics filed abstract full text q a caption latest clarification ps p.s
    editorial transcript summary credit image contact email phone"""
)
HONORIFICS = _words("mr mrs ms miss dr prof sir dame lord lady rev mx")
# Words that name an office or job rather than a person; a name follows them.
TITLES = _words(
    """president vice prime minister secretary senator sen representative rep congressman
    congresswoman governor gov mayor gen general col colonel lt lieutenant sgt sergeant capt
    captain adm admiral maj major cmdr commander chief judge justice attorney speaker leader
    chairman chairwoman chair director spokesman spokeswoman spokesperson spokesmen ambassador
    envoy king queen prince princess pope cardinal bishop ayatollah sheikh emir sultan
    chancellor premier officer official ceo cfo coo founder professor analyst adviser advisor
    aide head manager strategist economist nominee candidate host anchor correspondent reporter
    editor columnist writer author commissioner superintendent treasurer whip delegate lawmaker
    legislator councilman councilwoman sheriff inspector detective agent commentator pollster
    researcher scientist historian activist deputy assistant executive counsel lawyer prosecutor
    rabbi imam pastor father sister brother dean provost owner partner fellow member coach
    doctor physician surgeon lt. mp mep senior"""
)
# Lower-case words inside names: "Karim al-Haddad", "Ursula von der Leyen".
NAME_PARTICLES = _words(
    "al el bin ibn abu de del della der van von da di du la le ben bint dos das st"
)
PERSON_PRONOUNS = _words("he she him her")
# Words that start a sentence even after an abbreviation's full stop ("in the U.S. The ...").
SENTENCE_STARTERS = _words(
    """the a an but and he she it they we i in on this that there his her their its our as at for
    if when while after before so yet still now then one some many most according asked what why
    how who those these instead"""
)

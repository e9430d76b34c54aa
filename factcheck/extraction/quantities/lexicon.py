"""Word lists the quantity rules consult: qualifiers, function words, labels and the like."""

from __future__ import annotations

from ..lexicon.calendar import SEASONS
from ..lexicon.numbers import SCALES, SMALL

# Qualifiers in front of a number: word -> True when it makes the value approximate.
QUALIFIERS: dict[str, bool] = {
    "about": True,
    "around": True,
    "approximately": True,
    "roughly": True,
    "nearly": True,
    "almost": True,
    "some": True,
    "circa": True,
    "close to": True,
    "an estimated": True,
    "estimated": True,
    "just about": True,
    "approx.": True,
    "ca.": True,
    "~": True,
    "≈": True,
    "more than": False,
    "over": False,
    "at least": False,
    "upwards of": False,
    "in excess of": False,
    "above": False,
    "well over": False,
    "just over": False,
    "no less than": False,
    "not less than": False,
    "a minimum of": False,
    "over than": False,
    "less than": False,
    "fewer than": False,
    "under": False,
    "just under": False,
    "up to": False,
    "as many as": False,
    "as much as": False,
    "as few as": False,
    "as little as": False,
    "at most": False,
    "below": False,
    "no more than": False,
    "not more than": False,
    "a maximum of": False,
    "exactly": False,
    "precisely": False,
    "well under": False,
    "just below": False,
    "just above": False,
    "slightly more than": False,
    "slightly less than": False,
    "a little over": False,
    "a little under": False,
    "more or less": True,
}


# Words that may stand capitalised before a number without making it part of a name.
FUNCTION_WORDS = frozenset(
    """
a an the this that these those its it his her their our your my some any each every no not all
both either neither other another such and or but nor so yet for of in on at by to from with
without within into onto over under above below between among through during before after since
until till upon about against across along around behind beyond near off out up down than as per
via while when where whereas whether which who whom whose what why how if then though although
because unless except is are was were be been being am has have had having do does did will would
shall should can could may might must i you he she we they me him us them more most less least
very just only also even still already again ever never now here there too quite rather really
almost nearly roughly mostly approximately exactly some around fewer many much few several
barely perhaps maybe probably precisely fully
said says say told according reported per cent percent plus minus last next first top estimated
""".split()
)

# Words before a number that make it a label ("category 4", "phase 3", "No. 1").
LABEL_WORDS = frozenset(
    """
category level phase grade stage class type version season episode chapter page section article
number no room gate route flight platform row game week round group model verse volume vol channel
district ward precinct highway interstate exit pier dock terminal lane apartment apt suite
resolution amendment proposition prop clause paragraph item appendix exhibit
""".split()
)

# Words right before a number that signal a change ("rose 5% to $84" is not a range).
CHANGE_WORDS = frozenset(
    """
up down rose fell risen fallen gained lost climbed dropped jumped slid increased decreased added
shed declined plunged surged soared tumbled advanced slipped sank rallied eased grew shrank
by rise fall gain loss increase decrease drop jump
""".split()
)

# People who may have their age in apposition: "the suspect, 23, was".
PERSON_NOUNS = frozenset(
    """
man woman boy girl suspect victim driver mother father son daughter wife husband brother sister
teenager student resident owner worker officer player singer actor actress defendant friend
partner pilot passenger patient survivor widow widower neighbour neighbor child baby mum mom dad
grandmother grandfather rider cyclist pedestrian gunman attacker teacher nurse doctor
""".split()
)

# Stop words for the counted noun phrase after a number.
NP_STOP = FUNCTION_WORDS | frozenset(
    """
said says say told added noted reported would will could can may might is are was were has have
had who which that what where when while whilst and or but last next this ago earlier later
such same other another each every mostly respectively s year-on-year
""".split()
) - frozenset(["top"])
# Plurals without a final "s".
IRREGULAR_PLURALS = frozenset(
    """
people men women children staff police cattle feet teeth mice geese personnel troops
""".split()
)

# Units that may be introduced with "a"/"an" after an amount ("$3,500 a month").
RATE_NOUNS = frozenset(
    """
second minute hour day night week month quarter year head piece share barrel ounce gallon litre
liter pound kilo kilogram ton tonne unit person passenger ticket game match
""".split()
)

# Number words a run of spelled numbers is made of ("two hundred thousand", "a dozen").
NUMBER_WORDS: dict[str, float] = {**SMALL, **SCALES, "dozen": 12}
# Words that multiply what comes before them: "1.5 million", "two dozen".
MULTIPLIERS: dict[str, float] = {**SCALES, "dozen": 12}

# Words before a bare four-digit number that make it a year: "in 2011", "the 2020 vote".
YEAR_LEADS = frozenset(
    "in since of by from until till to during before after the its their his "
    "her our this that mid early late between and or circa season fiscal "
    "class model".split()
) | frozenset(SEASONS)
# Words before "one" that make it a pronoun: "each one", "the same one".
ONE_PRONOUN_LEADS = frozenset(
    "each every any no the this that which same another other someone anyone one".split()
)
# Words after "one" that make it a pronoun: "one they lose", "one is".
ONE_PRONOUN_FOLLOWERS = frozenset(
    "that who which whose whom they he she it we you i is was are were has have "
    "had will would can could should may might must does did do another else "
    "'s".split()
)
# Words before "half" that make it a part of something, not an amount: "the second half".
HALF_PART_LEADS = frozenset(
    "first second third fourth final the this that last next one each other".split()
)
# Emergency numbers, and the words before them that make them numbers to call: "call 911".
EMERGENCY_NUMBERS = frozenset((911.0, 999.0, 112.0))
EMERGENCY_LEADS = frozenset(("call", "dial", "called", "dialled", "dialed", "calling", "a", "the"))

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
    """An organisation by its tell-tale words, a name that starts with an article, or a
    country or seat of government standing for its government."""
    name = name.strip()
    if _ARTICLE.match(name) or is_place_name(name):
        return True
    low = name.lower()
    if any(phrase in low for phrase in ORGANISATION_PHRASES):
        return True
    if any(w in ORGANISATION_NAMES for w in low.replace("’", "'").split()):
        return True
    return any(is_organisation_word(w) for w in _WORD.findall(name))


# ----------------------------------------------------------------------------- speakers' names
# Read by claims.speaker_names (the app's guesses of who spoke), not by the extractor, whose
# attribution spans these lists must not change.

# Places that stand for their governments when they speak: "Baghdad and Washington said".
COUNTRIES: frozenset[str] = frozenset(
    """afghanistan albania algeria america angola argentina armenia australia austria azerbaijan
    bahrain bangladesh belarus belgium bolivia bosnia brazil britain bulgaria cambodia cameroon
    canada chad chile china colombia congo croatia cuba cyprus czechia denmark djibouti ecuador
    egypt eritrea estonia ethiopia finland france gaza georgia germany ghana greece guatemala
    haiti honduras hungary iceland india indonesia iran iraq ireland israel italy japan jordan
    kazakhstan kenya kosovo kuwait kyrgyzstan laos latvia lebanon libya lithuania luxembourg
    malaysia mali malta mexico moldova mongolia montenegro morocco mozambique myanmar namibia
    nepal netherlands nicaragua niger nigeria norway oman pakistan palestine panama paraguay peru
    philippines poland portugal qatar romania russia rwanda senegal serbia singapore slovakia
    slovenia somalia spain sudan sweden switzerland syria taiwan tajikistan tanzania thailand
    tunisia turkey turkmenistan uganda ukraine uruguay us usa uk uzbekistan venezuela vietnam
    yemen zambia zimbabwe""".split()
) | frozenset(
    (
        "united states",
        "united kingdom",
        "saudi arabia",
        "south africa",
        "south korea",
        "north korea",
        "new zealand",
        "south sudan",
        "sri lanka",
        "united arab emirates",
        "west bank",
        "czech republic",
        "ivory coast",
        "european union",
        "bosnia and herzegovina",
        "trinidad and tobago",
        "antigua and barbuda",
    )
)
# Capitals and the buildings or streets that stand for a government.
GOVERNMENT_SEATS: frozenset[str] = frozenset(
    """abuja accra addis algiers amman ankara ashgabat astana athens baghdad baku bamako bangkok
    beijing beirut belgrade berlin bern bishkek bogota brasilia bratislava brussels bucharest
    budapest cairo canberra caracas damascus delhi dhaka doha dushanbe hanoi havana helsinki
    islamabad jakarta jerusalem kabul kampala khartoum kinshasa kyiv kiev lisbon ljubljana london
    madrid managua manama manila minsk mogadishu moscow muscat nairobi oslo ottawa paris
    pyongyang rabat riga riyadh rome sanaa santiago seoul sofia stockholm taipei tallinn
    tashkent tbilisi tehran tokyo tripoli tunis vienna vilnius warsaw washington yerevan
    zagreb whitehall westminster""".split()
) | frozenset(
    (
        "new delhi",
        "abu dhabi",
        "tel aviv",
        "kuala lumpur",
        "buenos aires",
        "mexico city",
        "downing street",
        "capitol hill",
        "the kremlin",
        "the white house",
        "the elysee",
        "the élysée",
    )
)
# Names that hold "and" and are one speaker: not "Bosnia" and "Herzegovina".
NAMES_WITH_AND: tuple[str, ...] = (
    "bosnia and herzegovina",
    "trinidad and tobago",
    "antigua and barbuda",
    "saint kitts and nevis",
    "st kitts and nevis",
    "saint vincent and the grenadines",
    "sao tome and principe",
    "são tomé and príncipe",
    "turks and caicos",
    "marks and spencer",
    "procter and gamble",
    "johnson and johnson",
    "ernst and young",
    "simon and schuster",
    "smith and wesson",
    "barnes and noble",
    "health and human services",
    "oil and gas",
    "trade and industry",
    "science and technology",
    "food and drug administration",
    "alcohol, tobacco, firearms and explosives",
)
# Organisations known by a name of their own, with no tell-tale word in it.
ORGANISATION_NAMES: frozenset[str] = frozenset(
    """hamas taliban al-qaeda al-qaida qaeda isis isil daesh houthis opec eu un unicef unesco
    unhcr interpol reuters afp bbc amnesty greenpeace fatah hashd wagner""".split()
)
# Names whose "The" is their own: "The Hague" is not "Hague".
NAMES_WITH_ARTICLE: tuple[str, ...] = (
    "the hague",
    "the gambia",
    "the bahamas",
    "the netherlands",
    "the guardian",
    "the times",
    "the new york times",
    "the washington post",
    "the wall street journal",
    "the economist",
    "the telegraph",
    "the independent",
    "the atlantic",
    "the observer",
    "the sun",
    "the hill",
)
# What an outlet calls a speaker rather than the speaker's name ("Iraq's anti-terror Kata'ib
# Hezbollah group"); only ever matched in lower case, since capitalised they are part of a
# name ("Anti-Terror Police Unit").
EVALUATIVE_LABELS: frozenset[str] = frozenset(
    """anti-terror anti-terrorist anti-terrorism terrorist terror so-called notorious infamous
    self-styled self-proclaimed self-declared would-be extremist radical militant jihadist
    takfiri hardline hard-line rogue outlawed banned proscribed shadowy feared dreaded brutal
    criminal heroic valiant brave glorious legendary popular powerful influential
    resistance armed""".split()
)
# Hyphenated labels of allegiance: "Iran-backed", "US-led", "pro-government", "anti-US".
LABEL_SUFFIXES: tuple[str, ...] = (
    "-backed",
    "-led",
    "-linked",
    "-allied",
    "-aligned",
    "-affiliated",
    "-sponsored",
    "-funded",
    "-supported",
    "-inspired",
    "-based",
    "-run",
)
LABEL_PREFIXES: tuple[str, ...] = ("pro-", "anti-")
# Nouns an outlet puts after an organisation's name that are not part of it, in lower case:
# "the Kata'ib Hezbollah group", "the Harakat Hezbollah al-Nujaba movement". Articles call one
# organisation by any of the group nouns in turn; the media nouns are not interchangeable.
GROUP_NOUNS: frozenset[str] = frozenset(
    "group groups movement militia organisation organization faction outfit network".split()
)
TYPE_NOUNS: frozenset[str] = GROUP_NOUNS | frozenset(
    "newspaper daily weekly broadcaster channel website".split()
)
# Owners a role can point back to: "the group's spokesman", "the movement's leader".
ROLE_OWNERS: frozenset[str] = TYPE_NOUNS | frozenset(
    "party ministry agency company union alliance coalition council committee".split()
)
# Lower-case words a name may hold between its capitalised ones: "Bank of England".
NAME_CONNECTORS: frozenset[str] = frozenset("of for the on and de du des da di del y".split())
# Possessives that place rather than name: "the country's", "the region's".
PLACE_OWNERS: frozenset[str] = frozenset(
    "country nation region city state kingdom republic island province territory capital".split()
)


def is_place_name(name: str) -> bool:
    """A country or a seat of government, which speaks for its government ("Baghdad said")."""
    low = " ".join(name.replace("’", "'").split()).casefold().strip(" .,")
    bare = low[4:] if low.startswith("the ") else low
    return low in GOVERNMENT_SEATS or bare in GOVERNMENT_SEATS or bare in COUNTRIES

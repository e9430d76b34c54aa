"""Abbreviations: words that a following full stop belongs to, as news prints them."""

from __future__ import annotations

from .calendar import MONTH_ABBREVIATIONS

# Titles before a name: "Sen. Warren", "Lt. Col. Smith".
TITLES: tuple[str, ...] = (
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
    "Sen",
    "Rep",
    "Reps",
    "Gov",
    "Gen",
    "Lt",
    "Col",
    "Maj",
    "Capt",
    "Cmdr",
    "Adm",
    "Sgt",
    "Rev",
    "Pres",
    "Supt",
)
# Suffixes after a name: "Martin Luther King Jr.", "Acme Inc."
NAME_SUFFIXES: tuple[str, ...] = ("Inc", "Ltd", "Co", "Corp", "Jr", "Sr")
PLACE_WORDS: tuple[str, ...] = ("St", "Mt", "Ft")
MONTHS: tuple[str, ...] = tuple(m.capitalize() for m in MONTH_ABBREVIATIONS)
DOTTED: tuple[str, ...] = ("U.S", "U.K", "U.N", "a.m", "p.m", "e.g", "i.e")
OTHERS: tuple[str, ...] = ("No", "vs")

# Only the sentence splitter's: more ranks and titles, street and institution words, references.
MORE_TITLES: tuple[str, ...] = (
    "Messrs",
    "Sens",
    "Gens",
    "Cpl",
    "Pvt",
    "Brig",
    "Hon",
    "Det",
    "Insp",
    "Atty",
)
ADDRESS_WORDS: tuple[str, ...] = ("Ave", "Blvd", "Rd", "Dept", "Univ", "Assn", "Bros")
REFERENCES: tuple[str, ...] = (
    "Nos",
    "Fig",
    "Vol",
    "approx",
    "cf",
    "ca",
    "Ph.D",
    "E.U",
    "etc",
    "est",
)

# Only the attribution finder's: places after a name ("Peoria, Ill., said") and a
# politician's party and state ("Sen. Rand Paul, R-Ky., said").
US_STATES: tuple[str, ...] = (
    "Fla",
    "Calif",
    "Mass",
    "Ariz",
    "Wis",
    "Mich",
    "Penn",
    "Va",
    "Ky",
    "Tenn",
    "Ga",
    "Ala",
    "Conn",
    "Md",
    "Mo",
    "Nev",
    "Okla",
    "Ore",
    "Wash",
    "Minn",
    "Ill",
    "Ind",
    "Kan",
    "Colo",
    "Del",
    "Neb",
    "Ark",
    "Miss",
    "Vt",
    "N.H",
    "N.J",
    "N.C",
    "S.C",
    "D.C",
)
PARTY_STATES: tuple[str, ...] = ("R-N.Y", "D-N.Y")

SHARED: tuple[str, ...] = TITLES + NAME_SUFFIXES + PLACE_WORDS + MONTHS + DOTTED + OTHERS

# The two lists differ on purpose: each was tuned on its own task, and moving "Messrs", "Sens",
# "Ave" or "Bros" into the attribution finder's list, or the state names into the sentence
# splitter's ("in Springfield, Ill. The ..."), changes what they find on the evaluation corpus.

# The sentence splitter's, case as printed; `SENTENCE_FINAL_ABBREVIATIONS` may also end a
# sentence ("in the U.S. The ...") and the rest never do.
SENTENCE_FINAL_ABBREVIATIONS: tuple[str, ...] = (
    "U.S",
    "U.K",
    "U.N",
    "E.U",
    "a.m",
    "p.m",
    "Inc",
    "Ltd",
    "Co",
    "Corp",
    "Bros",
    "Jr",
    "Sr",
    "etc",
    "est",
)
SENTENCE_ABBREVIATIONS: tuple[str, ...] = tuple(
    w
    for w in dict.fromkeys(SHARED + MORE_TITLES + ADDRESS_WORDS + REFERENCES)
    if w not in SENTENCE_FINAL_ABBREVIATIONS
)
# The attribution finder's, in lower case: a full stop after one of them does not end a unit
# unless a sentence starter follows.
WORD_ABBREVIATIONS: frozenset[str] = frozenset(w.lower() for w in SHARED + US_STATES + PARTY_STATES)

"""A small collection of our own writing: fact-checks (claim, headline) as a newsroom would
publish them, and readers' posts that repeat some of them in other words."""

from __future__ import annotations

FACT_CHECKS: list[tuple[str, str, str]] = [
    (
        "c01",
        "The city council voted to close all public libraries on Sundays from March.",
        "Are the city's libraries closing on Sundays?",
    ),
    (
        "c02",
        "Drinking two litres of lemon water a day cures type 2 diabetes.",
        "No, lemon water does not cure diabetes",
    ),
    (
        "c03",
        "The national minimum wage rose by 9.8 percent in April 2024.",
        "Did the minimum wage go up by almost 10%?",
    ),
    (
        "c04",
        "A photo shows a shark swimming on a flooded motorway after the hurricane.",
        "Shark-on-the-motorway photo is an old fake",
    ),
    (
        "c05",
        "The mayor of Riverton was arrested for taking bribes from a building company.",
        "Was Riverton's mayor arrested?",
    ),
    ("c06", "5G masts spread the coronavirus.", "No link between 5G and the virus"),
    (
        "c07",
        "Unemployment fell to 3.1 percent, its lowest level in fifty years.",
        "Is unemployment at a fifty-year low?",
    ),
    (
        "c08",
        "The government plans to ban petrol cars from 2027.",
        "Is there a 2027 ban on petrol cars?",
    ),
    (
        "c09",
        "Eating carrots dramatically improves night vision.",
        "Carrots and night vision: a wartime myth",
    ),
    (
        "c10",
        "Senator Alvarez voted against funding for veterans' hospitals twelve times.",
        "Did Alvarez vote against veterans' hospitals?",
    ),
    (
        "c11",
        "The new bridge over the Tamber river cost 480 million euros, twice its budget.",
        "Did the Tamber bridge cost double?",
    ),
    (
        "c12",
        "Tap water in Northfield contains dangerous levels of lead.",
        "Is Northfield's tap water unsafe?",
    ),
    (
        "c13",
        "Crime in the capital doubled over the last two years.",
        "Has crime in the capital really doubled?",
    ),
    (
        "c14",
        "A video shows the prime minister falling asleep during the climate summit.",
        "Prime minister asleep at the summit? The video is edited",
    ),
    (
        "c15",
        "Wind turbines kill more birds than cats do.",
        "Do wind turbines kill more birds than cats?",
    ),
    (
        "c16",
        "The school year will be extended by three weeks starting next September.",
        "Is the school year getting three weeks longer?",
    ),
    (
        "c17",
        "Foreign students pay no tuition fees at state universities.",
        "Do foreign students study for free?",
    ),
    (
        "c18",
        "Vaccines contain microchips used to track people.",
        "No, vaccines do not contain tracking chips",
    ),
    ("c19", "The price of bread has tripled since 2020.", "Has bread really tripled in price?"),
    (
        "c20",
        "The national football team's coach resigned after the World Cup defeat.",
        "Did the coach resign?",
    ),
    (
        "c21",
        "Half of all nurses plan to leave the health service within a year.",
        "Are half of nurses about to quit?",
    ),
    (
        "c22",
        "A meteor will hit the Earth next Tuesday, according to NASA.",
        "NASA has not predicted a meteor strike",
    ),
    (
        "c23",
        "The city's new bus lanes increased traffic jams by 40 percent.",
        "Did bus lanes make traffic 40% worse?",
    ),
    (
        "c24",
        "Holding your breath for ten seconds proves you do not have the virus.",
        "The breath-holding test proves nothing",
    ),
    (
        "c25",
        "Police numbers have been cut by 20,000 since 2010.",
        "Were 20,000 police officers cut?",
    ),
    (
        "c26",
        "Solar panels produce more energy to make than they ever generate.",
        "Do solar panels pay back the energy used to make them?",
    ),
    (
        "c27",
        "The health minister owns shares in a company that sells face masks.",
        "Does the health minister own mask company shares?",
    ),
    (
        "c28",
        "Immigrants receive larger pensions than people born in the country.",
        "Do immigrants get bigger pensions?",
    ),
    (
        "c29",
        "Chocolate milk is better than water after exercise.",
        "Is chocolate milk the best recovery drink?",
    ),
    (
        "c30",
        "The river Tamber is now the cleanest river in Europe.",
        "Is the Tamber Europe's cleanest river?",
    ),
    # A near-duplicate of c06, differing only in its quote marks: suggestions show c06 alone.
    ("c31", "5G masts spread the coronavirus.", "No link between “5G” and the virus"),
]

# (query id, a reader's post, the fact-check it repeats)
QUERIES: list[tuple[str, str, str]] = [
    (
        "q01",
        "Unbelievable: from March our libraries will be shut every Sunday, the council decided",
        "c01",
    ),
    ("q02", "My aunt cured her diabetes just by drinking lemon water every day!! #health", "c02"),
    ("q03", "Look at this shark on the flooded motorway after the hurricane, crazy", "c04"),
    ("q04", "BREAKING: Riverton mayor arrested in bribery scandal with builders", "c05"),
    ("q05", "Stop the 5G towers, they are spreading the virus #5G #coronavirus", "c06"),
    ("q06", "Unemployment down to 3.1%, lowest in 50 years! Great news", "c07"),
    (
        "q07",
        "So petrol cars will be banned in 2027? What about people who can't afford electric?",
        "c08",
    ),
    (
        "q08",
        "Senator Alvarez has voted twelve times against money for veterans hospitals. Shame!",
        "c10",
    ),
    ("q09", "The Tamber bridge ended up costing 480 million, double the budget. Who pays?", "c11"),
    ("q10", "Do not drink the tap water in Northfield, it is full of lead", "c12"),
    ("q11", "Watch the PM fall asleep at the climate summit lol", "c14"),
    ("q12", "Microchips in vaccines so they can track us all. Wake up", "c18"),
    ("q13", "Bread costs three times what it did in 2020", "c19"),
    (
        "q14",
        "Half the nurses in the health service want to leave within the year, survey says",
        "c21",
    ),
    ("q15", "NASA says a meteor is going to hit Earth on Tuesday", "c22"),
    ("q16", "Can you hold your breath for 10 seconds? Then you don't have the virus", "c24"),
    ("q17", "20,000 fewer police officers since 2010. That explains a lot", "c25"),
    ("q18", "Our health minister holds shares in a face mask company, what a coincidence", "c27"),
]

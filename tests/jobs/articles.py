"""Articles for the job tests: many sentences, each a candidate claim."""

from __future__ import annotations

import html


def numbered_article(sentences: int) -> str:
    """Prose whose every sentence carries numbers, so each is a candidate claim."""
    return " ".join(
        f"The council said it spent {i * 3 + 7} million pounds on {i + 2} new schools "
        f"in district {i}."
        for i in range(sentences)
    )


def varied_article(sentences: int) -> str:
    """Candidates of different shapes, so rows differ in which columns are empty: quoted
    speakers with and without roles, dates resolved and not, quantities with and without
    units."""
    shapes = (
        "The council said it spent {a} million pounds on {b} new schools in district {i}.",
        "Spending rose by {a} percent in March {y}, according to minister Jane Doe{i}.",
        "About {b} families moved to district {i} last year.",
        "“We built {b} roads,” said Mayor Smith, the city's leader, on {d} May {y}.",
    )
    return " ".join(
        shapes[i % len(shapes)].format(a=i * 3 + 7, b=i + 2, i=i, y=2000 + i % 20, d=1 + i % 28)
        for i in range(sentences)
    )


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Our own sentences: figures, dates and who said them, each shape a candidate claim.
FIGURE_SHAPES = (
    "The harbour authority reported that {a} cargo ships docked at pier {i} in {month} {year}.",
    "Bus fares in zone {i} rose by {p} percent on {d} {month} {year}, said transport officer "
    "Nadia Okafor.",
    "According to the county auditor, {b} bridges in ward {i} need repairs costing {a} million "
    "dollars.",
    "“Our clinics treated {a} patients in the week to {d} {month},” said Dr Tomas Berg, who "
    "chairs the health board.",
    "Farmers in valley {i} harvested {b} thousand tonnes of barley last year, the grain "
    "cooperative said.",
)


def figures_page(sentences: int, title: str = "A year in figures") -> bytes:
    """A news page (HTML, with its outlet, author and date in meta tags) whose article has
    `sentences` sentences, four to a paragraph, each a candidate claim."""
    said = [
        FIGURE_SHAPES[i % len(FIGURE_SHAPES)].format(
            a=i * 7 + 11,
            b=i % 90 + 3,
            p=i % 40 + 2,
            i=i,
            d=1 + i % 28,
            month=MONTHS[i % 12],
            year=2001 + i % 24,
        )
        for i in range(sentences)
    ]
    paragraphs = "".join(
        f"<p>{html.escape(' '.join(said[k : k + 4]))}</p>" for k in range(0, sentences, 4)
    )
    head = (
        f"<title>{html.escape(title)} | Valley Ledger</title>"
        f'<meta property="og:title" content="{html.escape(title)}">'
        '<meta property="og:site_name" content="Valley Ledger">'
        '<meta name="author" content="Ines Marlowe">'
        '<meta property="article:published_time" content="2026-10-02T07:00:00Z">'
    )
    body = (
        f"<nav>Home · Farming · Transport</nav><article><h1>{html.escape(title)}</h1>"
        f"{paragraphs}</article><footer>Valley Ledger, all rights reserved</footer>"
    )
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()

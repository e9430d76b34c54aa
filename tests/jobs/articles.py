"""Articles for the job tests: many sentences, each a candidate claim."""

from __future__ import annotations


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

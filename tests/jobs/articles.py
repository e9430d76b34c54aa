"""Articles for the job tests: many sentences, each a candidate claim."""

from __future__ import annotations


def numbered_article(sentences: int) -> str:
    """Prose whose every sentence carries numbers, so each is a candidate claim."""
    return " ".join(
        f"The council said it spent {i * 3 + 7} million pounds on {i + 2} new schools "
        f"in district {i}."
        for i in range(sentences)
    )

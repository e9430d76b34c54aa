"""The Atom feed (RFC 4287) of published and corrected fact-checks, built with feedgen."""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from ..models import Claim
from ..web.inputs import clean_text
from ..workflow import State
from .claimreview import Publisher, modified_at

EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def atom(
    claims: list[Claim],
    *,
    publisher: Publisher,
    feed_url: str,
    index_url: str,
    link_for,
    updated: dt.datetime | None,
) -> bytes:
    """The feed as UTF-8 XML: one entry per fact-check, most recently changed first. A
    corrected fact-check says so in its title and summary, with the latest reason.

    Forms and uploads already drop characters XML cannot carry; text is cleaned again here so
    a row stored before that, or by another route, cannot make the feed fail for every reader
    (issue 13, finding 3)."""
    fg = FeedGenerator()
    fg.id(index_url)
    fg.title(clean_text(f"{publisher.name} fact-checks", multiline=False))
    fg.subtitle("Published and corrected fact-checks, newest change first.")
    fg.author(_person(publisher))
    fg.link(href=index_url, rel="alternate", type="text/html")
    fg.link(href=feed_url, rel="self", type="application/atom+xml")
    if publisher.logo:
        fg.logo(publisher.logo)
    fg.language("en")
    fg.updated(updated or EPOCH)
    for claim in claims:
        verdict = claim.verdict
        label = verdict.rating.label if verdict and verdict.rating else "Unrated"
        rating = clean_text(label, multiline=False)
        url = link_for(claim)
        entry = fg.add_entry(order="append")
        entry.id(url)
        corrected = claim.state == State.CORRECTED
        title = ("Corrected: " if corrected else "") + f"{rating}: {claim.text}"
        entry.title(clean_text(title, multiline=False))
        entry.link(href=url, rel="alternate", type="text/html")
        entry.published(claim.published_at)
        entry.updated(modified_at(claim))
        entry.author(_person(publisher))
        entry.category(term=rating, label=rating)
        summary = f"{rating}. {verdict.summary if verdict else ''}".strip()
        if claim.speaker is not None:
            summary += f" Claim by {claim.speaker.name}."
        if corrected and claim.corrections:
            last = claim.corrections[-1]
            summary += f" Corrected {last.created_at:%-d %b %Y}: {last.reason}"
        entry.summary(clean_text(summary))
    return fg.atom_str(pretty=True)


def _person(publisher: Publisher) -> dict[str, str]:
    return {"name": clean_text(publisher.name, multiline=False), "uri": publisher.url}

"""The Atom feed (RFC 4287) of published and corrected fact-checks, built with feedgen."""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from ..models import Claim
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
    corrected fact-check says so in its title and summary, with the latest reason."""
    fg = FeedGenerator()
    fg.id(index_url)
    fg.title(f"{publisher.name} fact-checks")
    fg.subtitle("Published and corrected fact-checks, newest change first.")
    fg.author({"name": publisher.name, "uri": publisher.url})
    fg.link(href=index_url, rel="alternate", type="text/html")
    fg.link(href=feed_url, rel="self", type="application/atom+xml")
    if publisher.logo:
        fg.logo(publisher.logo)
    fg.language("en")
    fg.updated(updated or EPOCH)
    for claim in claims:
        verdict = claim.verdict
        rating = verdict.rating.label if verdict and verdict.rating else "Unrated"
        url = link_for(claim)
        entry = fg.add_entry(order="append")
        entry.id(url)
        corrected = claim.state == State.CORRECTED
        entry.title(("Corrected: " if corrected else "") + f"{rating}: {claim.text}")
        entry.link(href=url, rel="alternate", type="text/html")
        entry.published(claim.published_at)
        entry.updated(modified_at(claim))
        entry.author({"name": publisher.name, "uri": publisher.url})
        entry.category(term=rating, label=rating)
        summary = f"{rating}. {verdict.summary if verdict else ''}".strip()
        if claim.speaker is not None:
            summary += f" Claim by {claim.speaker.name}."
        if corrected and claim.corrections:
            last = claim.corrections[-1]
            summary += f" Corrected {last.created_at:%-d %b %Y}: {last.reason}"
        entry.summary(summary)
    return fg.atom_str(pretty=True)

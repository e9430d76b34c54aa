"""schema.org ClaimReview for a published fact-check, as Google and schema.org document it.

The field rules (issue #4) and why:
- `itemReviewed.datePublished` is when the claim was made: the date the quote was said where
  the desk recorded it, else the reporting article's date. Never the check's own date, which
  some tools put there; if neither is known the property is left out rather than guessed.
- `reviewRating.bestRating`/`worstRating` come from the configured rating scale (the highest
  and lowest value of the active ratings), so ratingValue can be read without knowing our scale.
- `author` is the organisation publishing the check; the claim's `author` is the speaker, a
  Person (with `jobTitle` where the role is known) or an Organization, as Speaker.kind says.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..models import Claim, Rating, SiteSettings, Speaker, SpeakerKind

CONTEXT = "https://schema.org"


@dataclass(frozen=True)
class Scale:
    """The numeric ends of the rating scale: ratingValue lies between them."""

    best: int
    worst: int

    @classmethod
    def of(cls, ratings: list[Rating], rating: Rating | None = None) -> Scale:
        """The active ratings' highest and lowest values. A verdict whose rating was retired
        from the scale keeps a valid review: its value widens the ends if it lies outside."""
        values = [r.value for r in ratings if r.active] or [r.value for r in ratings] or [0]
        if rating is not None:
            values.append(rating.value)
        return cls(best=max(values), worst=min(values))


@dataclass(frozen=True)
class Publisher:
    """The organisation that publishes the fact-checks (ClaimReview's author)."""

    name: str
    url: str
    logo: str | None

    @classmethod
    def of(cls, site: SiteSettings, fallback_url: str, fallback_logo: str | None) -> Publisher:
        return cls(
            name=site.name, url=site.url or fallback_url, logo=site.logo_url or fallback_logo
        )


def modified_at(claim: Claim) -> dt.datetime:
    """When the public fact-check last changed: publication, a correction, a typo fix or a
    change of its details; never earlier than its publication."""
    stamps = [claim.published_at, claim.updated_at]
    if claim.verdict is not None:
        stamps.append(claim.verdict.updated_at)
    return max(s for s in stamps if s is not None)


def claim_date(claim: Claim) -> dt.date | None:
    """When the claim was made: the recorded date it was said, else the article's date."""
    return claim.said_on or claim.article.published_on


def _iso(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(microsecond=0).isoformat()
    return value.isoformat()


def _person_or_organisation(speaker: Speaker) -> dict[str, Any]:
    if speaker.kind == SpeakerKind.ORGANISATION:
        return {"@type": "Organization", "name": speaker.name}
    person: dict[str, Any] = {"@type": "Person", "name": speaker.name}
    if speaker.role:
        person["jobTitle"] = speaker.role
    return person


def _speaker(claim: Claim) -> dict[str, Any] | list[dict[str, Any]] | None:
    """Who made the claim: one Person or Organization, or a list when several made it
    together (schema.org properties take several values)."""
    speakers = claim.speakers
    if not speakers:
        # Nobody is quoted: the claim is the outlet's own statement.
        outlet = claim.article.outlet
        return {"@type": "Organization", "name": outlet} if outlet else None
    found = [_person_or_organisation(s) for s in speakers]
    return found[0] if len(found) == 1 else found


def _appearance(claim: Claim) -> dict[str, Any]:
    article = claim.article
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if article.url:
        work["url"] = article.url
    work["headline"] = article.title
    if article.published_on:
        work["datePublished"] = _iso(article.published_on)
    if article.outlet:
        work["publisher"] = {"@type": "Organization", "name": article.outlet}
    return work


def claim_review(claim: Claim, *, url: str, publisher: Publisher, scale: Scale) -> dict[str, Any]:
    """The ClaimReview of a published fact-check (its article, speaker, verdict and rating
    loaded); raises ValueError for a claim that has no rated verdict or publication date."""
    verdict = claim.verdict
    if verdict is None or verdict.rating is None or claim.published_at is None:
        raise ValueError(f"claim {claim.id} has no published, rated verdict")
    author: dict[str, Any] = {"@type": "Organization", "name": publisher.name, "url": publisher.url}
    if publisher.logo:
        author["logo"] = {"@type": "ImageObject", "url": publisher.logo}
    item: dict[str, Any] = {"@type": "Claim"}
    said_by = _speaker(claim)
    if said_by is not None:
        item["author"] = said_by
    said_on = claim_date(claim)
    if said_on is not None:
        item["datePublished"] = _iso(said_on)
    item["appearance"] = _appearance(claim)
    if claim.first_appearance_url:
        item["firstAppearance"] = {"@type": "CreativeWork", "url": claim.first_appearance_url}
    return {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.text,
        "datePublished": _iso(claim.published_at),
        "dateModified": _iso(modified_at(claim)),
        "author": author,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": verdict.rating.value,
            "bestRating": scale.best,
            "worstRating": scale.worst,
            "alternateName": verdict.rating.label,
            "ratingExplanation": verdict.summary,
        },
        "itemReviewed": item,
    }


def to_json(data: Any) -> str:
    """JSON safe to embed in HTML: `<`, `>` and `&` are escaped, so no text in the data (a
    claim quoting "</script>") can close the script element it sits in."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def jsonld_script(data: dict[str, Any]) -> Markup:
    """A JSON-LD data block. Browsers never execute it, so the CSP (script-src 'self') allows
    it; search engines and other fact-checkers read it."""
    # to_json() escapes <, > and &, so the JSON cannot end the element or start markup.
    safe = Markup(to_json(data))  # noqa: S704
    return Markup('<script type="application/ld+json">{}</script>').format(safe)

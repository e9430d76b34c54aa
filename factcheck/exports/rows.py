"""Row builders: one flat dict per exported object, the same for CSV and JSON.

Each kind's columns are listed once (the CSV header and the JSON keys); the feed's items are
built by public/claimreview.py, the builder the public pages use, so the two cannot drift.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..models import Claim, Event
from ..public.claimreview import CONTEXT, Publisher, Scale, claim_review, modified_at

CLAIM_COLUMNS = (
    "id",
    "state",
    "kind",
    "score",
    "text",
    "speaker",
    "assignee",
    "due_on",
    "article_id",
    "article_title",
    "created_at",
    "state_changed_at",
)

PUBLISHED_COLUMNS = (
    "id",
    "url",
    "claim",
    "speaker",
    "rating",
    "rating_value",
    "summary",
    "published_at",
    "modified_at",
    "article_title",
    "article_url",
)

AUDIT_COLUMNS = (
    "id",
    "created_at",
    "actor",
    "action",
    "claim_id",
    "article_id",
    "from_state",
    "to_state",
    "note",
)


def claim_row(claim: Claim) -> dict[str, Any]:
    """A claim as the desk sees it in the queue (its article, speaker and assignee loaded)."""
    return {
        "id": claim.id,
        "state": claim.state.value,
        "kind": claim.kind.value,
        "score": round(claim.score, 4),
        "text": claim.text,
        "speaker": claim.speaker.name if claim.speaker else None,
        "assignee": claim.assignee.name if claim.assignee else None,
        "due_on": claim.due_on,
        "article_id": claim.article_id,
        "article_title": claim.article.title,
        "created_at": claim.created_at,
        "state_changed_at": claim.state_changed_at,
    }


def published_row(claim: Claim, url: str) -> dict[str, Any]:
    """A published fact-check as the public page shows it (verdict and rating loaded)."""
    verdict = claim.verdict
    rating = verdict.rating if verdict else None
    return {
        "id": claim.id,
        "url": url,
        "claim": claim.text,
        "speaker": "; ".join(s.name for s in claim.speakers) or None,
        "rating": rating.label if rating else None,
        "rating_value": rating.value if rating else None,
        "summary": verdict.summary if verdict else None,
        "published_at": claim.published_at,
        "modified_at": modified_at(claim),
        "article_title": claim.article.title,
        "article_url": claim.article.url,
    }


def audit_row(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "created_at": event.created_at,
        "actor": event.actor.name if event.actor else None,
        "action": event.action,
        "claim_id": event.claim_id,
        "article_id": event.article_id,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "note": event.note,
    }


def feed_item(
    claim: Claim, *, url: str, publisher: Publisher, scale: Callable[[Claim], Scale]
) -> dict[str, Any]:
    """One dataFeedElement of the DataCommons ClaimReview feed: a DataFeedItem whose `item`
    holds the fact-check's ClaimReview, exactly as its public page embeds it."""
    review = claim_review(claim, url=url, publisher=publisher, scale=scale(claim))
    return {
        "@context": CONTEXT,
        "@type": "DataFeedItem",
        "dateCreated": review["datePublished"],
        "dateModified": review["dateModified"],
        "url": url,
        "item": [review],
    }

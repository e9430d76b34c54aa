"""The snapshot: everything a claim's public page and its ClaimReview show, as plain data.

An approval covers one snapshot (by its digest); publishing compares digests, so no part of
the page (wording, speakers, rating, summary, rationale, sources, the article's details, the
"see also" links to our other fact-checks) can change between approval and publication
unnoticed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from ..models import Claim, MatchDecision, MatchKind


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def see_also_of(claim: Claim) -> list[int]:
    """Ids of our fact-checks that `claim`'s page links to as "see also": its confirmed
    matches that are part of the page (ClaimMatch.on_page; claims/matches.py decides)."""
    return sorted(
        m.ref_id
        for m in claim.matches
        if m.on_page and m.kind == MatchKind.OURS and m.decision == MatchDecision.CONFIRMED
    )


def snapshot_of(claim: Claim) -> dict[str, Any]:
    """The public content of `claim` (its verdict, sources, speakers, article and matches
    loaded). "see_also" holds the linked claims' ids only (each linked page's words are
    approved on their own) and is left out when there are none, so a page without links has
    the digest it had before links existed: no approval on record is invalidated by them."""
    verdict = claim.verdict
    article = claim.article
    rating = verdict.rating if verdict else None
    snapshot: dict[str, Any] = {
        "claim": {
            "text": claim.text,
            "said_on": _day(claim.said_on),
            "first_appearance_url": claim.first_appearance_url,
        },
        "speakers": [
            {"name": s.name, "kind": s.kind.value, "role": s.role} for s in claim.speakers
        ],
        "verdict": {
            "rating": rating.label if rating else None,
            "rating_value": rating.value if rating else None,
            "summary": verdict.summary if verdict else "",
            "rationale": verdict.rationale if verdict else "",
        },
        "sources": [
            {
                "url": s.url,
                "title": s.title,
                "publisher": s.publisher,
                "kind": s.kind.value,
                "excerpt": s.excerpt,
                "archive_url": s.archive_url,
                "accessed_on": _day(s.accessed_on),
            }
            for s in sorted(claim.sources, key=lambda s: s.id or 0)
        ],
        "article": {
            "title": article.title,
            "outlet": article.outlet,
            "url": article.url,
            "author": article.author,
            "published_on": _day(article.published_on),
        },
    }
    see_also = see_also_of(claim)
    if see_also:
        snapshot["see_also"] = see_also
    # "Suggested by a reader" on the public page (issue 16): part of what an editor approves,
    # and left out when false so earlier approvals keep their digests.
    if article.reader_tips:
        snapshot["reader_tip"] = True
    return snapshot


def digest_of(snapshot: dict[str, Any]) -> str:
    """A stable SHA-256 of `snapshot`: equal digests mean equal public content."""
    data = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def changed_parts(old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    """Which parts ("claim", "speakers", "verdict", "sources", "article", "see_also",
    "reader_tip")
    differ; a part only one of them has (see_also) counts as changed."""
    if old is None:
        return ["draft"]
    parts = [*new, *(part for part in old if part not in new)]
    return [part for part in parts if old.get(part) != new.get(part)]

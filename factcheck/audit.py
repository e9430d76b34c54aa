"""Audit events: every state change and every edit leaves a row."""

from __future__ import annotations

from typing import Any

from .extensions import db
from .models import Article, Claim, Event, User
from .models.milestone import note_move


def record(
    action: str,
    *,
    actor: User | None,
    claim: Claim | None = None,
    article: Article | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
    note: str | None = None,
    data: dict[str, Any] | None = None,
) -> Event:
    """Add an audit event to the session (the caller commits); never raises."""
    if claim is not None and claim.id is None:
        db.session.flush()
    if claim is not None and article is None:
        article = claim.article
    if actor is not None:
        # Who acts in this transaction, for the revisions hook outside a request (commands).
        db.session.info["actor"] = actor
    ev = Event(
        action=action,
        actor=actor,
        claim_id=claim.id if claim is not None else None,
        article_id=article.id if article is not None else None,
        from_state=from_state,
        to_state=to_state,
        note=note or None,
        data=data,
    )
    db.session.add(ev)
    if claim is not None and to_state is not None:
        note_move(claim, from_state, to_state)  # the analytics page's narrow history
    return ev

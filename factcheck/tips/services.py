"""Readers' tips: storing (and folding) what the public form sends, and the desk's decisions
on them. Desk actions are audited and never commit; the caller does."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata

from flask import current_app
from sqlalchemy import select, update

from ..articles.services import ingest_article
from ..audit import record
from ..claims.services import accept_claim, add_claim
from ..errors import ConflictError, ValidationError
from ..extensions import db
from ..models import Article, Claim, Tip, TipState, User
from ..models._types import utcnow
from ..workflow import State

# Quotes and punctuation around a claim say nothing about which claim it is.
_EDGES = " \t\n\"'“”‘’«».,;:!?"


def tip_key(text: str) -> str:
    """What duplicate folding compares: the text Unicode-normalised, case-folded, its
    whitespace collapsed and surrounding quotes and punctuation dropped, hashed."""
    plain = " ".join(unicodedata.normalize("NFKC", text).casefold().split()).strip(_EDGES)
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()


def submit_tip(*, text: str, seen_where: str, url: str | None, contact: str | None) -> Tip:
    """Store a reader's tip, or count one more report on the tip with the same text sent in
    the last TIP_FOLD_DAYS (whatever its state). Not audited: the public could otherwise fill
    the audit log; the per-address limit bounds the rows. Raises ValidationError for an
    empty text."""
    text = text.strip()
    if not text:
        raise ValidationError("Write the claim you would like us to check.")
    key = tip_key(text)
    now = utcnow()
    since = now - dt.timedelta(days=current_app.config["TIP_FOLD_DAYS"])
    earlier = db.session.scalar(
        select(Tip)
        .where(Tip.text_key == key, Tip.created_at >= since)
        .order_by(Tip.created_at.desc(), Tip.id.desc())
        .limit(1)
    )
    if earlier is not None:
        # One statement, so simultaneous reports are all counted.
        db.session.execute(
            update(Tip)
            .where(Tip.id == earlier.id)
            .values(reports=Tip.reports + 1, last_reported_at=now)
        )
        if contact and not earlier.contact:
            earlier.contact = contact
        if url and not earlier.url:
            earlier.url = url
        db.session.flush()
        db.session.refresh(earlier)
        return earlier
    tip = Tip(
        text=text,
        text_key=key,
        seen_where=seen_where.strip(),
        url=url or None,
        contact=contact or None,
        created_at=now,
        last_reported_at=now,
    )
    db.session.add(tip)
    db.session.flush()
    return tip


def _require_open(tip: Tip) -> None:
    if tip.state != TipState.OPEN:
        raise ConflictError(f"Tip #{tip.id} was already {tip.state.value}.")


def _decided(tip: Tip, state: TipState, actor: User) -> None:
    tip.state = state
    tip.decided_by = actor
    tip.decided_at = utcnow()


def convert_tip(tip: Tip, actor: User) -> Claim:
    """Turn an open tip into a claim in the queue: its text is ingested as an article (the
    extractor and the check against earlier fact-checks run as for any article), then its
    most check-worthy candidate is accepted, or, when the extractor found none, the whole
    text added as a claim. Raises ConflictError for a tip no longer open, ValidationError
    from ingesting."""
    _require_open(tip)
    tip_id, text = tip.id, tip.text
    seen, url = tip.seen_where, tip.url
    title = f"Reader tip #{tip_id}: {' '.join(text.split())}"
    if len(title) > Article.TITLE_MAX:
        title = title[: Article.TITLE_MAX - 1] + "…"
    result = ingest_article(
        title=title,
        body=text,
        actor=actor,
        outlet=seen[: Article.OUTLET_MAX] or None,
        url=url,
        inline=True,
    )
    # Ingesting may end the read transaction: look again, someone may have decided meanwhile.
    tip = db.session.get(Tip, tip_id, populate_existing=True) or tip
    _require_open(tip)
    article = result.article
    claim = _claim_of(article, actor)
    _decided(tip, TipState.CONVERTED, actor)
    tip.article = article
    tip.created_article = result.created
    tip.claim = claim
    db.session.flush()
    record(
        "tip_convert",
        actor=actor,
        claim=claim,
        data={"tip": tip.id, "reports": tip.reports, "new_article": result.created},
    )
    return claim


def _claim_of(article: Article, actor: User) -> Claim:
    """The claim a converted tip becomes: the article's most check-worthy candidate, accepted
    into the queue; else the article's text as one claim."""
    # A query, not article.claims: add_claim below appends to that collection when loaded.
    claims = list(db.session.scalars(select(Claim).where(Claim.article_id == article.id)))
    candidates = [c for c in claims if c.state == State.CANDIDATE]
    if candidates:
        best = max(candidates, key=lambda c: (c.score, -c.id))
        accept_claim(best, actor)
        return best
    if claims:  # the text was ingested before and already worked on
        return max(claims, key=lambda c: (c.score, -c.id))
    return add_claim(article, 0, len(article.body), actor)


def dismiss_tip(tip: Tip, actor: User, note: str | None = None) -> None:
    """Set an open tip aside; raises ConflictError for one no longer open."""
    _require_open(tip)
    _decided(tip, TipState.DISMISSED, actor)
    record("tip_dismiss", actor=actor, note=note, data={"tip": tip.id})


def restore_tip(tip: Tip, actor: User) -> None:
    """Put a dismissed tip back in the inbox; raises ConflictError for one not dismissed."""
    if tip.state != TipState.DISMISSED:
        raise ConflictError(f"Tip #{tip.id} is {tip.state.value}, not dismissed.")
    tip.state = TipState.OPEN
    tip.decided_by = None
    tip.decided_at = None
    record("tip_restore", actor=actor, data={"tip": tip.id})


def purge_contacts(days: int | None = None) -> int:
    """Delete the contact details of tips that came in more than `days` (default
    TIP_CONTACT_DAYS) ago, whatever their state; returns how many were deleted."""
    keep = current_app.config["TIP_CONTACT_DAYS"] if days is None else days
    cutoff = utcnow() - dt.timedelta(days=keep)
    result = db.session.execute(
        update(Tip)
        .where(Tip.contact.is_not(None), Tip.created_at < cutoff)
        .values(contact=None)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def purge_contacts_nightly() -> int:
    """The nightly schedule's run (tips/schedule.py)."""
    return purge_contacts()

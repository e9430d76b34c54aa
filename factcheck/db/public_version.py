"""One version number for everything public, bumped in the same transaction as the change.

Lists, the feed and the API answer conditional requests and key their render cache by the
version of *all* published material. Computing that from the claims (a count and sums over
every published row) costs seconds at a million claims; instead every flush that touches
published material bumps `site_settings.public_version`. The hook watches the session, so no
service can forget it: a claim entering, leaving or changing in a published state, and any
verdict, source, correction or part of such a claim.
"""

from __future__ import annotations

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import Session

from ..models import (
    Article,
    Attribution,
    Claim,
    Correction,
    DateMention,
    Quantity,
    SiteSettings,
    Source,
    Speaker,
    Verdict,
)
from ..models._types import utcnow
from ..workflow import SEEN_STATES

_CHILDREN = (Verdict, Source, Correction, Attribution, Quantity, DateMention)


def bump_public_version(connection) -> None:
    """Mark all public material as changed; for writers that bypass the ORM (bulk loads)."""
    connection.execute(
        update(SiteSettings)
        .where(SiteSettings.id == 1)
        .values(public_version=SiteSettings.public_version + 1, public_changed_at=utcnow())
    )


def _claim_states(session: Session, obj) -> set:
    """The states (before and after this flush) of the claim `obj` is or belongs to."""
    if isinstance(obj, Claim):
        history = inspect(obj).attrs.state.history
        return {*history.added, *history.unchanged, *history.deleted}
    claim_id = getattr(obj, "claim_id", None)
    claim = obj.__dict__.get("claim")
    if claim is not None:
        return _claim_states(session, claim)
    if claim_id is None:
        return set()
    with session.no_autoflush:
        return {session.scalar(select(Claim.state).where(Claim.id == claim_id))}


def _touches_public(session: Session) -> bool:
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, (Claim, *_CHILDREN)):
            if obj in session.dirty and not session.is_modified(obj):
                continue
            if _claim_states(session, obj).intersection(SEEN_STATES):
                return True
        elif (
            isinstance(obj, Article | Speaker)
            and obj not in session.new
            and session.is_modified(obj)
        ):
            return True  # headlines, outlets and names appear on public pages
    return False


def _bump_on_public_change(session: Session, flush_context, instances) -> None:
    if _touches_public(session):
        bump_public_version(session.connection())


def register(sessions: object) -> None:
    """Watch every flush of `sessions` (a session class or factory)."""
    if not event.contains(sessions, "before_flush", _bump_on_public_change):
        event.listen(sessions, "before_flush", _bump_on_public_change)

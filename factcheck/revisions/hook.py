"""One rule for every path that changes what a fact-check shows, kept by a session hook so no
service, command or future feature can forget it:

- every change to a claim's snapshot (snapshot.py) after its first verdict draft appends a
  Revision (append-only in the database), with who made it;
- a change to an approved claim withdraws the approval: the claim goes back to review;
- a published claim's snapshot changes only inside an action that declared itself allowed to
  (allow_public_change: a correction a second editor approved, a typo fix, an editor's fix of
  a speaker's or article's details); anything else is refused before it is committed.

Changes are noted at each flush (which objects touched which claims) and turned into
revisions once, just before the commit.
"""

from __future__ import annotations

import datetime as dt

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import event, inspect, or_, select
from sqlalchemy.orm import Session

from ..audit import record
from ..errors import ConflictError
from ..extensions import db
from ..models import (
    Article,
    Claim,
    ClaimMatch,
    ClaimSpeaker,
    Revision,
    Source,
    Speaker,
    User,
    Verdict,
)
from ..models._types import utcnow
from ..workflow import PUBLIC_STATES, State
from .snapshot import changed_parts, digest_of, snapshot_of

PENDING = "factcheck.snapshot_claims"
ALLOWED = "factcheck.public_change"
LABEL = "factcheck.revision_label"
AUTHOR = "factcheck.revision_author"
AUTOSAVE = "autosave"
AUTOSAVE_WINDOW = dt.timedelta(minutes=10)

# The columns of each model that a public page shows.
# Relationships too: before a flush, a changed relationship has not yet set its key column.
WATCHED = {
    Claim: ("text", "said_on", "first_appearance_url", "speaker_id", "speaker", "speaker_links"),
    Verdict: ("rating_id", "rating", "summary", "rationale"),
    Speaker: ("name", "kind", "role"),
    Article: ("title", "outlet", "url", "author", "published_on"),
}


class PublicChangeRefused(ConflictError):
    """A change to a published fact-check that no second editor approved."""


def allow_public_change(reason: str) -> None:
    """Let this transaction change published fact-checks: called by the actions that are
    themselves the review (an approved correction) or an editor's audited fix."""
    db.session.info[ALLOWED] = reason


def label_next_revision(label: str) -> None:
    """Name the revisions this transaction writes ("correction", "typo fix"...)."""
    db.session.info[LABEL] = label


def revisions_of(claim: Claim) -> list[Revision]:
    return list(
        db.session.scalars(
            select(Revision).where(Revision.claim_id == claim.id).order_by(Revision.number)
        )
    )


def latest(claim: Claim) -> Revision | None:
    return db.session.scalar(
        select(Revision)
        .where(Revision.claim_id == claim.id)
        .order_by(Revision.number.desc())
        .limit(1)
    )


def _acting_user() -> User | None:
    """Who made the change: set explicitly (an approved proposal is its proposer's words),
    else the signed-in user, else the last actor audit.record saw in this transaction."""
    explicit = db.session.info.get(AUTHOR)
    if explicit is not None:
        return explicit
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user._get_current_object()
    return db.session.info.get("actor")


def attribute_to(user: User) -> None:
    """Attribute the revisions this transaction writes to `user`."""
    db.session.info[AUTHOR] = user


def _changed(obj, names: tuple[str, ...]) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in names)


def _claims_showing(session: Session, obj) -> set[int]:
    """Ids of the claims whose page shows `obj` (a speaker or an article), with a verdict."""
    has_verdict = select(Verdict.claim_id)
    if isinstance(obj, Speaker):
        linked = select(ClaimSpeaker.claim_id).where(ClaimSpeaker.speaker_id == obj.id)
        query = select(Claim.id).where(
            or_(Claim.speaker_id == obj.id, Claim.id.in_(linked)), Claim.id.in_(has_verdict)
        )
    else:
        query = select(Claim.id).where(Claim.article_id == obj.id, Claim.id.in_(has_verdict))
    with session.no_autoflush:
        return set(session.scalars(query))


def _claim_ids(session: Session, obj, new: bool) -> set[int]:
    if isinstance(obj, Source | ClaimSpeaker | ClaimMatch):
        claim_id = obj.claim_id
        if claim_id is None:
            claim_id = getattr(getattr(obj, "claim", None), "id", None)
        return {claim_id} if claim_id is not None else set()
    if isinstance(obj, Verdict):
        if new or _changed(obj, WATCHED[Verdict]):
            return {obj.claim_id if obj.claim_id is not None else obj.claim.id}
        return set()
    watched = WATCHED.get(type(obj))
    if watched is None or new or not _changed(obj, watched):
        return set()
    if isinstance(obj, Claim):
        return {obj.id}
    return _claims_showing(session, obj)


def _note_changes(session: Session, flush_context, instances) -> None:
    pending: set[int] = session.info.setdefault(PENDING, set())
    for obj in session.new:
        if not isinstance(obj, Verdict | Source | ClaimSpeaker | ClaimMatch):
            continue
        parent = getattr(obj, "claim", None)
        if obj.claim_id is None and (parent is None or parent.id is None):
            continue  # a claim being created has no verdict to revise yet
        pending |= _claim_ids(session, obj, new=True)
    for obj in session.dirty:
        if session.is_modified(obj):
            pending |= _claim_ids(session, obj, new=False)
    for obj in session.deleted:
        if isinstance(obj, Source | ClaimSpeaker | ClaimMatch):
            pending |= _claim_ids(session, obj, new=True)


def _coalesces(session: Session, last: Revision | None, force: bool) -> bool:
    """An autosave right after the same person's last autosave updates nothing on record:
    one version per pause in typing would bury the history. Whoever saves by hand, submits
    or approves gets a version of their own (force)."""
    if force or last is None or session.info.get(LABEL) != AUTOSAVE or last.action != AUTOSAVE:
        return False
    actor = _acting_user()
    recent = utcnow() - last.created_at < AUTOSAVE_WINDOW
    return actor is not None and last.actor_id == actor.id and recent


def _revise(session: Session, claim: Claim, force: bool = False) -> None:
    """Append a revision if `claim`'s snapshot changed, with what that entails."""
    if claim.verdict is None:
        return
    snapshot = snapshot_of(claim)
    digest = digest_of(snapshot)
    last = latest(claim)
    if last is not None and last.digest == digest:
        return
    if _coalesces(session, last, force):
        return
    parts = changed_parts(last.snapshot if last else None, snapshot)
    # A claim's first revision is its baseline (published rows from before revisions were
    # kept, or loaded in bulk); every change after it is checked.
    if last is not None and claim.state in PUBLIC_STATES and not session.info.get(ALLOWED):
        raise PublicChangeRefused(
            f"Claim #{claim.id} is published: its {', '.join(parts)} can change only through "
            "a correction that a second editor approves."
        )
    session.add(
        Revision(
            claim_id=claim.id,
            number=(last.number + 1) if last else 1,
            actor=_acting_user(),
            action=session.info.get(LABEL) or ", ".join(parts),
            snapshot=snapshot,
            digest=digest,
        )
    )
    if last is None:
        return
    if claim.state == State.APPROVED:
        _withdraw_approval(claim, parts)
    elif claim.state in PUBLIC_STATES:
        claim.updated_at = utcnow()  # a new version of the page: caches and feeds see it


def _withdraw_approval(claim: Claim, parts: list[str]) -> None:
    verdict = claim.verdict
    assert verdict is not None
    verdict.approved_by, verdict.approved_at = None, None
    verdict.approved_digest, verdict.approved_version = None, None
    claim.state, claim.state_changed_at = State.IN_REVIEW, utcnow()
    record(
        "reopen",
        actor=_acting_user(),
        claim=claim,
        from_state=State.APPROVED.value,
        to_state=State.IN_REVIEW.value,
        note=f"Changed after approval ({', '.join(parts)}): it needs approval again.",
    )


def _revise_pending(session: Session) -> None:
    # A revision's own flush may note more changes (a reopened claim); a few rounds settle it.
    for _ in range(3):
        session.flush()
        pending = session.info.pop(PENDING, set())
        if not pending:
            break
        for claim_id in sorted(pending):
            claim = session.get(Claim, claim_id)
            if claim is not None:
                _revise(session, claim)
    # A permission, label or author covers the action that set it, not what follows in the
    # same transaction (a command carries many claims in one).
    for key in (ALLOWED, LABEL, AUTHOR):
        session.info.pop(key, None)


def _forget(session: Session, *args) -> None:
    for key in (PENDING, ALLOWED, LABEL, AUTHOR, "actor"):
        session.info.pop(key, None)


def settle() -> None:
    """Write pending revisions now, so a refusal (PublicChangeRefused) comes before the
    view's answer rather than at its commit."""
    _revise_pending(db.session())


def sync(claim: Claim) -> Revision | None:
    """Write any pending revision now, and one for `claim` if what its page shows differs
    from its latest (coalesced autosaves); return the latest, which then matches the page."""
    session = db.session()
    _revise_pending(session)
    _revise(session, claim, force=True)
    db.session.flush()
    return latest(claim)


def register(sessions: object) -> None:
    """Watch every flush and commit of `sessions` (a session class or factory)."""
    for name, listener in (
        ("before_flush", _note_changes),
        ("before_commit", _revise_pending),
        ("after_commit", _forget),
        ("after_rollback", _forget),
    ):
        if not event.contains(sessions, name, listener):
            event.listen(sessions, name, listener)

""" "Already checked?" on the claim page (issue 15): the earlier fact-checks that the claim most
likely repeats, and the desk's decisions on them.

A decision is a ClaimMatch row, audited. A confirmed match of one of our fact-checks becomes a
"see also" link on the claim's public page: it is part of the claim's snapshot (see_also), so
it is approved with the rest of the page, and confirming one sends an approved claim back to
review (the revisions hook). Everything else is desk memory only: a dismissal, a confirmed
imported fact-check (other publishers' words are not ours to publish), and any decision taken
once the claim has or had a public page (SEEN_STATES). A published page shows only what a
second editor approved; a link decided after publication would change it with no second
editor, so it is recorded for the desk and the page is left as it was. For the same reason a
link that is on such a page is not undone here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..audit import record
from ..errors import NotFound, ValidationError
from ..extensions import db
from ..matching import Match, suggest
from ..matching.services import CANDIDATES
from ..models import Claim, ClaimMatch, ImportedFactCheck, MatchDecision, MatchKind, User, Verdict
from ..models._types import utcnow
from ..site.services import current_site
from ..workflow import PUBLIC_STATES, SEEN_STATES

# How many suggestions the panel shows.
PANEL_SIZE = 5
DESK_ONLY = (
    "This fact-check has a public page, which changes only through a correction that a "
    "second editor approves: the match is recorded for the desk and the page is unchanged."
)
ON_PUBLIC_PAGE = (
    "This link is on a public page, which changes only through a correction that a second "
    "editor approves: it cannot be undone here."
)

Key = tuple[MatchKind, int]


@dataclass(frozen=True)
class Earlier:
    """An earlier fact-check as the claim page shows it: ours (`claim`) or imported."""

    kind: MatchKind
    ref_id: int
    similarity: float | None
    text: str
    available: bool  # ours still public, imported still in its publisher's feed
    decision: ClaimMatch | None = None
    rating: str | None = None
    publisher: str = ""
    date: dt.date | None = None
    language: str | None = None
    url: str | None = None  # an imported review's address; ours are linked by the template
    claim: Claim | None = None

    @property
    def percent(self) -> int | None:
        return None if self.similarity is None else round(self.similarity * 100)


def _targets(keys: Iterable[Key]) -> dict[Key, Claim | ImportedFactCheck]:
    """The fact-checks named by `keys` that still exist: two queries at most."""
    keys = list(keys)
    ours = sorted({ref for kind, ref in keys if kind == MatchKind.OURS})
    imported = sorted({ref for kind, ref in keys if kind == MatchKind.IMPORTED})
    found: dict[Key, Claim | ImportedFactCheck] = {}
    if ours:
        claims = db.session.scalars(
            select(Claim)
            .where(Claim.id.in_(ours))
            .options(joinedload(Claim.verdict).joinedload(Verdict.rating))
        )
        found.update(((MatchKind.OURS, c.id), c) for c in claims)
    if imported:
        rows = db.session.scalars(
            select(ImportedFactCheck).where(ImportedFactCheck.id.in_(imported))
        )
        found.update(((MatchKind.IMPORTED, r.id), r) for r in rows)
    return found


def _earlier(
    key: Key,
    target: Claim | ImportedFactCheck | None,
    similarity: float | None,
    decision: ClaimMatch | None = None,
) -> Earlier:
    kind, ref_id = key
    if isinstance(target, Claim):
        rating = target.verdict.rating if target.verdict else None
        return Earlier(
            kind,
            ref_id,
            similarity,
            text=target.text,
            available=target.state in PUBLIC_STATES,
            decision=decision,
            rating=rating.label if rating else None,
            publisher=current_site().name,
            date=target.published_at.date() if target.published_at else None,
            claim=target,
        )
    if isinstance(target, ImportedFactCheck):
        return Earlier(
            kind,
            ref_id,
            similarity,
            text=target.claim_text,
            available=target.removed_at is None,
            decision=decision,
            rating=target.rating_text,
            publisher=target.publisher_name,
            date=target.review_date,
            language=target.language,
            url=target.review_url,
        )
    whose = "Our" if kind == MatchKind.OURS else "An imported"
    return Earlier(
        kind,
        ref_id,
        similarity,
        text=f"{whose} fact-check #{ref_id}, since deleted",
        available=False,
        decision=decision,
    )


def _is_itself(claim: Claim, kind: MatchKind, ref_id: int) -> bool:
    # A published claim is a match document of its own: the best match of its own text.
    return kind == MatchKind.OURS and ref_id == claim.id


def suggestions_for(claim: Claim) -> list[Earlier]:
    """The earlier fact-checks `claim` most likely repeats, most likely first: one suggest()
    call, less the claim itself, those already decided on and those whose fact-check is gone
    (deleted, no longer public, or removed from its feed). Raises nothing."""
    decided = {(m.kind, m.ref_id) for m in claim.matches}
    # Enough to fill the panel after what is left out (the claim itself, decisions).
    found: list[Match] = suggest(db.session, claim.text, k=PANEL_SIZE + len(decided) + 1)
    keep = [
        m
        for m in found
        if (m.kind, m.ref_id) not in decided and not _is_itself(claim, m.kind, m.ref_id)
    ]
    targets = _targets((m.kind, m.ref_id) for m in keep)
    out = []
    for m in keep:
        item = _earlier((m.kind, m.ref_id), targets.get((m.kind, m.ref_id)), m.similarity)
        if item.available:
            out.append(item)
    return out[:PANEL_SIZE]


def decisions_for(claim: Claim) -> dict[MatchDecision, list[Earlier]]:
    """The claim's decisions by kind of decision, each with its fact-check as it is now (one
    that is gone or no longer public is still listed, marked unavailable). Raises nothing."""
    targets = _targets((m.kind, m.ref_id) for m in claim.matches)
    out: dict[MatchDecision, list[Earlier]] = {d: [] for d in MatchDecision}
    for m in claim.matches:
        key = (m.kind, m.ref_id)
        out[m.decision].append(_earlier(key, targets.get(key), m.similarity, m))
    return out


def _similarity_now(claim: Claim, kind: MatchKind, ref_id: int) -> float | None:
    """The matcher's similarity of the fact-check to `claim` now; None when it is not among
    the first stage's candidates any more."""
    for m in suggest(db.session, claim.text, k=CANDIDATES):
        if (m.kind, m.ref_id) == (kind, ref_id):
            return m.similarity
    return None


def _decision(claim: Claim, kind: MatchKind, ref_id: int) -> ClaimMatch | None:
    return next((m for m in claim.matches if (m.kind, m.ref_id) == (kind, ref_id)), None)


def _decide(
    claim: Claim, kind: MatchKind, ref_id: int, actor: User, decision: MatchDecision
) -> ClaimMatch:
    if _is_itself(claim, kind, ref_id):
        raise ValidationError("A fact-check cannot be a match of itself.")
    target = _targets([(kind, ref_id)]).get((kind, ref_id))
    if target is None:
        raise NotFound("That fact-check no longer exists.")
    confirm = decision == MatchDecision.CONFIRMED
    if confirm and not _earlier((kind, ref_id), target, None).available:
        raise ValidationError(
            "That fact-check is no longer public or no longer in its publisher's feed."
        )
    row = _decision(claim, kind, ref_id)
    if row is not None and row.decision == decision:
        return row  # sent twice: nothing more to record
    if row is not None and _locked(row):
        raise ValidationError(ON_PUBLIC_PAGE)
    if row is None:
        row = ClaimMatch(claim=claim, kind=kind, ref_id=ref_id)
        db.session.add(row)
    row.decision, row.decided_by, row.decided_at = decision, actor, utcnow()
    row.similarity = _similarity_now(claim, kind, ref_id)
    row.on_page = confirm and kind == MatchKind.OURS and claim.state not in SEEN_STATES
    record(
        f"match_{decision.value}",
        actor=actor,
        claim=claim,
        note=DESK_ONLY if confirm and kind == MatchKind.OURS and not row.on_page else None,
        data={
            "kind": kind.value,
            "ref_id": ref_id,
            "similarity": row.similarity,
            "see_also": row.on_page,
        },
    )
    return row


def _locked(row: ClaimMatch) -> bool:
    """A "see also" link on a page that is or was public: only a correction changes it."""
    return row.on_page and row.claim.state in SEEN_STATES


def confirm_match(claim: Claim, kind: MatchKind, ref_id: int, actor: User) -> ClaimMatch:
    """Record that `claim` repeats the fact-check (`kind`, `ref_id`); one of ours becomes a
    "see also" link on the claim's page unless the claim has or had a public page (then desk
    memory only: row.on_page tells). Raises NotFound (no such fact-check), ValidationError
    (the claim itself, a fact-check no longer public, or a link on a public page)."""
    return _decide(claim, kind, ref_id, actor, MatchDecision.CONFIRMED)


def dismiss_match(claim: Claim, kind: MatchKind, ref_id: int, actor: User) -> ClaimMatch:
    """Record that `claim` is not the fact-check (`kind`, `ref_id`): it is no longer suggested.
    Raises NotFound (no such fact-check), ValidationError (the claim itself, or a "see also"
    link on a public page)."""
    return _decide(claim, kind, ref_id, actor, MatchDecision.DISMISSED)


def undo_match(claim: Claim, kind: MatchKind, ref_id: int, actor: User) -> None:
    """Take back the decision on (`kind`, `ref_id`): it is suggested again. Raises NotFound
    (no decision), ValidationError (a "see also" link on a page that is or was public)."""
    row = _decision(claim, kind, ref_id)
    if row is None:
        raise NotFound("There is no decision on that fact-check to undo.")
    if _locked(row):
        raise ValidationError(ON_PUBLIC_PAGE)
    record(
        "match_undone",
        actor=actor,
        claim=claim,
        data={"kind": kind.value, "ref_id": ref_id, "decision": row.decision.value},
    )
    claim.matches.remove(row)
    # Deleted by name as well (as delete_source does): the revisions hook reads session.deleted.
    db.session.delete(row)

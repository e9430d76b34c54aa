"""Editors' operations: approve, return, publish, unpublish, correct, fix typos."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from ..audit import record
from ..claims.queries import pending_proposal
from ..claims.services import add_comment, check_version, move, rating_on_scale
from ..errors import ConflictError, PermissionDenied, ValidationError
from ..extensions import db
from ..models import (
    Claim,
    Correction,
    Proposal,
    ProposalKind,
    ProposalStatus,
    Revision,
    User,
    contributors_since_approval,
)
from ..models._types import utc_today, utcnow
from ..notifications import NotificationEvent, notify
from ..revisions import (
    allow_public_change,
    attribute_to,
    digest_of,
    label_next_revision,
    snapshot_of,
    sync,
)
from ..site.services import check_http_url
from ..workflow import DETAIL_STATES, PUBLIC_STATES, WorkflowError, transition_for
from .typos import judge_typo_fix


def current_digest(claim: Claim) -> str:
    """The digest of what the claim's public page would show now."""
    return digest_of(snapshot_of(claim))


def may_approve(claim: Claim, editor: User) -> bool:
    """The four-eyes rule, in one place: nobody who changed anything the public page shows
    since the last approval (every editor of it, not only the last) approves it."""
    return editor.id not in contributors_since_approval(claim)


FOUR_EYES = (
    "You changed this fact-check since it was last approved (its wording, speakers, verdict, "
    "sources or article details), so another editor must approve it (four-eyes rule)."
)


def approve_verdict(
    claim: Claim,
    editor: User,
    expected_version: int | None = None,
    snapshot: str | None = None,
) -> None:
    """Approve exactly what the editor read: `snapshot` is the digest of the page they
    approved from. Raises ValidationError without it, ConflictError when anything the public
    page shows changed since, PermissionDenied under the four-eyes rule, WorkflowError."""
    check_version(claim, expected_version)
    verdict = claim.verdict
    if verdict is None:
        raise ValidationError("There is no verdict to approve.")
    if not snapshot:
        raise ValidationError(
            "This approval does not say which version you read. Reload the claim and "
            "approve what you see."
        )
    revision = sync(claim)  # the latest revision is now what the page shows
    digest = revision.digest if revision else current_digest(claim)
    if snapshot != digest:
        raise ConflictError(
            "The fact-check changed since you read it (its wording, speakers, verdict, sources "
            "or article details). Read the current version before approving it.",
            current=verdict,
        )
    if not may_approve(claim, editor):
        raise PermissionDenied(FOUR_EYES)
    move(claim, "approve", editor, data={"verdict_version": verdict.version, "digest": digest})
    verdict.approved_by = editor
    verdict.approved_at = utcnow()
    verdict.approved_version = verdict.version
    # Bound to what the editor read: publish_claim refuses any other digest.
    verdict.approved_digest = digest
    verdict.approved_revision = revision.number if revision else None
    notify(NotificationEvent.APPROVED, claim, editor, [verdict.author])


def return_verdict(
    claim: Claim, editor: User, note: str, expected_version: int | None = None
) -> None:
    """Send a verdict back to its checker with a required comment; raises ValidationError,
    WorkflowError, ConflictError."""
    check_version(claim, expected_version)
    note = (note or "").strip()
    if not note:
        raise ValidationError(
            "Say what needs to change: a comment is required to return a verdict."
        )
    move(claim, "return", editor, note=note)
    if claim.verdict is not None:
        claim.verdict.approved_by = None
        claim.verdict.approved_at = None
    add_comment(claim, editor, note)
    notify(NotificationEvent.RETURNED, claim, editor, [claim.assignee], note=note)


def publish_claim(claim: Claim, editor: User, expected_version: int | None = None) -> None:
    """Publish an approved verdict; raises WorkflowError, or ConflictError also when the verdict
    is no longer the version that was approved."""
    check_version(claim, expected_version)
    transition_for("publish", claim.state)  # refuse a claim not approved before anything else
    verdict = claim.verdict
    # Approvals recorded before snapshots were kept are bound to the verdict's text version.
    legacy = verdict is not None and verdict.approved_digest is None
    if verdict is None or (
        verdict.approved_version != verdict.version
        if legacy
        else verdict.approved_digest != current_digest(claim)
    ):
        raise ConflictError(
            "The fact-check changed after it was approved; it needs approval "
            "again before it is published."
        )
    claim.published_at = claim.published_at or utcnow()
    move(claim, "publish", editor)
    notify(NotificationEvent.PUBLISHED, claim, editor, [verdict.author, claim.assignee])


def unpublish_claim(
    claim: Claim, editor: User, reason: str, expected_version: int | None = None
) -> None:
    """Withdraw a published fact-check with a public reason; raises ValidationError,
    WorkflowError, ConflictError."""
    check_version(claim, expected_version)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Give the reason for withdrawing: readers will see it.")
    move(claim, "unpublish", editor, note=reason)


def _no_pending(claim: Claim) -> None:
    if pending_proposal(claim) is not None:
        raise ValidationError(
            "A proposal for this fact-check is already waiting for a second editor: approve "
            "or reject it first."
        )


def propose_republish(
    claim: Claim, editor: User, reason: str = "", expected_version: int | None = None
) -> Proposal:
    """Ask for a withdrawn fact-check to go back online; another editor approves it.
    Raises WorkflowError, ValidationError (one already waiting), ConflictError."""
    check_version(claim, expected_version)
    transition_for("republish", claim.state)
    _no_pending(claim)
    proposal = Proposal(
        claim=claim, kind=ProposalKind.REPUBLISH, proposer=editor, reason=(reason or "").strip()
    )
    db.session.add(proposal)
    db.session.flush()
    record("republish_proposed", actor=editor, claim=claim, note=proposal.reason or None)
    return proposal


def propose_correction(
    claim: Claim,
    editor: User,
    *,
    rating_id: int | None,
    summary: str,
    rationale: str,
    reason: str,
    text: str | None = None,
    expected_version: int | None = None,
) -> Proposal:
    """Propose a correction of a published verdict (rating, summary, rationale, and the
    claim's wording); it goes public when another editor approves it. Raises
    ValidationError, WorkflowError, ConflictError."""
    check_version(claim, expected_version)
    if claim.state not in PUBLIC_STATES:
        raise WorkflowError(f"A claim that is {claim.state.label} has nothing public to correct.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Explain the correction: readers will see the reason.")
    verdict = claim.verdict
    if verdict is None:
        raise ValidationError("There is no verdict to correct.")
    rating = rating_on_scale(rating_id)
    summary, rationale = summary.strip(), rationale.strip()
    wording = " ".join((text or claim.text).split())
    if not summary or not rationale:
        raise ValidationError("A corrected verdict still needs a summary and a rationale.")
    new = (rating.id, summary, rationale, wording)
    if new == (verdict.rating_id, verdict.summary, verdict.rationale, claim.text):
        raise ValidationError("Nothing changed: edit the rating, summary, rationale or wording.")
    _no_pending(claim)
    proposal = Proposal(
        claim=claim,
        kind=ProposalKind.CORRECTION,
        proposer=editor,
        reason=reason,
        rating=rating,
        summary=summary,
        rationale=rationale,
        text=wording if wording != claim.text else None,
    )
    db.session.add(proposal)
    db.session.flush()
    record(
        "correction_proposed",
        actor=editor,
        claim=claim,
        note=reason,
        data={"proposal": proposal.id, "new_rating": rating.label},
    )
    return proposal


def _check_second_editor(proposal: Proposal, editor: User) -> None:
    if editor.id == proposal.proposer_id or not may_approve(proposal.claim, editor):
        raise PermissionDenied(
            "You proposed this change or changed the fact-check since it was last approved, "
            "so another editor must approve it (four-eyes rule)."
        )


def approve_proposal(proposal: Proposal, editor: User, expected_version: int | None = None) -> None:
    """Carry out a proposal as its second editor: the correction goes public (and into the
    public corrections log) or the fact-check is published again. Raises PermissionDenied
    (four-eyes), ValidationError (already decided), WorkflowError, ConflictError."""
    claim = proposal.claim
    check_version(claim, expected_version)
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError(f"This proposal was already {proposal.status.value}.")
    _check_second_editor(proposal, editor)
    # The change is the proposer's words; its approval is this editor's.
    attribute_to(proposal.proposer)
    allow_public_change(f"{proposal.kind.value} approved by a second editor")
    label_next_revision(proposal.kind.value)
    if proposal.kind == ProposalKind.CORRECTION:
        _apply_correction(proposal, editor)
    else:
        move(claim, "republish", editor, note=proposal.reason or None)
    revision = sync(claim)
    verdict = claim.verdict
    assert verdict is not None
    verdict.approved_by, verdict.approved_at = editor, utcnow()
    verdict.approved_digest = revision.digest if revision else current_digest(claim)
    verdict.approved_revision = revision.number if revision else verdict.approved_revision
    proposal.status, proposal.decided_by, proposal.decided_at = (
        ProposalStatus.APPROVED,
        editor,
        utcnow(),
    )


def _apply_correction(proposal: Proposal, editor: User) -> Correction:
    claim, verdict = proposal.claim, proposal.claim.verdict
    assert verdict is not None and proposal.summary is not None and proposal.rationale is not None
    correction = Correction(
        claim=claim,
        editor=proposal.proposer,
        approved_by=editor,
        reason=proposal.reason,
        old_rating=verdict.rating,
        new_rating=proposal.rating,
        old_summary=verdict.summary,
        new_summary=proposal.summary,
        old_rationale=verdict.rationale,
        new_rationale=proposal.rationale,
        old_text=claim.text if proposal.text else None,
        new_text=proposal.text,
    )
    db.session.add(correction)
    verdict.rating, verdict.summary = proposal.rating, proposal.summary
    verdict.rationale, verdict.last_editor = proposal.rationale, proposal.proposer
    if proposal.text:
        claim.text = proposal.text
    move(
        claim,
        "correct",
        editor,
        note=proposal.reason,
        data={
            "proposal": proposal.id,
            "proposed_by": proposal.proposer_id,
            "old_rating": correction.old_rating.label if correction.old_rating else None,
            "new_rating": proposal.rating.label if proposal.rating else None,
        },
    )
    return correction


def reject_proposal(proposal: Proposal, editor: User, note: str) -> None:
    """Turn a proposal down (or withdraw one's own) with a reason; nothing public changes.
    Raises ValidationError."""
    note = (note or "").strip()
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError(f"This proposal was already {proposal.status.value}.")
    if not note:
        raise ValidationError("Say why the proposal is turned down.")
    proposal.status, proposal.decided_by, proposal.decided_at = (
        ProposalStatus.REJECTED,
        editor,
        utcnow(),
    )
    proposal.decision_note = note
    record(
        f"{proposal.kind.value}_rejected",
        actor=editor,
        claim=proposal.claim,
        note=note,
        data={"proposal": proposal.id},
    )


def approved_text(claim: Claim) -> tuple[str, str]:
    """The summary and rationale as a second editor last approved them (the current text for
    verdicts approved before revisions were kept)."""
    verdict = claim.verdict
    assert verdict is not None
    if verdict.approved_revision:
        revision = db.session.scalar(
            select(Revision).where(
                Revision.claim_id == claim.id, Revision.number == verdict.approved_revision
            )
        )
        if revision is not None:
            return revision.snapshot["verdict"]["summary"], revision.snapshot["verdict"][
                "rationale"
            ]
    return verdict.summary, verdict.rationale


def fix_typo(
    claim: Claim,
    editor: User,
    *,
    summary: str,
    rationale: str,
    note: str = "",
    expected_version: int | None = None,
) -> None:
    """Fix spelling or typing in a published verdict: recorded in the claim's history, not
    shown as a correction. Raises ValidationError when the change is not a typo fix (the rating
    cannot change here; typos.judge_typo_fix says what else needs a correction), WorkflowError
    for a claim that is not public, ConflictError."""
    check_version(claim, expected_version)
    if claim.state not in PUBLIC_STATES:
        raise WorkflowError(
            f"A claim that is {claim.state.label} has no published verdict to "
            "fix; edit the draft instead."
        )
    verdict = claim.verdict
    if verdict is None:
        raise ValidationError("There is no verdict to fix.")
    summary, rationale = (summary or "").strip(), (rationale or "").strip()
    if not summary or not rationale:
        raise ValidationError("The summary and the rationale cannot be empty.")
    if (summary, rationale) == (verdict.summary, verdict.rationale):
        raise ValidationError("Nothing changed: edit the summary or the rationale.")
    # Measured against the approved text, so chained small fixes add up to one budget.
    approved_summary, approved_rationale = approved_text(claim)
    judgement = judge_typo_fix(
        approved={"summary": approved_summary, "rationale": approved_rationale},
        current={"summary": verdict.summary, "rationale": verdict.rationale},
        proposed={"summary": summary, "rationale": rationale},
    )
    if not judgement.accepted:
        raise ValidationError(judgement.message)
    data: dict = {
        "words_changed": judgement.words_changed,
        "words_changed_since_approval": judgement.words_since_approval,
    }
    if summary != verdict.summary:
        data["summary"] = [verdict.summary, summary]
    if rationale != verdict.rationale:
        data["rationale"] = [verdict.rationale, rationale]
    allow_public_change("typo fix")
    label_next_revision("typo fix")
    verdict.summary, verdict.rationale = summary, rationale
    verdict.last_editor = editor
    record("typo_fix", actor=editor, claim=claim, note=(note or "").strip() or None, data=data)


def set_claim_details(
    claim: Claim,
    actor: User,
    *,
    said_on: dt.date | None,
    first_appearance_url: str | None,
    expected_version: int | None = None,
) -> None:
    """Record when the claim was made and where it first appeared (ClaimReview's
    itemReviewed.datePublished and firstAppearance); audited, never shown as a correction.
    Raises ValidationError for a future date or a URL that is not http(s), ConflictError."""
    check_version(claim, expected_version)
    if claim.state not in DETAIL_STATES:
        raise ValidationError(f"A claim that is {claim.state.label} has no verdict details.")
    if said_on is not None and said_on > utc_today():
        raise ValidationError("The claim cannot have been made in the future.")
    url = check_http_url(first_appearance_url, "first appearance URL")
    changes = {}
    if said_on != claim.said_on:
        changes["said_on"] = [
            claim.said_on.isoformat() if claim.said_on else None,
            said_on.isoformat() if said_on else None,
        ]
    if url != claim.first_appearance_url:
        changes["first_appearance_url"] = [claim.first_appearance_url, url]
    if not changes:
        return
    if claim.state in PUBLIC_STATES:
        allow_public_change("an editor's fix of when and where the claim was made")
    claim.said_on, claim.first_appearance_url = said_on, url
    record("details", actor=actor, claim=claim, data=changes)

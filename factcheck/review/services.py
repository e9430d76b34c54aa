"""Editors' operations: approve, return, publish, unpublish, correct, fix typos."""

from __future__ import annotations

import datetime as dt

from ..audit import record
from ..claims.services import add_comment, check_version, move, rating_on_scale
from ..errors import ConflictError, PermissionDenied, ValidationError
from ..extensions import db
from ..models import Claim, Correction, User
from ..models._types import utc_today, utcnow
from ..site.services import check_http_url
from ..workflow import DETAIL_STATES, PUBLIC_STATES, WorkflowError, transition_for
from .typos import judge_typo_fix


def approve_verdict(
    claim: Claim,
    editor: User,
    expected_version: int | None = None,
    verdict_version: int | None = None,
) -> None:
    """Approve a submitted verdict, bound to the version the editor read (`verdict_version`).
    Raises PermissionDenied when the editor wrote or edited it (four-eyes rule), WorkflowError,
    ConflictError when the verdict changed since the editor read it."""
    check_version(claim, expected_version)
    verdict = claim.verdict
    if verdict is None:
        raise ValidationError("There is no verdict to approve.")
    if verdict_version is not None and int(verdict_version) != verdict.version:
        raise ConflictError(
            "The verdict changed since you read it. Read the current version before approving it.",
            current=verdict,
        )
    if verdict.written_by(editor):
        raise PermissionDenied(
            "You wrote or edited this verdict, so another editor must approve it (four-eyes rule)."
        )
    move(claim, "approve", editor, data={"verdict_version": verdict.version})
    verdict.approved_by = editor
    verdict.approved_at = utcnow()
    # Bound to the text the editor read: publish_claim refuses any other version.
    verdict.approved_version = verdict.version


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


def publish_claim(claim: Claim, editor: User, expected_version: int | None = None) -> None:
    """Publish an approved verdict; raises WorkflowError, or ConflictError also when the verdict
    is no longer the version that was approved."""
    check_version(claim, expected_version)
    transition_for("publish", claim.state)  # refuse a claim not approved before anything else
    verdict = claim.verdict
    if verdict is None or verdict.approved_version != verdict.version:
        raise ConflictError(
            "The verdict changed after it was approved; it needs approval "
            "again before it is published."
        )
    claim.published_at = claim.published_at or utcnow()
    move(claim, "publish", editor)


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


def republish_claim(claim: Claim, editor: User, expected_version: int | None = None) -> None:
    """Put a withdrawn fact-check back online; raises WorkflowError or ConflictError."""
    check_version(claim, expected_version)
    move(claim, "republish", editor)


def correct_verdict(
    claim: Claim,
    editor: User,
    *,
    rating_id: int | None,
    summary: str,
    rationale: str,
    reason: str,
    expected_version: int | None = None,
) -> Correction:
    """Publish a correction: the verdict changes and a public correction record says what, why,
    when and who. Raises ValidationError, WorkflowError, ConflictError."""
    check_version(claim, expected_version)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Explain the correction: readers will see the reason.")
    verdict = claim.verdict
    if verdict is None:
        raise ValidationError("There is no verdict to correct.")
    rating = rating_on_scale(rating_id)
    summary, rationale = summary.strip(), rationale.strip()
    if not summary or not rationale:
        raise ValidationError("A corrected verdict still needs a summary and a rationale.")
    if (rating.id, summary, rationale) == (verdict.rating_id, verdict.summary, verdict.rationale):
        raise ValidationError("Nothing changed: edit the rating, summary or rationale.")
    correction = Correction(
        claim=claim,
        editor=editor,
        reason=reason,
        old_rating=verdict.rating,
        new_rating=rating,
        old_summary=verdict.summary,
        new_summary=summary,
    )
    db.session.add(correction)
    verdict.rating, verdict.summary, verdict.rationale = rating, summary, rationale
    verdict.last_editor = editor
    move(
        claim,
        "correct",
        editor,
        note=reason,
        data={
            "old_rating": correction.old_rating.label if correction.old_rating else None,
            "new_rating": rating.label,
        },
    )
    return correction


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
    # The verdict does not keep its approved text yet, so the public text stands in for it:
    # until it does, chained fixes are each measured alone.
    current = {"summary": verdict.summary, "rationale": verdict.rationale}
    judgement = judge_typo_fix(
        approved=current, current=current, proposed={"summary": summary, "rationale": rationale}
    )
    if not judgement.accepted:
        raise ValidationError(judgement.message)
    data: dict = {"words_changed": judgement.words_changed}
    if summary != verdict.summary:
        data["summary"] = [verdict.summary, summary]
    if rationale != verdict.rationale:
        data["rationale_changed"] = True
    verdict.summary, verdict.rationale = summary, rationale
    verdict.last_editor = editor
    # Touch the claim too: its version is the fact-check's version, which public caches key on.
    claim.updated_at = utcnow()
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
    claim.said_on, claim.first_appearance_url = said_on, url
    record("details", actor=actor, claim=claim, data=changes)

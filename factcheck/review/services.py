"""Editors' operations: approve, return, publish, unpublish, correct."""
from __future__ import annotations

from ..claims.services import add_comment, check_version, move, rating_on_scale
from ..errors import PermissionDenied, ValidationError
from ..extensions import db
from ..models import Claim, Correction, User
from ..models._types import utcnow


def approve_verdict(claim: Claim, editor: User, expected_version: int | None = None) -> None:
    """Approve a submitted verdict. Raises PermissionDenied when the editor wrote or edited it
    (four-eyes rule), WorkflowError, ConflictError."""
    check_version(claim, expected_version)
    verdict = claim.verdict
    if verdict is None:
        raise ValidationError("There is no verdict to approve.")
    if verdict.written_by(editor):
        raise PermissionDenied("You wrote or edited this verdict, so another editor must approve "
                               "it (four-eyes rule).")
    move(claim, "approve", editor, data={"verdict_version": verdict.version})
    verdict.approved_by = editor
    verdict.approved_at = utcnow()


def return_verdict(claim: Claim, editor: User, note: str,
                   expected_version: int | None = None) -> None:
    """Send a verdict back to its checker with a required comment; raises ValidationError,
    WorkflowError, ConflictError."""
    check_version(claim, expected_version)
    note = (note or "").strip()
    if not note:
        raise ValidationError("Say what needs to change: a comment is required to return a "
                              "verdict.")
    move(claim, "return", editor, note=note)
    if claim.verdict is not None:
        claim.verdict.approved_by = None
        claim.verdict.approved_at = None
    add_comment(claim, editor, note)


def publish_claim(claim: Claim, editor: User, expected_version: int | None = None) -> None:
    """Publish an approved verdict; raises WorkflowError or ConflictError."""
    check_version(claim, expected_version)
    claim.published_at = claim.published_at or utcnow()
    move(claim, "publish", editor)


def unpublish_claim(claim: Claim, editor: User, reason: str,
                    expected_version: int | None = None) -> None:
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


def correct_verdict(claim: Claim, editor: User, *, rating_id: int | None, summary: str,
                    rationale: str, reason: str,
                    expected_version: int | None = None) -> Correction:
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
    correction = Correction(claim=claim, editor=editor, reason=reason,
                            old_rating=verdict.rating, new_rating=rating,
                            old_summary=verdict.summary, new_summary=summary)
    db.session.add(correction)
    verdict.rating, verdict.summary, verdict.rationale = rating, summary, rationale
    verdict.last_editor = editor
    move(claim, "correct", editor, note=reason,
         data={"old_rating": correction.old_rating.label if correction.old_rating else None,
               "new_rating": rating.label})
    return correction

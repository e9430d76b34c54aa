"""The editors' desk: review submitted verdicts, publish, withdraw and correct."""

from __future__ import annotations

from flask import Blueprint, abort, flash, render_template, request, url_for
from sqlalchemy.orm.exc import StaleDataError

from .. import permissions as perm
from ..claims.forms import ClaimDetailsForm, CorrectionForm, ReturnForm, TypoFixForm, UnpublishForm
from ..claims.pages import load_claim, rating_choices, render_claim_page, show_refusal
from ..errors import DomainError, ValidationError
from ..extensions import db
from ..models import Claim, Proposal, ProposalKind
from ..web.forms import ActionForm
from ..web.guard import actor, authorize, load
from ..web.respond import done
from ..workflow import PUBLIC_STATES, State
from . import queries, services

bp = Blueprint("review", __name__, url_prefix="/desk/review")
bp.register_error_handler(DomainError, show_refusal)
bp.register_error_handler(StaleDataError, show_refusal)


@bp.get("/")
def index():
    authorize(perm.can_review)
    return render_template(
        "review/index.html",
        in_review=queries.claims_in(State.IN_REVIEW),
        approved=queries.claims_in(State.APPROVED),
        published=list(reversed(queries.claims_in(*PUBLIC_STATES, limit=20))),
        proposals=queries.pending_proposals(),
        action_form=ActionForm(),
    )


def _done(claim: Claim, message: str):
    return done(message, url_for("claims.detail", claim_id=claim.id))


def _plain(claim_id: int, predicate: perm.Predicate) -> Claim:
    """The claim for an action whose form carries only the claim's version."""
    form = ActionForm()
    claim = load_claim(claim_id, predicate, form.version.data)
    if not form.validate_on_submit():
        abort(400)
    return claim


@bp.post("/<int:claim_id>/approve")
def approve(claim_id: int):
    # Any editor gets this far; the four-eyes refusal comes from the service with its reason.
    claim = _plain(claim_id, perm.can_consider_approval)
    # The approval is bound to the digest of the page the editor read, not just the state.
    services.approve_verdict(claim, actor(), snapshot=request.form.get("snapshot") or None)
    return _done(claim, "Verdict approved. Publish it when you are ready.")


@bp.post("/<int:claim_id>/return")
def return_(claim_id: int):
    form = ReturnForm()
    claim = load_claim(claim_id, perm.can_return, form.version.data)
    if not form.validate_on_submit():
        if not (form.note.data or "").strip():
            form.note.errors = ["Say what needs to change: a comment is required."]
        flash("The verdict was not returned: a comment is required.", "error")
        return render_claim_page(claim, 422, return_form=form)
    services.return_verdict(claim, actor(), form.note.data)
    return _done(claim, "Verdict returned to the checker with your comment.")


@bp.post("/<int:claim_id>/publish")
def publish(claim_id: int):
    claim = _plain(claim_id, perm.can_publish)
    services.publish_claim(claim, actor())
    return _done(claim, "Published. The public page is live.")


@bp.post("/<int:claim_id>/unpublish")
def unpublish(claim_id: int):
    form = UnpublishForm()
    claim = load_claim(claim_id, perm.can_unpublish, form.version.data)
    if not form.validate_on_submit():
        flash("Give the public reason for withdrawing the fact-check.", "error")
        return render_claim_page(claim, 422, unpublish_form=form)
    services.unpublish_claim(claim, actor(), form.reason.data)
    return _done(claim, "Fact-check withdrawn; its public page now shows the reason.")


@bp.post("/<int:claim_id>/republish")
def republish(claim_id: int):
    claim = _plain(claim_id, perm.can_republish)
    services.propose_republish(claim, actor(), request.form.get("reason", "")[:2000])
    return _done(claim, "Proposed to publish it again: another editor approves it.")


@bp.post("/<int:claim_id>/correct")
def correct(claim_id: int):
    form = CorrectionForm()
    claim = load_claim(claim_id, perm.can_correct, form.version.data)
    form.rating_id.choices = rating_choices()
    if not form.validate_on_submit():
        flash("The correction was not proposed: check the fields marked below.", "error")
        return render_claim_page(claim, 422, correction_form=form)
    try:
        services.propose_correction(
            claim,
            actor(),
            rating_id=form.rating_id.data or None,
            summary=form.summary.data or "",
            rationale=form.rationale.data or "",
            text=form.text.data or None,
            reason=form.reason.data,
        )
    except ValidationError as exc:
        return show_refusal(exc, correction_form=form)
    return _done(claim, "Correction proposed. It goes public when another editor approves it.")


def _proposal(proposal_id: int, predicate: perm.Predicate) -> Proposal:
    form = ActionForm()
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is not None:
        load_claim(proposal.claim_id, perm.can_review, form.version.data)
    proposal = load(proposal, predicate)
    if not form.validate_on_submit():
        abort(400)
    return proposal


@bp.post("/proposals/<int:proposal_id>/approve")
def approve_proposal(proposal_id: int):
    proposal = _proposal(proposal_id, perm.can_review)
    services.approve_proposal(proposal, actor())
    message = (
        "Correction approved and published."
        if proposal.kind == ProposalKind.CORRECTION
        else "Approved: the fact-check is public again."
    )
    return _done(proposal.claim, message)


@bp.post("/proposals/<int:proposal_id>/reject")
def reject_proposal(proposal_id: int):
    proposal = _proposal(proposal_id, perm.can_review)
    services.reject_proposal(proposal, actor(), request.form.get("note", "")[:2000])
    return _done(proposal.claim, "Proposal turned down; nothing public changed.")


@bp.post("/<int:claim_id>/fix-typo")
def fix_typo(claim_id: int):
    form = TypoFixForm()
    claim = load_claim(claim_id, perm.can_fix_typo, form.version.data)
    if not form.validate_on_submit():
        flash("The typo fix was not saved: the summary and rationale cannot be empty.", "error")
        return render_claim_page(claim, 422)
    services.fix_typo(
        claim,
        actor(),
        summary=form.summary.data or "",
        rationale=form.rationale.data or "",
        note=form.note.data or "",
    )
    return _done(claim, "Typo fixed. The change is in the history, not in the corrections log.")


@bp.post("/<int:claim_id>/details")
def details(claim_id: int):
    form = ClaimDetailsForm()
    claim = load_claim(claim_id, perm.can_edit_details, form.version.data)
    if not form.validate_on_submit():
        errors = "; ".join(e for field in form.errors.values() for e in field)
        flash(f"The claim's details were not saved: {errors}", "error")
        return render_claim_page(claim, 422)
    services.set_claim_details(
        claim,
        actor(),
        said_on=form.said_on.data,
        first_appearance_url=form.first_appearance_url.data,
    )
    return _done(claim, "Saved when and where the claim was made.")

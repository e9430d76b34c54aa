"""The editors' desk: review submitted verdicts, publish, withdraw and correct."""

from __future__ import annotations

from flask import Blueprint, abort, flash, render_template, request, url_for
from sqlalchemy.orm.exc import StaleDataError

from .. import permissions as perm
from ..claims.forms import ClaimDetailsForm, CorrectionForm, ReturnForm, TypoFixForm, UnpublishForm
from ..claims.pages import load_claim, rating_choices, render_claim_page, show_refusal
from ..errors import DomainError, ValidationError
from ..models import Claim
from ..web.forms import ActionForm
from ..web.guard import actor, authorize
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
    claim = _plain(claim_id, perm.can_approve)
    # The approval is bound to the verdict text the editor read, not just the claim's state.
    services.approve_verdict(
        claim, actor(), verdict_version=request.form.get("verdict_version", type=int)
    )
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
    services.republish_claim(claim, actor())
    return _done(claim, "Fact-check published again.")


@bp.post("/<int:claim_id>/correct")
def correct(claim_id: int):
    form = CorrectionForm()
    claim = load_claim(claim_id, perm.can_correct, form.version.data)
    form.rating_id.choices = rating_choices()
    if not form.validate_on_submit():
        flash("The correction was not published: check the fields marked below.", "error")
        return render_claim_page(claim, 422, correction_form=form)
    try:
        services.correct_verdict(
            claim,
            actor(),
            rating_id=form.rating_id.data or None,
            summary=form.summary.data or "",
            rationale=form.rationale.data or "",
            reason=form.reason.data,
        )
    except ValidationError as exc:
        return show_refusal(exc, correction_form=form)
    return _done(claim, "Correction published.")


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

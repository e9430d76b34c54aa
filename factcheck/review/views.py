"""The editors' desk: review submitted verdicts, publish, withdraw and correct."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from .. import permissions as perm
from ..admin.services import rating_scale
from ..authz import actor, authorize, authorize_fresh
from ..claims.forms import ClaimDetailsForm, CorrectionForm, TypoFixForm
from ..claims.queries import claim_for_page
from ..claims.views import _render_detail
from ..errors import ValidationError
from ..extensions import db
from ..forms import ActionForm, options
from ..models import Claim, Verdict
from ..workflow import State
from . import services
from .forms import ReturnForm, UnpublishForm

bp = Blueprint("review", __name__, url_prefix="/desk/review")


def _load(claim_id: int) -> Claim:
    claim = claim_for_page(claim_id)
    if claim is None:
        abort(404)
    return claim


def _claims_in(*states: State, limit: int = 200) -> list[Claim]:
    return list(
        db.session.scalars(
            select(Claim)
            .where(Claim.state.in_(states))
            .options(
                joinedload(Claim.article),
                joinedload(Claim.assignee),
                joinedload(Claim.verdict).joinedload(Verdict.rating),
                joinedload(Claim.verdict).joinedload(Verdict.author),
            )
            .order_by(Claim.state_changed_at.asc())
            .limit(limit)
        )
    )


@bp.get("/")
def index():
    authorize(perm.can_review)
    return render_template(
        "review/index.html",
        in_review=_claims_in(State.IN_REVIEW),
        approved=_claims_in(State.APPROVED),
        published=list(reversed(_claims_in(State.PUBLISHED, State.CORRECTED, limit=20))),
        action_form=ActionForm(),
    )


def _done(claim: Claim, message: str):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("claims.detail", claim_id=claim.id))


def _plain_action(claim_id: int, predicate, operation, message: str):
    """An action whose form carries only the claim's version: check, act, commit, report."""
    claim = _load(claim_id)
    form = ActionForm()
    authorize_fresh(predicate, claim, form.version.data)
    if not form.validate_on_submit():
        abort(400)
    operation(claim, actor(), expected_version=form.version.data)
    return _done(claim, message)


@bp.post("/<int:claim_id>/approve")
def approve(claim_id: int):
    # The approval is bound to the verdict text the editor read, not just the claim's state.
    return _plain_action(
        claim_id,
        perm.can_approve,
        partial(
            services.approve_verdict, verdict_version=request.form.get("verdict_version", type=int)
        ),
        "Verdict approved. Publish it when you are ready.",
    )


@bp.post("/<int:claim_id>/return")
def return_(claim_id: int):
    claim = _load(claim_id)
    form = ReturnForm()
    authorize_fresh(perm.can_return, claim, form.version.data)
    if not form.validate_on_submit():
        form.note.errors = (
            ["Say what needs to change: a comment is required."]
            if not (form.note.data or "").strip()
            else form.note.errors
        )
        flash("The verdict was not returned: a comment is required.", "error")
        return _render_detail(claim, 422)
    services.return_verdict(claim, actor(), form.note.data, expected_version=form.version.data)
    return _done(claim, "Verdict returned to the checker with your comment.")


@bp.post("/<int:claim_id>/publish")
def publish(claim_id: int):
    return _plain_action(
        claim_id, perm.can_publish, services.publish_claim, "Published. The public page is live."
    )


@bp.post("/<int:claim_id>/unpublish")
def unpublish(claim_id: int):
    claim = _load(claim_id)
    form = UnpublishForm()
    authorize_fresh(perm.can_unpublish, claim, form.version.data)
    if not form.validate_on_submit():
        flash("Give the public reason for withdrawing the fact-check.", "error")
        return _render_detail(claim, 422)
    services.unpublish_claim(claim, actor(), form.reason.data, expected_version=form.version.data)
    return _done(claim, "Fact-check withdrawn; its public page now shows the reason.")


@bp.post("/<int:claim_id>/republish")
def republish(claim_id: int):
    return _plain_action(
        claim_id, perm.can_republish, services.republish_claim, "Fact-check published again."
    )


@bp.post("/<int:claim_id>/correct")
def correct(claim_id: int):
    claim = _load(claim_id)
    form = CorrectionForm()
    authorize_fresh(perm.can_correct, claim, form.version.data)
    form.rating_id.choices = options([(0, "")] + [(r.id, r.label) for r in rating_scale(False)])
    if not form.validate_on_submit():
        flash("The correction was not published: check the fields marked below.", "error")
        return _render_detail(claim, 422, correction_form=form)
    try:
        services.correct_verdict(
            claim,
            actor(),
            rating_id=form.rating_id.data or None,
            summary=form.summary.data or "",
            rationale=form.rationale.data or "",
            reason=form.reason.data,
            expected_version=form.version.data,
        )
    except ValidationError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return _render_detail(_load(claim_id), 422, correction_form=form)
    return _done(claim, "Correction published.")


@bp.post("/<int:claim_id>/fix-typo")
def fix_typo(claim_id: int):
    claim = _load(claim_id)
    form = TypoFixForm()
    authorize_fresh(perm.can_fix_typo, claim, form.version.data)
    if not form.validate_on_submit():
        flash("The typo fix was not saved: the summary and rationale cannot be empty.", "error")
        return _render_detail(claim, 422)
    try:
        services.fix_typo(
            claim,
            actor(),
            summary=form.summary.data or "",
            rationale=form.rationale.data or "",
            note=form.note.data or "",
            expected_version=form.version.data,
        )
    except ValidationError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return _render_detail(_load(claim_id), 422)
    return _done(claim, "Typo fixed. The change is in the history, not in the corrections log.")


@bp.post("/<int:claim_id>/details")
def details(claim_id: int):
    claim = _load(claim_id)
    form = ClaimDetailsForm()
    authorize_fresh(perm.can_edit_details, claim, form.version.data)
    if not form.validate_on_submit():
        errors = "; ".join(e for field in form.errors.values() for e in field)
        flash(f"The claim's details were not saved: {errors}", "error")
        return _render_detail(claim, 422)
    services.set_claim_details(
        claim,
        actor(),
        said_on=form.said_on.data,
        first_appearance_url=form.first_appearance_url.data,
        expected_version=form.version.data,
    )
    return _done(claim, "Saved when and where the claim was made.")

"""The queue, the claim page and everything a checker does on it."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from .. import permissions as perm
from ..admin.services import rating_scale
from ..articles.services import paragraph_bounds
from ..authz import actor, authorize, authorize_fresh
from ..errors import ConflictError, ValidationError
from ..extensions import db
from ..forms import ActionForm, NoteActionForm, options
from ..models import Claim, Kind, Source, SourceKind, User
from ..params import is_digits
from ..review.forms import ReturnForm, UnpublishForm
from ..workflow import WORKING_STATES
from . import queries, services
from .forms import (
    AssignForm,
    ClaimEditForm,
    CommentForm,
    CorrectionForm,
    QueueFilterForm,
    SourceForm,
    SplitForm,
    VerdictForm,
)

bp = Blueprint("claims", __name__, url_prefix="/desk/claims")

# action -> (permission predicate, service, flash message)
SIMPLE_ACTIONS = {
    "accept": (perm.can_accept, services.accept_claim, "Claim accepted into the queue."),
    "dismiss": (perm.can_dismiss, services.dismiss_claim, "Claim dismissed."),
    "restore": (perm.can_restore, services.restore_claim, "Claim restored as a candidate."),
    "take": (perm.can_take, services.take_claim, "The claim is yours. Add sources and a verdict."),
    "release": (perm.can_release, services.release_claim, "Claim put back in the queue."),
    "submit": (perm.can_submit, services.submit_verdict, "Verdict submitted for review."),
    "recall": (perm.can_recall, services.recall_verdict, "Verdict taken back from review."),
    "resume": (perm.can_resume, services.resume_claim, "Back in progress."),
}


def _load(claim_id: int) -> Claim:
    claim = queries.claim_for_page(claim_id)
    if claim is None:
        abort(404)
    return claim


@bp.get("/")
def queue():
    authorize(perm.is_staff)
    form = QueueFilterForm(request.args)
    users = services.active_users()
    form.assignee.choices = options(
        [("", "Anyone"), ("me", "Me"), ("none", "Unassigned")]
        + [(str(u.id), u.name) for u in users]
    )
    form.article.choices = options(
        [("", "Any article")]
        + [
            (str(i), title[:60])
            for i, title in queries.recent_articles(include=request.args.get("article", ""))
        ]
    )
    # A link like "all claims by John Kirby" carries the speaker's id; show the name.
    form.speaker.data = queries.speaker_name((request.args.get("speaker") or "").strip())
    filters = queries.QueueFilters(
        **{
            k: (request.args.get(k) or "").strip()
            for k in queries.QueueFilters.__dataclass_fields__
        }
    )
    filters.sort = filters.sort or "score"
    page = queries.queue_page(
        filters, actor(), request.args.get("after"), current_app.config["PER_PAGE"]
    )
    assign_form = AssignForm()
    assign_form.assignee_id.choices = options([(u.id, u.name) for u in users])
    return render_template(
        "claims/queue.html", form=form, page=page, filters=filters, assign_form=assign_form
    )


@bp.post("/bulk-assign")
def bulk_assign():
    authorize(perm.is_staff)
    form = AssignForm()
    form.assignee_id.choices = options([(u.id, u.name) for u in services.active_users()])
    back = safe_queue_url()
    if not form.validate_on_submit():
        flash("Choose someone to assign the claims to.", "error")
        return redirect(back)
    ids = [int(i) for i in request.form.getlist("claim_id") if is_digits(i)]
    claims = list(db.session.scalars(select(Claim).where(Claim.id.in_(ids)))) if ids else []
    if not claims:
        flash("Tick the claims to assign first.", "error")
        return redirect(back)
    assignee = db.get_or_404(User, form.assignee_id.data)
    # Claims in a state that cannot be assigned are reported by the service; here we only
    # hold back the ones this user may not hand over.
    not_yours = [c for c in claims if c.state in WORKING_STATES and not perm.can_assign(actor(), c)]
    done, skipped = services.bulk_assign(
        [c for c in claims if c not in not_yours], assignee, actor(), form.due_on.data
    )
    skipped += [f"#{c.id} is assigned to someone else" for c in not_yours]
    db.session.commit()
    msg = f"Assigned {done} claim{'s' if done != 1 else ''} to {assignee.name}."
    if skipped:
        msg += " Skipped: " + "; ".join(skipped) + "."
    flash(msg, "success" if done else "error")
    return redirect(back)


def safe_queue_url() -> str:
    from ..access import safe_next

    return safe_next(request.form.get("next")) or url_for(".queue")


@bp.get("/<int:claim_id>")
def detail(claim_id: int):
    authorize(perm.is_staff)
    claim = _load(claim_id)
    return _render_detail(claim)


def _render_detail(
    claim: Claim,
    status: int = 200,
    verdict_form: VerdictForm | None = None,
    conflict=None,
    source_form: SourceForm | None = None,
    comment_form: CommentForm | None = None,
    correction_form: CorrectionForm | None = None,
):
    ratings = rating_scale()
    choices = options([(0, "— choose a rating —")] + [(r.id, r.label) for r in ratings])
    verdict = claim.verdict
    if verdict_form is None:
        verdict_form = VerdictForm(
            rating_id=verdict.rating_id if verdict and verdict.rating_id else 0,
            summary=verdict.summary if verdict else "",
            rationale=verdict.rationale if verdict else "",
            verdict_version=verdict.version if verdict else 0,
        )
    verdict_form.rating_id.choices = choices
    if correction_form is None:
        correction_form = CorrectionForm(
            rating_id=verdict.rating_id if verdict and verdict.rating_id else 0,
            summary=verdict.summary if verdict else "",
            rationale=verdict.rationale if verdict else "",
            version=claim.version,
        )
    correction_form.rating_id.choices = choices
    users = services.active_users()
    assign_form = AssignForm(
        version=claim.version, due_on=claim.due_on, assignee_id=claim.assignee_id or 0
    )
    assign_form.assignee_id.choices = options([(u.id, u.name) for u in users])
    edit_form = ClaimEditForm(text=claim.text, kind=claim.kind.value, version=claim.version)
    body = claim.article.body
    p_start, p_end = paragraph_bounds(body, claim.start, claim.end)
    return render_template(
        "claims/detail.html",
        claim=claim,
        verdict=verdict,
        ratings=ratings,
        context=(
            body[p_start : claim.start],
            body[claim.start : claim.end],
            body[claim.end : p_end],
        ),
        history=queries.history(claim),
        verdict_form=verdict_form,
        conflict=conflict,
        source_form=source_form or SourceForm(),
        comment_form=comment_form or CommentForm(),
        assign_form=assign_form,
        edit_form=edit_form,
        split_form=SplitForm(),
        action_form=ActionForm(version=claim.version),
        return_form=ReturnForm(version=claim.version),
        unpublish_form=UnpublishForm(version=claim.version),
        correction_form=correction_form,
        note_form=NoteActionForm(version=claim.version),
    ), status


@bp.post("/<int:claim_id>/do/<action>")
def act(claim_id: int, action: str):
    if action not in SIMPLE_ACTIONS:
        abort(404)
    claim = _load(claim_id)
    predicate, operation, message = SIMPLE_ACTIONS[action]
    form = ActionForm()
    authorize_fresh(predicate, claim, form.version.data)
    if not form.validate_on_submit():
        abort(400)
    operation(claim, actor(), expected_version=form.version.data)
    db.session.commit()
    flash(message, "success")
    return redirect(
        request.form.get("next_local") == "article"
        and url_for("articles.detail", article_id=claim.article_id, _anchor=f"claim-{claim.id}")
        or url_for(".detail", claim_id=claim.id)
    )


@bp.post("/<int:claim_id>/assign")
def assign(claim_id: int):
    claim = _load(claim_id)
    form = AssignForm()
    authorize_fresh(perm.can_assign, claim, form.version.data)
    form.assignee_id.choices = options([(u.id, u.name) for u in services.active_users()])
    if not form.validate_on_submit():
        flash("Choose someone from the list.", "error")
        return redirect(url_for(".detail", claim_id=claim.id))
    assignee = db.get_or_404(User, form.assignee_id.data)
    services.assign_claim(
        claim, assignee, actor(), form.due_on.data, expected_version=form.version.data
    )
    db.session.commit()
    flash(f"Assigned to {assignee.name}.", "success")
    return redirect(url_for(".detail", claim_id=claim.id))


@bp.post("/<int:claim_id>/due")
def due(claim_id: int):
    claim = _load(claim_id)
    authorize(perm.can_assign, claim)
    form = AssignForm()
    form.assignee_id.choices = options([(claim.assignee_id or 0, "")])
    services.set_due(claim, form.due_on.data, actor())
    db.session.commit()
    flash("Due date saved.", "success")
    return redirect(url_for(".detail", claim_id=claim.id))


@bp.post("/<int:claim_id>/edit")
def edit(claim_id: int):
    claim = _load(claim_id)
    form = ClaimEditForm()
    authorize_fresh(perm.can_edit_claim, claim, form.version.data)
    if not form.validate_on_submit():
        flash("The claim needs some text (at most 2,000 characters).", "error")
        return redirect(url_for(".detail", claim_id=claim.id))
    services.edit_claim(
        claim, actor(), form.text.data, Kind(form.kind.data), expected_version=form.version.data
    )
    db.session.commit()
    flash("Claim wording saved.", "success")
    return redirect(url_for(".detail", claim_id=claim.id))


@bp.post("/<int:claim_id>/split")
def split(claim_id: int):
    claim = _load(claim_id)
    authorize(perm.can_edit_claim, claim)
    form = SplitForm()
    if not form.validate_on_submit():
        flash("Choose where to split the claim.", "error")
        return redirect(url_for(".detail", claim_id=claim.id))
    new = services.split_claim(claim, claim.start + form.at.data, actor())
    db.session.commit()
    flash(f"Split into #{claim.id} and #{new.id}.", "success")
    return redirect(
        url_for("articles.detail", article_id=claim.article_id, _anchor=f"claim-{claim.id}")
    )


@bp.post("/<int:claim_id>/sources")
def add_source(claim_id: int):
    claim = _load(claim_id)
    authorize(perm.can_add_source, claim)
    form = SourceForm()
    if not form.validate_on_submit():
        flash("The source was not added: check the fields marked below.", "error")
        return _render_detail(claim, 422, source_form=form)
    services.add_source(
        claim,
        actor(),
        url=form.url.data,
        title=form.title.data,
        publisher=form.publisher.data,
        kind=SourceKind(form.kind.data),
        excerpt=form.excerpt.data,
        archive_url=form.archive_url.data,
        accessed_on=form.accessed_on.data,
    )
    db.session.commit()
    flash("Source added.", "success")
    return redirect(url_for(".detail", claim_id=claim.id, _anchor="sources"))


@bp.post("/sources/<int:source_id>/delete")
def delete_source(source_id: int):
    source = db.get_or_404(Source, source_id)
    authorize(perm.can_delete_source, source)
    if not ActionForm().validate_on_submit():
        abort(400)
    claim_id = source.claim_id
    services.delete_source(source, actor())
    db.session.commit()
    flash("Source removed.", "success")
    return redirect(url_for(".detail", claim_id=claim_id, _anchor="sources"))


@bp.post("/<int:claim_id>/verdict")
def save_verdict(claim_id: int):
    claim = _load(claim_id)
    authorize(perm.can_edit_verdict, claim)
    form = VerdictForm()
    form.rating_id.choices = options([(0, "")] + [(r.id, r.label) for r in rating_scale(False)])
    if not form.validate_on_submit():
        flash("The verdict was not saved: check the fields marked below.", "error")
        return _render_detail(claim, 422, verdict_form=form)
    try:
        services.save_verdict(
            claim,
            actor(),
            rating_id=form.rating_id.data or None,
            summary=form.summary.data or "",
            rationale=form.rationale.data or "",
            expected_version=form.verdict_version.data,
        )
        if request.form.get("then") == "submit":
            services.submit_verdict(claim, actor())
    except ConflictError as exc:
        db.session.rollback()
        claim = _load(claim_id)
        # Keep the person's text; the next save is against the version they have now seen.
        form.verdict_version.data = claim.verdict.version if claim.verdict else 0
        flash(exc.message, "error")
        return _render_detail(claim, 409, verdict_form=form, conflict=claim.verdict)
    except ValidationError as exc:
        db.session.rollback()
        claim = _load(claim_id)
        flash(exc.message, "error")
        return _render_detail(claim, 422, verdict_form=form)
    db.session.commit()
    submitted = request.form.get("then") == "submit"
    flash("Verdict submitted for review." if submitted else "Verdict saved.", "success")
    return redirect(url_for(".detail", claim_id=claim.id, _anchor="verdict"))


@bp.post("/<int:claim_id>/comments")
def comment(claim_id: int):
    claim = _load(claim_id)
    authorize(perm.can_comment, claim)
    form = CommentForm()
    if not form.validate_on_submit():
        flash("Write a comment first.", "error")
        return _render_detail(claim, 422, comment_form=form)
    services.add_comment(claim, actor(), form.body.data)
    db.session.commit()
    flash("Comment added.", "success")
    return redirect(url_for(".detail", claim_id=claim.id, _anchor="comments"))

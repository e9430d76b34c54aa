"""The queue, the claim page and everything a checker does on it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from urllib.parse import parse_qsl

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.datastructures import MultiDict

from .. import permissions as perm
from ..errors import ConflictError, DomainError, ValidationError
from ..extensions import db
from ..models import Claim, Kind, MatchKind, SavedFilter, Source, SourceKind, User
from ..models._types import utc_today, utcnow
from ..revisions import AUTOSAVE, label_next_revision, revisions_of
from ..revisions.diff import compare
from ..web.forms import ActionForm, DismissForm, options
from ..web.guard import actor, authorize, json_view, load
from ..web.inputs import as_id, is_digits, safe_next
from ..web.respond import done, kept
from ..workflow import WORKING_STATES
from . import matches, queries, services
from .forms import (
    BULK_ACTIONS,
    AssignForm,
    BulkForm,
    ClaimEditForm,
    CommentForm,
    DueForm,
    QueueFilterForm,
    SavedFilterForm,
    SourceForm,
    SpeakersForm,
    SplitForm,
    VerdictForm,
    filter_query,
    queue_filters,
)
from .pages import load_claim, rating_choices, render_claim_page, show_refusal

bp = Blueprint("claims", __name__, url_prefix="/desk/claims")
bp.register_error_handler(DomainError, show_refusal)
bp.register_error_handler(StaleDataError, show_refusal)


@dataclass(frozen=True)
class SimpleAction:
    """A workflow step whose form carries only the claim's version."""

    predicate: perm.Predicate
    operation: services.ClaimOperation
    message: str


SIMPLE_ACTIONS = {
    "accept": SimpleAction(
        perm.can_accept, services.accept_claim, "Claim accepted into the queue."
    ),
    "dismiss": SimpleAction(perm.can_dismiss, services.dismiss_claim, "Claim dismissed."),
    "restore": SimpleAction(
        perm.can_restore, services.restore_claim, "Claim restored as a candidate."
    ),
    "take": SimpleAction(
        perm.can_take, services.take_claim, "The claim is yours. Add sources and a verdict."
    ),
    "release": SimpleAction(
        perm.can_release, services.release_claim, "Claim put back in the queue."
    ),
    "submit": SimpleAction(
        perm.can_submit, services.submit_verdict, "Verdict submitted for review."
    ),
    "recall": SimpleAction(
        perm.can_recall, services.recall_verdict, "Verdict taken back from review."
    ),
    "resume": SimpleAction(perm.can_resume, services.resume_claim, "Back in progress."),
}


def _detail(claim: Claim, anchor: str | None = None) -> str:
    return url_for(".detail", claim_id=claim.id, _anchor=anchor)


def _assignees() -> list:
    return options([(u.id, u.name) for u in services.active_users()])


# Built-in views of the queue, offered beside each person's saved filters (issue 16).
QUEUE_PRESETS = (
    ("My overdue", "assignee=me&due=overdue&sort=due"),
    ("In review older than 2 days", "state=in_review&waiting=2d&sort=age"),
)

# What a bulk action needs of the person, claim by claim: the claim page's own predicates.
BULK_PREDICATES: dict[str, perm.Predicate] = {
    "dismiss": perm.can_dismiss,
    "release": perm.can_release,
    "due": perm.can_set_due,
}


@bp.get("/")
def queue():
    authorize(perm.is_staff)
    form = QueueFilterForm(request.args)
    users = services.active_users()
    form.assignee.choices = options(
        [("", "Anyone"), ("me", "Me"), ("none", "Unassigned")]
        + [(str(u.id), u.name) for u in users]
    )
    filters = queue_filters(request.args, actor())
    form.article.choices = options(
        [("", "Any article")]
        + [(str(i), t[:60]) for i, t in queries.recent_articles(include=filters.article_id)]
    )
    # A link like "all claims by John Kirby" carries the speaker's id; show the name.
    name = queries.speaker_name(filters.speaker_id)
    if name is not None:
        form.speaker.data = name
    after = request.args.get("after")
    page = queries.queue_page(
        filters, after, current_app.config["PER_PAGE"], before=request.args.get("before")
    )
    total, capped = queries.queue_count(filters, current_app.config["QUEUE_COUNT_CAP"])
    assign_form = AssignForm()
    assign_form.assignee_id.choices = options([(u.id, u.name) for u in users])
    current = filter_query(request.args)
    save_form = SavedFilterForm(formdata=None, query=current)
    return render_template(
        "claims/queue.html",
        form=form,
        page=page,
        filters=filters,
        assign_form=assign_form,
        bulk_form=BulkForm(formdata=None),
        save_form=save_form,
        saved=services.saved_filters(actor()),
        presets=QUEUE_PRESETS,
        current_query=current,
        total=total,
        capped=capped,
        today=utc_today(),
        is_overdue=queries.is_overdue,
        filter_count=sum(
            1
            for name in request.args
            if name not in ("after", "before", "sort") and request.args.get(name, "").strip()
        ),
    )


@bp.post("/bulk")
def bulk():
    authorize(perm.is_staff)
    ids = [i for i in map(as_id, request.form.getlist("claim_id")) if i is not None]
    if len(ids) > current_app.config["QUEUE_BULK_MAX"]:
        abort(413)
    form = BulkForm()
    back = safe_next(request.form.get("next")) or url_for(".queue")
    if not form.validate_on_submit():
        abort(400)
    action = form.action.data
    if action == "due" and form.due_on.data is None:
        flash("Choose the due date to set.", "error")
        return redirect(back)
    claims = (
        list(db.session.scalars(select(Claim).where(Claim.id.in_(ids)).order_by(Claim.id)))
        if ids
        else []
    )
    if not claims:
        flash("Tick the claims first.", "error")
        return redirect(back)
    changed, refused = services.bulk_update(
        claims, action, actor(), BULK_PREDICATES[action], form.due_on.data
    )
    n = len(changed)
    message = f"{BULK_ACTIONS[action]}: {n} claim{'s' if n != 1 else ''} done."
    if refused:
        message += " Not done: " + "; ".join(refused) + "."
    return done(message, back, "success" if changed and not refused else "error")


@bp.post("/filters")
def save_filter():
    authorize(perm.is_staff)
    form = SavedFilterForm()
    back = url_for(".queue") + ("?" + form.query.data if form.query.data else "")
    if not form.validate_on_submit():
        flash("Give the view a name (at most 80 characters).", "error")
        return redirect(back)
    # Only the queue's own arguments are kept, whatever the form carried.
    args = MultiDict(parse_qsl(form.query.data or ""))
    queue_filters(args, actor())  # a view that could not be shown is refused (400) now
    query = filter_query(args)
    saved = services.save_filter(actor(), form.name.data, query)
    return done(f"Saved the view “{saved.name}”.", back)


@bp.post("/filters/<int:filter_id>/delete")
def delete_filter(filter_id: int):
    form = ActionForm()
    saved = load(db.session.get(SavedFilter, filter_id), perm.can_manage_filter)
    if not form.validate_on_submit():
        abort(400)
    services.delete_filter(saved)
    return done(f"Deleted the view “{saved.name}”.", url_for(".queue"))


@bp.post("/bulk-assign")
def bulk_assign():
    authorize(perm.is_staff)
    form = AssignForm()
    form.assignee_id.choices = _assignees()
    back = safe_next(request.form.get("next")) or url_for(".queue")
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
    assigned, skipped = services.bulk_assign(
        [c for c in claims if c not in not_yours], assignee, actor(), form.due_on.data
    )
    skipped += [f"#{c.id} is assigned to someone else" for c in not_yours]
    message = f"Assigned {assigned} claim{'s' if assigned != 1 else ''} to {assignee.name}."
    if skipped:
        message += " Skipped: " + "; ".join(skipped) + "."
    return done(message, back, "success" if assigned else "error")


@bp.get("/<int:claim_id>")
def detail(claim_id: int):
    return render_claim_page(load_claim(claim_id, perm.can_view_claim))


@bp.post("/<int:claim_id>/do/<action>")
def act(claim_id: int, action: str):
    spec = SIMPLE_ACTIONS.get(action)
    if spec is None:
        abort(404)
    form = DismissForm() if action == "dismiss" else ActionForm()
    claim = load_claim(claim_id, spec.predicate, form.version.data)
    if not form.validate_on_submit():
        abort(400)
    operation = spec.operation
    if isinstance(form, DismissForm):
        operation = partial(services.dismiss_claim, note=form.note.data)
    operation(claim, actor())
    if request.form.get("next_local") == "article":
        to = url_for("articles.detail", article_id=claim.article_id, _anchor=f"claim-{claim.id}")
    else:
        to = _detail(claim)
    return done(spec.message, to)


@bp.post("/<int:claim_id>/assign")
def assign(claim_id: int):
    form = AssignForm()
    claim = load_claim(claim_id, perm.can_assign, form.version.data)
    form.assignee_id.choices = _assignees()
    if not form.validate_on_submit():
        flash("Choose someone from the list.", "error")
        return redirect(_detail(claim))
    assignee = db.get_or_404(User, form.assignee_id.data)
    services.assign_claim(claim, assignee, actor(), form.due_on.data)
    return done(f"Assigned to {assignee.name}.", _detail(claim))


@bp.post("/<int:claim_id>/due")
def due(claim_id: int):
    form = DueForm()
    claim = load_claim(claim_id, perm.can_set_due, form.version.data)
    if not form.validate_on_submit():
        flash("Give the due date as a date, or leave it empty for none.", "error")
        return redirect(_detail(claim))
    services.set_due(claim, form.due_on.data, actor())
    return done("Due date saved." if form.due_on.data else "Due date cleared.", _detail(claim))


@bp.post("/<int:claim_id>/edit")
def edit(claim_id: int):
    form = ClaimEditForm()
    claim = load_claim(claim_id, perm.can_reword, form.version.data)
    if not form.validate_on_submit():
        flash("The claim needs some text (at most 2,000 characters).", "error")
        return redirect(_detail(claim))
    services.edit_claim(claim, actor(), form.text.data, Kind(form.kind.data))
    return done("Claim wording saved.", _detail(claim))


@bp.post("/<int:claim_id>/speakers")
def speakers(claim_id: int):
    form = SpeakersForm()
    claim = load_claim(claim_id, perm.can_reword, form.version.data)
    if not form.validate_on_submit():
        flash("The speakers were not saved: one name per line, at most 1,500 characters.", "error")
        return redirect(_detail(claim))
    services.set_claim_speakers(claim, actor(), (form.names.data or "").splitlines())
    return done("Speakers saved.", _detail(claim))


@bp.post("/<int:claim_id>/split")
def split(claim_id: int):
    form = SplitForm()
    claim = load_claim(claim_id, perm.can_edit_claim)
    if not form.validate_on_submit():
        flash("Choose where to split the claim.", "error")
        return redirect(_detail(claim))
    new = services.split_claim(claim, claim.start + form.at.data, actor())
    return done(
        f"Split into #{claim.id} and #{new.id}.",
        url_for("articles.detail", article_id=claim.article_id, _anchor=f"claim-{claim.id}"),
    )


@bp.post("/<int:claim_id>/sources")
def add_source(claim_id: int):
    form = SourceForm()
    claim = load_claim(claim_id, perm.can_add_source)
    if not form.validate_on_submit():
        flash("The source was not added: check the fields marked below.", "error")
        return render_claim_page(claim, 422, source_form=form)
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
    return done("Source added.", _detail(claim, "sources"))


@bp.post("/sources/<int:source_id>/delete")
def delete_source(source_id: int):
    source = load(db.session.get(Source, source_id), perm.can_delete_source)
    if not ActionForm().validate_on_submit():
        abort(400)
    claim = source.claim
    services.delete_source(source, actor())
    return done("Source removed.", _detail(claim, "sources"))


@bp.post("/<int:claim_id>/verdict")
def save_verdict(claim_id: int):
    claim = load_claim(claim_id, perm.can_edit_verdict)
    form = VerdictForm()
    form.rating_id.choices = rating_choices()
    if not form.validate_on_submit():
        flash("The verdict was not saved: check the fields marked below.", "error")
        return render_claim_page(claim, 422, verdict_form=form)
    submit = request.form.get("then") == "submit"
    try:
        verdict = services.save_verdict(
            claim,
            actor(),
            rating_id=form.rating_id.data or None,
            summary=form.summary.data or "",
            rationale=form.rationale.data or "",
            expected_version=form.verdict_version.data,
        )
    except ConflictError as exc:
        # Show the other text next to theirs; the next save is against the version they have
        # now seen.
        db.session.rollback()
        claim = load_claim(claim_id, perm.can_view_claim)
        _send_back_version(form, claim.verdict.version if claim.verdict else 0)
        flash(exc.message, "error")
        return render_claim_page(claim, exc.status, verdict_form=form, conflict=claim.verdict)
    except ValidationError as exc:
        return show_refusal(exc, verdict_form=form)
    if not submit:
        return done("Verdict saved.", _detail(claim, "verdict"))
    try:
        services.submit_verdict(claim, actor())
    except ValidationError as exc:
        # The draft is kept even though it cannot go to review yet (no source, no summary...).
        flash(
            f"Draft saved. It was not submitted: {exc.message[:1].lower()}{exc.message[1:]}",
            "error",
        )
        _send_back_version(form, verdict.version)
        return kept(render_claim_page(claim, exc.status, verdict_form=form))
    return done("Verdict submitted for review.", _detail(claim, "verdict"))


def _send_back_version(form: VerdictForm, version: int) -> None:
    """The form goes back with the person's text and `version`, so their next save is made
    against it (a posted field renders what was posted, so both are set)."""
    form.verdict_version.data = version
    form.verdict_version.raw_data = [str(version)]


@bp.post("/<int:claim_id>/verdict/draft")
@json_view
def save_draft(claim_id: int):
    """Autosave from the claim page's script: the draft as typed, answered in JSON."""
    claim = load_claim(claim_id, perm.can_edit_verdict)
    form = VerdictForm()
    form.rating_id.choices = rating_choices()
    if not form.validate_on_submit():
        return jsonify(error=_form_errors(form), fields=form.errors), 422
    try:
        verdict = services.save_verdict(
            claim,
            actor(),
            rating_id=form.rating_id.data or None,
            summary=form.summary.data or "",
            rationale=form.rationale.data or "",
            expected_version=form.verdict_version.data or 0,
        )
        # Autosaves while someone types coalesce into one version (revisions/hook.py).
        label_next_revision(AUTOSAVE)
        db.session.flush()
    except (ConflictError, StaleDataError):
        db.session.rollback()
        return _draft_conflict(claim_id)
    except ValidationError as exc:
        db.session.rollback()
        return jsonify(error=exc.message), exc.status
    return kept(jsonify(version=verdict.version, saved_at=utcnow().isoformat()))


def _form_errors(form: VerdictForm) -> str:
    labels = {name: getattr(form, name).label.text for name in form.errors}
    return "; ".join(f"{labels[name]}: {' '.join(errs)}" for name, errs in form.errors.items())


def _draft_conflict(claim_id: int):
    """409 with the text someone else saved since the page's version, for the page to show."""
    claim = queries.claim_for_page(claim_id)
    verdict = claim.verdict if claim else None
    if verdict is None:
        return jsonify(error="The verdict was deleted meanwhile. Save to write it again."), 409
    return jsonify(
        error=f"{verdict.last_editor.name} saved this verdict while you were editing it.",
        conflict={
            "by": verdict.last_editor.name,
            "rating": verdict.rating.label if verdict.rating else None,
            "summary": verdict.summary,
            "rationale": verdict.rationale,
            "version": verdict.version,
            "saved_at": verdict.updated_at.isoformat(),
        },
    ), 409


@bp.post("/<int:claim_id>/comments")
def comment(claim_id: int):
    claim = load_claim(claim_id, perm.can_comment)
    form = CommentForm()
    if not form.validate_on_submit():
        if not (form.body.data or "").strip():
            # Nothing typed to keep: post/redirect/get, so a reload does not post again.
            flash("Write a comment first.", "error")
            return redirect(_detail(claim, "comments"), 303)
        flash("The comment was not added: check the field marked below.", "error")
        return render_claim_page(claim, 422, comment_form=form)
    services.add_comment(claim, actor(), form.body.data)
    return done("Comment added.", _detail(claim, "comments"))


_MATCH = "/<int:claim_id>/matches/<any(ours, imported):kind>/<int:ref_id>"


def _match_confirmed(row) -> str:
    if row.on_page:
        return (
            "Confirmed: the same claim. It is a \u201csee also\u201d link on this fact-check's "
            "public page, approved with the rest of it."
        )
    if row.kind == MatchKind.OURS:
        return f"Confirmed for the desk. {matches.DESK_ONLY}"
    return "Confirmed: the same claim. Kept for the desk; other publishers' checks are not linked."


@bp.post(f"{_MATCH}/<any(confirm, dismiss):decision>")
def decide_match(claim_id: int, kind: str, ref_id: int, decision: str):
    """The "Same claim" and "Not the same" buttons of the "already checked?" panel."""
    claim = load_claim(claim_id, perm.can_decide_match)
    if not ActionForm().validate_on_submit():
        abort(400)
    if decision == "confirm":
        message = _match_confirmed(matches.confirm_match(claim, MatchKind(kind), ref_id, actor()))
    else:
        matches.dismiss_match(claim, MatchKind(kind), ref_id, actor())
        message = "Noted: not the same claim. It is no longer suggested."
    return done(message, _detail(claim, "already-checked"))


@bp.post(f"{_MATCH}/undo")
def undo_match(claim_id: int, kind: str, ref_id: int):
    claim = load_claim(claim_id, perm.can_decide_match)
    row = next((m for m in claim.matches if (m.kind, m.ref_id) == (kind, ref_id)), None)
    if row is None:
        abort(404)
    authorize(perm.can_undo_match, row)
    if not ActionForm().validate_on_submit():
        abort(400)
    matches.undo_match(claim, MatchKind(kind), ref_id, actor())
    return done("Decision undone: it is suggested again.", _detail(claim, "already-checked"))


@bp.get("/<int:claim_id>/versions")
def versions(claim_id: int):
    claim = load_claim(claim_id, perm.can_view_claim)
    found = {r.number: r for r in revisions_of(claim)}
    if not found:
        abort(404)
    newest = max(found)
    b = found.get(request.args.get("b", type=int) or newest) or found[newest]
    a = found.get(request.args.get("a", type=int) or max(b.number - 1, 1)) or found[newest]
    if a.number > b.number:
        a, b = b, a
    return render_template(
        "claims/versions.html",
        claim=claim,
        a=a,
        b=b,
        revisions=sorted(found.values(), key=lambda r: r.number),
        rows=compare(a.snapshot, b.snapshot),
    )

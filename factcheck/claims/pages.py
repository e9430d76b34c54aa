"""The claim page, shared by the checkers' and the editors' views: loading a claim for a page
or an action, rendering the page with any form a post sent back, and showing a refusal on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Response, flash, g, render_template
from sqlalchemy.orm.exc import StaleDataError

from ..archive.services import capture_jobs
from ..errors import DomainError
from ..extensions import db
from ..models import Claim, Event, Rating
from ..permissions import merged_into
from ..revisions import digest_of, revisions_of, snapshot_of
from ..site.services import rating_scale
from ..web.errors import error_page, stale_conflict
from ..web.forms import ActionForm, NoteActionForm, options
from ..web.guard import load
from ..workflow import State
from . import matches, queries, services
from .forms import (
    AssignForm,
    ClaimEditForm,
    CommentForm,
    CorrectionForm,
    DueForm,
    ReturnForm,
    SourceForm,
    SpeakersForm,
    SplitForm,
    UnpublishForm,
    VerdictForm,
)
from .spans import paragraph_bounds


def load_claim(claim_id: int, predicate: Callable[..., bool], version: int | None = None) -> Claim:
    """The claim with everything its page shows: 404, then 409 for a form read from an older
    version, then 403 unless `predicate(user, claim)`."""
    return load(queries.claim_for_page(claim_id), predicate, version, stale=services.stale_claim)


def rating_choices(placeholder: str = "", scale: list[Rating] | None = None) -> list:
    """The rating select's choices: `scale`, by default every rating, retired ones included,
    so a form is checked against what the service decides on (it refuses retired ones with
    its own message)."""
    if scale is None:
        scale = rating_scale(active_only=False)
    return options([(0, placeholder)] + [(r.id, r.label) for r in scale])


def render_claim_page(
    claim: Claim,
    status: int = 200,
    *,
    verdict_form: VerdictForm | None = None,
    conflict: object = None,
    source_form: SourceForm | None = None,
    comment_form: CommentForm | None = None,
    correction_form: CorrectionForm | None = None,
    return_form: ReturnForm | None = None,
    unpublish_form: UnpublishForm | None = None,
) -> tuple[str, int]:
    """The claim page; a form passed in is shown as the person sent it (with its errors), so
    nothing they typed is lost."""
    ratings = rating_scale()
    verdict_form, correction_form = _verdict_forms(claim, verdict_form, correction_form, ratings)
    assign_form = AssignForm(
        version=claim.version, due_on=claim.due_on, assignee_id=claim.assignee_id or 0
    )
    assign_form.assignee_id.choices = options([(u.id, u.name) for u in services.active_users()])
    body = claim.article.body
    p_start, p_end = paragraph_bounds(body, claim.start, claim.end)
    history = queries.history(claim)
    return render_template(
        "claims/detail.html",
        claim=claim,
        verdict=claim.verdict,
        ratings=ratings,
        context=(
            body[p_start : claim.start],
            body[claim.start : claim.end],
            body[claim.end : p_end],
        ),
        history=history,
        assignees=queries.assignee_names(history),
        returned=_return_event(claim, history),
        merged_into=merged_into(claim),
        digest=digest_of(snapshot_of(claim)) if claim.verdict else "",
        proposal=queries.pending_proposal(claim),
        revisions=revisions_of(claim),
        capture_jobs=capture_jobs([s.id for s in claim.sources]),
        already_checked=matches.suggestions_for(claim),
        match_decisions=matches.decisions_for(claim),
        verdict_form=verdict_form,
        conflict=conflict,
        source_form=source_form or SourceForm(),
        comment_form=comment_form or CommentForm(),
        assign_form=assign_form,
        due_form=DueForm(version=claim.version, due_on=claim.due_on),
        edit_form=ClaimEditForm(text=claim.text, kind=claim.kind.value, version=claim.version),
        split_form=SplitForm(),
        speakers_form=SpeakersForm(
            names="\n".join(s.name for s in claim.speakers), version=claim.version
        ),
        action_form=ActionForm(version=claim.version),
        return_form=return_form or ReturnForm(version=claim.version),
        unpublish_form=unpublish_form or UnpublishForm(version=claim.version),
        correction_form=correction_form,
        note_form=NoteActionForm(version=claim.version),
    ), status


def _return_event(claim: Claim, history: list[Event]) -> Event | None:
    """The editor's latest return of a claim that is returned: shown at the top of its page."""
    if claim.state != State.RETURNED:
        return None
    return next((ev for ev in history if ev.action == "return"), None)


def _verdict_forms(
    claim: Claim,
    verdict_form: VerdictForm | None,
    correction_form: CorrectionForm | None,
    ratings: list[Rating],
) -> tuple[VerdictForm, CorrectionForm]:
    """The draft and correction forms: as sent back, or filled from the current verdict."""
    verdict = claim.verdict
    current = {
        "rating_id": verdict.rating_id if verdict and verdict.rating_id else 0,
        "summary": verdict.summary if verdict else "",
        "rationale": verdict.rationale if verdict else "",
    }
    if verdict_form is None:
        verdict_form = VerdictForm(**current, verdict_version=verdict.version if verdict else 0)
    if correction_form is None:
        correction_form = CorrectionForm(**current, version=claim.version)
    choices = rating_choices("— choose a rating —", ratings)
    verdict_form.rating_id.choices = choices
    correction_form.rating_id.choices = choices
    return verdict_form, correction_form


def show_refusal(exc: DomainError | StaleDataError, **forms: Any) -> tuple[str | Response, int]:
    """A refused claim action, shown on the claim page as it is now with the refusal's status
    and any form the person filled in (`forms`, as render_claim_page takes them): nothing of
    the action is kept, nothing they typed is lost."""
    db.session.rollback()
    error = stale_conflict() if isinstance(exc, StaleDataError) else exc
    loaded = g.get("loaded")
    claim = queries.claim_for_page(loaded.id) if isinstance(loaded, Claim) else None
    if claim is None:
        return error_page(error.status, error.message)
    flash(error.message, "error")
    return render_claim_page(claim, error.status, **forms)

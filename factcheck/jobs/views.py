"""A job's page and its state as JSON, which the page (and the article's panel) polls."""

from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for

from ..errors import DomainError
from ..extensions import db
from ..models import Job
from ..permissions import can_retry_job, can_view_job
from ..web.forms import ActionForm
from ..web.guard import actor, load
from ..web.inputs import safe_next
from ..web.respond import done
from . import services
from .registry import KINDS

bp = Blueprint("jobs", __name__, url_prefix="/desk/jobs")


@bp.get("/<int:job_id>")
def detail(job_id: int):
    job = load(db.session.get(Job, job_id), can_view_job)
    return render_template("jobs/detail.html", job=job, label=label_of(job))


@bp.post("/<int:job_id>/retry")
def retry(job_id: int):
    job = load(db.session.get(Job, job_id), can_retry_job)
    form = ActionForm()
    back = safe_next(request.form.get("next")) or url_for(".detail", job_id=job.id)
    if not form.validate_on_submit():
        flash("The form expired; reload the page and try again.", "error")
        return redirect(back)
    try:
        services.retry_job(job, actor())
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(back)
    return done("The job is queued again.", back)


@bp.get("/<int:job_id>.json")
def state(job_id: int):
    job = load(db.session.get(Job, job_id), can_view_job)
    response = jsonify(as_json(job))
    response.headers["Cache-Control"] = "no-store"
    return response


def label_of(job: Job) -> str:
    kind = KINDS.get(job.kind)
    return kind.label if kind else job.kind


def as_json(job: Job) -> dict:
    return {
        "id": job.id,
        "kind": job.kind,
        "state": job.state.value,
        "finished": job.state.finished,
        "progress": job.progress,
        "message": job.message,
        "error": job.error,
        "attempts": job.attempts,
    }

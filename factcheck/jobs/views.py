"""A job's page and its state as JSON, which the page (and the article's panel) polls."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template

from ..extensions import db
from ..models import Job
from ..permissions import can_view_job
from ..web.guard import load
from .registry import KINDS

bp = Blueprint("jobs", __name__, url_prefix="/desk/jobs")


@bp.get("/<int:job_id>")
def detail(job_id: int):
    job = load(db.session.get(Job, job_id), can_view_job)
    return render_template("jobs/detail.html", job=job, label=label_of(job))


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

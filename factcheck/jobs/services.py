"""Job rows: queueing, claiming a run, progress, the end of a run, and recovery of runs whose
worker died. Services here never commit, except the runner's own steps (queue.py)."""

from __future__ import annotations

import datetime as dt
import os
import socket
from typing import cast

from flask import current_app
from sqlalchemy import CursorResult, Delete, Update, delete, func, select, update

from ..errors import ConflictError
from ..extensions import db
from ..models import Job, JobState, User
from ..models._types import utcnow
from .registry import KINDS

PENDING = "factcheck.jobs_to_send"
# A run longer than its kind's time limit plus this is presumed dead, wherever it ran.
GRACE = dt.timedelta(minutes=2)
# A job still queued this long after it was queued (or last tried) is sent again.
RESEND_AFTER = dt.timedelta(minutes=30)


def queue_job(kind: str, subject_id: int | None, actor: User | None) -> Job:
    """Add a queued job; it is sent to the queue when the transaction commits (so a worker
    never looks for a row that is not there yet). Raises KeyError for an unknown kind."""
    if kind not in KINDS:  # fail here, not in the worker
        raise KeyError(kind)
    job = Job(kind=kind, subject_id=subject_id, created_by=actor, message="Waiting for a worker…")
    db.session.add(job)
    db.session.flush()
    db.session.info.setdefault(PENDING, []).append((kind, job.id))
    return job


def retry_job(job: Job, actor: User | None) -> None:
    """Queue a failed job again (sent when the transaction commits); its error stays shown
    until the new attempt starts. Raises ConflictError for a job that has not failed."""
    if job.state != JobState.FAILED:
        raise ConflictError("Only a failed job can be tried again.")
    job.state = JobState.QUEUED
    job.finished_at = None
    job.message = "Queued again…"
    db.session.info.setdefault(PENDING, []).append((job.kind, job.id))
    if actor is not None:
        db.session.info["actor"] = actor


def latest_job(kind: str, subject_id: int) -> Job | None:
    return db.session.scalar(
        select(Job)
        .where(Job.kind == kind, Job.subject_id == subject_id)
        .order_by(Job.id.desc())
        .limit(1)
    )


def unfinished_subjects(kind: str, subject_ids: list[int]) -> set[int]:
    """Which of these subjects have a job of `kind` queued or running (so another would only
    wait behind it). Never raises."""
    if not subject_ids:
        return set()
    return set(
        db.session.scalars(
            select(Job.subject_id).where(
                Job.kind == kind,
                Job.subject_id.in_(subject_ids),
                Job.state.in_([JobState.QUEUED, JobState.RUNNING]),
            )
        )
    )


def _changed(statement: Update | Delete) -> int:
    """Rows an UPDATE or DELETE changed."""
    return cast(CursorResult, db.session.execute(statement)).rowcount


def runner_name(token: str) -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{token}"


def claim_run(job_id: int, runner: str) -> Job | None:
    """Mark a queued job running for `runner`; None when it is done, failed, or another run
    holds it (a second message for the same job does nothing)."""
    claimed = _changed(
        update(Job)
        .where(Job.id == job_id, Job.state == JobState.QUEUED)
        .values(
            state=JobState.RUNNING,
            runner=runner,
            attempts=Job.attempts + 1,
            started_at=utcnow(),
            progress=0,
            message="Started…",
        )
    )
    if not claimed:
        return None
    return db.session.get(Job, job_id)


def finish_run(job_id: int, runner: str) -> bool:
    """Mark the job done in the transaction that holds its work; False when the run no longer
    holds the job (it was presumed dead and given to another run): then nothing is kept."""
    return bool(
        _changed(
            update(Job)
            .where(Job.id == job_id, Job.runner == runner, Job.state == JobState.RUNNING)
            .values(
                state=JobState.DONE,
                progress=100,
                message="Done.",
                error=None,
                finished_at=utcnow(),
                runner=None,
            )
        )
    )


def fail_run(job_id: int, runner: str, error: str, *, final: bool) -> None:
    """Record a failed attempt: queued again for its retry, or failed for good."""
    db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.runner == runner)
        .values(
            state=JobState.FAILED if final else JobState.QUEUED,
            error=error[:4000],
            message="Failed." if final else "Failed; it will be tried again shortly.",
            finished_at=utcnow() if final else None,
            runner=None,
        )
    )


def stalled_jobs(now: dt.datetime | None = None) -> list[Job]:
    """Running jobs whose run is dead: its process on this host is gone, or it has run past
    its time limit (a run is stopped at its limit) wherever it ran."""
    now = now or utcnow()
    host = socket.gethostname()
    found = []
    for job in db.session.scalars(select(Job).where(Job.state == JobState.RUNNING)):
        kind = KINDS.get(job.kind)
        limit = dt.timedelta(seconds=kind.time_limit if kind else 3600) + GRACE
        run_host, _, rest = (job.runner or "").partition(":")
        pid = rest.partition(":")[0]
        dead_here = run_host == host and pid.isdigit() and not _alive(int(pid))
        if dead_here or job.started_at is None or job.started_at + limit < now:
            found.append(job)
    return found


def forgotten_jobs(now: dt.datetime | None = None) -> list[Job]:
    """Jobs queued long ago and still waiting: their message may be lost (a queue store
    emptied, a crash between commit and send). Sending one twice is harmless: only one run
    can claim it."""
    before = (now or utcnow()) - RESEND_AFTER
    return list(
        db.session.scalars(
            select(Job).where(
                Job.state == JobState.QUEUED,
                func.coalesce(Job.started_at, Job.created_at) < before,
            )
        )
    )


def requeue(jobs: list[Job]) -> list[tuple[str, int]]:
    """Put stalled jobs back in the queue (sent when the transaction commits)."""
    pending = db.session.info.setdefault(PENDING, [])
    for job in jobs:
        job.state = JobState.QUEUED
        job.runner = None
        job.message = "Its worker stopped; queued again."
        pending.append((job.kind, job.id))
    return [(job.kind, job.id) for job in jobs]


def prune_finished_jobs(now: dt.datetime | None = None) -> int:
    """Delete the rows of jobs that ended long ago: done ones after JOBS_KEEP_DONE_DAYS,
    failed ones (whose errors an operator may still want) after JOBS_KEEP_FAILED_DAYS. Pages
    that show a job treat a missing one as "nothing running". Returns how many went."""
    now = now or utcnow()
    config = current_app.config
    removed = 0
    for state, days in (
        (JobState.DONE, config["JOBS_KEEP_DONE_DAYS"]),
        (JobState.FAILED, config["JOBS_KEEP_FAILED_DAYS"]),
    ):
        before = now - dt.timedelta(days=days)
        removed += _changed(delete(Job).where(Job.state == state, Job.finished_at < before))
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

"""The Huey instance of an app, one Huey task per job kind, and the runner they share."""

from __future__ import annotations

import logging
import secrets
import time
import traceback
from functools import partial
from pathlib import Path

from flask import Flask, current_app
from huey import Huey, RedisHuey, SqliteHuey, crontab
from huey.api import Task, TaskWrapper
from sqlalchemy import event, update
from sqlalchemy.orm import Session

from ..errors import DomainError
from ..extensions import db
from ..models import Job
from . import services
from .registry import KINDS, SCHEDULES, JobKind, Schedule

log = logging.getLogger(__name__)


class JobQueue:
    """An app's queue: a Huey instance and the tasks registered on it, by kind."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.huey = _make_huey(app)
        self.tasks: dict[str, TaskWrapper] = {}
        self.huey.periodic_task(crontab(minute="*"), name="jobs.recover")(self._recover)

    def task_for(self, kind: JobKind) -> TaskWrapper:
        if kind.name not in self.tasks:

            def run(job_id: int, task: Task) -> None:
                self._run(kind, job_id, retries_left=task.retries)

            self.tasks[kind.name] = self.huey.task(
                retries=kind.retries,
                retry_delay=kind.retry_delay,
                retry_backoff=kind.backoff,
                timeout=kind.time_limit,
                context=True,
                name=f"job.{kind.name}",
            )(run)
        return self.tasks[kind.name]

    def register_all(self) -> None:
        """Every kind and schedule known now gets its task: a worker must know them all before
        it starts."""
        for kind in KINDS.values():
            self.task_for(kind)
        for schedule in SCHEDULES.values():
            if f"every.{schedule.name}" not in self.tasks:
                self.tasks[f"every.{schedule.name}"] = self.huey.periodic_task(
                    crontab(
                        minute=schedule.minute, hour=schedule.hour, day_of_week=schedule.day_of_week
                    ),
                    name=f"every.{schedule.name}",
                )(partial(self.run_scheduled, schedule))

    def run_scheduled(self, schedule: Schedule) -> None:
        """One run of a schedule, in its own transaction."""
        with self.app.app_context():
            try:
                schedule.run()
                db.session.commit()
            except Exception:
                db.session.rollback()
                log.exception("scheduled %s failed", schedule.name)
                raise

    def send(self, kind: str, job_id: int) -> None:
        self.task_for(KINDS[kind])(job_id)

    def recover(self) -> int:
        """Queue again the jobs whose worker died mid-run; returns how many."""
        with self.app.app_context():
            stalled = services.stalled_jobs()
            services.requeue(stalled)
            pending = db.session.info.setdefault(services.PENDING, [])
            pending += [(job.kind, job.id) for job in services.forgotten_jobs()]
            db.session.commit()
            return len(stalled)

    def _recover(self) -> None:
        self.recover()

    def _run(self, kind: JobKind, job_id: int, retries_left: int) -> None:
        with self.app.app_context():
            runner = services.runner_name(secrets.token_hex(4))
            job = services.claim_run(job_id, runner)
            db.session.commit()
            if job is None:
                return
            subject_id = job.subject_id

            def progress(percent: int, message: str) -> None:
                _report(job_id, runner, percent, message)

            try:
                kind.run(subject_id or 0, progress)
                _hold_before_commit()
                if not services.finish_run(job_id, runner):
                    db.session.rollback()
                    return
                db.session.commit()
            except Exception as exc:
                db.session.rollback()
                final = retries_left <= 0 or isinstance(exc, DomainError)
                detail = exc.message if isinstance(exc, DomainError) else _brief(exc)
                services.fail_run(job_id, runner, detail, final=final)
                db.session.commit()
                log.warning("job %s (%s) failed: %s", job_id, kind.name, detail)
                if not final:
                    raise


def _report(job_id: int, runner: str, percent: int, message: str) -> None:
    """Progress, committed on its own so pages see it while the job runs. Only between writes:
    on SQLite the job's own open write transaction would make this wait for itself."""
    session = db.session
    if session.new or session.dirty or session.deleted or session.info.get("flushed"):
        return
    session.rollback()
    with Session(db.engine) as own, own.begin():
        own.info["actor"] = None
        own.execute(
            update(Job)
            .where(Job.id == job_id, Job.runner == runner)
            .values(progress=max(0, min(100, percent)), message=message[:300])
        )


def _hold_before_commit() -> None:
    """Tests only: wait, with the job's writes flushed, until a file appears, so a test can
    kill the worker at exactly this point."""
    hold = current_app.config.get("JOBS_HOLD_BEFORE_COMMIT")
    if not hold:
        return
    db.session.flush()
    Path(hold + ".waiting").touch()
    while not Path(hold).exists():
        time.sleep(0.05)


def _brief(exc: BaseException) -> str:
    return "".join(traceback.format_exception_only(exc)).strip()


def _make_huey(app: Flask) -> Huey:
    name = app.config["JOBS_QUEUE_NAME"]
    immediate = bool(app.config.get("JOBS_IMMEDIATE"))
    if app.config.get("REDIS_URL"):
        return RedisHuey(name, url=app.config["REDIS_URL"], immediate=immediate, utc=True)
    path = app.config.get("JOBS_SQLITE_PATH") or str(Path(app.instance_path) / "jobs.sqlite")
    return SqliteHuey(name, filename=path, immediate=immediate, utc=True)


def queue_of(app: Flask) -> JobQueue:
    return app.extensions["factcheck.jobs"]


def init_app(app: Flask) -> None:
    """Give the app its queue, and send the jobs a transaction queued once it commits."""
    app.extensions["factcheck.jobs"] = JobQueue(app)
    factory = db.session.session_factory
    if not event.contains(factory, "after_commit", _send_pending):
        event.listen(factory, "after_commit", _send_pending)
        event.listen(factory, "after_rollback", _drop_pending)


def _send_pending(session: Session) -> None:
    pending = session.info.pop(services.PENDING, [])
    if pending:
        queue = queue_of(current_app._get_current_object())  # type: ignore[attr-defined]
        for kind, job_id in pending:
            queue.send(kind, job_id)


def _drop_pending(session: Session) -> None:
    session.info.pop(services.PENDING, None)

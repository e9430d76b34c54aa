"""Work done off the request path: a Huey queue (SQLite file by default, Redis when REDIS_URL
is set) running registered job kinds, each visible as a row in `jobs`.

A feature registers a kind once (`register("ingest", extract_article)`, or
`register("capture", plain(capture_source))` for a function of an id alone) and queues work
with `queue_job(kind, subject_id, actor)` inside its transaction; the job is sent to the
queue when that transaction commits. `every(name, function, minute=..., hour=...)` runs a
function on a schedule in the workers (a digest, overdue reminders); rows of jobs that ended
long ago are deleted nightly (upkeep.py).
"""

from __future__ import annotations

from . import upkeep  # noqa: F401  (registers the nightly pruning)
from .queue import init_app, queue_of
from .registry import JobFunction, JobKind, Progress, Schedule, every, plain, register
from .services import queue_job

__all__ = [
    "JobFunction",
    "JobKind",
    "Progress",
    "Schedule",
    "every",
    "init_app",
    "plain",
    "queue_job",
    "queue_of",
    "register",
]

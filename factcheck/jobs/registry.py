"""The kinds of job the queue knows: each a function of the job's subject id, registered once
at import time by the feature that owns it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


class Progress(Protocol):
    def __call__(self, percent: int, message: str) -> None: ...


# A job's work: (subject id, progress reporter). It writes through db.session and never
# commits: the runner commits its writes and the job's end in one transaction.
JobFunction = Callable[[int, Progress], None]


@dataclass(frozen=True)
class JobKind:
    name: str
    run: JobFunction
    # Seconds one attempt may take before it is stopped (process workers) and retried.
    time_limit: int = 300
    # Attempts after the first, each waiting `retry_delay` times `backoff` to the power of the
    # attempts before it.
    retries: int = 3
    retry_delay: int = 10
    backoff: float = 2.0
    label: str = ""


KINDS: dict[str, JobKind] = {}


def register(
    name: str,
    run: JobFunction,
    *,
    label: str = "",
    time_limit: int = 300,
    retries: int = 3,
    retry_delay: int = 10,
    backoff: float = 2.0,
) -> JobKind:
    """Make `run` the work of jobs of kind `name`; a second registration replaces the first."""
    kind = JobKind(name, run, time_limit, retries, retry_delay, backoff, label or name)
    KINDS[name] = kind
    return kind


def plain(function: Callable[[int], object]) -> JobFunction:
    """A job function from a service that takes only an id (and reports no progress)."""

    def run(subject_id: int, progress: Progress) -> None:
        function(subject_id)

    run.__name__ = getattr(function, "__name__", "run")
    return run


@dataclass(frozen=True)
class Schedule:
    """Work run by the workers on a schedule (crontab fields, UTC), such as a daily digest.
    `run()` writes through db.session; the runner commits, or rolls back if it raises."""

    name: str
    run: Callable[[], object]
    minute: str = "0"
    hour: str = "*"
    day_of_week: str = "*"


SCHEDULES: dict[str, Schedule] = {}


def every(
    name: str, run: Callable[[], object], *, minute: str = "0", hour: str = "*", day: str = "*"
) -> Schedule:
    """Run `run` on a schedule (`every("overdue", notify_overdue, minute="0", hour="7")`:
    07:00 UTC daily); a second registration of `name` replaces the first."""
    schedule = Schedule(name, run, minute, hour, day)
    SCHEDULES[name] = schedule
    return schedule

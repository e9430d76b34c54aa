"""Capturing a source's page and marking captures for (re)capture.

`capture_source(source_id)` is the unit of work the "capture_source" job runs: it takes an id,
fetches outside any write, and is idempotent (a done capture is left alone unless forced).
"""

from __future__ import annotations

import hashlib

from flask import current_app
from sqlalchemy import select

from ..audit import record
from ..extensions import db
from ..fetching import FetchError, article_from_page, fetch, settings_from
from ..jobs import plain, queue_job, register
from ..models import Capture, CaptureState, Job, Source, User
from ..models._types import utcnow
from .store import ObjectStore, store_from
from .warc import warc_of

CAPTURE_JOB = "capture_source"


def archive_store() -> ObjectStore:
    """The app's object store for captures (config: ARCHIVE_S3_BUCKET or ARCHIVE_DIR)."""
    store = current_app.extensions.get("factcheck.archive_store")
    if store is None:
        store = store_from(current_app.config, current_app.instance_path)
        current_app.extensions["factcheck.archive_store"] = store
    return store


def request_capture(source: Source, actor: User | None) -> Capture:
    """Mark `source` for capture (a pending row; a done capture stays as it is) and queue the
    job that captures it. Never raises.

    The job is queued here, in the transaction that adds the source, rather than by a receiver
    of an after-commit signal: the source, its pending capture and the job row then commit
    together or not at all, and the queue sends the job only once they are committed. A signal
    sent after the commit would need a second transaction, and a crash between the two would
    leave a capture "pending" with no job to run it."""
    capture = _capture_row(source)
    queue_job(CAPTURE_JOB, source.id, actor)
    return capture


def capture_new_source(source: Source, actor: User | None) -> Capture | None:
    """Queue the capture of a source just added, unless ARCHIVE_ON_ADD is off. Never raises."""
    if not current_app.config.get("ARCHIVE_ON_ADD", True):
        return None
    return request_capture(source, actor)


def capture_jobs(source_ids: list[int]) -> dict[int, Job]:
    """The latest capture job of each of these sources that has one. Never raises."""
    if not source_ids:
        return {}
    jobs = db.session.scalars(
        select(Job).where(Job.kind == CAPTURE_JOB, Job.subject_id.in_(source_ids)).order_by(Job.id)
    )
    return {job.subject_id: job for job in jobs if job.subject_id is not None}


def _capture_row(source: Source) -> Capture:
    capture = source.capture
    if capture is None:
        capture = Capture(source=source, state=CaptureState.PENDING, attempts=0)
        db.session.add(capture)
    db.session.flush()
    return capture


def retry_capture(source: Source, actor: User) -> Capture:
    """Ask for a new capture of `source` (after a failure, or to refresh it), queued as a job.
    Never raises."""
    capture = request_capture(source, actor)
    if not capture.is_done:
        capture.state = CaptureState.PENDING
    # A done copy stays shown (and, if an approval covered it, public) until a new one
    # replaces it: the job sees this request is newer than the copy and captures again.
    capture.error = None
    capture.requested_at = utcnow()
    record(
        "capture_requested",
        actor=actor,
        claim=source.claim,
        data={"source": source.id, "url": source.url},
    )
    db.session.flush()
    return capture


def capture_source(source_id: int, *, force: bool = False) -> Capture | None:
    """Fetch the source's page and store a WARC, its text and checksum; None if the source is
    gone. A done capture is kept unless `force` or a refresh was asked for after it was taken
    (`retry_capture`). Fetch failures end in state failed with the reason (a failed refresh
    keeps the copy we have), never in an exception; the caller commits."""
    source = db.session.get(Source, source_id)
    if source is None:
        return None
    capture = source.capture
    if capture is not None and capture.is_done and not (force or _refresh_asked(capture)):
        return capture
    url = source.url
    try:
        page = fetch(url, settings_from(current_app.config))
        text = article_from_page(page).text
    except FetchError as exc:
        capture = _capture_row(source)
        if not capture.is_done:  # a failed refresh keeps the copy we have
            capture.state = CaptureState.FAILED
        capture.error = exc.message[: Capture.ERROR_MAX]
        capture.attempts = (capture.attempts or 0) + 1
        db.session.flush()
        return capture
    warc = warc_of(page.exchange)
    digest = hashlib.sha256(warc).hexdigest()
    stem = f"captures/{source.id}/{digest[:20]}"
    store = archive_store()
    store.put(f"{stem}.warc.gz", warc, "application/warc")
    store.put(f"{stem}.txt", text.encode("utf-8"), "text/plain; charset=utf-8")
    capture = _capture_row(source)
    capture.state = CaptureState.DONE
    capture.error = None
    capture.attempts = (capture.attempts or 0) + 1
    capture.captured_at = utcnow()
    capture.final_url = page.final_url
    capture.content_type = page.content_type
    capture.warc_key = f"{stem}.warc.gz"
    capture.text_key = f"{stem}.txt"
    capture.sha256 = digest
    capture.size = len(warc)
    db.session.flush()
    return capture


def _refresh_asked(capture: Capture) -> bool:
    return capture.captured_at is not None and capture.requested_at > capture.captured_at


def run_capture(source_id: int, *, force: bool = False) -> Capture | None:
    """`capture_source` in its own transaction, for `flask capture-sources` (a job runs
    `capture_source`, and the job's runner commits)."""
    try:
        capture = capture_source(source_id, force=force)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return capture


# A fetch that fails (refused, unreachable, 404) is not an exception: the capture records the
# reason and the job ends. Anything else (the object store down) is retried with backoff.
register(
    CAPTURE_JOB,
    plain(capture_source),
    label="Archiving the source",
    time_limit=120,
    retries=3,
    retry_delay=30,
    backoff=2.0,
)

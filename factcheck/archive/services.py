"""Capturing a source's page and marking captures for (re)capture.

`capture_source(source_id)` is the unit of work a job runs: it takes an id, fetches outside
any write, and is idempotent (a done capture is left alone unless forced).
"""

from __future__ import annotations

import hashlib

from blinker import Namespace
from flask import current_app

from ..audit import record
from ..extensions import db
from ..fetching import FetchError, article_from_page, fetch, settings_from
from ..models import Capture, CaptureState, Source, User
from ..models._types import utcnow
from .store import ObjectStore, store_from
from .warc import warc_of

# Sent after the commit that asked for a capture (a source added, Retry pressed), with the
# source's id: the job queue connects a receiver that enqueues run_capture(source_id).
signals = Namespace()
capture_requested = signals.signal("capture-requested")


def announce_capture(source_id: int) -> None:
    """Tell whoever runs captures (the job queue) that `source_id` waits for one."""
    capture_requested.send(current_app._get_current_object(), source_id=source_id)  # type: ignore[attr-defined]


def archive_store() -> ObjectStore:
    """The app's object store for captures (config: ARCHIVE_S3_BUCKET or ARCHIVE_DIR)."""
    store = current_app.extensions.get("factcheck.archive_store")
    if store is None:
        store = store_from(current_app.config, current_app.instance_path)
        current_app.extensions["factcheck.archive_store"] = store
    return store


def request_capture(source: Source) -> Capture:
    """Mark `source` for capture (a pending row); a done capture stays as it is. Never raises."""
    capture = source.capture
    if capture is None:
        capture = Capture(source=source, state=CaptureState.PENDING, attempts=0)
        db.session.add(capture)
    db.session.flush()
    return capture


def retry_capture(source: Source, actor: User) -> Capture:
    """Ask for a new capture of `source` (after a failure, or to refresh it). Never raises."""
    capture = request_capture(source)
    capture.state = CaptureState.PENDING
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
    gone. A done capture is kept unless `force`. Fetch failures end in state failed with the
    reason, never in an exception; the caller commits."""
    source = db.session.get(Source, source_id)
    if source is None:
        return None
    capture = source.capture
    if capture is not None and capture.is_done and not force:
        return capture
    url = source.url
    try:
        page = fetch(url, settings_from(current_app.config))
        text = article_from_page(page).text
    except FetchError as exc:
        capture = request_capture(source)
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
    capture = request_capture(source)
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


def run_capture(source_id: int, *, force: bool = False) -> Capture | None:
    """`capture_source` in its own transaction: what a job (or `flask capture-sources`) calls."""
    try:
        capture = capture_source(source_id, force=force)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return capture

"""Importing other publishers' fact-checks: store each ClaimReview of a file or feed once,
update it when a later import changes it, and say what changed.

`import_reviews` is the one writer; the command, the admin page's job and any later caller go
through it. Its ImportResult lists the ids created, updated, unchanged and removed, and in the
same transaction matching is kept in step with them (indexing.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, fields

from flask import current_app
from sqlalchemy import select

from ..audit import record
from ..errors import ValidationError
from ..extensions import db
from ..fetching import FetchError, fetch, settings_from
from ..jobs import Progress, queue_job, register
from ..jobs.services import latest_job
from ..models import ClaimReviewImport, ImportedFactCheck, ImportKind, Job, User
from ..models._types import utcnow
from ..site.services import check_fetch_url
from .claimreview import Limits, Review, read_reviews
from .indexing import sync_imported

IMPORT_JOB = "import_claimreviews"
# What a feed's server may answer with: JSON, JSON-LD, or a page carrying JSON-LD blocks.
FEED_TYPES = (
    "application/json",
    "application/ld+json",
    "text/json",
    "text/plain",
    "text/html",
    "application/xhtml+xml",
)
_LOOKUP_CHUNK = 500
_REVIEW_FIELDS = tuple(f.name for f in fields(Review))


@dataclass
class ImportResult:
    """What an import did, by row id."""

    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)

    @property
    def changed(self) -> list[int]:
        """Rows whose content is new or different: what an index must (re)read."""
        return [*self.created, *self.updated]

    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.removed)} removed"
        )


def limits() -> Limits:
    config = current_app.config
    return Limits(config["IMPORT_MAX_BYTES"], config["IMPORT_MAX_REVIEWS"])


def review_key(review_url: str, claim_text: str) -> str:
    """A review's identity: its address and its claim (one page may rate several claims).
    Case and spacing of the claim do not count, so a re-import that only fixes them updates."""
    claim = " ".join(claim_text.split()).casefold()
    return hashlib.sha256(f"{review_url}\n{claim}".encode()).hexdigest()


def import_reviews(
    reviews: Sequence[Review], run: ClaimReviewImport, actor: User | None
) -> ImportResult:
    """Store `reviews` as imported fact-checks for `run` (created, updated or left as they
    are), mark removed those of the run's origin it lacks when the run prunes, put the created
    and updated ones in matching and take the removed ones out, record the counts on the run
    and an audit event. Flushes, never commits; never raises for content."""
    latest = {review_key(r.review_url, r.claim_text): r for r in reviews}  # the last wins
    existing = _existing(list(latest))
    result = ImportResult()
    now = utcnow()
    new_rows, updated_rows = [], []
    for key, review in latest.items():
        row = existing.get(key)
        if row is None:
            row = ImportedFactCheck(key=key, created_at=now, **_values(review))
            new_rows.append(row)
        elif _values(row) == _values(review) and row.removed_at is None:
            row.origin = run.origin
            result.unchanged.append(row.id)
            continue
        else:
            for name, value in _values(review).items():
                setattr(row, name, value)
            row.removed_at = None
            result.updated.append(row.id)
            updated_rows.append(row)
        row.origin, row.import_id, row.updated_at = run.origin, run.id, now
    db.session.add_all(new_rows)
    db.session.flush()
    result.created = [row.id for row in new_rows]
    if run.prune:
        result.removed = _remove_missing(run, set(latest), now)
    sync_imported(run.id, [*new_rows, *updated_rows], result.removed)
    _finish(run, result, actor)
    return result


def _values(source: Review | ImportedFactCheck) -> dict[str, object]:
    return {name: getattr(source, name) for name in _REVIEW_FIELDS}


def _existing(keys: list[str]) -> dict[str, ImportedFactCheck]:
    found: dict[str, ImportedFactCheck] = {}
    for start in range(0, len(keys), _LOOKUP_CHUNK):
        chunk = keys[start : start + _LOOKUP_CHUNK]
        for row in db.session.scalars(
            select(ImportedFactCheck).where(ImportedFactCheck.key.in_(chunk))
        ):
            found[row.key] = row
    return found


def _remove_missing(run: ClaimReviewImport, kept: set[str], now) -> list[int]:
    """Mark removed the rows last imported from the run's origin that it no longer has."""
    removed = []
    for row in db.session.scalars(
        select(ImportedFactCheck).where(
            ImportedFactCheck.origin == run.origin, ImportedFactCheck.removed_at.is_(None)
        )
    ):
        if row.key not in kept:
            row.removed_at, row.import_id, row.updated_at = now, run.id, now
            removed.append(row.id)
    return removed


def _finish(run: ClaimReviewImport, result: ImportResult, actor: User | None) -> None:
    run.created, run.updated = len(result.created), len(result.updated)
    run.unchanged, run.removed = len(result.unchanged), len(result.removed)
    run.finished_at = utcnow()
    run.payload = None  # read: the rows are the record now
    record(
        "claimreviews_imported",
        actor=actor,
        data={
            "import": run.id,
            "origin": run.origin,
            "created": run.created,
            "updated": run.updated,
            "unchanged": run.unchanged,
            "removed": run.removed,
        },
    )
    db.session.flush()


def import_file(
    data: bytes, origin: str, actor: User | None, *, prune: bool = False
) -> tuple[ClaimReviewImport, ImportResult]:
    """Read and import a file at once (the command line). Raises ValidationError, having
    written nothing, for a file that cannot be read whole."""
    reviews = read_reviews(data, limits())
    run = ClaimReviewImport(
        kind=ImportKind.COMMAND, origin=_origin(origin), prune=prune, created_by=actor
    )
    db.session.add(run)
    db.session.flush()
    return run, import_reviews(reviews, run, actor)


def request_file_import(
    data: bytes, filename: str, actor: User, *, prune: bool = False
) -> tuple[ClaimReviewImport, Job]:
    """Keep an uploaded file for an import job (queued when the transaction commits). The file
    is read now too, so a bad one is refused on the form. Raises ValidationError."""
    read_reviews(data, limits())
    run = ClaimReviewImport(
        kind=ImportKind.FILE,
        origin=_origin(filename or "upload"),
        payload=data,
        prune=prune,
        created_by=actor,
    )
    return run, _queued(run, actor)


def request_feed_import(
    url: str, actor: User, *, prune: bool = False
) -> tuple[ClaimReviewImport, Job]:
    """Queue the fetch and import of the feed at `url`. Raises ValidationError for an address
    that is not plain http(s) or points, as written, inside our network."""
    checked = check_fetch_url(url, "feed address", "Give the feed's address.")
    run = ClaimReviewImport(kind=ImportKind.FEED, origin=checked, prune=prune, created_by=actor)
    return run, _queued(run, actor)


def _origin(name: str) -> str:
    return name[: ClaimReviewImport.ORIGIN_MAX]


def _queued(run: ClaimReviewImport, actor: User) -> Job:
    db.session.add(run)
    db.session.flush()
    record(
        "claimreview_import_queued",
        actor=actor,
        data={"import": run.id, "kind": run.kind.value, "origin": run.origin},
    )
    return queue_job(IMPORT_JOB, run.id, actor)


def import_job(run: ClaimReviewImport) -> Job | None:
    """The latest job of an import."""
    return latest_job(IMPORT_JOB, run.id)


def run_import(import_id: int, progress: Progress) -> None:
    """The "import_claimreviews" job: read the run's file (or fetch its feed) and import it.
    Idempotent: a finished run is left alone. Raises ValidationError (the job fails for good,
    nothing written) for a feed that cannot be fetched or a file that cannot be read whole."""
    run = db.session.get(ClaimReviewImport, import_id)
    if run is None or run.finished_at is not None:
        return
    if run.kind == ImportKind.FEED:
        url = run.origin
        db.session.rollback()  # no transaction open while the feed is fetched
        progress(10, "Fetching the feed…")
        data = _fetched(url)
    else:
        data = run.payload or b""
    progress(40, "Reading the fact-checks…")
    reviews = read_reviews(data, limits())
    progress(60, f"Storing {len(reviews):,} fact-checks…")
    run = db.session.get(ClaimReviewImport, import_id)
    if run is None:
        return
    import_reviews(reviews, run, run.created_by)


def _fetched(url: str) -> bytes:
    settings = settings_from(
        current_app.config,
        max_bytes=current_app.config["IMPORT_MAX_BYTES"],
        content_types=FEED_TYPES,
    )
    try:
        return fetch(url, settings).body
    except FetchError as exc:
        raise ValidationError(exc.message) from exc


register(
    IMPORT_JOB,
    run_import,
    label="Importing fact-checks",
    time_limit=10 * 60,
    retries=2,
    retry_delay=30,
)

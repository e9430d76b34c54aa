"""Imported fact-checks in matching (issue 15): an imported row is a match document of kind
IMPORTED (ref_id = its id) exactly while it is not removed. import_reviews keeps them in step in
its own transaction; the embeddings, where the extra is installed, are computed by one job per
import, EMBED_CAP documents at a time."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, select

from ..db.sqlite import reading_only
from ..extensions import db
from ..jobs import Progress, queue_job, register
from ..matching import NewDocument, embed_documents, index_documents, remove_document
from ..matching.embedding import installed as embeddings_installed
from ..models import ImportedFactCheck, MatchDocument, MatchKind

EMBED_JOB = "embed_imported"
# Documents one embedding job computes; a follow-up job takes the rest. Small enough that the
# job's write transaction is short.
EMBED_CAP = 256
_BATCH = 500


def document_of(row: ImportedFactCheck) -> NewDocument:
    """What matching stores of an imported fact-check: the claim it rated, and its headline
    (else its rating's words) as the title."""
    return NewDocument(
        MatchKind.IMPORTED, row.id, row.claim_text, row.title or row.rating_text or ""
    )


def sync_imported(
    import_id: int, changed: Sequence[ImportedFactCheck], removed: Sequence[int]
) -> int:
    """Index the created and updated rows of an import, take the removed ones out of matching,
    and queue the import's embedding job when the extra is installed and a document lacks one;
    how many documents were indexed. Flushes, never commits; raises nothing."""
    docs = index_documents(db.session, [document_of(row) for row in changed])
    for ref_id in removed:
        remove_document(db.session, MatchKind.IMPORTED, ref_id)
    if embeddings_installed() and any(doc.embedding is None for doc in docs):
        queue_job(EMBED_JOB, import_id, None)
    return len(docs)


def embed_import(import_id: int, progress: Progress) -> None:
    """The "embed_imported" job: compute the missing embeddings of the fact-checks an import
    stored, EMBED_CAP of them, and queue the next job when more are left. Idempotent."""
    with reading_only(db.session):
        ids = db.session.scalars(
            select(MatchDocument.id)
            .join(ImportedFactCheck, _document_of_row())
            .where(ImportedFactCheck.import_id == import_id, MatchDocument.embedding.is_(None))
            .order_by(MatchDocument.id)
            .limit(EMBED_CAP + 1)
        ).all()
    if not ids:
        return
    progress(5, f"Embedding {min(len(ids), EMBED_CAP):,} fact-checks…")
    embedded = embed_documents(db.session, ids[:EMBED_CAP])
    if embedded and len(ids) > EMBED_CAP:
        queue_job(EMBED_JOB, import_id, None)


def _document_of_row():
    return and_(
        MatchDocument.kind == MatchKind.IMPORTED, MatchDocument.ref_id == ImportedFactCheck.id
    )


def reindex_imported() -> tuple[int, int]:
    """Index every imported fact-check not removed, in batches, and drop imported documents
    whose row is removed or gone; queue the embedding jobs of the imports that still lack
    some. (indexed, removed)."""
    indexed, last = 0, 0
    while True:
        rows = db.session.scalars(
            select(ImportedFactCheck)
            .where(ImportedFactCheck.removed_at.is_(None), ImportedFactCheck.id > last)
            .order_by(ImportedFactCheck.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            break
        indexed += len(index_documents(db.session, [document_of(row) for row in rows]))
        last = rows[-1].id
    stale = db.session.scalars(
        select(MatchDocument.ref_id)
        .outerjoin(ImportedFactCheck, _document_of_row())
        .where(
            MatchDocument.kind == MatchKind.IMPORTED,
            (ImportedFactCheck.id.is_(None)) | (ImportedFactCheck.removed_at.is_not(None)),
        )
    ).all()
    for ref_id in stale:
        remove_document(db.session, MatchKind.IMPORTED, ref_id)
    if embeddings_installed():
        for import_id in _imports_lacking_embeddings():
            queue_job(EMBED_JOB, import_id, None)
    return indexed, len(stale)


def _imports_lacking_embeddings() -> list[int]:
    return list(
        db.session.scalars(
            select(ImportedFactCheck.import_id)
            .join(MatchDocument, _document_of_row())
            .where(MatchDocument.embedding.is_(None), ImportedFactCheck.import_id.is_not(None))
            .distinct()
        )
    )


register(
    EMBED_JOB,
    embed_import,
    label="Embedding imported fact-checks for matching",
    time_limit=10 * 60,
    retries=2,
    retry_delay=30,
)

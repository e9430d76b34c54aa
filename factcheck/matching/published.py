"""Our own fact-checks in matching: a claim is a match document exactly while it is public
(workflow.PUBLIC_STATES), and its embedding is computed by a job after it is indexed."""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..jobs import plain, queue_job, register
from ..models import Claim, MatchDocument, MatchKind
from ..workflow import PUBLIC_STATES
from . import embedding, services

EMBED_JOB = "embed_match_document"


def sync_claim(claim: Claim) -> None:
    """Index `claim` as one of our fact-checks if it is public, else take it out of matching;
    queue its embedding when the extra is installed. Raises nothing."""
    if claim.state not in PUBLIC_STATES:
        services.remove_document(db.session, MatchKind.OURS, claim.id)
        return
    summary = claim.verdict.summary if claim.verdict is not None else ""
    doc = services.index_document(db.session, MatchKind.OURS, claim.id, claim.text, summary)
    if doc.embedding is None and embedding.installed():
        queue_job(EMBED_JOB, doc.id, None)


def embed_document(document_id: int) -> None:
    """The job: compute and store one match document's embedding (gone or done: nothing)."""
    services.embed_documents(db.session, [document_id])


def reindex_ours() -> tuple[int, int]:
    """Index every public claim and drop ours that are no longer public; (indexed, removed)."""
    public = list(db.session.scalars(select(Claim).where(Claim.state.in_(PUBLIC_STATES))))
    for claim in public:
        sync_claim(claim)
    keep = {c.id for c in public}
    stale = db.session.scalars(
        select(MatchDocument.ref_id).where(MatchDocument.kind == MatchKind.OURS)
    ).all()
    removed = [i for i in stale if i not in keep]
    for ref_id in removed:
        services.remove_document(db.session, MatchKind.OURS, ref_id)
    return len(public), len(removed)


register(EMBED_JOB, plain(embed_document), label="Embedding a fact-check for matching")

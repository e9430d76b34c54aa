"""flask reindex-matches: put every public fact-check of ours into matching (and take out the
withdrawn), then queue the embeddings still missing."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from ..extensions import db
from ..matching import embed_documents
from ..matching.published import reindex_ours


@click.command("reindex-matches")
@with_appcontext
@click.option("--embed", is_flag=True, help="Also compute missing embeddings now, in this process.")
def reindex_matches_command(embed: bool) -> None:
    """Re-index our published fact-checks for "already checked?" matching."""
    indexed, removed = reindex_ours()
    embedded = embed_documents(db.session) if embed else 0
    db.session.commit()
    click.echo(f"{indexed} fact-checks indexed, {removed} removed, {embedded} embedded.")

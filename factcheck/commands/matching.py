"""flask reindex-matches: put every public fact-check of ours and every imported one into
matching (and take out the withdrawn and removed), then queue the embeddings still missing.

flask rescore-candidates [--article ID]: score stored candidates again (check-worthiness and
their most likely earlier fact-check), in batches, each committed."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from ..articles.rescore import rescore_candidates
from ..extensions import db
from ..imports.indexing import reindex_imported
from ..matching import embed_documents
from ..matching.published import reindex_ours
from ..models import Article


@click.command("reindex-matches")
@with_appcontext
@click.option("--embed", is_flag=True, help="Also compute missing embeddings now, in this process.")
def reindex_matches_command(embed: bool) -> None:
    """Re-index our published fact-checks and the imported ones for "already checked?"."""
    indexed, removed = reindex_ours()
    imported, dropped = reindex_imported()
    embedded = embed_documents(db.session) if embed else 0
    db.session.commit()
    click.echo(
        f"{indexed} fact-checks indexed, {removed} removed; {imported} imported fact-checks "
        f"indexed, {dropped} removed; {embedded} embedded."
    )


@click.command("rescore-candidates")
@with_appcontext
@click.option("--article", "article_id", type=int, help="Only the candidates of this article.")
def rescore_candidates_command(article_id: int | None) -> None:
    """Score candidates again: check-worthiness, and the earlier fact-check each most likely
    repeats (what triage shows as "Checked before")."""
    if article_id is not None and db.session.get(Article, article_id) is None:
        raise click.ClickException(f"There is no article #{article_id}.")
    candidates = changed = checked = 0
    for batch in rescore_candidates(None, article_id):
        db.session.commit()
        candidates += batch.candidates
        changed += batch.scores_changed
        checked += batch.checked_before
        click.echo(f"{candidates:,} candidates rescored…")
    db.session.commit()
    click.echo(
        f"{candidates:,} candidates rescored: {changed:,} scores changed, "
        f"{checked:,} checked before."
    )

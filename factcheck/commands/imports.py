"""flask --app factcheck import-claimreviews PATH: other publishers' fact-checks from a file."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from ..errors import ValidationError
from ..extensions import db
from ..imports.services import import_file


@click.command("import-claimreviews")
@with_appcontext
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--prune",
    is_flag=True,
    help="Remove the fact-checks last imported from a file of this name that it no longer has.",
)
def import_claimreviews_command(path: Path, prune: bool) -> None:
    """Import the ClaimReviews of a JSON, JSON-LD or DataFeed file (again: updates them)."""
    limit = current_app.config["IMPORT_MAX_BYTES"]
    with path.open("rb") as file:
        data = file.read(limit + 1)  # one byte past the limit: refused by its size
    try:
        run, result = import_file(data, path.name, None, prune=prune)
    except ValidationError as exc:
        db.session.rollback()
        raise click.ClickException(exc.message) from None
    db.session.commit()
    click.echo(f"Import {run.id} of {path.name}: {result.summary()}.")

"""flask --app factcheck ingest FILE: an article from a file, its candidates extracted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..articles.services import decode_upload, ingest_article
from ..errors import ValidationError
from ..extensions import db
from ..site.services import check_http_url


@click.command("ingest")
@with_appcontext
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--title", default="")
@click.option("--url", default=None)
@click.option("--outlet", default=None)
@click.option("--author", default=None)
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Publication date, YYYY-MM-DD.",
)
def ingest_command(
    file: Path,
    title: str,
    url: str | None,
    outlet: str | None,
    author: str | None,
    published: dt.datetime | None,
) -> None:
    """Ingest an article from a .txt or .html file and extract its candidate claims."""

    try:
        text = decode_upload(file.read_bytes(), file.name)
        result = ingest_article(
            title=title,
            body=text,
            actor=None,
            outlet=outlet,
            url=check_http_url(url, "article URL"),
            author=author,
            published_on=published.date() if published else None,
        )
    except ValidationError as exc:
        raise click.ClickException(exc.message) from None
    db.session.commit()
    article = result.article
    if result.created:
        click.echo(
            f"Ingested article {article.id}: {article.title!r}, "
            f"{len(article.claims)} candidate claims."
        )
    else:
        click.echo(f"Already ingested as article {article.id}: {article.title!r}.")

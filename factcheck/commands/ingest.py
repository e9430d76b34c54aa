"""flask --app factcheck ingest FILE: an article from a file, its candidates extracted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..articles.services import ArticleDetails, fill_from_page, ingest_article, read_upload
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
        submission = read_upload(file.read_bytes(), file.name)
        typed = ArticleDetails(
            title=title,
            outlet=outlet,
            url=check_http_url(url, "article URL"),
            author=author,
            published_on=published.date() if published else None,
        )
        details, taken = fill_from_page(typed, submission.page)
        result = ingest_article(
            title=details.title or "",
            body=submission.text,
            actor=None,
            outlet=details.outlet,
            url=details.url,
            author=details.author,
            published_on=details.published_on,
            inline=True,  # no worker needed: the command waits for its own extraction
        )
    except ValidationError as exc:
        raise click.ClickException(exc.message) from None
    db.session.commit()
    article = result.article
    if submission.encoding:
        click.echo(f"Read as {submission.encoding}.")
    if taken:
        click.echo(f"From the page's metadata: {', '.join(taken)}.")
    if result.created:
        click.echo(
            f"Ingested article {article.id}: {article.title!r}, "
            f"{len(article.claims)} candidate claims."
        )
    else:
        click.echo(f"Already ingested as article {article.id}: {article.title!r}; unchanged.")
        if result.differences:
            click.echo(f"Differs from it: {', '.join(result.differences)} (edit it in the app).")

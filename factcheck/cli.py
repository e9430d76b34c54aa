"""flask --app factcheck <command>: init-db, create-user, ingest, demo."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext
from flask_migrate import upgrade

from .admin.services import ensure_defaults
from .errors import ValidationError
from .extensions import db
from .models import Role


def init_app(app: Flask) -> None:
    app.cli.add_command(init_db)
    app.cli.add_command(create_user_command)
    app.cli.add_command(ingest_command)
    app.cli.add_command(demo_command)
    from .backup import backup_command, restore_command

    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(seed_bulk_command)


def migrate_database() -> None:
    """Bring the schema to the newest migration and make sure the defaults exist."""
    upgrade()
    ensure_defaults()
    db.session.commit()


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or migrate the database to the newest schema."""
    migrate_database()
    click.echo(f"Database ready: {db.engine.url.render_as_string(hide_password=True)}")


@click.command("create-user")
@with_appcontext
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user_command(email: str, name: str, role: str, password_stdin: bool) -> None:
    """Create an account (the password comes from stdin or a hidden prompt, never argv)."""
    from .admin.services import create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(email=email, name=name, role=Role(role), password=password, actor=None)
    except ValidationError as exc:
        raise click.ClickException(exc.message) from None
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.name} <{user.email}>.")


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
    from .articles.services import decode_upload, ingest_article
    from .claims.services import check_http_url

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


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Load the demo article, claims in every state and one account per role (idempotent)."""
    from .demo import load_demo

    for line in load_demo():
        click.echo(line)


@click.command("seed-bulk")
@click.option("--articles", type=click.IntRange(1), default=1000, show_default=True)
@click.option("--claims-per-article", type=click.IntRange(1, 200), default=20, show_default=True)
@click.option(
    "--seed",
    type=int,
    default=1,
    show_default=True,
    help="Random seed: the same seed gives the same data.",
)
@with_appcontext
def seed_bulk_command(articles: int, claims_per_article: int, seed: int) -> None:
    """Generate synthetic load data: articles, claims in every state, sources, verdicts,
    users. For benchmarks and load tests, never for a real newsroom's database."""
    import time

    from .bulk import seed_bulk

    started = time.perf_counter()
    result = seed_bulk(articles, claims_per_article, seed, progress=click.echo)
    took = time.perf_counter() - started
    click.echo(
        f"Inserted {result['claims']:,} claims in {result['articles']:,} articles and "
        f"{result['users']} accounts in {took:.1f} s "
        f"({result['claims'] / max(took, 1e-9):,.0f} claims/s)."
    )
    click.echo(
        f"Synthetic accounts {result['emails']} share the password "
        f"{result['password']} (shown once)."
    )

"""flask --app factcheck create-user: an account from the command line."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from ..admin.services import create_user
from ..errors import ValidationError
from ..extensions import db
from ..models import Role


@click.command("create-user")
@with_appcontext
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user_command(email: str, name: str, role: str, password_stdin: bool) -> None:
    """Create an account (the password comes from stdin or a hidden prompt, never argv)."""

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

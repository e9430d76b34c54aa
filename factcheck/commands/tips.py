"""flask --app factcheck purge-tip-contacts: delete readers' contact details past their time
(the workers do the same nightly, tips/schedule.py)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from ..extensions import db
from ..tips.services import purge_contacts


@click.command("purge-tip-contacts")
@with_appcontext
@click.option(
    "--days",
    type=click.IntRange(min=0),
    default=None,
    help="Delete contacts of tips older than this many days (default: TIP_CONTACT_DAYS).",
)
def purge_tip_contacts_command(days: int | None) -> None:
    """Delete the contact details readers left with tips older than the kept period."""
    purged = purge_contacts(days)
    db.session.commit()
    click.echo(f"{purged} contact(s) deleted.")

"""flask --app factcheck notify-daily: the daily notification work, for cron until the job
queue runs the same functions on its own schedule."""

from __future__ import annotations

import datetime as dt

import click
from flask.cli import with_appcontext

from ..models._types import utc_today, utcnow
from ..notifications import tasks, webhooks


@click.command("notify-daily")
@with_appcontext
@click.option(
    "--day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day to remind for and to send digests up to (default: today, UTC).",
)
def notify_daily_command(day: dt.datetime | None) -> None:
    """Due-date reminders, the daily digests and retries of failed emails and webhooks. Safe to
    run twice: nothing is sent twice."""
    today = day.date() if day else utc_today()
    reminders = tasks.send_due_reminders(today)
    try:
        digests = tasks.send_digests(today)
    except tasks.DeliveryError as exc:
        raise click.ClickException(str(exc)) from None
    emails = tasks.retry_unsent_emails()
    hooks = webhooks.retry_webhooks(utcnow())
    click.echo(
        f"{reminders} reminder(s), {digests} digest(s), {emails} email(s) and {hooks} "
        "webhook(s) retried."
    )

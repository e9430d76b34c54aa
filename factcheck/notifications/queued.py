"""Notifications through the job queue: the job kinds that send, the daily and ten-minute
schedules, and the senders that queue a job for each email or webhook."""

from __future__ import annotations

from flask import Flask

from ..jobs import every, plain, queue_job, register
from ..models._types import utc_today, utcnow
from . import delivery, tasks, webhooks


def queue_email(notification_id: int) -> None:
    """Queue the email of a notification (sent when the transaction commits); nothing when no
    mail server is configured, where the job would only find that out."""
    if tasks.email_enabled():
        queue_job(tasks.EMAIL_JOB, notification_id, None)


def queue_webhook(delivery_id: int) -> None:
    """Queue a webhook delivery (sent when the transaction commits)."""
    queue_job(webhooks.WEBHOOK_JOB, delivery_id, None)


def digest_of_today(user_id: int) -> bool:
    """A person's digest up to the end of today (UTC), whenever its job runs."""
    return tasks.send_digest_of(user_id, utc_today())


def queue_retries() -> int:
    """Queue again the emails and webhooks whose delivery failed and may be tried again."""
    return tasks.queue_email_retries() + webhooks.queue_webhook_retries(utcnow())


def use_queue(app: Flask) -> None:
    """Send the app's emails and webhooks as jobs queued in the transaction that made them."""
    delivery.set_sender(app, "email", queue_email, in_transaction=True)
    delivery.set_sender(app, "webhook", queue_webhook, in_transaction=True)


# Delivery failures are recorded on their rows and retried by the ten-minute schedule, so the
# jobs' own retries are only for the unexpected (the database away for a moment).
register(
    tasks.EMAIL_JOB, plain(tasks.email_job), label="Sending an email", time_limit=60, retries=2
)
register(
    tasks.DIGEST_JOB, plain(digest_of_today), label="Sending a digest", time_limit=120, retries=2
)
register(
    webhooks.WEBHOOK_JOB,
    plain(webhooks.webhook_job),
    label="Delivering a webhook",
    time_limit=60,
    retries=2,
)
every("due-reminders", lambda: tasks.make_due_reminders(utc_today()), minute="0", hour="7")
every("digests", lambda: tasks.queue_digests(utc_today()), minute="5", hour="7")
every("delivery-retries", queue_retries, minute="*/10")

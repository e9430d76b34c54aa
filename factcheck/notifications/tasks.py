"""Sending notifications: each function takes ids or a date and can run again without doing
anything twice.

The job queue runs the cores, which never commit (the job commits): `send_email(id)` for a
"deliver_email" job, `send_digest_of(user_id, day)` for a "send_digest" job,
`make_due_reminders(today)` and `queue_digests(day)` on their daily schedules. A delivery that
fails is recorded on its row (attempts, last error) rather than raised, since a raise would roll
that record back; `queue_email_retries()` queues those again every ten minutes.

The committing versions (`deliver_email`, `send_digests`, `send_due_reminders`,
`retry_unsent_emails`) serve `flask notify-daily` and the tests.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

from flask import current_app
from flask_mailman import EmailMessage
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db, mail
from ..jobs import queue_job
from ..jobs.services import unfinished_subjects
from ..models import Channel, Claim, Notification, NotificationEvent, User
from ..models._types import utcnow
from ..site.services import current_site
from ..workflow import CHECKING_STATES
from . import delivery
from .links import desk_url
from .services import channel_for

log = logging.getLogger(__name__)

# Give up retrying an email after this many failed attempts (it stays listed in the desk).
MAX_ATTEMPTS = 5
EMAIL_JOB = "deliver_email"
DIGEST_JOB = "send_digest"


class DeliveryError(Exception):
    """Some emails of a digest could not be sent; they are kept for the next run."""


class EmailNotSent(Exception):
    """The mail backend refused an email; the failure is recorded on its notification."""


def email_enabled() -> bool:
    """True when an SMTP server (or another mail backend) is configured. Never raises."""
    config = current_app.config
    return bool(config.get("MAIL_SERVER") or config.get("MAIL_BACKEND"))


def send_email(notification_id: int) -> bool:
    """Send one notification's email unless it was sent already (or is not to be sent); True
    if sent now. Never commits. Raises EmailNotSent, from the mail backend's error, after
    recording the failure on the row."""
    notification = db.session.get(Notification, notification_id, with_for_update=True)
    if (
        notification is None
        or notification.sent_at is not None
        or notification.channel != Channel.EMAIL
        or not notification.user.active
        or not email_enabled()
    ):
        return False
    subject, body = compose(notification)
    try:
        _send(notification.user, subject, body)
    except Exception as exc:
        _failed([notification], exc)
        db.session.flush()
        raise EmailNotSent(str(exc)) from exc
    notification.sent_at = utcnow()
    db.session.flush()
    return True


def email_job(notification_id: int) -> bool:
    """The "deliver_email" job: `send_email`, a refused email recorded and not raised (the
    job's commit keeps the record; the ten-minute retries try it again)."""
    try:
        return send_email(notification_id)
    except EmailNotSent:
        return False


def deliver_email(notification_id: int) -> bool:
    """`send_email` in its own transaction; raises the mail backend's error after committing
    the failure."""
    try:
        sent = send_email(notification_id)
    except EmailNotSent as exc:
        db.session.commit()
        raise exc.__cause__ or exc from None
    db.session.commit()
    return sent


def unsent_email_ids() -> list[int]:
    """Emails a failure left unsent, with tries left. Never raises."""
    return list(
        db.session.scalars(
            select(Notification.id).where(
                Notification.channel == Channel.EMAIL,
                Notification.sent_at.is_(None),
                Notification.attempts.between(1, MAX_ATTEMPTS - 1),
            )
        )
    )


def retry_unsent_emails() -> int:
    """Try again every email a failure left unsent (fewer than MAX_ATTEMPTS tries); returns
    how many went out. Logs failures, never raises."""
    sent = 0
    for notification_id in unsent_email_ids():
        try:
            sent += deliver_email(notification_id)
        except Exception:
            log.exception("notification %s: email retry failed", notification_id)
    return sent


def queue_email_retries() -> int:
    """Queue a "deliver_email" job for each email to try again that has none waiting; returns
    how many. Never commits or raises."""
    ids = unsent_email_ids()
    waiting = unfinished_subjects(EMAIL_JOB, ids)
    fresh = [i for i in ids if i not in waiting]
    for notification_id in fresh:
        queue_job(EMAIL_JOB, notification_id, None)
    return len(fresh)


def _digest_rows(day: dt.date, user_id: int | None = None) -> list[Notification]:
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    query = select(Notification).where(
        Notification.channel == Channel.DIGEST,
        Notification.sent_at.is_(None),
        Notification.created_at < end,
    )
    if user_id is not None:
        query = query.where(Notification.user_id == user_id)
    order = (Notification.user_id, Notification.created_at, Notification.id)
    return list(db.session.scalars(query.order_by(*order)))


def _send_digest(user: User, day: dt.date, items: list[Notification]) -> bool:
    """One person's digest of `items`: sent and marked, or the failure recorded; never
    commits or raises."""
    subject, body = compose_digest(user, day, items)
    try:
        _send(user, subject, body)
    except Exception as exc:
        _failed(items, exc)
        return False
    now = utcnow()
    for item in items:
        item.sent_at = now
    return True


def send_digests(day: dt.date) -> int:
    """Email each person their digest notifications made up to the end of `day` and not yet
    sent, one email each; returns how many emails. Raises DeliveryError when some failed
    (those stay unsent for the next run; the others are stored as sent)."""
    if not email_enabled():
        return 0
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for row in _digest_rows(day):
        by_user[row.user_id].append(row)
    sent, failed = 0, 0
    for items in by_user.values():
        user = items[0].user
        if not user.active:
            continue
        if _send_digest(user, day, items):
            sent += 1
        else:
            failed += 1
        db.session.commit()  # each person's digest stands on its own
    if failed:
        raise DeliveryError(f"{failed} digest email(s) could not be sent; kept for a retry.")
    return sent


def send_digest_of(user_id: int, day: dt.date) -> bool:
    """The "send_digest" job's work: one person's digest up to the end of `day`; True if sent.
    A refused email is recorded on its notifications (the next day's digest tries again).
    Never commits or raises."""
    if not email_enabled():
        return False
    items = _digest_rows(day, user_id)
    if not items or not items[0].user.active:
        return False
    return _send_digest(items[0].user, day, items)


def queue_digests(day: dt.date) -> int:
    """Queue a "send_digest" job for each person with a digest to send up to `day`; returns
    how many. Never commits or raises."""
    if not email_enabled():
        return 0
    users = sorted({row.user_id for row in _digest_rows(day)})
    for user_id in users:
        queue_job(DIGEST_JOB, user_id, None)
    return len(users)


def make_due_reminders(today: dt.date) -> int:
    """Remind assignees of claims due tomorrow or overdue, once per claim and day; returns how
    many notifications were made. Their emails go once the transaction commits. Never commits
    or raises."""
    tomorrow = today + dt.timedelta(days=1)
    claims = db.session.scalars(
        select(Claim)
        .where(
            Claim.state.in_(CHECKING_STATES),
            Claim.assignee_id.is_not(None),
            or_(Claim.due_on < today, Claim.due_on == tomorrow),
        )
        .order_by(Claim.id)
    ).all()
    made = 0
    for claim in claims:
        # Nothing on the day itself: the day before said "tomorrow", the day after "overdue".
        soon = claim.due_on == tomorrow
        event = NotificationEvent.DUE_TOMORROW if soon else NotificationEvent.OVERDUE
        made += _remind(claim, event, today)
    return made


def send_due_reminders(today: dt.date) -> int:
    """`make_due_reminders` in its own transaction, its emails sent after the commit. Never
    raises."""
    made = make_due_reminders(today)
    db.session.commit()
    delivery.send_ready()
    return made


def _remind(claim: Claim, event: NotificationEvent, today: dt.date) -> int:
    user = claim.assignee
    if user is None or not user.active:
        return 0
    already = db.session.scalar(
        select(Notification.id).where(
            Notification.user_id == user.id,
            Notification.claim_id == claim.id,
            Notification.event == event,
            Notification.reminder_on == today,
        )
    )
    channel = channel_for(user, event)
    if already is not None or channel == Channel.OFF:
        return 0
    notification = Notification(
        user=user, event=event, claim=claim, channel=channel, reminder_on=today
    )
    try:
        # The unique constraint settles a race with another worker running the same day.
        with db.session.begin_nested():
            db.session.add(notification)
    except IntegrityError:
        return 0
    if channel == Channel.EMAIL:
        delivery.after_commit_send("email", [notification.id])
    return 1


def _send(user: User, subject: str, body: str) -> None:
    config = current_app.config
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=config["MAIL_FROM"],
        to=[user.email],
        connection=mail.get_connection(),
    )
    message.send(fail_silently=False)


def _failed(items: list[Notification], exc: Exception) -> None:
    # The exception's class and text, never the settings: no password reaches the row or log.
    reason = f"{type(exc).__name__}: {exc}"[: Notification.ERROR_MAX]
    for item in items:
        item.attempts += 1
        item.last_error = reason
    log.warning("email to user %s not sent: %s", items[0].user_id, type(exc).__name__)


# --- what the emails say ----------------------------------------------------------------

_SENTENCES = {
    NotificationEvent.ASSIGNED: "{actor} assigned a claim to you.",
    NotificationEvent.RETURNED: "{actor} returned your verdict with a note.",
    NotificationEvent.SUBMITTED: "{actor} submitted a verdict for review.",
    NotificationEvent.APPROVED: "{actor} approved the verdict.",
    NotificationEvent.PUBLISHED: "{actor} published the fact-check.",
    NotificationEvent.DUE_TOMORROW: "A claim assigned to you is due tomorrow ({due}).",
    NotificationEvent.OVERDUE: "A claim assigned to you was due on {due} and is overdue.",
}


def describe(notification: Notification) -> str:
    """One sentence saying what happened, for the desk's list and the emails."""
    claim = notification.claim
    return _SENTENCES[notification.event].format(
        actor=notification.actor.name if notification.actor else "Someone",
        due=claim.due_on.strftime("%-d %b %Y") if claim.due_on else "",
    )


def _item(notification: Notification) -> list[str]:
    claim = notification.claim
    lines = [
        describe(notification),
        f"Claim #{claim.id}: “{_shorten(claim.text)}”",
    ]
    if notification.note:
        lines += ["", "Note:", notification.note]
    lines += ["", "Open it: " + desk_url("claims.detail", claim_id=claim.id)]
    return lines


def compose(notification: Notification) -> tuple[str, str]:
    """Subject and plain-text body of one notification's email."""
    subject = f"[{current_site().name}] {notification.event.label}: claim #{notification.claim_id}"
    lines = [f"Hello {notification.user.name},", "", *_item(notification), *_footer()]
    return subject, "\n".join(lines) + "\n"


def compose_digest(user: User, day: dt.date, items: list[Notification]) -> tuple[str, str]:
    """Subject and plain-text body of `user`'s digest of `items`."""
    count = f"{len(items)} notification{'s' if len(items) != 1 else ''}"
    subject = f"[{current_site().name}] Your digest for {day.strftime('%-d %b %Y')}: {count}"
    lines = [f"Hello {user.name},", "", f"{count} since your last digest:"]
    for notification in items:
        lines += ["", f"— {notification.event.label}", *_item(notification)]
    return subject, "\n".join([*lines, *_footer()]) + "\n"


def _footer() -> list[str]:
    return [
        "",
        "-- ",
        "You get this email because of your notification settings: "
        + desk_url("notifications.settings"),
    ]


def _shorten(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

"""Notifications made, read and chosen: the one seam the workflow calls, `notify(...)`.

Like every service, these add to the session and leave the commit to the caller; emails wait
for that commit (delivery.py), so a rolled-back action mails nobody.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from sqlalchemy import CursorResult, select, update

from ..extensions import db
from ..models import (
    DEFAULT_CHANNELS,
    Channel,
    Claim,
    Notification,
    NotificationEvent,
    NotificationPreference,
    Role,
    User,
)
from ..models._types import utcnow
from . import delivery, webhooks


def notify(
    event: NotificationEvent,
    claim: Claim,
    actor: User | None,
    recipients: Iterable[User | None],
    note: str | None = None,
) -> list[Notification]:
    """Tell each active recipient but the actor, as each one chose for `event` (and the
    webhooks, of a publication); never raises."""
    if event == NotificationEvent.PUBLISHED:
        webhooks.queue_published(claim)
    made: list[Notification] = []
    seen: set[int] = set()
    for user in recipients:
        if user is None or user.id in seen or not user.active:
            continue
        seen.add(user.id)
        if actor is not None and user.id == actor.id:
            continue  # nobody is told about what they did themselves
        channel = channel_for(user, event)
        if channel == Channel.OFF:
            continue
        made.append(
            Notification(
                user=user, event=event, claim=claim, actor=actor, note=note, channel=channel
            )
        )
    if made:
        db.session.add_all(made)
        db.session.flush()
        delivery.after_commit_send("email", [n.id for n in made if n.channel == Channel.EMAIL])
    return made


def editors() -> list[User]:
    """Everyone who reviews verdicts: active editors and admins. Never raises."""
    return list(
        db.session.scalars(
            select(User)
            .where(User.active.is_(True), User.role.in_((Role.EDITOR, Role.ADMIN)))
            .order_by(User.id)
        )
    )


def preferences_of(user: User) -> dict[NotificationEvent, Channel]:
    """Every event with the channel `user` chose, or the default. Never raises."""
    chosen = dict(
        db.session.execute(
            select(NotificationPreference.event, NotificationPreference.channel).where(
                NotificationPreference.user_id == user.id
            )
        ).all()
    )
    return {event: chosen.get(event, DEFAULT_CHANNELS[event]) for event in NotificationEvent}


def channel_for(user: User, event: NotificationEvent) -> Channel:
    """How `user` wants to hear of `event`. Never raises."""
    chosen = db.session.get(NotificationPreference, (user.id, event))
    return chosen.channel if chosen is not None else DEFAULT_CHANNELS[event]


def set_preferences(user: User, choices: dict[NotificationEvent, Channel]) -> None:
    """Store `user`'s channel for each event given. Never raises."""
    for event, channel in choices.items():
        row = db.session.get(NotificationPreference, (user.id, event))
        if row is None:
            db.session.add(NotificationPreference(user_id=user.id, event=event, channel=channel))
        else:
            row.channel = channel


def mark_read(notification: Notification) -> None:
    """Mark one notification read (the view checked it is the reader's). Never raises."""
    if notification.read_at is None:
        notification.read_at = utcnow()


def mark_all_read(user: User) -> int:
    """Mark every unread notification of `user` read; returns how many. Never raises."""
    result = cast(
        CursorResult,
        db.session.execute(
            update(Notification)
            .where(Notification.user_id == user.id, Notification.read_at.is_(None))
            .values(read_at=utcnow())
            .execution_options(synchronize_session=False)
        ),
    )
    return result.rowcount or 0

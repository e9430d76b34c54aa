"""What the bell and the list read."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..db.pagination import Key, KeysetPage, keyset_page
from ..extensions import db
from ..models import Notification, User, Webhook, WebhookDelivery


def unread_count(user: User) -> int:
    """How many of `user`'s notifications are unread (served by ix_notifications_user_read)."""
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        )
        or 0
    )


def notifications_page(user: User, cursor: str | None, per_page: int) -> KeysetPage:
    """`user`'s notifications, newest first, with their claims and actors loaded."""
    query = (
        select(Notification)
        .where(Notification.user_id == user.id)
        .options(joinedload(Notification.claim), joinedload(Notification.actor))
    )
    return keyset_page(
        query, (Key(Notification.id, descending=True),), cursor, per_page, lambda n: (n.id,)
    )


def all_webhooks() -> list[Webhook]:
    return list(db.session.scalars(select(Webhook).order_by(Webhook.id)))


def recent_deliveries(limit: int = 20) -> list[WebhookDelivery]:
    """The latest webhook deliveries, newest first, with their hooks."""
    return list(
        db.session.scalars(
            select(WebhookDelivery)
            .options(joinedload(WebhookDelivery.webhook))
            .order_by(WebhookDelivery.id.desc())
            .limit(limit)
        )
    )

"""Notifications: what happened to a claim, for one person, and how each person wants to hear."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from ._types import UTCDateTime, str_enum, utcnow
from .claim import Claim
from .user import User


class NotificationEvent(StrEnum):
    ASSIGNED = "assigned"
    RETURNED = "returned"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    PUBLISHED = "published"
    DUE_TOMORROW = "due_tomorrow"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    NotificationEvent.ASSIGNED: "Assigned to you",
    NotificationEvent.RETURNED: "Verdict returned to you",
    NotificationEvent.SUBMITTED: "Submitted for review",
    NotificationEvent.APPROVED: "Verdict approved",
    NotificationEvent.PUBLISHED: "Fact-check published",
    NotificationEvent.DUE_TOMORROW: "Due tomorrow",
    NotificationEvent.OVERDUE: "Overdue",
}


class Channel(StrEnum):
    """How a person hears of one kind of event. Every channel but OFF keeps the notification
    in the desk's list; EMAIL also mails it at once, DIGEST in the next daily digest."""

    IN_APP = "in_app"
    EMAIL = "email"
    DIGEST = "digest"
    OFF = "off"

    @property
    def label(self) -> str:
        return _CHANNEL_LABELS[self]


_CHANNEL_LABELS = {
    Channel.IN_APP: "In the desk only",
    Channel.EMAIL: "In the desk and by email at once",
    Channel.DIGEST: "In the desk and in a daily email digest",
    Channel.OFF: "Off",
}


class Notification(Model):
    __tablename__ = "notifications"
    __table_args__ = (
        # One reminder per claim, person, kind and day; NULLs differ, so other events repeat.
        UniqueConstraint(
            "user_id", "claim_id", "event", "reminder_on", name="uq_notifications_once"
        ),
        # The bell's count of unread, and the list's newest-first pages.
        Index("ix_notifications_user_read", "user_id", "read_at"),
        Index("ix_notifications_user_id_id", "user_id", "id"),
    )
    NOTE_MAX = 10_000
    ERROR_MAX = 500

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    event: Mapped[NotificationEvent] = mapped_column(str_enum(NotificationEvent, "event"))
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)
    # The channel chosen when it was made: a later change of preference does not resend it.
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "channel"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # The day a due-date reminder is for; NULL for everything else.
    reminder_on: Mapped[dt.date | None] = mapped_column(Date)
    # When its email (or the digest that carried it) was sent: a retried job sends nothing.
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(ERROR_MAX))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    claim: Mapped[Claim] = relationship()


class NotificationPreference(Model):
    """A person's choice for one kind of event; without a row, DEFAULT_CHANNELS decides."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    event: Mapped[NotificationEvent] = mapped_column(
        str_enum(NotificationEvent, "event"), primary_key=True
    )
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "channel"))


# Sensible defaults: everything in the desk; what asks for work from you also by email.
DEFAULT_CHANNELS: dict[NotificationEvent, Channel] = dict.fromkeys(
    NotificationEvent, Channel.IN_APP
) | {NotificationEvent.ASSIGNED: Channel.EMAIL, NotificationEvent.RETURNED: Channel.EMAIL}


class Webhook(Model):
    """An outgoing webhook an admin configured: published fact-checks are POSTed to `url`,
    signed with `secret` (HMAC-SHA256) so the receiver can tell the request came from us."""

    __tablename__ = "webhooks"
    URL_MAX = 2000
    NAME_MAX = 120

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    url: Mapped[str] = mapped_column(String(URL_MAX))
    secret: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class WebhookDelivery(Model):
    """One POST of one event to one webhook, with its retry state. The body is fixed when the
    event happens, so every retry sends the same JSON (with a fresh timestamp and signature)."""

    __tablename__ = "webhook_deliveries"
    ERROR_MAX = 500

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(
        ForeignKey("webhooks.id", ondelete="CASCADE"), index=True
    )
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    # When a failed delivery may be tried again (exponential backoff); NULL once delivered.
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(ERROR_MAX))

    webhook: Mapped[Webhook] = relationship()

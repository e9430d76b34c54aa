"""Notifications: in the desk (a bell and a list), by email at once or in a daily digest.

The workflow calls one seam, `notify(event, claim, actor, recipients, note=None)`; tasks.py
holds what the job queue runs.
"""

from __future__ import annotations

from flask import Flask
from flask_login import current_user

from ..extensions import mail
from ..models import NotificationEvent
from . import delivery
from .services import editors, notify


def init_app(app: Flask) -> None:
    """Mail settings, the after-commit email hook and the default sender (at once, in-process)."""
    from .queries import unread_count
    from .tasks import deliver_email
    from .webhooks import deliver_webhook

    mail.init_app(app)
    delivery.init_app(app)
    delivery.set_sender(app, "email", deliver_email)
    delivery.set_sender(app, "webhook", deliver_webhook)
    # Called by the desk's header only, so public pages never pay for the count.
    app.jinja_env.globals["unread_notifications"] = lambda: unread_count(current_user)


__all__ = ["NotificationEvent", "editors", "init_app", "notify"]

"""Notifications: in the desk (a bell and a list), by email at once or in a daily digest.

The workflow calls one seam, `notify(event, claim, actor, recipients, note=None)`; tasks.py
and webhooks.py hold the sending, queued.py the job kinds and schedules that run it.
"""

from __future__ import annotations

from flask import Flask
from flask_login import current_user

from ..extensions import mail
from ..models import NotificationEvent
from . import delivery
from .services import editors, notify


def init_app(app: Flask) -> None:
    """Mail settings, the after-commit hook, and emails and webhooks sent as queued jobs."""
    from .queries import unread_count
    from .queued import use_queue

    mail.init_app(app)
    delivery.init_app(app)
    use_queue(app)
    # Called by the desk's header only, so public pages never pay for the count.
    app.jinja_env.globals["unread_notifications"] = lambda: unread_count(current_user)


__all__ = ["NotificationEvent", "editors", "init_app", "notify"]

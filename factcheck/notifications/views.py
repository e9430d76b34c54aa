"""The bell's list, marking read, and each person's notification settings."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request, url_for

from ..errors import ValidationError
from ..extensions import db
from ..models import Notification, Webhook
from ..permissions import can_manage_webhooks, can_read_notification, is_staff
from ..web.forms import ActionForm
from ..web.guard import actor, authorize, load
from ..web.respond import done
from . import queries, services, webhooks
from .forms import NotificationSettingsForm, WebhookForm
from .tasks import describe

bp = Blueprint("notifications", __name__)


@bp.get("/desk/notifications/")
def index():
    authorize(is_staff)
    page = queries.notifications_page(
        actor(), request.args.get("after"), current_app.config["PER_PAGE"]
    )
    return render_template(
        "notifications/index.html", page=page, describe=describe, form=ActionForm()
    )


@bp.post("/desk/notifications/<int:notification_id>/read")
def read(notification_id: int):
    notification = load(db.session.get(Notification, notification_id), can_read_notification)
    services.mark_read(notification)
    return done(None, url_for(".index"))


@bp.post("/desk/notifications/read-all")
def read_all():
    authorize(is_staff)
    count = services.mark_all_read(actor())
    return done(f"Marked {count} notification{'s' if count != 1 else ''} read.", url_for(".index"))


@bp.route("/desk/account/notifications", methods=["GET", "POST"])
def settings():
    authorize(is_staff)
    user = actor()
    form = NotificationSettingsForm()
    if form.validate_on_submit():
        services.set_preferences(user, form.choices())
        return done("Notification settings saved.", url_for(".settings"))
    if request.method == "GET":
        for event, channel in services.preferences_of(user).items():
            form[event.value].data = channel.value
    return render_template("notifications/settings.html", form=form)


@bp.route("/desk/admin/webhooks", methods=["GET", "POST"])
def webhook_list():
    authorize(can_manage_webhooks)
    form = WebhookForm()
    status = 200
    if form.validate_on_submit():
        try:
            hook = webhooks.add_webhook(form.name.data or "", form.url.data, actor())
        except ValidationError as exc:
            # A destination the SSRF guard refuses: said next to the address field.
            db.session.rollback()
            form.url.errors = [*form.url.errors, exc.message]
            status = 422
        else:
            return done(f"Webhook “{hook.name}” added.", url_for(".webhook_list"))
    page = render_template(
        "notifications/webhooks.html",
        form=form,
        hooks=queries.all_webhooks(),
        deliveries=queries.recent_deliveries(),
        signature_header=webhooks.SIGNATURE_HEADER,
        timestamp_header=webhooks.TIMESTAMP_HEADER,
    )
    return page, status


@bp.post("/desk/admin/webhooks/<int:webhook_id>/delete")
def webhook_delete(webhook_id: int):
    hook = load(db.session.get(Webhook, webhook_id), can_manage_webhooks)
    webhooks.delete_webhook(hook, actor())
    return done("Webhook removed.", url_for(".webhook_list"))

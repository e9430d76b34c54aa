"""The notification settings form: one choice of channel per kind of event."""

from __future__ import annotations

from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..models import Channel, NotificationEvent, Webhook
from ..web.forms import Form, http_url, options

CHANNEL_CHOICES = [(channel.value, channel.label) for channel in Channel]


class NotificationSettingsForm(Form):
    """Fields are named after the events (see below); each holds a Channel's value."""

    def choices(self) -> dict[NotificationEvent, Channel]:
        return {event: Channel(self[event.value].data) for event in NotificationEvent}


for _event in NotificationEvent:
    setattr(
        NotificationSettingsForm,
        _event.value,
        SelectField(_event.label, choices=options(CHANNEL_CHOICES), validators=[InputRequired()]),
    )


class WebhookForm(Form):
    name = StringField("Name", validators=[Optional(), Length(max=Webhook.NAME_MAX)])
    url = StringField(
        "Address",
        validators=[DataRequired(), Length(max=Webhook.URL_MAX), http_url],
        description="Published fact-checks are POSTed here as JSON (Slack-compatible).",
    )

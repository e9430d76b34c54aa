"""The notification settings form: one choice of channel per kind of event."""

from __future__ import annotations

from wtforms import SelectField
from wtforms.validators import InputRequired

from ..models import Channel, NotificationEvent
from ..web.forms import Form, options

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

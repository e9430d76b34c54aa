"""The public tip form and the desk's tip actions."""

from __future__ import annotations

from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..models import Tip
from ..web.forms import ActionForm, Form, http_url


class TipForm(Form):
    """What a reader sends. `website` is the honeypot: hidden from people (CSS and
    aria-hidden), left empty by them, filled in by bots that fill every field."""

    text = TextAreaField(
        "The claim you would like us to check",
        validators=[DataRequired("Write the claim."), Length(min=3, max=Tip.TEXT_MAX)],
    )
    seen_where = StringField(
        "Where did you see or hear it?",
        validators=[DataRequired("Say where you saw it."), Length(max=Tip.SEEN_MAX)],
        description="A website, a programme, a post, a leaflet…",
    )
    url = StringField(
        "Link (optional)",
        validators=[Optional(), Length(max=Tip.URL_MAX), http_url],
    )
    contact = StringField(
        "Your email or phone (optional)",
        validators=[Optional(), Length(max=Tip.CONTACT_MAX)],
        description="Only if we may ask you about it. Never published; deleted after a few weeks.",
    )
    website = StringField("Leave this empty", validators=[Optional()])


class DismissTipForm(ActionForm):
    note = StringField("Reason", validators=[Optional(), Length(max=500)])

from __future__ import annotations

from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..models import Speaker, SpeakerKind
from ..web.forms import Form, options


class SpeakerForm(Form):
    name = StringField("Name", validators=[DataRequired(), Length(max=Speaker.NAME_MAX)])
    kind = SelectField(
        "Person or organisation",
        choices=options((k.value, k.value.capitalize()) for k in SpeakerKind),
    )
    role = StringField(
        "Role",
        validators=[Optional(), Length(max=Speaker.NAME_MAX)],
        description="As readers should see it, e.g. “Pentagon spokesman”.",
    )


class MergeForm(Form):
    into = StringField(
        "Merge into the speaker named",
        validators=[DataRequired(), Length(max=Speaker.NAME_MAX)],
        description="The exact name of the other record; this one disappears.",
    )


class SplitSpeakerForm(Form):
    names = TextAreaField(
        "Split into",
        validators=[DataRequired(), Length(max=1500)],
        description="One name per line, e.g. the two people of “A and B”.",
        render_kw={"rows": 3},
    )

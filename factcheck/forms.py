"""Forms shared by several features."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional


class ActionForm(FlaskForm):
    """A bodiless form: a button that carries the CSRF token and the version it acts on."""

    version = IntegerField(validators=[Optional()], widget=HiddenField.widget)


class NoteActionForm(ActionForm):
    note = TextAreaField("Comment", validators=[DataRequired(), Length(max=10_000)])


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms select choices."""
    return [SelectChoice(value, label) for value, label in pairs]

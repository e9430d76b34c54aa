"""Form pieces every feature uses: the base form, the bodiless action form, select options,
URL checks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, IntegerField, PasswordField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..errors import ValidationError as DomainValidationError
from ..site.services import check_http_url
from .inputs import clean_text


def _clean_line(value: Any) -> Any:
    return clean_text(value, multiline=False) if isinstance(value, str) else value


def _clean_lines(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


class Form(FlaskForm):
    """The base of every form: each text field drops the characters XML cannot carry (see
    inputs.clean_text) before its validators run, so no form can store one."""

    class Meta(FlaskForm.Meta):
        def bind_field(self, form, unbound_field, options):
            kind = unbound_field.field_class
            # A password is compared, never shown: it is kept exactly as typed.
            if issubclass(kind, StringField) and not issubclass(kind, PasswordField):
                clean = _clean_lines if issubclass(kind, TextAreaField) else _clean_line
                options["filters"] = (*unbound_field.kwargs.get("filters", ()), clean)
            return super().bind_field(form, unbound_field, options)


class ActionForm(Form):
    """A bodiless form: a button that carries the CSRF token and the version it acts on."""

    version = IntegerField(validators=[Optional()], widget=HiddenField.widget)


class NoteActionForm(ActionForm):
    note = TextAreaField("Comment", validators=[DataRequired(), Length(max=10_000)])


class DismissForm(ActionForm):
    """Dismissing a claim (its page, or ticked in the article): the reason is optional."""

    REASON_MAX = 500

    note = StringField(
        "Reason",
        validators=[Optional(), Length(max=REASON_MAX)],
        description="Optional; kept in the claim's history.",
    )


def options(pairs: Iterable[tuple[Any, str]]) -> list[SelectChoice]:
    """(value, label) pairs as WTForms select choices."""
    return [SelectChoice(value, label) for value, label in pairs]


def http_url(form: FlaskForm, field: Field) -> None:
    """Only web addresses (site.services.check_http_url) are accepted: javascript:, data: and
    file: URLs are refused at the field, with the message next to it."""
    try:
        check_http_url(field.data, "address")
    except DomainValidationError as exc:
        raise ValidationError(exc.message) from None

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from ..forms import options
from ..models import Claim, Comment, Kind, Source, SourceKind, Verdict
from ..workflow import State


def http_url(form, field):
    """Only web addresses: javascript:, data: and file: URLs are refused."""
    value = (field.data or "").strip()
    if value and not value.lower().startswith(("http://", "https://")):
        raise ValidationError("Use a web address starting with http:// or https://.")


class SourceForm(FlaskForm):
    url = URLField("URL", validators=[DataRequired(), Length(max=Source.URL_MAX), http_url])
    title = StringField("Title", validators=[Optional(), Length(max=Source.TITLE_MAX)])
    publisher = StringField("Publisher", validators=[Optional(), Length(max=200)])
    kind = SelectField(
        "Type",
        choices=options((k.value, k.value.capitalize()) for k in SourceKind),
        default=SourceKind.OTHER.value,
    )
    excerpt = TextAreaField(
        "Quoted excerpt",
        validators=[Optional(), Length(max=Source.EXCERPT_MAX)],
        description="The passage that supports or refutes the claim.",
        render_kw={"rows": 3},
    )
    archive_url = URLField(
        "Archived copy URL",
        validators=[Optional(), Length(max=Source.URL_MAX), http_url],
        description="A snapshot that will not change, e.g. from a web archive.",
    )
    accessed_on = DateField("Accessed on", validators=[Optional()])


class VerdictForm(FlaskForm):
    rating_id = SelectField("Rating", coerce=int, validators=[Optional()])
    summary = StringField(
        "One-line public summary",
        validators=[Optional(), Length(max=Verdict.SUMMARY_MAX)],
        description=f"At most {Verdict.SUMMARY_MAX} characters; shown with the rating.",
    )
    rationale = TextAreaField(
        "Rationale",
        validators=[Optional(), Length(max=Verdict.RATIONALE_MAX)],
        description="The full reasoning, citing the sources.",
        render_kw={"rows": 10},
    )
    verdict_version = IntegerField(validators=[Optional()], widget=HiddenField.widget)


class CorrectionForm(VerdictForm):
    reason = TextAreaField(
        "Reason for the correction",
        validators=[DataRequired(), Length(max=5000)],
        description="Published with the correction.",
    )
    version = IntegerField(validators=[Optional()], widget=HiddenField.widget)


class TypoFixForm(FlaskForm):
    """Spelling and typing fixes to a published verdict; substance needs a CorrectionForm."""

    summary = StringField(
        "One-line public summary", validators=[DataRequired(), Length(max=Verdict.SUMMARY_MAX)]
    )
    rationale = TextAreaField(
        "Rationale",
        validators=[DataRequired(), Length(max=Verdict.RATIONALE_MAX)],
        render_kw={"rows": 8},
    )
    note = StringField(
        "What was fixed",
        validators=[Optional(), Length(max=500)],
        description="For the history; readers do not see it.",
    )
    version = IntegerField(validators=[Optional()], widget=HiddenField.widget)


class ClaimDetailsForm(FlaskForm):
    said_on = DateField(
        "Said on",
        validators=[Optional()],
        description="When the claim was made, if before the article reported "
        "it. Empty: the article's date.",
    )
    first_appearance_url = URLField(
        "First appeared at",
        validators=[Optional(), Length(max=Claim.URL_MAX), http_url],
        description="Where the claim was first made (a speech, a post), if known.",
    )
    version = IntegerField(validators=[Optional()], widget=HiddenField.widget)


class CommentForm(FlaskForm):
    body = TextAreaField(
        "Comment", validators=[DataRequired(), Length(max=Comment.BODY_MAX)], render_kw={"rows": 3}
    )


class AssignForm(FlaskForm):
    assignee_id = SelectField("Assign to", coerce=int, validators=[InputRequired()])
    due_on = DateField("Due", validators=[Optional()])
    version = IntegerField(validators=[Optional()], widget=HiddenField.widget)


class ClaimEditForm(FlaskForm):
    text = TextAreaField(
        "Claim wording",
        validators=[DataRequired(), Length(max=Claim.TEXT_MAX)],
        render_kw={"rows": 3},
    )
    kind = SelectField("Kind", choices=options((k.value, k.value.capitalize()) for k in Kind))
    version = IntegerField(validators=[Optional()], widget=HiddenField.widget)


class SplitForm(FlaskForm):
    at = IntegerField("Split before character", validators=[InputRequired()])


class DueForm(FlaskForm):
    due_on = DateField("Due", validators=[Optional()])


QUEUE_SORTS = {
    "score": "Check-worthiness",
    "age": "Oldest first",
    "newest": "Newest first",
    "due": "Due soonest (dated claims)",
}


class QueueFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form changes nothing

    q = StringField("Search", validators=[Optional(), Length(max=200)])
    state = SelectField(
        "State",
        choices=options(
            [("", "Open (not dismissed or published)"), ("all", "Any state")]
            + [(s.value, s.label.capitalize()) for s in State]
        ),
        validators=[Optional()],
    )
    kind = SelectField(
        "Kind",
        choices=options([("", "Any kind")] + [(k.value, k.value.capitalize()) for k in Kind]),
        validators=[Optional()],
    )
    speaker = StringField(
        "Speaker", validators=[Optional(), Length(max=200)], render_kw={"placeholder": "Name"}
    )
    assignee = SelectField("Assignee", coerce=str, validators=[Optional()])
    article = SelectField("Article", coerce=str, validators=[Optional()])
    due = SelectField(
        "Due",
        choices=options(
            [
                ("", "Any"),
                ("overdue", "Overdue"),
                ("week", "Due within 7 days"),
                ("none", "No due date"),
            ]
        ),
        validators=[Optional()],
    )
    sort = SelectField(
        "Sort", choices=options(QUEUE_SORTS.items()), default="score", validators=[Optional()]
    )

"""Forms of the queue and of the claim page, the checker's and the editor's alike."""

import datetime as dt
import re
from collections.abc import Mapping
from urllib.parse import urlencode

from werkzeug.exceptions import BadRequest
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..models import Claim, Comment, Kind, SavedFilter, Source, SourceKind, User, Verdict
from ..web.forms import ActionForm, Form, http_url, options
from ..web.inputs import as_id
from ..workflow import State
from .queries import QueueFilters


class SourceForm(Form):
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
        "External archive link",
        validators=[Optional(), Length(max=Source.URL_MAX), http_url],
        description="Optional: a copy in a web archive, if you made one. It is not checked; "
        "we store our own copy of the source's page when you add it.",
    )
    accessed_on = DateField("Accessed on", validators=[Optional()])


class VerdictForm(Form):
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
    text = TextAreaField(
        "The claim's wording",
        validators=[Optional(), Length(max=Claim.TEXT_MAX)],
        description="Change it only if the published wording itself was wrong.",
        render_kw={"rows": 3},
    )
    reason = TextAreaField(
        "Reason for the correction",
        validators=[DataRequired(), Length(max=5000)],
        description="Published with the correction.",
    )
    version = IntegerField(validators=[Optional()], widget=HiddenField.widget)


class TypoFixForm(Form):
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


class ClaimDetailsForm(Form):
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


class CommentForm(Form):
    body = TextAreaField(
        "Comment", validators=[DataRequired(), Length(max=Comment.BODY_MAX)], render_kw={"rows": 3}
    )


class AssignForm(Form):
    assignee_id = SelectField("Assign to", coerce=int, validators=[InputRequired()])
    due_on = DateField("Due", validators=[Optional()])
    version = IntegerField(validators=[Optional()], widget=HiddenField.widget)


class ClaimEditForm(Form):
    text = TextAreaField(
        "Claim wording",
        validators=[DataRequired(), Length(max=Claim.TEXT_MAX)],
        render_kw={"rows": 3},
    )
    kind = SelectField("Kind", choices=options((k.value, k.value.capitalize()) for k in Kind))
    version = IntegerField(validators=[Optional()], widget=HiddenField.widget)


class SpeakersForm(Form):
    names = TextAreaField(
        "Said by",
        validators=[Optional(), Length(max=1500)],
        description="One person or organisation per line; empty if nobody is quoted.",
        render_kw={"rows": 2},
    )
    version = IntegerField(validators=[Optional()], widget=HiddenField.widget)


class SplitForm(Form):
    at = IntegerField("Split before character", validators=[InputRequired()])


class DueForm(Form):
    due_on = DateField("Due", validators=[Optional()], description="Empty: no due date.")
    version = IntegerField(validators=[Optional()], widget=HiddenField.widget)


class ReturnForm(ActionForm):
    note = TextAreaField(
        "What needs to change",
        validators=[DataRequired(), Length(max=10_000)],
        render_kw={"rows": 3},
    )


class UnpublishForm(ActionForm):
    reason = TextAreaField(
        "Public reason for withdrawal",
        validators=[DataRequired(), Length(max=5000)],
        render_kw={"rows": 3},
    )


QUEUE_SORTS = {
    "score": "Check-worthiness",
    "age": "Oldest first",
    "newest": "Newest first",
    "due": "Due soonest (dated claims)",
}


class QueueFilterForm(Form):
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
    waiting = StringField(
        "In this state for at least",
        validators=[Optional(), Length(max=8)],
        render_kw={"placeholder": "2d or 12h"},
    )


# "waiting=2d": days (d) or hours (h) in the current state; at most ten years of either.
WAITING_PATTERN = re.compile(r"([0-9]{1,5})([dh])")
WAITING_MAX = dt.timedelta(days=3650)
# The queue's own arguments, all a saved filter keeps (paging is left out).
FILTER_ARGS = ("q", "state", "kind", "speaker", "assignee", "article", "due", "sort", "waiting")


def parse_waiting(value: str) -> dt.timedelta | None:
    """ "2d" or "12h" as a time; None for empty; raises BadRequest (400) for anything else."""
    if not value:
        return None
    match = WAITING_PATTERN.fullmatch(value)
    if match is None:
        raise BadRequest("waiting takes a number of days or hours, such as 2d or 12h.")
    number, unit = int(match.group(1)), match.group(2)
    waited = dt.timedelta(days=number) if unit == "d" else dt.timedelta(hours=number)
    if waited > WAITING_MAX:
        raise BadRequest("waiting is at most 3650 days.")
    return waited


def filter_query(args: Mapping[str, str]) -> str:
    """The queue's filters in `args` as a query string to save: known arguments with a value,
    in a fixed order."""
    pairs = [(name, (args.get(name) or "").strip()) for name in FILTER_ARGS]
    return urlencode([(name, value) for name, value in pairs if value])[: SavedFilter.QUERY_MAX]


class SavedFilterForm(Form):
    name = StringField(
        "Name this view", validators=[DataRequired(), Length(max=SavedFilter.NAME_MAX)]
    )
    query = HiddenField(validators=[Optional(), Length(max=SavedFilter.QUERY_MAX)])


BULK_ACTIONS = {
    "dismiss": "Dismiss",
    "release": "Return to queue",
    "due": "Set due date",
}


class BulkForm(Form):
    """The queue's bulk bar: an action for the ticked claims (their ids come as claim_id)."""

    action = SelectField(
        "With ticked claims", choices=options(BULK_ACTIONS.items()), validators=[DataRequired()]
    )
    due_on = DateField("Due date", validators=[Optional()], description="For “Set due date”.")


def queue_filters(args: Mapping[str, str], me: User) -> QueueFilters:
    """The queue's filters from a request's query arguments; anything unknown is no filter."""

    def arg(name: str) -> str:
        return (args.get(name) or "").strip()

    state, kind, speaker, assignee, due = (
        arg("state"),
        arg("kind"),
        arg("speaker"),
        arg("assignee"),
        arg("due"),
    )
    speaker_id = as_id(speaker)
    return QueueFilters(
        q=arg("q"),
        state=State(state) if state in State._value2member_map_ else None,
        all_states=state == "all",
        kind=Kind(kind) if kind in Kind._value2member_map_ else None,
        speaker_id=speaker_id,
        speaker_name="" if speaker_id else speaker,
        assignee_id=me.id if assignee == "me" else as_id(assignee),
        unassigned=assignee == "none",
        article_id=as_id(arg("article")),
        due=due if due in ("overdue", "week", "none") else "",  # type: ignore[arg-type]
        sort=arg("sort") or "score",
        waiting=parse_waiting(arg("waiting")),
    )

from flask_wtf.file import FileField
from wtforms import (
    DateField,
    DecimalField,
    Field,
    IntegerField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from ..models import Article
from ..web.forms import Form, http_url
from .services import latest_publication_date


def not_in_future(form: Form, field: Field) -> None:
    """A publication date no later than tomorrow in UTC (today somewhere east of UTC)."""
    if field.data and field.data > latest_publication_date():
        raise ValidationError(
            f"{field.data:%-d %b %Y} is in the future. Enter the date the article was published."
        )


class IngestForm(Form):
    title = StringField(
        "Headline",
        validators=[Optional(), Length(max=Article.TITLE_MAX)],
        description="Left empty, the page's own headline is used, else the article's first "
        "line that is not a breadcrumb, byline or photo caption.",
        render_kw={"autofocus": True},
    )
    outlet = StringField(
        "Outlet",
        validators=[Optional(), Length(max=Article.OUTLET_MAX)],
        description="Who published it, e.g. a newspaper or broadcaster.",
    )
    url = URLField("Article URL", validators=[Optional(), Length(max=Article.URL_MAX), http_url])
    author = StringField("Author", validators=[Optional(), Length(max=Article.AUTHOR_MAX)])
    published_on = DateField(
        "Published on",
        validators=[Optional(), not_in_future],
        description="Relative dates such as “last summer” are resolved against it.",
    )
    body = TextAreaField(
        "Article text",
        validators=[Optional()],
        description="Paste the text, or upload a file below.",
        render_kw={"rows": 14},
    )
    upload = FileField("…or upload a .txt or .html file")


class AddClaimForm(Form):
    start = IntegerField(validators=[InputRequired()])
    end = IntegerField(validators=[InputRequired()])


class ArticleMetaForm(Form):
    """The article's details as readers see them on every fact-check of it."""

    title = StringField("Headline", validators=[InputRequired(), Length(max=Article.TITLE_MAX)])
    outlet = StringField("Outlet", validators=[Optional(), Length(max=Article.OUTLET_MAX)])
    url = URLField("Article URL", validators=[Optional(), Length(max=Article.URL_MAX), http_url])
    author = StringField("Author", validators=[Optional(), Length(max=Article.AUTHOR_MAX)])
    published_on = DateField(
        "Published on",
        validators=[Optional()],
        description="Changing it resolves relative dates (“last July”) again.",
    )


class DismissBelowForm(Form):
    """Dismiss every candidate of an article scored below a threshold."""

    score = DecimalField(
        "Dismiss every candidate scored below",
        places=2,
        validators=[InputRequired(), NumberRange(min=0, max=1)],
        render_kw={"step": "0.05", "min": "0", "max": "1", "inputmode": "decimal"},
    )

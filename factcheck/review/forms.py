from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from ..forms import ActionForm


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

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from wtforms import (
    BooleanField,
    DecimalField,
    EmailField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from ..models import Rating, Role, Tone, User
from ..web.forms import Form, http_url, options
from ..web.inputs import as_id

ROLE_CHOICES = options((r.value, r.value.capitalize()) for r in Role)


@dataclass(frozen=True)
class AuditFilters:
    """The audit page's filters from its query arguments (the page and its export)."""

    scope: str
    action: str
    who: str

    @classmethod
    def of(cls, args: Mapping[str, str]) -> AuditFilters:
        return cls(
            scope=args.get("scope", "security"),
            action=(args.get("action") or "").strip()[:40],
            who=args.get("actor", ""),
        )

    @property
    def security_only(self) -> bool:
        return self.scope != "all"

    @property
    def actor_id(self) -> int | None:
        return as_id(self.who)


class UserCreateForm(Form):
    name = StringField("Name", validators=[DataRequired(), Length(max=User.NAME_MAX)])
    email = EmailField(
        "Email",
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=User.EMAIL_MAX)],
    )
    role = SelectField("Role", choices=ROLE_CHOICES, default=Role.CHECKER.value)
    password = PasswordField(
        "Initial password",
        validators=[DataRequired(), Length(min=User.PASSWORD_MIN, max=User.PASSWORD_MAX)],
        description="Give it to them privately; they can change it after signing in.",
        render_kw={"autocomplete": "new-password"},
    )


class UserEditForm(Form):
    name = StringField("Name", validators=[DataRequired(), Length(max=User.NAME_MAX)])
    role = SelectField("Role", choices=ROLE_CHOICES)
    active = BooleanField("Active (can sign in)")
    password = PasswordField(
        "New password",
        validators=[Optional(), Length(min=User.PASSWORD_MIN, max=User.PASSWORD_MAX)],
        description="Leave empty to keep the current password.",
        render_kw={"autocomplete": "new-password"},
    )


class RatingForm(Form):
    label = StringField("Label", validators=[DataRequired(), Length(max=Rating.LABEL_MAX)])
    value = IntegerField(
        "Numeric value",
        validators=[InputRequired(), NumberRange(-100, 100)],
        description="Higher is truer; used as ratingValue in ClaimReview.",
    )
    tone = SelectField(
        "Badge colour", choices=options((t.value, t.value.capitalize()) for t in Tone)
    )
    definition = TextAreaField(
        "Definition", validators=[DataRequired(), Length(max=2000)], render_kw={"rows": 3}
    )
    position = IntegerField("Order", validators=[Optional(), NumberRange(0, 1000)], default=0)
    active = BooleanField("Offered to checkers", default=True)


class SiteForm(Form):
    name = StringField("Organisation name", validators=[DataRequired(), Length(max=200)])
    url = URLField("Website", validators=[Optional(), Length(max=500), http_url])
    logo_url = URLField(
        "Logo URL",
        validators=[Optional(), Length(max=500), http_url],
        description="An image at least 112×112 pixels, served over https.",
    )
    methodology = TextAreaField(
        "Methodology",
        validators=[Optional(), Length(max=20_000)],
        description="How you choose and check claims; published with the rating scale.",
        render_kw={"rows": 8},
    )
    checkworthiness_threshold = DecimalField(
        "Pre-select candidates scored from",
        places=2,
        validators=[Optional(), NumberRange(min=0, max=1)],
        description="Triage ticks and lists first the candidates whose check-worthiness is at "
        "or above this score (0 to 1); the others are folded below it, never hidden. Left "
        "empty, it stays as it is.",
        render_kw={"step": "0.05", "min": "0", "max": "1", "inputmode": "decimal"},
    )

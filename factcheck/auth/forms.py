from wtforms import EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from ..models import SiteSettings, User
from ..web.forms import Form

PASSWORD_HINT = (
    f"{User.PASSWORD_MIN} to {User.PASSWORD_MAX} characters, not a commonly used "
    "password. A few unrelated words make a good one."
)


class LoginForm(Form):
    # No Email() validator here: a malformed address gets the same answer as a wrong password.
    email = EmailField(
        "Email",
        validators=[DataRequired(), Length(max=User.EMAIL_MAX)],
        render_kw={"autocomplete": "username", "autofocus": True},
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(max=User.PASSWORD_MAX)],
        render_kw={"autocomplete": "current-password"},
    )
    next = HiddenField()


class CodeForm(Form):
    code = StringField(
        "Code from your authenticator app",
        validators=[DataRequired(), Length(min=6, max=12)],
        render_kw={
            "autocomplete": "one-time-code",
            "inputmode": "numeric",
            "autofocus": True,
            "pattern": "[0-9 ]*",
        },
    )


class PasswordChangeForm(Form):
    current = PasswordField(
        "Current password",
        validators=[DataRequired(), Length(max=User.PASSWORD_MAX)],
        render_kw={"autocomplete": "current-password"},
    )
    password = PasswordField(
        "New password",
        validators=[DataRequired(), Length(min=User.PASSWORD_MIN, max=User.PASSWORD_MAX)],
        description=PASSWORD_HINT,
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        "Repeat the new password",
        validators=[DataRequired(), EqualTo("password", message="The passwords differ.")],
        render_kw={"autocomplete": "new-password"},
    )


class TwoFactorDisableForm(CodeForm):
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(max=User.PASSWORD_MAX)],
        render_kw={"autocomplete": "current-password"},
    )


class SetupForm(Form):
    org_name = StringField(
        "Organisation name",
        validators=[DataRequired(), Length(max=200)],
        description="Shown on your public fact-check pages.",
        render_kw={"autofocus": True},
    )
    org_url = StringField(
        "Organisation website",
        validators=[Length(max=500)],
        description="Optional, e.g. https://news.example.org",
    )
    name = StringField(
        "Your name",
        validators=[DataRequired(), Length(max=User.NAME_MAX)],
        render_kw={"autocomplete": "name"},
    )
    email = EmailField(
        "Your email",
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=User.EMAIL_MAX)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(min=User.PASSWORD_MIN, max=User.PASSWORD_MAX)],
        description=PASSWORD_HINT,
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        "Repeat password",
        validators=[DataRequired(), EqualTo("password", message="The passwords differ.")],
        render_kw={"autocomplete": "new-password"},
    )

    _site_limits = SiteSettings

from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from ..models import SiteSettings, User


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=User.EMAIL_MAX)],
                       render_kw={"autocomplete": "username", "autofocus": True})
    password = PasswordField("Password", validators=[DataRequired(),
                                                     Length(max=User.PASSWORD_MAX)],
                             render_kw={"autocomplete": "current-password"})
    next = HiddenField()

class SetupForm(FlaskForm):
    org_name = StringField("Organisation name", validators=[DataRequired(), Length(max=200)],
                           description="Shown on your public fact-check pages.",
                           render_kw={"autofocus": True})
    org_url = StringField("Organisation website", validators=[Length(max=500)],
                          description="Optional, e.g. https://news.example.org")
    name = StringField("Your name", validators=[DataRequired(), Length(max=User.NAME_MAX)],
                       render_kw={"autocomplete": "name"})
    email = EmailField("Your email", validators=[DataRequired(), Email(check_deliverability=False),
                                                 Length(max=User.EMAIL_MAX)],
                       render_kw={"autocomplete": "username"})
    password = PasswordField("Password", validators=[
        DataRequired(), Length(min=User.PASSWORD_MIN, max=User.PASSWORD_MAX)],
        description=f"{User.PASSWORD_MIN} to {User.PASSWORD_MAX} characters.",
        render_kw={"autocomplete": "new-password"})
    confirm = PasswordField("Repeat password", validators=[
        DataRequired(), EqualTo("password", message="The passwords differ.")],
        render_kw={"autocomplete": "new-password"})

    _site_limits = SiteSettings

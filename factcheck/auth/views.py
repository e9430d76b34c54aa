"""Sign-in (with an optional second factor), sign-out, one's own account and the one-time
setup of the first admin. Throttling of every password and code check: security/throttle.py."""

from __future__ import annotations

import time

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user

from ..admin.services import create_user
from ..errors import PermissionDenied, ValidationError
from ..extensions import db
from ..models import Role, User
from ..security import devices, sessions, totp
from ..site.services import check_http_url, claim_first_run, ensure_defaults, site_settings
from ..web.guard import actor, needs_setup, public
from ..web.inputs import safe_next
from ..web.respond import done, kept
from . import services
from .forms import CodeForm, LoginForm, PasswordChangeForm, SetupForm, TwoFactorDisableForm

bp = Blueprint("auth", __name__)

FAILED = "That email and password do not match an active account."
# How long a half-finished sign-in (password right, code not yet given) stays usable.
PENDING_SECONDS = 300


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")) or url_for("dashboard.index"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            flash(FAILED, "error")
            return kept((render_template("auth/login.html", form=form), 401))
        target = safe_next(form.next.data) or url_for("dashboard.index")
        if user.totp_secret:
            # A re-hashed password is kept even if the code never comes.
            return done(None, url_for(".verify"), after_commit=lambda: _await_code(user, target))
        services.complete_login(user)
        return devices.remember(done(None, target), user.email)
    return render_template("auth/login.html", form=form), 422 if form.errors else 200


def _await_code(user: User, target: str) -> None:
    """Remember, in a fresh session, who gave the right password and where they were going."""
    session.clear()
    session.update(
        {
            "_2fa_user": user.id,
            "_2fa_token": user.session_token,
            "_2fa_at": int(time.time()),
            "_2fa_next": target,
        }
    )


def _pending_user() -> User | None:
    """The user who gave the right password and still owes a code, if still in time."""
    user_id, started = session.get("_2fa_user"), session.get("_2fa_at")
    if (
        not isinstance(user_id, int)
        or not isinstance(started, int)
        or time.time() - started > PENDING_SECONDS
    ):
        return None
    user = db.session.get(User, user_id)
    if (
        user is None
        or not user.active
        or not user.totp_secret
        or user.session_token != session.get("_2fa_token")
    ):
        return None
    return user


@bp.route("/login/code", methods=["GET", "POST"])
@public
def verify():
    user = _pending_user()
    if user is None:
        session.clear()
        flash("Sign in again.", "info")
        return redirect(url_for(".login"))
    form = CodeForm()
    if form.validate_on_submit():
        try:
            verified = services.verify_second_factor(user, form.code.data)
        except totp.SecretUnreadable:
            form.code.errors = [*form.code.errors, services.UNREADABLE]
            return kept((render_template("auth/verify.html", form=form), 401))
        if verified:
            target = session.get("_2fa_next") or url_for("dashboard.index")
            services.complete_login(user, second_factor=True)
            response = done(None, safe_next(target) or url_for("dashboard.index"))
            return devices.remember(response, user.email)
        form.code.errors = [*form.code.errors, "That code is not right or was already used."]
        return kept((render_template("auth/verify.html", form=form), 401))
    return render_template("auth/verify.html", form=form), 422 if form.errors else 200


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        services.sign_out(actor())
    return done("You are signed out.", url_for("auth.login"), "info", after_commit=sessions.end)


def _restart_session(user: User) -> None:
    """After the token changed (password, two-factor): keep this browser signed in with the new
    token, without extending the session's absolute lifetime."""
    sessions.start(user, issued=session.get("_issued"))


@bp.route("/account", methods=["GET", "POST"])
def account():
    user = actor()
    form = PasswordChangeForm()
    status = 200
    if form.validate_on_submit():
        try:
            services.change_password(user, form.current.data, form.password.data)
        except PermissionDenied as exc:
            db.session.rollback()
            services.record_failure("password_change_failed", user)
            form.current.errors = [*form.current.errors, exc.message]
            return kept(_account_page(form, 401))
        except ValidationError as exc:
            db.session.rollback()
            form.password.errors = [*form.password.errors, exc.message]
            return _account_page(form, 422)
        return done(
            "Password changed. Your other sessions are signed out.",
            url_for(".account"),
            after_commit=lambda: _restart_session(user),
        )
    if form.errors:
        status = 422
    return _account_page(form, status)


def _account_page(form: PasswordChangeForm, status: int = 200, enrol: CodeForm | None = None):
    user = actor()
    secret = _pending_secret() if totp.may_enrol(user) else None
    if totp.may_enrol(user) and not user.totp_secret and not secret:
        secret = totp.new_secret()
        session["_totp_pending"] = totp.seal(secret)
    uri = (
        totp.provisioning_uri(secret, user, current_app.config.get("ORG_NAME") or "factcheck")
        if secret and not user.totp_secret
        else None
    )
    return render_template(
        "auth/account.html",
        form=form,
        user=user,
        secret=secret,
        uri=uri,
        enrol_form=enrol or CodeForm(),
        disable_form=TwoFactorDisableForm(),
        may_enrol=totp.may_enrol(user),
    ), status


def _pending_secret() -> str | None:
    """The secret offered for enrolment. Flask's session cookie is signed, not encrypted, so
    the secret travels in it sealed like a stored one (issue 13, finding 10d)."""
    sealed = session.get("_totp_pending")
    if not isinstance(sealed, str) or totp.is_plain(sealed):
        return None
    try:
        return totp.unseal(sealed)
    except totp.SecretUnreadable:
        return None


@bp.post("/account/two-factor")
def two_factor():
    user = actor()
    form = CodeForm()
    secret = _pending_secret()
    if not totp.may_enrol(user):
        abort(403)
    if user.totp_secret or not secret:
        return redirect(url_for(".account"))
    if not form.validate_on_submit():
        return _account_page(PasswordChangeForm(formdata=None), 422, enrol=form)
    try:
        services.enable_two_factor(user, secret, form.code.data)
    except ValidationError as exc:
        db.session.rollback()
        form.code.errors = [*form.code.errors, exc.message]
        return _account_page(PasswordChangeForm(formdata=None), 422, enrol=form)

    def restart() -> None:
        session.pop("_totp_pending", None)
        _restart_session(user)

    return done(
        "Two-factor sign-in is on. You will be asked for a code each time you sign in.",
        url_for(".account"),
        after_commit=restart,
    )


@bp.post("/account/two-factor/off")
def two_factor_off():
    user = actor()
    form = TwoFactorDisableForm()
    if not user.totp_secret:
        return redirect(url_for(".account"))
    if not form.validate_on_submit():
        flash("Give your password and a code to turn two-factor sign-in off.", "error")
        return redirect(url_for(".account"))
    try:
        services.disable_two_factor(user, form.password.data, form.code.data)
    except PermissionDenied as exc:
        db.session.rollback()
        services.record_failure("two_factor_disable_failed", user)
        flash(exc.message, "error")
        return kept(_account_page(PasswordChangeForm(formdata=None), 401))
    return done(
        "Two-factor sign-in is off.",
        url_for(".account"),
        after_commit=lambda: _restart_session(user),
    )


@bp.route("/setup", methods=["GET", "POST"])
@public
def setup():
    if not needs_setup():
        abort(404)
    form = SetupForm()
    if form.validate_on_submit():
        try:
            url = check_http_url(form.org_url.data, "organisation website")
            claim_first_run()
            ensure_defaults()
            settings = site_settings()
            settings.name, settings.url = form.org_name.data.strip(), url
            user = create_user(
                email=form.email.data,
                name=form.name.data,
                role=Role.ADMIN,
                password=form.password.data,
                actor=None,
            )
        except ValidationError as exc:
            db.session.rollback()
            flash(exc.message, "error")
            return render_template("auth/setup.html", form=form), 422
        return done(
            "Your newsroom is set up. Next: ingest an article or invite your team.",
            url_for("dashboard.index"),
            after_commit=lambda: sessions.start(user),
        )
    return render_template("auth/setup.html", form=form)

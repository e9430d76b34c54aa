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

from ..access import needs_setup, public, safe_next
from ..admin.services import create_user, ensure_defaults, site_settings
from ..authz import actor
from ..claims.services import check_http_url
from ..errors import PermissionDenied, ValidationError
from ..extensions import db
from ..models import Role, User
from ..security import sessions, totp
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
        return redirect(url_for("dashboard.index"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            db.session.commit()
            flash(FAILED, "error")
            return render_template("auth/login.html", form=form), 401
        target = safe_next(form.next.data) or url_for("dashboard.index")
        if user.totp_secret:
            db.session.commit()  # a re-hashed password is kept even if the code never comes
            session.clear()
            session.update(
                {
                    "_2fa_user": user.id,
                    "_2fa_token": user.session_token,
                    "_2fa_at": int(time.time()),
                    "_2fa_next": target,
                }
            )
            return redirect(url_for(".verify"))
        services.complete_login(user)
        db.session.commit()
        return redirect(target)
    return render_template("auth/login.html", form=form), 422 if form.errors else 200


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
            db.session.commit()
            form.code.errors = [*form.code.errors, services.UNREADABLE]
            return render_template("auth/verify.html", form=form), 401
        if verified:
            target = session.get("_2fa_next") or url_for("dashboard.index")
            services.complete_login(user, second_factor=True)
            db.session.commit()
            return redirect(safe_next(target) or url_for("dashboard.index"))
        db.session.commit()
        form.code.errors = [*form.code.errors, "That code is not right or was already used."]
        return render_template("auth/verify.html", form=form), 401
    return render_template("auth/verify.html", form=form), 422 if form.errors else 200


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        services.sign_out(actor())
        db.session.commit()
    sessions.end()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


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
            db.session.commit()
            form.current.errors = [*form.current.errors, exc.message]
            return _account_page(form, 401)
        except ValidationError as exc:
            db.session.rollback()
            form.password.errors = [*form.password.errors, exc.message]
            return _account_page(form, 422)
        db.session.commit()
        _restart_session(user)
        flash("Password changed. Your other sessions are signed out.", "success")
        return redirect(url_for(".account"))
    if form.errors:
        status = 422
    return _account_page(form, status)


def _account_page(form: PasswordChangeForm, status: int = 200, enrol: CodeForm | None = None):
    user = actor()
    secret = session.get("_totp_pending") if totp.may_enrol(user) else None
    if totp.may_enrol(user) and not user.totp_secret and not secret:
        secret = totp.new_secret()
        session["_totp_pending"] = secret
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


@bp.post("/account/two-factor")
def two_factor():
    user = actor()
    form = CodeForm()
    secret = session.get("_totp_pending")
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
    db.session.commit()
    session.pop("_totp_pending", None)
    _restart_session(user)
    flash(
        "Two-factor sign-in is on. You will be asked for a code each time you sign in.", "success"
    )
    return redirect(url_for(".account"))


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
        db.session.commit()
        flash(exc.message, "error")
        return _account_page(PasswordChangeForm(formdata=None), 401)
    db.session.commit()
    _restart_session(user)
    flash("Two-factor sign-in is off.", "success")
    return redirect(url_for(".account"))


@bp.route("/setup", methods=["GET", "POST"])
@public
def setup():
    if not needs_setup():
        abort(404)
    form = SetupForm()
    if form.validate_on_submit():
        try:
            url = check_http_url(form.org_url.data, "organisation website")
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
        db.session.commit()
        sessions.start(user)
        flash("Your newsroom is set up. Next: ingest an article or invite your team.", "success")
        return redirect(url_for("dashboard.index"))
    return render_template("auth/setup.html", form=form)

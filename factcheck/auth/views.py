"""Sign-in, sign-out and the one-time setup of the first admin."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user
from sqlalchemy import func, select

from ..access import needs_setup, public, safe_next
from ..admin.services import create_user, ensure_defaults, site_settings
from ..audit import record
from ..claims.services import check_http_url
from ..errors import ValidationError
from ..extensions import db
from ..models import Role, User
from ..models._types import utcnow
from .forms import LoginForm, SetupForm

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        user = db.session.scalar(select(User).where(func.lower(User.email) == email))
        if user is None or not user.check_password(form.password.data) or not user.active:
            record("login_failed", actor=None, data={"email": email[:User.EMAIL_MAX]})
            db.session.commit()
            flash("That email and password do not match an active account.", "error")
            return render_template("auth/login.html", form=form), 401
        login_user(user)
        user.last_login_at = utcnow()
        record("login", actor=user)
        db.session.commit()
        return redirect(safe_next(form.next.data) or url_for("dashboard.index"))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        record("logout", actor=current_user._get_current_object())
        db.session.commit()
    logout_user()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


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
            user = create_user(email=form.email.data, name=form.name.data, role=Role.ADMIN,
                               password=form.password.data, actor=None)
        except ValidationError as exc:
            db.session.rollback()
            flash(exc.message, "error")
            return render_template("auth/setup.html", form=form), 422
        db.session.commit()
        login_user(user)
        flash("Your newsroom is set up. Next: ingest an article or invite your team.", "success")
        return redirect(url_for("dashboard.index"))
    return render_template("auth/setup.html", form=form)

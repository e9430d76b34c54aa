"""Admin: people and roles, the rating scale, the organisation's public details."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..authz import actor, authorize
from ..errors import ValidationError
from ..extensions import db
from ..forms import ActionForm
from ..models import Event, Rating, Role, User
from ..params import is_digits
from ..permissions import can_manage_site, can_manage_users
from . import services
from .forms import RatingForm, SiteForm, UserCreateForm, UserEditForm

bp = Blueprint("admin", __name__, url_prefix="/desk/admin")


@bp.get("/")
def index():
    authorize(can_manage_users)
    return redirect(url_for(".users"))


@bp.route("/users", methods=["GET", "POST"])
def users():
    authorize(can_manage_users)
    form = UserCreateForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = services.create_user(
                email=form.email.data,
                name=form.name.data,
                role=Role(form.role.data),
                password=form.password.data,
                actor=actor(),
            )
        except ValidationError as exc:
            db.session.rollback()
            form.email.errors = [*form.email.errors, exc.message]
            status = 422
        else:
            db.session.commit()
            flash(f"Account created for {user.name}.", "success")
            return redirect(url_for(".users"))
    elif form.errors:
        status = 422
    people = db.session.scalars(select(User).order_by(User.active.desc(), User.name))
    return render_template("admin/users.html", form=form, users=list(people)), status


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def user(user_id: int):
    authorize(can_manage_users)
    person = db.get_or_404(User, user_id)
    form = UserEditForm(obj=person)
    if form.validate_on_submit():
        try:
            services.update_user(
                person,
                actor(),
                name=form.name.data,
                role=Role(form.role.data),
                active=form.active.data,
            )
            if form.password.data:
                services.set_password(person, actor(), form.password.data)
        except ValidationError as exc:
            db.session.rollback()
            flash(exc.message, "error")
            return render_template(
                "admin/user.html", form=form, person=person, two_factor_form=ActionForm()
            ), 422
        db.session.commit()
        flash(f"Saved {person.name}.", "success")
        return redirect(url_for(".users"))
    return render_template(
        "admin/user.html", form=form, person=person, two_factor_form=ActionForm()
    ), 422 if form.errors else 200


@bp.post("/users/<int:user_id>/two-factor/off")
def user_two_factor_off(user_id: int):
    authorize(can_manage_users)
    person = db.get_or_404(User, user_id)
    if ActionForm().validate_on_submit() and person.totp_secret:
        services.turn_off_two_factor(person, actor())
        db.session.commit()
        flash(
            f"Two-factor sign-in is off for {person.name}; they sign in with their password "
            "and can set it up again on their account page.",
            "success",
        )
    return redirect(url_for(".user", user_id=person.id))


@bp.route("/ratings", methods=["GET", "POST"])
@bp.route("/ratings/<int:rating_id>", methods=["GET", "POST"])
def ratings(rating_id: int | None = None):
    authorize(can_manage_site)
    rating = db.get_or_404(Rating, rating_id) if rating_id else None
    form = RatingForm(obj=rating)
    if form.validate_on_submit():
        try:
            services.save_rating(
                rating,
                actor(),
                label=form.label.data,
                value=form.value.data,
                tone=form.tone.data,
                definition=form.definition.data,
                position=form.position.data or 0,
                active=form.active.data,
            )
        except ValidationError as exc:
            db.session.rollback()
            form.label.errors = [*form.label.errors, exc.message]
        else:
            db.session.commit()
            flash("Rating saved.", "success")
            return redirect(url_for(".ratings"))
    return render_template(
        "admin/ratings.html",
        form=form,
        rating=rating,
        scale=services.rating_scale(active_only=False),
    ), 422 if form.errors else 200


@bp.route("/site", methods=["GET", "POST"])
def site():
    authorize(can_manage_site)
    settings = services.site_settings()
    form = SiteForm(obj=settings)
    if form.validate_on_submit():
        services.update_site(
            settings,
            actor(),
            name=form.name.data.strip(),
            url=form.url.data or None,
            logo_url=form.logo_url.data or None,
            methodology=form.methodology.data or "",
        )
        db.session.commit()
        flash("Organisation details saved.", "success")
        return redirect(url_for(".site"))
    return render_template("admin/site.html", form=form), 422 if form.errors else 200


# Events an admin reviews for security: sign-ins, accounts and roles, two-factor, and the
# editorial decisions that put words on the public site.
SECURITY_ACTIONS = (
    "login",
    "login_failed",
    "logout",
    "session_expired",
    "password_changed",
    "password_change_failed",
    "password_set",
    "password_rehashed",
    "two_factor_enabled",
    "two_factor_disabled",
    "two_factor_disable_failed",
    "two_factor_reset",
    "user_created",
    "user_updated",
    "site_updated",
    "rating_saved",
    "approve",
    "return",
    "reopen",
    "publish",
    "unpublish",
    "republish",
    "correct",
)


@bp.get("/audit")
def audit():
    authorize(can_manage_users)
    query = select(Event).options(joinedload(Event.actor)).order_by(Event.id.desc())
    scope = request.args.get("scope", "security")
    if scope != "all":
        query = query.where(Event.action.in_(SECURITY_ACTIONS))
    action = (request.args.get("action") or "").strip()[:40]
    if action:
        query = query.where(Event.action == action)
    who = request.args.get("actor", "")
    if is_digits(who):
        query = query.where(Event.actor_id == int(who))
    before = request.args.get("before", "")
    if is_digits(before):
        query = query.where(Event.id < int(before))
    size = current_app.config["PER_PAGE"]
    rows = list(db.session.scalars(query.limit(size + 1)))
    more = len(rows) > size
    events = rows[:size]
    people = db.session.scalars(select(User).order_by(User.name))
    return render_template(
        "admin/audit.html",
        events=events,
        scope=scope,
        action=action,
        who=who,
        people=list(people),
        actions=SECURITY_ACTIONS,
        next_before=events[-1].id if more else None,
    )

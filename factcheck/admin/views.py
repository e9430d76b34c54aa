"""Admin: people and roles, the rating scale, the organisation's public details."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from ..errors import ValidationError
from ..extensions import db
from ..models import Rating, Role, SiteSettings, User
from ..permissions import can_manage_site, can_manage_users
from ..site import services as site_services
from ..web.forms import ActionForm
from ..web.guard import actor, authorize
from ..web.respond import done
from . import queries, services
from .forms import AuditFilters, RatingForm, SiteForm, UserCreateForm, UserEditForm

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
            return done(f"Account created for {user.name}.", url_for(".users"))
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
        return done(f"Saved {person.name}.", url_for(".users"))
    return render_template(
        "admin/user.html", form=form, person=person, two_factor_form=ActionForm()
    ), 422 if form.errors else 200


@bp.post("/users/<int:user_id>/two-factor/off")
def user_two_factor_off(user_id: int):
    authorize(can_manage_users)
    person = db.get_or_404(User, user_id)
    back = url_for(".user", user_id=person.id)
    if not (ActionForm().validate_on_submit() and person.totp_secret):
        return redirect(back)
    services.turn_off_two_factor(person, actor())
    return done(
        f"Two-factor sign-in is off for {person.name}; they sign in with their password "
        "and can set it up again on their account page.",
        back,
    )


@bp.route("/ratings", methods=["GET", "POST"])
@bp.route("/ratings/<int:rating_id>", methods=["GET", "POST"])
def ratings(rating_id: int | None = None):
    authorize(can_manage_site)
    rating = db.get_or_404(Rating, rating_id) if rating_id else None
    form = RatingForm(obj=rating)
    if form.validate_on_submit():
        try:
            site_services.save_rating(
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
            return done("Rating saved.", url_for(".ratings"))
    return render_template(
        "admin/ratings.html",
        form=form,
        rating=rating,
        scale=site_services.rating_scale(active_only=False),
    ), 422 if form.errors else 200


@bp.route("/site", methods=["GET", "POST"])
def site():
    authorize(can_manage_site)
    settings = site_services.site_settings()
    form = SiteForm(obj=settings)
    if form.validate_on_submit():
        site_services.update_site(
            settings,
            actor(),
            name=form.name.data.strip(),
            url=form.url.data or None,
            logo_url=form.logo_url.data or None,
            methodology=form.methodology.data or "",
            checkworthiness_threshold=_threshold(form, settings),
        )
        return done("Settings saved.", url_for(".site"))
    return render_template("admin/site.html", form=form), 422 if form.errors else 200


def _threshold(form: SiteForm, settings: SiteSettings) -> float:
    """The threshold given, or the current one when the field was left empty."""
    given = form.checkworthiness_threshold.data
    return settings.checkworthiness_threshold if given is None else float(given)


@bp.get("/audit")
def audit():
    authorize(can_manage_users)
    f = AuditFilters.of(request.args)
    page = queries.audit_page(
        security_only=f.security_only,
        action=f.action,
        actor_id=f.actor_id,
        cursor=request.args.get("after"),
        per_page=current_app.config["PER_PAGE"],
    )
    return render_template(
        "admin/audit.html",
        page=page,
        scope=f.scope,
        action=f.action,
        who=f.who,
        people=queries.everyone(),
        actions=queries.SECURITY_ACTIONS,
    )

"""The desk's front page: my claims, counts per state, what has waited longest."""

from __future__ import annotations

from flask import Blueprint, Response, redirect, render_template, url_for
from flask_login import current_user

from ..claims import queries
from ..permissions import is_staff
from ..web.guard import actor, authorize, public

bp = Blueprint("dashboard", __name__)


@bp.get("/")
@public
def root():
    if current_user.is_authenticated:
        return redirect(url_for(".index"))
    return redirect(url_for("public.index"))


@bp.get("/desk/")
def index():
    authorize(is_staff)
    return render_template(
        "dashboard/index.html",
        mine=queries.my_claims(actor()),
        counts=queries.state_counts(),
        waiting=queries.oldest_waiting(),
    )


@bp.get("/desk/alive")
def alive():
    """Pinged by the desk's script while someone types, so a long rationale written without a
    click does not outlive the idle timeout (the session hook has just renewed "last seen")."""
    authorize(is_staff)
    return Response(status=204)

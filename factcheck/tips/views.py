"""Reader tips: the public form (/tips) and the desk's inbox (/desk/tips/)."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ..config import size_label
from ..errors import DomainError
from ..extensions import db
from ..models import Tip, TipState
from ..permissions import can_decide_tip, can_view_tips
from ..web.guard import actor, authorize, load, public
from ..web.inputs import page_number
from ..web.respond import done
from . import schedule, services  # noqa: F401  (schedule registers the nightly purge)
from .forms import DismissTipForm, TipForm
from .queries import counts, inbox_page

bp = Blueprint("tips", __name__)

# --- the public form -------------------------------------------------------------------------


@bp.url_value_preprocessor
def _cap_body(endpoint: str | None, values: dict | None) -> None:
    # URL preprocessors run before every before_request hook, the CSRF check (which reads the
    # form) included: the tip form's small cap must be set before anything reads the body.
    if endpoint == "tips.new":
        request.max_content_length = current_app.config["TIPS_MAX_BYTES"]
        request.max_form_memory_size = current_app.config["TIPS_MAX_BYTES"]


@bp.errorhandler(413)
def _too_large(exc) -> tuple[str, int]:
    return render_template(
        "tips/too_large.html", limit=size_label(current_app.config["TIPS_MAX_BYTES"])
    ), 413


def _no_store(response: Response) -> Response:
    # The form carries a CSRF token tied to the reader's session: never cached or shared.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/tips", methods=["GET", "POST"])
@public
def new():
    form = TipForm()
    if request.method == "POST" and form.website.data:
        # The honeypot was filled in: a bot. It gets the same answer as a person, and nothing
        # is stored, so it learns nothing from trying.
        return redirect(url_for(".thanks"))
    status = 200
    if form.validate_on_submit():
        services.submit_tip(
            text=form.text.data or "",
            seen_where=form.seen_where.data or "",
            url=form.url.data or None,
            contact=(form.contact.data or "").strip() or None,
        )
        return done(None, url_for(".thanks"))
    if request.method == "POST":
        status = 422
    page = render_template(
        "tips/new.html", form=form, contact_days=current_app.config["TIP_CONTACT_DAYS"]
    )
    return _no_store(Response(page, status=status, mimetype="text/html"))


@bp.get("/tips/thanks")
@public
def thanks():
    return render_template("tips/thanks.html")


# --- the desk's inbox ------------------------------------------------------------------------


@bp.get("/desk/tips/")
def inbox():
    authorize(can_view_tips)
    wanted = request.args.get("show", "open")
    state = TipState(wanted) if wanted in TipState._value2member_map_ else TipState.OPEN
    page = inbox_page(state, page_number(request.args), current_app.config["PER_PAGE"])
    return render_template(
        "tips/inbox.html",
        page=page,
        state=state,
        counts=counts(),
        form=DismissTipForm(),
    )


def _acted(tip_id: int, form: DismissTipForm) -> Tip | None:
    tip = load(db.session.get(Tip, tip_id), can_decide_tip)
    if not form.validate_on_submit():
        flash("The form expired; reload the page and try again.", "error")
        return None
    return tip


def _refused(exc: DomainError) -> Response:
    db.session.rollback()
    flash(exc.message, "error")
    return redirect(url_for(".inbox"))


@bp.post("/desk/tips/<int:tip_id>/convert")
def convert(tip_id: int):
    form = DismissTipForm()
    tip = _acted(tip_id, form)
    if tip is None:
        return redirect(url_for(".inbox"))
    try:
        claim = services.convert_tip(tip, actor())
    except DomainError as exc:
        return _refused(exc)
    return done(
        f"Tip #{tip_id} is now claim #{claim.id}, in the queue.",
        url_for("claims.detail", claim_id=claim.id),
    )


@bp.post("/desk/tips/<int:tip_id>/dismiss")
def dismiss(tip_id: int):
    form = DismissTipForm()
    tip = _acted(tip_id, form)
    if tip is None:
        return redirect(url_for(".inbox"))
    try:
        services.dismiss_tip(tip, actor(), form.note.data or None)
    except DomainError as exc:
        return _refused(exc)
    return done(f"Tip #{tip_id} dismissed.", url_for(".inbox"))


@bp.post("/desk/tips/<int:tip_id>/restore")
def restore(tip_id: int):
    form = DismissTipForm()
    tip = _acted(tip_id, form)
    if tip is None:
        return redirect(url_for(".inbox", show="dismissed"))
    try:
        services.restore_tip(tip, actor())
    except DomainError as exc:
        return _refused(exc)
    return done(f"Tip #{tip_id} is back in the inbox.", url_for(".inbox"))

"""Other publishers' fact-checks: the desk's list (all staff) and the import page (admins)."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request, url_for

from ..errors import ValidationError
from ..extensions import db
from ..jobs.views import label_of
from ..models import ClaimReviewImport
from ..permissions import can_import_factchecks, can_view_imported
from ..web.guard import actor, authorize, load
from ..web.inputs import page_number
from ..web.respond import done
from . import queries, services
from .forms import ImportForm

bp = Blueprint("imports", __name__)


@bp.get("/desk/imported/")
def index():
    authorize(can_view_imported)
    q = (request.args.get("q") or "").strip()[:200]
    page = queries.imported_page(q, page_number(request.args), current_app.config["PER_PAGE"])
    return render_template("imports/index.html", page=page, q=q)


@bp.get("/desk/imported/imports/<int:import_id>")
def detail(import_id: int):
    run = load(db.session.get(ClaimReviewImport, import_id), can_view_imported)
    job = services.import_job(run)
    return render_template(
        "imports/detail.html", run=run, job=job, job_label=label_of(job) if job else ""
    )


@bp.route("/desk/admin/imports", methods=["GET", "POST"])
def new():
    authorize(can_import_factchecks)
    form = ImportForm()
    if form.validate_on_submit():
        try:
            run = _requested(form)
        except ValidationError as exc:
            db.session.rollback()
            form.upload.errors = [*form.upload.errors, exc.message]
        else:
            return done(
                "Import queued: the fact-checks are stored in the background (progress below).",
                url_for(".detail", import_id=run.id),
            )
    return render_template(
        "imports/new.html", form=form, imports=queries.recent_imports()
    ), 422 if form.errors else 200


def _requested(form: ImportForm) -> ClaimReviewImport:
    """The import the form asks for: an uploaded file, or a feed's address (not both)."""
    upload = form.upload.data
    has_file = bool(upload and upload.filename)
    prune = bool(form.prune.data)
    if has_file and form.url.data:
        raise ValidationError("Upload a file or give a feed's address, not both.")
    if has_file:
        # One byte past the limit is enough for the reader to refuse it by its size.
        data = upload.read(current_app.config["IMPORT_MAX_BYTES"] + 1)
        run, _ = services.request_file_import(data, upload.filename, actor(), prune=prune)
        return run
    if form.url.data:
        run, _ = services.request_feed_import(form.url.data, actor(), prune=prune)
        return run
    raise ValidationError("Choose a ClaimReview file, or give a feed's address.")

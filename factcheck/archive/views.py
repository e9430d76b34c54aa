"""Our stored copies, served safely: the text in a sandboxed page with no scripts, the WARC
as a download; and the Retry button."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, url_for
from flask_login import current_user

from .. import permissions as perm
from ..extensions import db
from ..models import Source
from ..web.forms import ActionForm
from ..web.guard import actor, load, public
from ..web.respond import done
from . import services
from .store import StoredObjectMissing

bp = Blueprint("archive", __name__, url_prefix="/sources")

# The copy is someone else's page: nothing in it may run, load or be framed as ours.
SANDBOX = "sandbox; default-src 'none'; frame-ancestors 'none'"


def _viewable(source_id: int) -> Source:
    """The source if this person may see its copy; 404 otherwise (the public is not told
    that an unpublished source exists)."""
    source = db.session.get(Source, source_id)
    if source is None or not perm.can_view_capture(current_user, source):
        abort(404)
    return source


def _stored(key: str | None) -> bytes:
    try:
        return services.archive_store().get(key or "")
    except (StoredObjectMissing, ValueError):
        abort(404)


def _safe(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = SANDBOX
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.get("/<int:source_id>/copy")
@public
def copy(source_id: int):
    source = _viewable(source_id)
    capture = source.capture
    assert capture is not None  # can_view_capture checked it
    text = _stored(capture.text_key).decode("utf-8", errors="replace")
    page = render_template("archive/copy.html", source=source, capture=capture, text=text)
    return _safe(Response(page, mimetype="text/html"))


@bp.get("/<int:source_id>/copy.txt")
@public
def copy_text(source_id: int):
    source = _viewable(source_id)
    assert source.capture is not None
    body = _stored(source.capture.text_key)
    return _safe(Response(body, mimetype="text/plain", content_type="text/plain; charset=utf-8"))


@bp.get("/<int:source_id>/copy.warc.gz")
@public
def copy_warc(source_id: int):
    source = _viewable(source_id)
    assert source.capture is not None
    response = Response(_stored(source.capture.warc_key), mimetype="application/warc")
    response.headers["Content-Disposition"] = f'attachment; filename="source-{source.id}.warc.gz"'
    return _safe(response)


@bp.get("/<int:source_id>/capture")
def capture_state(source_id: int):
    """The source's capture line alone, as the claim page shows it: the page's script asks for
    it while the capture's job runs and puts it in place (static/js/jobs.js)."""
    source = load(db.session.get(Source, source_id), perm.can_view_source)
    line = render_template(
        "archive/capture_state.html", s=source, capture_jobs=services.capture_jobs([source.id])
    )
    response = Response(line, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/<int:source_id>/capture")
def retry(source_id: int):
    source = load(db.session.get(Source, source_id), perm.can_retry_capture)
    if not ActionForm().validate_on_submit():
        abort(400)
    services.retry_capture(source, actor())
    return done(
        "A new copy of the page was requested.",
        url_for("claims.detail", claim_id=source.claim_id, _anchor="sources"),
    )

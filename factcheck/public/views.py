"""Public pages readers see without signing in: only published fact-checks."""
from __future__ import annotations

import re
import unicodedata

from flask import Blueprint, abort, current_app, redirect, render_template, url_for
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..models import Claim, Event, Verdict
from ..workflow import PUBLIC_STATES, State

bp = Blueprint("public", __name__, url_prefix="/factchecks")


def slugify(text: str, limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "claim"


@bp.app_template_global()
def factcheck_url(claim: Claim, **kw) -> str:
    return url_for("public.factcheck", claim_id=claim.id, slug=slugify(claim.text), **kw)


@bp.get("/")
def index():
    page = db.paginate(
        select(Claim).where(Claim.state.in_(PUBLIC_STATES))
        .options(joinedload(Claim.article), joinedload(Claim.speaker),
                 joinedload(Claim.verdict).joinedload(Verdict.rating))
        .order_by(Claim.published_at.desc(), Claim.id.desc()),
        per_page=current_app.config["PER_PAGE"], error_out=False)
    return render_template("public/index.html", page=page)


@bp.get("/<int:claim_id>")
@bp.get("/<int:claim_id>-<slug>")
def factcheck(claim_id: int, slug: str | None = None):
    claim = db.session.scalar(
        select(Claim).where(Claim.id == claim_id)
        .options(joinedload(Claim.article), joinedload(Claim.speaker),
                 joinedload(Claim.verdict).joinedload(Verdict.rating),
                 selectinload(Claim.sources), selectinload(Claim.corrections)))
    if claim is None or claim.state not in (*PUBLIC_STATES, State.WITHDRAWN):
        abort(404)
    if claim.state == State.WITHDRAWN:
        reason = db.session.scalar(
            select(Event.note).where(Event.claim_id == claim.id, Event.action == "unpublish")
            .order_by(Event.id.desc()).limit(1))
        return render_template("public/withdrawn.html", claim=claim, reason=reason), 410
    if slug is not None and slug != slugify(claim.text):
        return redirect(factcheck_url(claim), 301)
    return render_template("public/factcheck.html", claim=claim, verdict=claim.verdict)

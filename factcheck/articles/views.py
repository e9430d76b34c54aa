"""Ingest articles, read them with their claims highlighted, and triage the candidates."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select

from ..authz import actor, authorize
from ..claims import services as claim_services
from ..errors import ValidationError
from ..extensions import db
from ..forms import ActionForm
from ..models import Article, Claim
from ..params import is_digits
from ..permissions import can_add_claim, can_edit_claim, can_ingest, is_staff
from ..search import articles_matching
from ..workflow import State
from . import services
from .forms import AddClaimForm, IngestForm

bp = Blueprint("articles", __name__, url_prefix="/desk/articles")

TRIAGE_ACTIONS = {"accept": claim_services.accept_claim, "dismiss": claim_services.dismiss_claim}


@bp.get("/")
def index():
    authorize(is_staff)
    q = (request.args.get("q") or "").strip()[:200]
    query = select(Article).order_by(Article.created_at.desc(), Article.id.desc())
    matching = articles_matching(q) if q else None
    if matching is not None:
        query = query.where(matching)
    page = db.paginate(query, per_page=current_app.config["PER_PAGE"], error_out=False)
    ids = [a.id for a in page.items]
    counts: dict[int, dict[str, int]] = {i: {} for i in ids}
    if ids:
        rows = db.session.execute(
            select(Claim.article_id, Claim.state, func.count())
            .where(Claim.article_id.in_(ids))
            .group_by(Claim.article_id, Claim.state)
        )
        for article_id, state, n in rows:
            counts[article_id][state.value] = n
    return render_template("articles/index.html", page=page, counts=counts, q=q)


@bp.route("/new", methods=["GET", "POST"])
def new():
    authorize(can_ingest)
    form = IngestForm()
    if form.validate_on_submit():
        try:
            body = _submitted_text(form)
            result = services.ingest_article(
                title=form.title.data or "",
                body=body,
                actor=actor(),
                outlet=form.outlet.data,
                url=form.url.data,
                author=form.author.data,
                published_on=form.published_on.data,
            )
        except ValidationError as exc:
            db.session.rollback()
            form.body.errors = [*form.body.errors, exc.message]
            return render_template("articles/new.html", form=form), 422
        db.session.commit()
        article = result.article
        if result.created:
            n = len(article.claims)
            flash(
                f"Article ingested: {n} candidate claim{'s' if n != 1 else ''} found. "
                "Accept the ones worth checking.",
                "success",
            )
        else:
            flash(
                f"This article was already ingested on {article.created_at:%-d %b %Y}; here it is.",
                "info",
            )
        return redirect(url_for(".detail", article_id=article.id))
    status = 422 if form.errors else 200
    return render_template("articles/new.html", form=form), status


def _submitted_text(form: IngestForm) -> str:
    upload = form.upload.data
    if upload and upload.filename:
        if form.body.data and form.body.data.strip():
            raise ValidationError("Paste the text or upload a file, not both.")
        return services.decode_upload(upload.read(), upload.filename)
    return services.reduce_pasted(form.body.data or "")


@bp.get("/<int:article_id>")
def detail(article_id: int):
    authorize(is_staff)
    article = db.get_or_404(Article, article_id)
    claims = article.claims
    visible = [c for c in claims if c.state != State.DISMISSED]
    return render_template(
        "articles/detail.html",
        article=article,
        claims=claims,
        segments=services.highlight_segments(article.body, visible),
        candidates=[c for c in claims if c.state == State.CANDIDATE],
        others=[c for c in claims if c.state != State.CANDIDATE],
        action_form=ActionForm(),
        add_form=AddClaimForm(),
    )


@bp.post("/<int:article_id>/claims")
def add_claim(article_id: int):
    authorize(can_add_claim)
    article = db.get_or_404(Article, article_id)
    form = AddClaimForm()
    if not form.validate_on_submit():
        flash("Select the claim's text in the article first.", "error")
        return redirect(url_for(".detail", article_id=article.id))
    claim = claim_services.add_claim(article, form.start.data, form.end.data, actor())
    db.session.commit()
    flash(f"Claim #{claim.id} added to the queue.", "success")
    return redirect(url_for(".detail", article_id=article.id, _anchor=f"claim-{claim.id}"))


@bp.post("/<int:article_id>/triage")
def triage(article_id: int):
    """Accept, dismiss or merge the candidates ticked in the article view."""
    article = db.get_or_404(Article, article_id)
    form = ActionForm()
    if not form.validate_on_submit():
        flash("The form expired; reload the page and try again.", "error")
        return redirect(url_for(".detail", article_id=article.id))
    action = request.form.get("action", "")
    ids = {int(i) for i in request.form.getlist("claim_id") if is_digits(i)}
    claims = [c for c in article.claims if c.id in ids]
    if not claims:
        flash("Tick one or more claims first.", "error")
        return redirect(url_for(".detail", article_id=article.id))
    if action == "merge":
        if len(claims) < 2:
            flash("Tick at least two claims to merge.", "error")
            return redirect(url_for(".detail", article_id=article.id))
        for claim in claims:
            authorize(can_edit_claim, claim)
        target, *rest = sorted(claims, key=lambda c: c.start)
        for other in rest:
            claim_services.merge_claims(target, other, actor())
        db.session.commit()
        flash(f"Merged {len(claims)} claims into #{target.id}.", "success")
        return redirect(url_for(".detail", article_id=article.id, _anchor=f"claim-{target.id}"))
    operation = TRIAGE_ACTIONS.get(action)
    if operation is None:
        flash("Unknown action.", "error")
        return redirect(url_for(".detail", article_id=article.id))
    from .. import permissions

    predicate = getattr(permissions, f"can_{action}")
    done = [c for c in claims if predicate(actor(), c)]
    for claim in done:
        operation(claim, actor())
    db.session.commit()
    skipped = len(claims) - len(done)
    verb = "accepted into the queue" if action == "accept" else "dismissed"
    flash(
        f"{len(done)} claim{'s' if len(done) != 1 else ''} {verb}"
        + (f"; {skipped} skipped (already moved on)." if skipped else "."),
        "success",
    )
    return redirect(url_for(".detail", article_id=article.id))

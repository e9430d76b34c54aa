"""Ingest articles, read them with their claims highlighted, and triage the candidates."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from markupsafe import Markup

from ..claims import services as claim_services
from ..claims.services import ClaimOperation
from ..claims.spans import highlight_segments
from ..errors import DomainError, ValidationError
from ..extensions import db
from ..jobs.views import label_of
from ..matching.suggestions import checked_before
from ..models import Article, ArticleFetch, Claim
from ..permissions import (
    Predicate,
    can_accept,
    can_add_claim,
    can_delete_article,
    can_dismiss,
    can_dismiss_below,
    can_edit_article,
    can_edit_claim,
    can_ingest,
    can_view_article,
    can_view_article_fetch,
    is_staff,
)
from ..revisions import settle
from ..site.services import site_settings
from ..web.forms import DismissForm
from ..web.guard import actor, authorize, load
from ..web.inputs import is_digits, page_number
from ..web.respond import done
from ..workflow import State
from . import from_url, queries, services
from .forms import AddClaimForm, ArticleMetaForm, DismissBelowForm, IngestForm
from .near_duplicates import near_duplicates

bp = Blueprint("articles", __name__, url_prefix="/desk/articles")

# action -> (who may, what it does, what the message says happened)
TRIAGE_ACTIONS: dict[str, tuple[Predicate, ClaimOperation, str]] = {
    "accept": (can_accept, claim_services.accept_claim, "accepted into the queue"),
    "dismiss": (can_dismiss, claim_services.dismiss_claim, "dismissed"),
}


@bp.get("/")
def index():
    authorize(is_staff)
    q = (request.args.get("q") or "").strip()[:200]
    page = queries.articles_page(q, page_number(request.args), current_app.config["PER_PAGE"])
    counts = queries.claim_counts([a.id for a in page.items])
    return render_template("articles/index.html", page=page, counts=counts, q=q)


@bp.route("/new", methods=["GET", "POST"])
def new():
    authorize(can_ingest)
    form = IngestForm()
    if form.validate_on_submit() and _address_only(form):
        return _ingest_by_address(form)
    if form.validate_on_submit():
        try:
            submission = _submitted(form)
            typed = services.ArticleDetails(
                title=form.title.data,
                outlet=form.outlet.data,
                url=form.url.data,
                author=form.author.data,
                published_on=form.published_on.data,
            )
            details, taken = services.fill_from_page(typed, submission.page)
            result = services.ingest_article(
                title=details.title or "",
                body=submission.text,
                actor=actor(),
                outlet=details.outlet,
                url=details.url,
                author=details.author,
                published_on=details.published_on,
            )
        except ValidationError as exc:
            db.session.rollback()
            form.body.errors = [*form.body.errors, exc.message]
            return render_template("articles/new.html", form=form), 422
        to = url_for(".detail", article_id=result.article.id)
        if not result.created:
            return done(_duplicate_message(result, to), to, "info")
        return done(_ingested_message(result, submission, taken), to)
    status = 422 if form.errors else 200
    return render_template("articles/new.html", form=form), status


def _address_only(form: IngestForm) -> bool:
    """Only the article's address given, no text or file: the page is fetched for us."""
    upload = form.upload.data
    return bool(
        form.url.data and not (form.body.data or "").strip() and not (upload and upload.filename)
    )


def _ingest_by_address(form: IngestForm):
    typed = [form.title.data, form.outlet.data, form.author.data, form.published_on.data]
    try:
        if any(typed):
            raise ValidationError(
                "To fetch the article from its address, give the address alone: its page "
                "supplies the headline, outlet, author and date. To give them yourself, paste "
                "the text too."
            )
        request_, _ = from_url.request_url_ingest(form.url.data, actor())
    except ValidationError as exc:
        db.session.rollback()
        form.url.errors = [*form.url.errors, exc.message]
        return render_template("articles/new.html", form=form), 422
    return done(
        "Address received: the article is fetched in the background.",
        url_for(".fetch", fetch_id=request_.id),
    )


@bp.get("/fetches/<int:fetch_id>")
def fetch(fetch_id: int):
    request_ = load(db.session.get(ArticleFetch, fetch_id), can_view_article_fetch)
    if request_.article_id is not None:
        return redirect(url_for(".detail", article_id=request_.article_id))
    job = from_url.fetch_job(request_)
    return render_template(
        "articles/fetch.html", fetch=request_, job=job, job_label=label_of(job) if job else ""
    )


def _submitted(form: IngestForm) -> services.Submission:
    upload = form.upload.data
    if upload and upload.filename:
        if form.body.data and form.body.data.strip():
            raise ValidationError("Paste the text or upload a file, not both.")
        return services.read_upload(upload.read(), upload.filename)
    return services.read_pasted(form.body.data or "")


def _ingested_message(
    result: services.IngestResult, submission: services.Submission, taken: list[str]
) -> str:
    """What was found, and every guess made for the person: the encoding, the details taken
    from the page's metadata, a headline taken from the text."""
    n = result.candidates
    if result.job is not None:
        parts = ["Article stored; its claims are being found in the background (progress below)."]
    else:
        parts = [f"Article ingested: {n} candidate claim{'s' if n != 1 else ''} found."]
    if submission.encoding:
        parts.append(f"Read as {submission.encoding}.")
    if taken:
        parts.append(f"From the page's metadata: {', '.join(taken)}.")
    if result.title_from_text:
        parts.append("Headline taken from the article's text.")
    if result.job is None:
        parts.append("Accept the ones worth checking.")
    return " ".join(parts)


def _duplicate_message(result: services.IngestResult, to: str) -> Markup:
    """The article already here, by its headline; details given now that differ are not
    applied, and the person is told where to change them."""
    article = result.article
    message = Markup(
        "This article was already ingested on {:%-d %b %Y} as “{}”; here it is, unchanged."
    ).format(article.created_at, article.title)
    if result.differences:
        message += Markup(
            ' The {} given now differ{} from it: edit them on <a href="{}">the article page</a>.'
        ).format(_and_list(result.differences), "s" if len(result.differences) == 1 else "", to)
    return message


def _and_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@bp.get("/<int:article_id>")
def detail(article_id: int):
    article = load(db.session.get(Article, article_id), can_view_article)
    job = services.ingest_job(article)
    check = services.check_job(article)
    claims = article.claims
    visible = [c for c in claims if c.state != State.DISMISSED]
    per_page = current_app.config["TRIAGE_PER_PAGE"]
    threshold = site_settings().checkworthiness_threshold
    candidates = queries.candidates_page(article.id, page_number(request.args), per_page, threshold)
    return render_template(
        "articles/detail.html",
        article=article,
        claims=claims,
        segments=highlight_segments(article.body, visible),
        candidates=candidates,
        threshold=threshold,
        above=[c for c in candidates.items if c.score >= threshold],
        below=[c for c in candidates.items if c.score < threshold],
        below_total=queries.count_below(article.id, threshold),
        below_form=DismissBelowForm(formdata=None, score=threshold),
        # Paged on its own (`triaged_page`): 2,000 candidates mostly dismissed made a 1.5 MB page.
        others=queries.triaged_page(
            article.id, page_number(request.args, "triaged_page"), per_page
        ),
        action_form=DismissForm(),
        job=job,
        job_label=label_of(job) if job else "",
        check_job=check,
        check_label=label_of(check) if check else "",
        checked=checked_before([c.id for c in candidates.items]),
        near=near_duplicates(article),
        add_form=AddClaimForm(),
        meta_form=ArticleMetaForm(obj=article),
    )


@bp.post("/<int:article_id>/claims")
def add_claim(article_id: int):
    article = load(db.session.get(Article, article_id), can_add_claim)
    form = AddClaimForm()
    if not form.validate_on_submit():
        flash("Select the claim's text in the article first.", "error")
        return redirect(url_for(".detail", article_id=article.id))
    claim = claim_services.add_claim(article, form.start.data, form.end.data, actor())
    return done(
        f"Claim #{claim.id} added to the queue.",
        url_for(".detail", article_id=article.id, _anchor=f"claim-{claim.id}"),
    )


@bp.post("/<int:article_id>/triage")
def triage(article_id: int):
    """Accept, dismiss or merge the candidates ticked in the article view."""
    article = load(db.session.get(Article, article_id), can_view_article)
    back = url_for(".detail", article_id=article.id)
    form = DismissForm()
    if not form.validate_on_submit():
        expired = "The form expired; reload the page and try again."
        flash(form.note.errors[0] if form.note.errors else expired, "error")
        return redirect(back)
    action = request.form.get("action", "")
    ids = {int(i) for i in request.form.getlist("claim_id") if is_digits(i)}
    claims = [c for c in article.claims if c.id in ids]
    if not claims:
        flash("Tick one or more claims first.", "error")
        return redirect(back)
    if action == "merge":
        return _merge(article, claims)
    step = TRIAGE_ACTIONS.get(action)
    if step is None:
        flash("Unknown action.", "error")
        return redirect(back)
    predicate, operation, verb = step
    if action == "dismiss":
        operation = partial(claim_services.dismiss_claim, note=form.note.data)
    moved = [c for c in claims if predicate(actor(), c)]
    for claim in moved:
        operation(claim, actor())
    skipped = len(claims) - len(moved)
    return done(
        f"{len(moved)} claim{'s' if len(moved) != 1 else ''} {verb}"
        + (f"; {skipped} skipped (already moved on)." if skipped else "."),
        back,
    )


def _merge(article: Article, claims: list[Claim]):
    for claim in claims:
        authorize(can_edit_claim, claim)
    try:
        target = claim_services.merge_run(claims, actor())
    except ValidationError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for(".detail", article_id=article.id))
    return done(
        f"Merged {len(claims)} claims into #{target.id}.",
        url_for(".detail", article_id=article.id, _anchor=f"claim-{target.id}"),
    )


@bp.post("/<int:article_id>/dismiss-below")
def dismiss_below(article_id: int):
    article = load(db.session.get(Article, article_id), can_dismiss_below)
    back = url_for(".detail", article_id=article.id)
    form = DismissBelowForm()
    if not form.validate_on_submit():
        flash("Give a score between 0 and 1.", "error")
        return redirect(back)
    score = float(form.score.data)
    ids = services.dismiss_below(article, score, actor())
    n = len(ids)
    return done(f"{n} candidate{'s' if n != 1 else ''} scored below {score:.2f} dismissed.", back)


@bp.post("/<int:article_id>/delete")
def delete(article_id: int):
    article = load(db.session.get(Article, article_id), can_delete_article)
    form = DismissForm()
    if not form.validate_on_submit():
        flash("The form expired; reload the page and try again.", "error")
        return redirect(url_for(".detail", article_id=article.id))
    title = article.title
    try:
        n = services.delete_article(article, actor())
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for(".detail", article_id=article_id))
    return done(
        f"Deleted “{title}” and its {n} candidate claim{'s' if n != 1 else ''}.",
        url_for(".index"),
    )


@bp.post("/<int:article_id>/edit")
def edit(article_id: int):
    article = load(db.session.get(Article, article_id), can_edit_article)
    form = ArticleMetaForm()
    back = url_for(".detail", article_id=article.id)
    if not form.validate_on_submit():
        errors = "; ".join(e for field in form.errors.values() for e in field)
        flash(f"The article's details were not saved: {errors}", "error")
        return redirect(back)
    try:
        changes = services.edit_article(
            article,
            actor(),
            title=form.title.data,
            outlet=form.outlet.data,
            url=form.url.data,
            author=form.author.data,
            published_on=form.published_on.data,
        )
        settle()
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(back)
    if not changes:
        return done("Nothing changed.", back, "info")
    message = "Saved the article's " + ", ".join(
        k.replace("_", " ") for k in changes if k != "dates_resolved"
    )
    if "dates_resolved" in changes:
        message += f"; {changes['dates_resolved'][1]} relative date(s) resolved again"
    return done(message + ".", back)

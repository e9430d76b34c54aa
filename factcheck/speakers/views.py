"""A speaker's page: the claims that name them, and the editors' fixes."""

from __future__ import annotations

from flask import Blueprint, flash, render_template, url_for
from sqlalchemy import select

from .. import permissions as perm
from ..claims.speakers import speaker_key
from ..errors import ValidationError
from ..extensions import db
from ..models import Speaker, SpeakerKind
from ..web.guard import actor, load
from ..web.respond import done
from . import services
from .forms import MergeForm, SpeakerForm, SplitSpeakerForm

bp = Blueprint("speakers", __name__, url_prefix="/desk/speakers")


def _page(speaker: Speaker, status: int = 200, **forms):
    return render_template(
        "speakers/edit.html",
        speaker=speaker,
        claims=services.claims_of(speaker),
        form=forms.get("form") or SpeakerForm(obj=speaker, kind=speaker.kind.value),
        merge_form=forms.get("merge_form") or MergeForm(),
        split_form=forms.get("split_form") or SplitSpeakerForm(),
    ), status


def _speaker(speaker_id: int, predicate: perm.Predicate) -> Speaker:
    return load(db.session.get(Speaker, speaker_id), predicate)


def _refused(speaker_id: int, exc: ValidationError, **forms):
    """The speaker's page again, as it is now, with the reason and what the person typed."""
    db.session.rollback()
    flash(exc.message, "error")
    return _page(_speaker(speaker_id, perm.can_view_speaker), 422, **forms)


@bp.get("/<int:speaker_id>")
def edit(speaker_id: int):
    return _page(_speaker(speaker_id, perm.can_view_speaker))


@bp.post("/<int:speaker_id>")
def save(speaker_id: int):
    speaker = _speaker(speaker_id, perm.can_edit_speaker)
    form = SpeakerForm()
    if not form.validate_on_submit():
        flash("The speaker was not saved: check the fields marked below.", "error")
        return _page(speaker, 422, form=form)
    try:
        services.edit_speaker(
            speaker,
            actor(),
            name=form.name.data,
            kind=SpeakerKind(form.kind.data),
            role=form.role.data,
        )
    except ValidationError as exc:
        return _refused(speaker_id, exc, form=form)
    return done(
        "Speaker saved; every page that names them shows the change.",
        url_for(".edit", speaker_id=speaker_id),
    )


@bp.post("/<int:speaker_id>/merge")
def merge(speaker_id: int):
    speaker = _speaker(speaker_id, perm.can_edit_speaker)
    form = MergeForm()
    target = None
    if form.validate_on_submit():
        target = db.session.scalar(
            select(Speaker).where(Speaker.key == speaker_key(form.into.data))
        )
    if target is None:
        flash("No speaker has that name: type the other record's name exactly.", "error")
        return _page(speaker, 422, merge_form=form)
    moved = services.merge_speakers(speaker, target, actor())
    return done(
        f"Merged into {target.name}; {moved} claim{'s' if moved != 1 else ''} updated.",
        url_for(".edit", speaker_id=target.id),
    )


@bp.post("/<int:speaker_id>/split")
def split(speaker_id: int):
    speaker = _speaker(speaker_id, perm.can_edit_speaker)
    form = SplitSpeakerForm()
    if not form.validate_on_submit():
        flash("Give the names to split into, one per line.", "error")
        return _page(speaker, 422, split_form=form)
    try:
        parts = services.split_speaker(speaker, actor(), form.names.data.splitlines())
    except ValidationError as exc:
        return _refused(speaker_id, exc, split_form=form)
    return done(
        "Split into " + " and ".join(p.name for p in parts) + ".",
        url_for(".edit", speaker_id=parts[0].id),
    )

"""Editing speaker records. A speaker is shared by every claim that quotes them, so a change
shows on every page that names them: only editors do it, each change is audited on the
speaker and on every claim it touches, and published pages get a new version (the revisions
hook records it for each claim)."""

from __future__ import annotations

from sqlalchemy import select, update

from ..audit import record
from ..claims.speakers import get_or_create_speaker, set_speakers, speaker_key
from ..errors import ValidationError
from ..extensions import db
from ..models import Attribution, Claim, ClaimSpeaker, Speaker, SpeakerKind, User
from ..revisions import allow_public_change


def claims_of(speaker: Speaker) -> list[Claim]:
    """Every claim that names `speaker`, oldest first."""
    linked = select(ClaimSpeaker.claim_id).where(ClaimSpeaker.speaker_id == speaker.id)
    return list(
        db.session.scalars(
            select(Claim)
            .where((Claim.speaker_id == speaker.id) | Claim.id.in_(linked))
            .order_by(Claim.id)
        )
    )


def _audit_on_claims(speaker: Speaker, actor: User, action: str, data: dict) -> None:
    record(action, actor=actor, data={"speaker": speaker.id, **data})
    for claim in claims_of(speaker):
        record(action, actor=actor, claim=claim, data={"speaker": speaker.id, **data})


def edit_speaker(
    speaker: Speaker, actor: User, *, name: str, kind: SpeakerKind, role: str | None
) -> None:
    """Fix a speaker's name, kind and role. Raises ValidationError for an empty name or one
    that another speaker already has (merge them instead)."""
    name = " ".join((name or "").split())
    role = " ".join((role or "").split()) or None
    if not name:
        raise ValidationError("A speaker needs a name.")
    if len(name) > Speaker.NAME_MAX or (role and len(role) > Speaker.NAME_MAX):
        raise ValidationError(f"Names and roles can be at most {Speaker.NAME_MAX} characters.")
    other = db.session.scalar(
        select(Speaker).where(Speaker.key == speaker_key(name), Speaker.id != speaker.id)
    )
    if other is not None:
        raise ValidationError(
            f"Another speaker is already called {other.name} (#{other.id}): merge the two instead."
        )
    changes = {
        field: [old, new]
        for field, old, new in (
            ("name", speaker.name, name),
            ("kind", speaker.kind.value, kind.value),
            ("role", speaker.role, role),
        )
        if old != new
    }
    if not changes:
        return
    allow_public_change("an editor's fix of a speaker")
    speaker.name, speaker.key, speaker.kind, speaker.role = name, speaker_key(name), kind, role
    _audit_on_claims(speaker, actor, "speaker_edited", {"changes": changes})


def merge_speakers(source: Speaker, target: Speaker, actor: User) -> int:
    """Fold `source` into `target` (two records of one person); returns how many claims moved.
    Raises ValidationError for the same speaker."""
    if source.id == target.id:
        raise ValidationError("Choose a different speaker to merge with.")
    allow_public_change("an editor's merge of two speakers")
    claims = claims_of(source)
    for claim in claims:
        set_speakers(claim, [target if s.id == source.id else s for s in claim.speakers])
        record(
            "speakers_merged", actor=actor, claim=claim, data={"from": source.id, "into": target.id}
        )
    db.session.execute(
        update(Attribution).where(Attribution.speaker_id == source.id).values(speaker_id=target.id)
    )
    record(
        "speakers_merged", actor=actor, data={"from": [source.id, source.name], "into": target.id}
    )
    db.session.flush()
    db.session.delete(source)
    return len(claims)


def split_speaker(speaker: Speaker, actor: User, names: list[str]) -> list[Speaker]:
    """Replace a speaker that is really several ("A and B") by one per name on every claim
    that names it. Raises ValidationError for fewer than two names."""
    cleaned = [" ".join(n.split()) for n in names if n and n.strip()]
    if len(cleaned) < 2:
        raise ValidationError("Give at least two names, one per line, to split this speaker.")
    parts = [s for s in (get_or_create_speaker(n) for n in cleaned) if s is not None]
    allow_public_change("an editor's split of a speaker")
    for claim in claims_of(speaker):
        replaced: list[Speaker] = []
        for s in claim.speakers:
            replaced.extend(parts if s.id == speaker.id else [s])
        set_speakers(claim, replaced)
        record(
            "speaker_split",
            actor=actor,
            claim=claim,
            data={"speaker": [speaker.id, speaker.name], "into": [p.name for p in parts]},
        )
    record("speaker_split", actor=actor, data={"speaker": speaker.id, "into": cleaned})
    return parts

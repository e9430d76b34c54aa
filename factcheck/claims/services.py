"""Claim operations: triage, assignment, sources, verdicts and comments.

Each function takes the acting user, checks the domain rules, changes the objects, writes the
audit event and leaves the commit to the caller. Permission predicates are checked by the views.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from ..archive.services import capture_new_source
from ..audit import record
from ..errors import ConflictError, DomainError, ValidationError
from ..extensions import db
from ..extraction import extract
from ..extraction.types import primary_kind
from ..matching.published import sync_claim
from ..models import (
    Article,
    Claim,
    Comment,
    Kind,
    Rating,
    SavedFilter,
    Source,
    SourceKind,
    Speaker,
    User,
    Verdict,
)
from ..models._types import utcnow
from ..notifications import NotificationEvent, editors, notify
from ..permissions import merged_into, merges
from ..revisions import sync
from ..site.services import check_http_url
from ..workflow import (
    PUBLIC_STATES,
    REWORD_STATES,
    TRIAGE_STATES,
    WORKING_STATES,
    State,
    transition_for,
)
from .parts import add_parts
from .spans import paragraph_bounds
from .speakers import get_or_create_speaker, set_speakers

# What the simple workflow actions have in common: claim and actor in, changes made.
ClaimOperation = Callable[[Claim, User], object]


def move(
    claim: Claim, action: str, actor: User | None, note: str | None = None, data: dict | None = None
) -> None:
    """Apply workflow `action` to `claim` and audit it; raises WorkflowError if not allowed."""
    transition = transition_for(action, claim.state)
    old = claim.state
    claim.state = transition.target
    claim.state_changed_at = utcnow()
    # One UPDATE per transition: the database trigger checks each step, not just the end state.
    db.session.flush()
    record(
        action,
        actor=actor,
        claim=claim,
        from_state=old.value,
        to_state=transition.target.value,
        note=note,
        data=data,
    )
    if old in PUBLIC_STATES or transition.target in PUBLIC_STATES:
        sync_claim(claim)


def stale_claim(claim: Claim) -> ConflictError:
    """The conflict to report when a form was read from an older version of `claim`: what
    the claim is now, and with whom."""
    who = f" It is now {claim.state.label}"
    if claim.assignee is not None and claim.state != State.QUEUED:
        who += f", with {claim.assignee.name}"
    return ConflictError(
        "This claim changed since you opened it." + who + ". Review the current version and "
        "try again.",
        current=claim,
    )


def check_version(claim: Claim, expected: int | None) -> None:
    """Raise ConflictError if the form was loaded from an older version of `claim`."""
    if expected is not None and int(expected) != claim.version:
        raise stale_claim(claim)


def accept_claim(claim: Claim, actor: User, expected_version: int | None = None) -> None:
    """Move a candidate into the queue; raises WorkflowError or ConflictError."""
    check_version(claim, expected_version)
    move(claim, "accept", actor)


def dismiss_claim(
    claim: Claim, actor: User, note: str | None = None, expected_version: int | None = None
) -> None:
    """Dismiss as not check-worthy, with an optional reason for the history; raises
    WorkflowError or ConflictError."""
    check_version(claim, expected_version)
    move(claim, "dismiss", actor, note=(note or "").strip() or None)


def restore_claim(claim: Claim, actor: User, expected_version: int | None = None) -> None:
    """Bring a dismissed claim back as a candidate; raises ValidationError for a claim merged
    into another (its text is part of that one now), WorkflowError or ConflictError."""
    check_version(claim, expected_version)
    target = merged_into(claim)
    if target is not None:
        raise ValidationError(
            f"Claim #{claim.id} was merged into #{target}; split #{target} instead."
        )
    move(claim, "restore", actor)


def _require_triage(claim: Claim) -> None:
    if claim.state not in TRIAGE_STATES:
        raise ValidationError(
            f"Claim #{claim.id} is {claim.state.label}: its wording can only "
            "change while it is a candidate or queued."
        )


def edit_claim(
    claim: Claim,
    actor: User,
    text: str,
    kind: Kind | None = None,
    expected_version: int | None = None,
) -> None:
    """Reword a claim (its place in the article stays). After submission the change needs
    approval again (the revisions hook sends an approved claim back to review). Raises
    ValidationError, ConflictError."""
    check_version(claim, expected_version)
    if claim.state not in (*TRIAGE_STATES, *REWORD_STATES):
        raise ValidationError(
            f"Claim #{claim.id} is {claim.state.label}: published wording changes through a "
            "correction."
        )
    text = " ".join(text.split())
    if not text:
        raise ValidationError("A claim needs some text.")
    changes = {}
    if text != claim.text:
        changes["text"] = [claim.text, text]
        claim.text = text
    if kind is not None and kind != claim.kind:
        changes["kind"] = [claim.kind.value, kind.value]
        claim.kind = kind
    if changes:
        record("edit", actor=actor, claim=claim, data=changes)


SPEAKERS_MAX = 6


def set_claim_speakers(
    claim: Claim, actor: User, names: list[str], expected_version: int | None = None
) -> None:
    """Say who made the claim: `names` in order, existing speakers reused by name, new ones
    created (kind guessed; editors fix kinds and roles on the speaker's page). Same states and
    consequences as rewording. Raises ValidationError, ConflictError."""
    check_version(claim, expected_version)
    if claim.state not in (*TRIAGE_STATES, *REWORD_STATES):
        raise ValidationError(
            f"Claim #{claim.id} is {claim.state.label}: its speakers change through a correction."
        )
    cleaned = [" ".join(n.split()) for n in names if n and n.strip()]
    if len(cleaned) > SPEAKERS_MAX:
        raise ValidationError(f"Give at most {SPEAKERS_MAX} speakers, one per line.")
    if any(len(n) > Speaker.NAME_MAX for n in cleaned):
        raise ValidationError(f"A speaker's name can be at most {Speaker.NAME_MAX} characters.")
    speakers = [s for s in (get_or_create_speaker(n) for n in cleaned) if s is not None]
    before = [s.name for s in claim.speakers]
    after = [s.name for s in dict.fromkeys(speakers)]
    if before == after:
        return
    set_speakers(claim, speakers)
    record("speakers", actor=actor, claim=claim, data={"speakers": [before, after]})


def _ids(claims: list[Claim]) -> str:
    names = [f"#{c.id}" for c in claims]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _require_neighbours(claims: list[Claim]) -> None:
    """Refuse a merge that would swallow another claim of the article: one in any state that
    lies (even partly) between the first start and the last end. Claims merged away are the
    exception: their text is already part of the claim they were merged into, and they cannot
    be restored, so they stand for nothing of their own."""
    start, end = min(c.start for c in claims), max(c.end for c in claims)
    ticked = {c.id for c in claims}
    inside = [
        c
        for c in claims[0].article.claims
        if c.id not in ticked and c.start < end and c.end > start
    ]
    away = merges(inside)
    between = [c for c in inside if c.id not in away]
    if between:
        first = min(claims, key=lambda c: (c.start, c.id))
        last = max(claims, key=lambda c: (c.end, c.id))
        verb = "lies" if len(between) == 1 else "lie"
        raise ValidationError(
            f"{_ids(between)} {verb} between #{first.id} and #{last.id}; merge neighbours only."
        )


def merge_run(claims: list[Claim], actor: User) -> Claim:
    """Merge neighbouring claims into the first of them in the article; returns it. Raises
    ValidationError for fewer than two, claims of different articles or past triage, or when
    another claim of the article lies between them."""
    claims = list({c.id: c for c in claims}.values())
    if len(claims) < 2:
        raise ValidationError("Tick at least two claims to merge.")
    if len({c.article_id for c in claims}) > 1:
        raise ValidationError("Only claims of the same article can be merged.")
    for claim in claims:
        _require_triage(claim)
    _require_neighbours(claims)
    target, *rest = sorted(claims, key=lambda c: (c.start, c.id))
    for other in rest:
        merge_claims(target, other, actor)
    return target


def merge_claims(target: Claim, other: Claim, actor: User) -> None:
    """Fold `other` into `target`: one span, all parts; `other` is dismissed with a pointer.
    Raises ValidationError for claims of different articles or past triage, or when another
    claim of the article lies between them."""
    if target.id == other.id:
        raise ValidationError("Pick two different claims to merge.")
    if target.article_id != other.article_id:
        raise ValidationError("Only claims of the same article can be merged.")
    _require_triage(target)
    _require_triage(other)
    _require_neighbours([target, other])
    body = target.article.body
    start, end = min(target.start, other.start), max(target.end, other.end)
    target.start, target.end = start, end
    target.text = " ".join(body[start:end].split())[: Claim.TEXT_MAX]
    target.score = max(target.score, other.score)
    for quantity in list(other.quantities):
        quantity.claim = target
    for date in list(other.dates):
        date.claim = target
    for attribution in list(other.attributions):
        attribution.claim = target
    if not target.speakers and other.speakers:
        set_speakers(target, other.speakers)
        target.cue = other.cue
    record("merge", actor=actor, claim=target, data={"merged": other.id})
    move(
        other,
        "dismiss",
        actor,
        note=f"Merged into claim #{target.id}.",
        data={"merged_into": target.id},
    )


def split_claim(claim: Claim, at: int, actor: User) -> Claim:
    """Split a claim at article offset `at` into two; returns the new second claim.
    Raises ValidationError if `at` is not inside the claim."""
    _require_triage(claim)
    body = claim.article.body
    if not claim.start < at < claim.end:
        raise ValidationError("Choose a split point inside the claim's text.")
    first, second = body[claim.start : at], body[at : claim.end]
    if not first.strip() or not second.strip():
        raise ValidationError("Both parts of a split need some text.")
    new = Claim(
        article=claim.article,
        state=claim.state,
        start=at,
        end=claim.end,
        text=" ".join(second.split())[: Claim.TEXT_MAX],
        score=claim.score,
        kind=claim.kind,
    )
    claim.end = at
    claim.text = " ".join(first.split())[: Claim.TEXT_MAX]
    for quantity in [q for q in claim.quantities if q.start >= at]:
        quantity.claim = new
    for date in [d for d in claim.dates if d.start >= at]:
        date.claim = new
    for attribution in [a for a in claim.attributions if a.content_start >= at]:
        attribution.claim = new
    for part in (new, claim):
        if part.attributions:
            lead = part.attributions[0]
            set_speakers(part, [lead.speaker] if lead.speaker else [])
            part.cue = lead.cue
    db.session.add(new)
    db.session.flush()
    record("split", actor=actor, claim=claim, data={"new_claim": new.id, "at": at})
    record("split", actor=actor, claim=new, to_state=new.state.value, data={"split_from": claim.id})
    return new


def add_claim(article: Article, start: int, end: int, actor: User) -> Claim:
    """Add a claim a person selected in the article; it goes straight to the queue.
    Raises ValidationError for an empty or out-of-range selection."""
    body = article.body
    if not (0 <= start < end <= len(body)):
        raise ValidationError("Select some text of the article first.")
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end - start < 3:
        raise ValidationError("Select at least a few words of the article.")
    if end - start > Claim.TEXT_MAX:
        raise ValidationError(f"A claim can be at most {Claim.TEXT_MAX} characters; select less.")
    # Parts come from the extractor run on the surrounding paragraph only: cheap, and offsets
    # stay exact because the paragraph is a slice of the body.
    p_start, p_end = paragraph_bounds(body, start, end)
    found = extract(body[p_start:p_end], article.published_on).claims

    def inside(pos: int) -> bool:
        return start <= pos + p_start < end

    quantities = [q for c in found for q in c.quantities if inside(q.start)]
    dates = [d for c in found for d in c.dates if inside(d.start)]
    attributions = [a for c in found for a in c.attributions if inside(a.content_start)]
    claim = Claim(
        article=article,
        state=State.QUEUED,
        start=start,
        end=end,
        text=" ".join(body[start:end].split()),
        score=1.0,
        kind=primary_kind(quantities, dates, attributions),
    )
    # In the session before add_parts: a new speaker is stored in a savepoint, whose flush
    # would otherwise find the article's claims holding a claim outside the session.
    db.session.add(claim)
    add_parts(claim, quantities, dates, attributions, p_start, {})
    db.session.flush()
    record("add", actor=actor, claim=claim, to_state=claim.state.value)
    return claim


def take_claim(claim: Claim, actor: User, expected_version: int | None = None) -> None:
    """Assign a queued claim to oneself; raises WorkflowError or ConflictError."""
    check_version(claim, expected_version)
    claim.assignee = actor
    move(claim, "take", actor)


def assign_claim(
    claim: Claim,
    assignee: User,
    actor: User,
    due_on: dt.date | None = None,
    expected_version: int | None = None,
) -> None:
    """Assign a queued claim (it moves to in progress) or reassign one being worked on.
    Raises ValidationError for an inactive assignee, WorkflowError, ConflictError."""
    check_version(claim, expected_version)
    if not assignee.active:
        raise ValidationError(f"{assignee.name} is deactivated and cannot take claims.")
    previous = claim.assignee
    claim.assignee = assignee
    if due_on is not None:
        claim.due_on = due_on
    data = {"assignee": assignee.id, "previous": previous.id if previous else None}
    if claim.state == State.QUEUED:
        move(claim, "take", actor, data=data)
    elif claim.state in WORKING_STATES:
        record("assign", actor=actor, claim=claim, data=data)
    else:
        raise ValidationError(f"A claim that is {claim.state.label} cannot be reassigned.")
    notify(NotificationEvent.ASSIGNED, claim, actor, [assignee])


def bulk_assign(
    claims: list[Claim], assignee: User, actor: User, due_on: dt.date | None = None
) -> tuple[int, list[str]]:
    """Assign each claim it can; returns (how many, reasons for the ones skipped)."""
    done, skipped = 0, []
    for claim in claims:
        if claim.state not in WORKING_STATES:
            skipped.append(f"#{claim.id} is {claim.state.label}")
            continue
        assign_claim(claim, assignee, actor, due_on)
        done += 1
    return done, skipped


def release_claim(claim: Claim, actor: User, expected_version: int | None = None) -> None:
    """Put a claim in progress back in the queue; raises WorkflowError or ConflictError."""
    check_version(claim, expected_version)
    move(claim, "release", actor, data={"previous": claim.assignee_id})
    claim.assignee = None


def set_due(
    claim: Claim, due_on: dt.date | None, actor: User, expected_version: int | None = None
) -> None:
    """Set or clear the due date, audited; raises ConflictError for a stale form."""
    check_version(claim, expected_version)
    if due_on == claim.due_on:
        return
    record(
        "due",
        actor=actor,
        claim=claim,
        data={
            "from": claim.due_on.isoformat() if claim.due_on else None,
            "to": due_on.isoformat() if due_on else None,
        },
    )
    claim.due_on = due_on


def add_source(
    claim: Claim,
    actor: User,
    *,
    url: str,
    title: str | None = None,
    publisher: str | None = None,
    kind: SourceKind = SourceKind.OTHER,
    excerpt: str | None = None,
    archive_url: str | None = None,
    accessed_on: dt.date | None = None,
) -> Source:
    """Attach a source; raises ValidationError for a URL that is not http(s)."""
    checked = check_http_url(url, "source URL")
    if checked is None:
        raise ValidationError("A source needs a URL.")
    source = Source(
        claim=claim,
        url=checked,
        title=title or None,
        publisher=publisher or None,
        kind=kind,
        excerpt=excerpt or None,
        archive_url=check_http_url(archive_url, "archived copy URL"),
        accessed_on=accessed_on,
        added_by=actor,
    )
    db.session.add(source)
    db.session.flush()
    record("source_added", actor=actor, claim=claim, data={"source": source.id, "url": checked})
    capture_new_source(source, actor)
    return source


def delete_source(source: Source, actor: User) -> None:
    """Remove a source; the audit row keeps its URL. Never raises."""
    record(
        "source_removed",
        actor=actor,
        claim=source.claim,
        data={"source": source.id, "url": source.url, "title": source.title},
    )
    db.session.delete(source)


def rating_on_scale(rating_id: int | None) -> Rating:
    """The active rating with `rating_id`; raises ValidationError if it is not on the scale."""
    rating = db.session.get(Rating, rating_id) if rating_id else None
    if rating is None or not rating.active:
        raise ValidationError("Choose a rating from the scale.")
    return rating


def save_verdict(
    claim: Claim,
    actor: User,
    *,
    rating_id: int | None,
    summary: str,
    rationale: str,
    expected_version: int | None = None,
) -> Verdict:
    """Create or update the draft verdict. A draft may lack a rating; a rating given must be on
    the scale. Raises ValidationError, or ConflictError (with the current verdict) when someone
    saved it since `expected_version` was read."""
    rating = rating_on_scale(rating_id) if rating_id else None
    verdict = claim.verdict
    if verdict is None:
        verdict = _verdict_under_lock(claim)
    if verdict is None:
        if expected_version not in (None, 0):
            raise ConflictError("The verdict was deleted meanwhile.")
        verdict = Verdict(claim=claim, author=actor, last_editor=actor)
        db.session.add(verdict)
    elif expected_version is not None and int(expected_version) != verdict.version:
        raise ConflictError(
            f"{verdict.last_editor.name} saved this verdict while you were "
            "editing it. Your text is below; compare it with theirs and save "
            "again.",
            current=verdict,
        )
    changes = {}
    for field, new in (
        ("rating", rating.label if rating else None),
        ("summary", summary.strip()),
        ("rationale", rationale.strip()),
    ):
        old = (
            getattr(verdict, field).label
            if field == "rating" and verdict.rating
            else (None if field == "rating" else getattr(verdict, field))
        )
        if old != new:
            changes[field] = [old, new] if field != "rationale" else None
    verdict.rating = rating
    verdict.summary = summary.strip()
    verdict.rationale = rationale.strip()
    verdict.last_editor = actor
    if changes or verdict.id is None:
        db.session.flush()
        record(
            "verdict_saved",
            actor=actor,
            claim=claim,
            data={k: v for k, v in changes.items() if v is not None}
            | ({"rationale_changed": True} if "rationale" in changes else {}),
        )
        # An approved verdict edited goes back to review: the revisions hook does it for
        # every change to what the public page would show, this one included.
    return verdict


def _verdict_under_lock(claim: Claim) -> Verdict | None:
    """The claim's verdict read again once its row is locked, so of several first drafts saved
    at once one writes the verdict and the others find it (and get the conflict) instead of
    breaking its unique key with a 500 (issue 13, finding 4). SQLite serialises them already."""
    db.session.execute(select(Claim.id).where(Claim.id == claim.id).with_for_update())
    verdict = db.session.scalar(
        select(Verdict)
        .where(Verdict.claim_id == claim.id)
        .execution_options(populate_existing=True)
    )
    if verdict is not None:
        set_committed_value(claim, "verdict", verdict)
    return verdict


def submit_verdict(claim: Claim, actor: User, expected_version: int | None = None) -> None:
    """Send the verdict to the editors; raises ValidationError if it lacks a rating or summary,
    WorkflowError or ConflictError."""
    check_version(claim, expected_version)
    verdict = claim.verdict
    missing = [
        what
        for what, ok in (
            ("a rating", verdict and verdict.rating),
            ("a one-line summary", verdict and verdict.summary),
            ("a rationale", verdict and verdict.rationale),
        )
        if not ok
    ]
    if verdict is None or missing:
        raise ValidationError("Before submitting, give the verdict " + " and ".join(missing) + ".")
    if not claim.sources:
        raise ValidationError("Add at least one source before submitting the verdict.")
    verdict.submitted_at = utcnow()
    verdict.approved_by = None
    verdict.approved_at = None
    move(claim, "submit", actor)
    sync(claim)  # what was submitted is a version of its own, whatever autosave coalesced
    notify(NotificationEvent.SUBMITTED, claim, actor, editors())


def recall_verdict(claim: Claim, actor: User, expected_version: int | None = None) -> None:
    """Take a submitted verdict back before review; raises WorkflowError or ConflictError."""
    check_version(claim, expected_version)
    move(claim, "recall", actor)


def resume_claim(claim: Claim, actor: User, expected_version: int | None = None) -> None:
    """Start working on a returned claim again; raises WorkflowError or ConflictError."""
    check_version(claim, expected_version)
    move(claim, "resume", actor)


def add_comment(claim: Claim, actor: User, body: str) -> Comment:
    """Add a comment; raises ValidationError if empty."""
    body = body.strip()
    if not body:
        raise ValidationError("Write a comment first.")
    comment = Comment(claim=claim, author=actor, body=body)
    db.session.add(comment)
    db.session.flush()
    record("comment", actor=actor, claim=claim, data={"comment": comment.id})
    return comment


def active_users() -> list[User]:
    return list(db.session.scalars(select(User).where(User.active.is_(True)).order_by(User.name)))


# The queue's bulk actions (issue 16): each runs the one-claim service, so the workflow table,
# the version checks and the audit events are the same as on the claim's page.
BULK_OPERATIONS: dict[str, Callable[..., object]] = {
    "dismiss": lambda claim, actor, due_on: dismiss_claim(claim, actor, note="Bulk dismissal"),
    "release": lambda claim, actor, due_on: release_claim(claim, actor),
    "due": lambda claim, actor, due_on: set_due(claim, due_on, actor),
}


def bulk_update(
    claims: list[Claim],
    action: str,
    actor: User,
    may: Callable[[User, Claim], bool],
    due_on: dt.date | None = None,
) -> tuple[list[int], list[str]]:
    """Apply bulk `action` to each claim `may` allows, each in a savepoint so one refusal
    leaves the others done: returns (ids changed, reasons for the ones refused). Raises
    KeyError for an unknown action."""
    operation = BULK_OPERATIONS[action]
    changed: list[int] = []
    refused: list[str] = []
    for claim in claims:
        if not may(actor, claim):
            refused.append(f"#{claim.id} ({claim.state.label}): not allowed for you")
            continue
        try:
            with db.session.begin_nested():
                operation(claim, actor, due_on)
        except DomainError as error:
            refused.append(f"#{claim.id}: {error.message}")
            continue
        changed.append(claim.id)
    return changed, refused


def save_filter(user: User, name: str, query: str) -> SavedFilter:
    """Save `query` under `name` for `user`, replacing a filter of the same name. Two saves
    racing on one name meet the unique constraint; the loser updates the winner's row."""
    name = name.strip()
    existing = _saved_filter(user, name)
    if existing is None:
        try:
            with db.session.begin_nested():
                row = SavedFilter(user_id=user.id, name=name, query=query)
                db.session.add(row)
            return row
        except IntegrityError:
            existing = _saved_filter(user, name)
            if existing is None:
                raise
    existing.query = query
    return existing


def delete_filter(saved: SavedFilter) -> None:
    """Delete one of a person's saved filters; never raises."""
    db.session.delete(saved)


def _saved_filter(user: User, name: str) -> SavedFilter | None:
    return db.session.scalar(
        select(SavedFilter).where(SavedFilter.user_id == user.id, SavedFilter.name == name)
    )


def saved_filters(user: User) -> list[SavedFilter]:
    """A person's saved filters, by name."""
    return list(
        db.session.scalars(
            select(SavedFilter).where(SavedFilter.user_id == user.id).order_by(SavedFilter.name)
        )
    )

"""Who may do what: can_<verb> predicates, used by views (403) and templates (hidden buttons).

Roles are ordered checker < editor < admin: each role can do everything the one below can.
Predicates never raise and accept anonymous users.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import select

from .extensions import db
from .models import (
    Article,
    ArticleFetch,
    Claim,
    ClaimMatch,
    Event,
    Job,
    Notification,
    Proposal,
    ProposalStatus,
    Role,
    Source,
    Speaker,
    contributors_since_approval,
)
from .workflow import (
    CHECKING_STATES,
    CLOSED_STATES,
    DETAIL_STATES,
    PUBLIC_STATES,
    REWORD_STATES,
    SEEN_STATES,
    SOURCE_STATES,
    TRIAGE_STATES,
    VERDICT_EDIT_STATES,
    WORKING_STATES,
    State,
    can_transition,
)

# A predicate takes the user (signed in or anonymous) and, for most, the object acted on.
Predicate = Callable[..., bool]


def is_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_editor(user) -> bool:
    return is_staff(user) and user.has_role(Role.EDITOR)


def is_admin(user) -> bool:
    return is_staff(user) and user.has_role(Role.ADMIN)


def _owns(user, claim: Claim) -> bool:
    """The assignee, or any editor, may work on a claim that is assigned."""
    return is_editor(user) or (is_staff(user) and claim.assignee_id == user.id)


def can_view_claim(user, claim: Claim) -> bool:
    """Every claim's page is open to all staff, whatever its state."""
    return is_staff(user)


def can_view_article(user, article: Article) -> bool:
    return is_staff(user)


def can_ingest(user) -> bool:
    return is_staff(user)


def can_act(user, claim: Claim, action: str) -> bool:
    """Generic check for staff-level workflow actions that need no ownership."""
    return is_staff(user) and can_transition(action, claim.state)


def can_accept(user, claim: Claim) -> bool:
    return can_act(user, claim, "accept")


def can_dismiss(user, claim: Claim) -> bool:
    return can_act(user, claim, "dismiss")


def can_restore(user, claim: Claim) -> bool:
    """A dismissed claim comes back, unless it was merged away: its text lives on in the claim
    it was merged into, which is split to get it back."""
    return can_act(user, claim, "restore") and merged_into(claim) is None


def merged_into(claim: Claim) -> int | None:
    """The id of the claim `claim` was merged into, if it is dismissed by a merge; never raises."""
    return merges([claim]).get(claim.id)


def merges(claims: Iterable[Claim]) -> dict[int, int]:
    """{claim id: id of the claim it was merged into} for those of `claims` whose latest
    dismissal was a merge (merge records {"merged_into": id} on it); never raises."""
    ids = [c.id for c in claims if c.state == State.DISMISSED and c.id is not None]
    if not ids:
        return {}
    latest: dict[int, dict | None] = {}
    for claim_id, data in db.session.execute(
        select(Event.claim_id, Event.data)
        .where(Event.claim_id.in_(ids), Event.to_state == State.DISMISSED.value)
        .order_by(Event.id)
    ):
        latest[claim_id] = data
    return {
        claim_id: data["merged_into"]
        for claim_id, data in latest.items()
        if isinstance(data, dict) and isinstance(data.get("merged_into"), int)
    }


def can_edit_claim(user, claim: Claim) -> bool:
    """Merge or split: only before checking starts."""
    return is_staff(user) and claim.state in TRIAGE_STATES


def can_reword(user, claim: Claim) -> bool:
    """Reword a claim or fix who said it: anyone in triage; then whoever holds it, and
    editors, until approval (a change after submission needs approval again). After
    publication, wording changes through a correction."""
    if claim.state in TRIAGE_STATES:
        return is_staff(user)
    return claim.state in REWORD_STATES and _owns(user, claim)


def can_add_claim(user, article: Article) -> bool:
    """Select a passage of an article as a claim of its own."""
    return is_staff(user)


def can_take(user, claim: Claim) -> bool:
    return can_act(user, claim, "take")


def can_assign(user, claim: Claim) -> bool:
    """Assign a queued claim, or hand one in progress to someone else."""
    if claim.state == State.QUEUED:
        return is_staff(user)
    return claim.state in CHECKING_STATES and _owns(user, claim)


def can_set_due(user, claim: Claim) -> bool:
    """Deadlines: any editor on an open claim; a checker on a queued claim or their own."""
    if claim.state in CLOSED_STATES:
        return False
    return is_editor(user) or (
        is_staff(user) and (claim.state == State.QUEUED or claim.assignee_id == user.id)
    )


def can_release(user, claim: Claim) -> bool:
    return can_transition("release", claim.state) and _owns(user, claim)


def can_edit_verdict(user, claim: Claim) -> bool:
    """Drafts, and approved verdicts not yet published: saving one of those sends it back
    for approval (claims.services.save_verdict)."""
    return claim.state in VERDICT_EDIT_STATES and _owns(user, claim)


def can_submit(user, claim: Claim) -> bool:
    return can_transition("submit", claim.state) and _owns(user, claim)


def can_recall(user, claim: Claim) -> bool:
    return can_transition("recall", claim.state) and _owns(user, claim)


def can_resume(user, claim: Claim) -> bool:
    return can_transition("resume", claim.state) and _owns(user, claim)


def can_add_source(user, claim: Claim) -> bool:
    """Anyone helps while the verdict is written; once it is in review, only whoever holds
    it and editors (and the addition needs approval again)."""
    if claim.state in WORKING_STATES:
        return is_staff(user)
    return claim.state in SOURCE_STATES and _owns(user, claim)


def can_delete_source(user, source: Source) -> bool:
    return source.claim.state in WORKING_STATES and (
        is_editor(user) or (is_staff(user) and source.added_by_id == user.id)
    )


def can_view_source(user, source: Source) -> bool:
    """A source as its claim's page shows it (with where its capture stands): whoever may see
    the claim."""
    return can_view_claim(user, source.claim)


def can_retry_capture(user, source: Source) -> bool:
    """Ask for a new copy of a source's page: whoever may add sources to its claim, and
    editors at any time (a new copy is not public until an approval covers it)."""
    return can_add_source(user, source.claim) or is_editor(user)


def can_view_capture(user, source: Source) -> bool:
    """Our stored copy of a source: staff see any; the public only the copy the approval of
    a published fact-check covered (captured before that approval, see the README)."""
    capture = source.capture
    if capture is None or not capture.is_done:
        return False
    if is_staff(user):
        return True
    verdict = source.claim.verdict
    return (
        source.claim.state in PUBLIC_STATES
        and verdict is not None
        and verdict.approved_at is not None
        and capture.captured_at is not None
        and capture.captured_at <= verdict.approved_at
    )


def can_comment(user, claim: Claim) -> bool:
    return is_staff(user)


def can_review(user, obj: object = None) -> bool:
    """Editors review; `obj` (a claim or proposal) lets views load with it."""
    return is_editor(user)


def is_contributor(user, claim: Claim) -> bool:
    """True if `user` changed anything the claim's public page shows since its last approval
    (the four-eyes rule: such a person never approves it)."""
    return is_staff(user) and user.id in contributors_since_approval(claim)


def can_consider_approval(user, claim: Claim) -> bool:
    """An editor, and a submitted verdict: who may post an approval at all (the service
    then applies the four-eyes rule, with its own reason)."""
    return is_editor(user) and can_transition("approve", claim.state) and claim.verdict is not None


def can_approve(user, claim: Claim) -> bool:
    """Editors approve, but never what they wrote or changed since the last approval."""
    return can_consider_approval(user, claim) and not is_contributor(user, claim)


def can_return(user, claim: Claim) -> bool:
    return is_editor(user) and can_transition("return", claim.state)


def can_publish(user, claim: Claim) -> bool:
    return is_editor(user) and can_transition("publish", claim.state)


def can_unpublish(user, claim: Claim) -> bool:
    return is_editor(user) and can_transition("unpublish", claim.state)


def can_correct(user, claim: Claim) -> bool:
    """Propose a correction of a published fact-check; another editor approves it."""
    return is_editor(user) and claim.state in PUBLIC_STATES


def can_decide_proposal(user, proposal: Proposal) -> bool:
    """A second editor approves or rejects a proposal: not its proposer, nor anyone who
    changed the fact-check since its last approval."""
    return (
        is_editor(user)
        and proposal.status == ProposalStatus.PENDING
        and user.id != proposal.proposer_id
        and not is_contributor(user, proposal.claim)
    )


def can_withdraw_proposal(user, proposal: Proposal) -> bool:
    """The proposer may take their own proposal back."""
    return (
        is_editor(user)
        and proposal.status == ProposalStatus.PENDING
        and user.id == proposal.proposer_id
    )


def can_fix_typo(user, claim: Claim) -> bool:
    """Spelling fixes to a published verdict: recorded in the history, not a correction."""
    return is_editor(user) and claim.state in PUBLIC_STATES


def can_edit_details(user, claim: Claim) -> bool:
    """The checker working on it, or any editor, may record when and where a claim was made."""
    if claim.state in CHECKING_STATES:
        return _owns(user, claim)
    return is_editor(user) and claim.state in DETAIL_STATES


def can_republish(user, claim: Claim) -> bool:
    """Propose putting a withdrawn fact-check back online; another editor approves it."""
    return is_editor(user) and can_transition("republish", claim.state)


def can_view_speaker(user, speaker: Speaker | None = None) -> bool:
    return is_staff(user)


def can_edit_speaker(user, speaker: Speaker | None = None) -> bool:
    """A speaker is shared by every claim naming them, published ones included: editors."""
    return is_editor(user)


def can_edit_article(user, article: Article) -> bool:
    """Headline, outlet, URL, author and date: editors, or whoever ingested it (a change
    that would reach a published page is refused for them by the revisions hook)."""
    return is_editor(user) or (is_staff(user) and article.created_by_id == user.id)


def can_manage_users(user) -> bool:
    return is_admin(user)


def can_manage_site(user) -> bool:
    return is_admin(user)


def can_read_notification(user, notification: Notification) -> bool:
    """A notification is its recipient's alone: nobody else reads or marks it, admins included."""
    return is_staff(user) and notification.user_id == user.id


def can_manage_webhooks(user, webhook: object = None) -> bool:
    """Webhooks send our content to other systems: admins configure them."""
    return is_admin(user)


def can_import_factchecks(user) -> bool:
    """Importing other publishers' ClaimReviews: admins. What is imported is offered to every
    checker as "already checked" by someone we trust, so choosing whose checks count is an
    organisational call like the rating scale; a feed is also fetched from outside."""
    return is_admin(user)


def can_view_imported(user, obj: object = None) -> bool:
    """Imported fact-checks and their imports are reference material for all staff; never
    public (other publishers' words are theirs to publish, not ours)."""
    return is_staff(user)


def can_decide_match(user, claim: Claim) -> bool:
    """Say whether an "already checked?" suggestion is the same claim: checkers and editors,
    on any claim (once it has a public page, as desk memory only: claims/matches.py)."""
    return is_staff(user)


def can_undo_match(user, match: ClaimMatch) -> bool:
    """Take a match decision back: staff, unless it is a "see also" link on a page that is
    or was public (that page changes only through a correction)."""
    return is_staff(user) and not (match.on_page and match.claim.state in SEEN_STATES)


def can_view_article_fetch(user, fetch: ArticleFetch) -> bool:
    """An ingest by URL in progress: all staff, as its job and the article it makes."""
    return is_staff(user)


def can_view_job(user, job: Job) -> bool:
    """Jobs show what happens to the desk's own material: all staff may watch them."""
    return is_staff(user)


def can_retry_job(user, job: Job) -> bool:
    """Trying a failed job again: whoever queued it, or an editor."""
    return is_editor(user) or (is_staff(user) and job.created_by_id == user.id)


def can_dismiss_below(user, article: Article) -> bool:
    """Dismissing an article's weak candidates at once: an editor, or whoever ingested it."""
    return is_editor(user) or (is_staff(user) and article.created_by_id == user.id)


def can_delete_article(user, article: Article) -> bool:
    """Deleting an article is an editor's call; whether it may go at all is the service's
    (articles.services.delete_article refuses one whose claims were worked on)."""
    return is_editor(user)


def can_view_tips(user) -> bool:
    """The inbox of readers' tips (issue 16): all staff, checkers included."""
    return is_staff(user)


def can_decide_tip(user, tip: object = None) -> bool:
    """Turning a tip into a claim, dismissing or restoring it: all staff, as ingesting is."""
    return is_staff(user)


def can_manage_filter(user, saved) -> bool:
    """A saved queue filter (models.SavedFilter) is its owner's alone to delete."""
    return is_staff(user) and saved.user_id == user.id


# --- Exports (issue 16) -------------------------------------------------------------------


def can_export_queue(user) -> bool:
    """The queue as CSV or JSON: all staff, who see it on the page anyway."""
    return is_staff(user)


def can_export_article(user, article: Article) -> bool:
    """One article's claims as CSV or JSON: all staff, as the article page."""
    return is_staff(user)


def can_export_published(user) -> bool:
    """Published fact-checks (and their ClaimReview feed) are public: anyone, signed in or not."""
    return True


def can_export_audit(user) -> bool:
    """The audit log holds who signed in from where and every editorial decision: admins, as
    the audit page."""
    return is_admin(user)


PREDICATES = {name: fn for name, fn in globals().items() if name.startswith(("can_", "is_"))}

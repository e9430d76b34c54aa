"""Claim states and the one table of allowed transitions. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .errors import DomainError


class State(StrEnum):
    CANDIDATE = "candidate"
    QUEUED = "queued"
    IN_PROGRESS = "in_progress"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    PUBLISHED = "published"
    DISMISSED = "dismissed"
    RETURNED = "returned"
    CORRECTED = "corrected"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class WorkflowError(DomainError):
    """A transition the workflow table does not allow."""


@dataclass(frozen=True)
class Transition:
    action: str
    source: State
    target: State


S = State
TRANSITIONS: tuple[Transition, ...] = (
    Transition("accept", S.CANDIDATE, S.QUEUED),
    Transition("dismiss", S.CANDIDATE, S.DISMISSED),
    Transition("dismiss", S.QUEUED, S.DISMISSED),
    Transition("restore", S.DISMISSED, S.CANDIDATE),
    Transition("take", S.QUEUED, S.IN_PROGRESS),
    Transition("release", S.IN_PROGRESS, S.QUEUED),
    Transition("submit", S.IN_PROGRESS, S.IN_REVIEW),
    Transition("submit", S.RETURNED, S.IN_REVIEW),
    Transition("resume", S.RETURNED, S.IN_PROGRESS),
    Transition("recall", S.IN_REVIEW, S.IN_PROGRESS),
    Transition("approve", S.IN_REVIEW, S.APPROVED),
    Transition("return", S.IN_REVIEW, S.RETURNED),
    Transition("return", S.APPROVED, S.RETURNED),
    # A verdict edited after approval must be approved again.
    Transition("reopen", S.APPROVED, S.IN_REVIEW),
    Transition("publish", S.APPROVED, S.PUBLISHED),
    Transition("correct", S.PUBLISHED, S.CORRECTED),
    Transition("correct", S.CORRECTED, S.CORRECTED),
    Transition("unpublish", S.PUBLISHED, S.WITHDRAWN),
    Transition("unpublish", S.CORRECTED, S.WITHDRAWN),
    Transition("republish", S.WITHDRAWN, S.PUBLISHED),
)

# Named state sets: every rule about "which states" reads one of these (and nothing else
# spells states out). The database's CHECK constraints are built from them too.
# A claim is born a candidate, or queued when a person selects it in the article.
INITIAL_STATES = (S.CANDIDATE, S.QUEUED)
# Wording and boundaries can change (edit, merge, split) until someone is checking it.
TRIAGE_STATES = (S.CANDIDATE, S.QUEUED)
# After triage the wording and speakers can still be fixed by whoever holds the claim (and
# editors) until it is approved; a change in review or after approval needs approval again.
REWORD_STATES = (S.IN_PROGRESS, S.RETURNED, S.IN_REVIEW, S.APPROVED)
# The verdict and sources are still being written; the claim can be (re)assigned.
WORKING_STATES = (S.QUEUED, S.IN_PROGRESS, S.RETURNED)
# A checker holds the claim and works on it.
CHECKING_STATES = (S.IN_PROGRESS, S.RETURNED)
# Someone is working on the claim, so it must have an assignee.
ASSIGNED_STATES = (S.IN_PROGRESS, S.IN_REVIEW, S.RETURNED)
# The draft verdict can be edited (an approved one goes back for approval when saved).
VERDICT_EDIT_STATES = (S.IN_PROGRESS, S.RETURNED, S.APPROVED)
# Sources can be added: while the verdict is written and while it is reviewed.
SOURCE_STATES = (*WORKING_STATES, S.IN_REVIEW)
# From the first draft of a verdict to publication and after: when the claim was made and
# where it first appeared (ClaimReview's itemReviewed details) can be recorded.
DETAIL_STATES = (S.IN_PROGRESS, S.RETURNED, S.IN_REVIEW, S.APPROVED, S.PUBLISHED, S.CORRECTED)
# A verdict was submitted for review at some point.
SUBMITTED_STATES = (S.IN_REVIEW, S.APPROVED, S.RETURNED, S.PUBLISHED, S.CORRECTED, S.WITHDRAWN)
# The verdict was approved by a second editor.
APPROVED_STATES = (S.APPROVED, S.PUBLISHED, S.CORRECTED, S.WITHDRAWN)
# Readers can see the fact-check.
PUBLIC_STATES = (S.PUBLISHED, S.CORRECTED)
# The claim has or had a public page (a withdrawn one keeps a tombstone).
SEEN_STATES = (*PUBLIC_STATES, S.WITHDRAWN)
# Nothing more happens unless someone reopens it: out of the open queue.
CLOSED_STATES = (S.DISMISSED, *PUBLIC_STATES, S.WITHDRAWN)
# Where a claim waits for someone, and on whom: used for "oldest waiting" lists.
WAITING_STATES = (S.CANDIDATE, S.QUEUED, S.IN_REVIEW, S.APPROVED, S.RETURNED)
# On a checker's plate: assigned work not yet through review (the analytics workload chart).
WORKLOAD_STATES = (*WORKING_STATES, S.IN_REVIEW)

_BY_ACTION: dict[tuple[str, State], Transition] = {(t.action, t.source): t for t in TRANSITIONS}
ALLOWED_PAIRS: frozenset[tuple[State, State]] = frozenset((t.source, t.target) for t in TRANSITIONS)


def transition_for(action: str, source: State) -> Transition:
    """Return the transition `action` makes from `source`; raises WorkflowError if none."""
    try:
        return _BY_ACTION[(action, State(source))]
    except KeyError:
        raise WorkflowError(
            f"A claim that is {State(source).label} cannot be {_past(action)}."
        ) from None


def can_transition(action: str, source: State) -> bool:
    """True if `action` is allowed from `source`; never raises."""
    return (action, source) in _BY_ACTION


def actions_from(source: State) -> list[str]:
    """Actions available from `source`, in table order; never raises."""
    return [t.action for t in TRANSITIONS if t.source == source]


def _past(action: str) -> str:
    irregular = {"take": "taken", "submit": "submitted", "return": "returned", "resume": "resumed"}
    return irregular.get(action, action + ("d" if action.endswith("e") else "ed"))


def pairs_sql(old: str, new: str) -> str:
    """A SQL boolean that holds when (old, new) is an allowed transition; used by constraints."""
    ors = " OR ".join(
        f"({old} = '{a.value}' AND {new} = '{b.value}')" for a, b in sorted(ALLOWED_PAIRS)
    )
    return f"({ors})"

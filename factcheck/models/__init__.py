"""Typed models, one module per area; import them from here."""

from .article import Article
from .claim import (
    Attribution,
    Claim,
    ClaimSpeaker,
    DateMention,
    Kind,
    Quantity,
    Speaker,
    SpeakerKind,
)
from .event import Event
from .job import Job, JobState
from .review import (
    Comment,
    Correction,
    Proposal,
    ProposalKind,
    ProposalStatus,
    Revision,
    Source,
    SourceKind,
    Verdict,
    contributors_since_approval,
)
from .site import Rating, SiteSettings, Tone
from .throttle import ThrottleHit
from .user import Role, User

__all__ = [
    "Article",
    "Attribution",
    "Claim",
    "ClaimSpeaker",
    "Comment",
    "Correction",
    "DateMention",
    "Event",
    "Job",
    "JobState",
    "Kind",
    "Proposal",
    "ProposalKind",
    "ProposalStatus",
    "Quantity",
    "Rating",
    "Revision",
    "Role",
    "SiteSettings",
    "Source",
    "SourceKind",
    "Speaker",
    "SpeakerKind",
    "ThrottleHit",
    "Tone",
    "User",
    "Verdict",
    "contributors_since_approval",
]

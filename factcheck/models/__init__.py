"""Typed models, one module per area; import them from here."""

from .article import Article, ArticleSketch
from .article_fetch import ArticleFetch
from .capture import Capture, CaptureState
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
from .imported import ClaimReviewImport, ImportedFactCheck, ImportKind
from .job import Job, JobState
from .match import ClaimMatch, ClaimSuggestion, MatchDecision, MatchDocument, MatchKind, MatchTerm
from .notification import (
    DEFAULT_CHANNELS,
    Channel,
    Notification,
    NotificationEvent,
    NotificationPreference,
    Webhook,
    WebhookDelivery,
)
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
from .saved_filter import SavedFilter
from .site import Rating, SiteSettings, Tone
from .throttle import ThrottleHit
from .tip import Tip, TipState
from .user import Role, User

__all__ = [
    "DEFAULT_CHANNELS",
    "Article",
    "ArticleFetch",
    "ArticleSketch",
    "Attribution",
    "Capture",
    "CaptureState",
    "Channel",
    "Claim",
    "ClaimMatch",
    "ClaimReviewImport",
    "ClaimSpeaker",
    "ClaimSuggestion",
    "Comment",
    "Correction",
    "DateMention",
    "Event",
    "ImportKind",
    "ImportedFactCheck",
    "Job",
    "JobState",
    "Kind",
    "MatchDecision",
    "MatchDocument",
    "MatchKind",
    "MatchTerm",
    "Notification",
    "NotificationEvent",
    "NotificationPreference",
    "Proposal",
    "ProposalKind",
    "ProposalStatus",
    "Quantity",
    "Rating",
    "Revision",
    "Role",
    "SavedFilter",
    "SiteSettings",
    "Source",
    "SourceKind",
    "Speaker",
    "SpeakerKind",
    "ThrottleHit",
    "Tip",
    "TipState",
    "Tone",
    "User",
    "Verdict",
    "Webhook",
    "WebhookDelivery",
    "contributors_since_approval",
]

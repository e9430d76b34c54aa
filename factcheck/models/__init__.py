"""Typed models, one module per area; import them from here."""

from .article import Article
from .claim import Attribution, Claim, DateMention, Kind, Quantity, Speaker, SpeakerKind
from .event import Event
from .review import Comment, Correction, Source, SourceKind, Verdict
from .site import Rating, SiteSettings, Tone
from .user import Role, User

__all__ = [
    "Article",
    "Attribution",
    "Claim",
    "Comment",
    "Correction",
    "DateMention",
    "Event",
    "Kind",
    "Quantity",
    "Rating",
    "Role",
    "SiteSettings",
    "Source",
    "SourceKind",
    "Speaker",
    "SpeakerKind",
    "Tone",
    "User",
    "Verdict",
]

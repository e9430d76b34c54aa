"""What every part of the app reads: the organisation's settings, the rating scale, and the
one rule for web addresses stored anywhere (only absolute http and https)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, g
from sqlalchemy import exists, func, select, text

from ..audit import record
from ..errors import ConflictError, ValidationError
from ..extensions import db
from ..fetching import FetchError, check_url, settings_from
from ..models import Rating, SiteSettings, Tone, User

DEFAULT_RATINGS = (
    ("True", 5, Tone.TRUE, "The claim is accurate and nothing significant is missing."),
    (
        "Mostly true",
        4,
        Tone.TRUE,
        "The claim is accurate but needs clarification or additional information.",
    ),
    (
        "Half true",
        3,
        Tone.MIXED,
        "The claim is partially accurate but leaves out important details or takes things out of "
        "context.",
    ),
    (
        "Mostly false",
        2,
        Tone.FALSE,
        "The claim contains an element of truth but ignores facts that would give a different "
        "impression.",
    ),
    ("False", 1, Tone.FALSE, "The claim is not accurate."),
)

DEFAULT_METHODOLOGY = (
    "Every claim we check is chosen from published articles for its public significance. A "
    "fact-checker gathers primary sources, documents each one with an archived copy, and writes "
    "a rating with a one-line summary and a full rationale. An editor who did not write the "
    "verdict reviews it before anything is published. Corrections are published with the date, "
    "the reason and the previous rating."
)


def site_settings() -> SiteSettings:
    """The organisation settings row, created with defaults when missing; never raises."""
    settings = db.session.get(SiteSettings, 1)
    if settings is None:
        settings = SiteSettings(id=1, name="factcheck", methodology=DEFAULT_METHODOLOGY)
        db.session.add(settings)
        db.session.flush()
    return settings


# Any number, the same in every process: the PostgreSQL advisory lock the first-run setup takes.
SETUP_LOCK = 0x66616374


def claim_first_run() -> None:
    """Make this transaction the only one setting the install up: the others wait, then find the
    first admin made. Raises ConflictError when an account exists already.

    Eight setup forms posted at once on PostgreSQL made four admins: each had checked that no
    account existed before any of them wrote one (issue 13, finding 4). SQLite serialises them
    already (a POST begins with BEGIN IMMEDIATE)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SETUP_LOCK})
    if db.session.scalar(select(exists().where(User.id.is_not(None)))):
        raise ConflictError(
            "This newsroom has just been set up by someone else. Sign in with the account they "
            "made, or ask them for one."
        )


def ensure_defaults() -> None:
    """Create the settings row and the default rating scale if absent; never raises."""
    site_settings()
    if db.session.scalar(select(func.count(Rating.id))) == 0:
        for position, (label, value, tone, definition) in enumerate(DEFAULT_RATINGS):
            db.session.add(
                Rating(
                    label=label, value=value, tone=tone, definition=definition, position=position
                )
            )
        db.session.flush()


def rating_scale(active_only: bool = True) -> list[Rating]:
    query = select(Rating).order_by(Rating.position, Rating.id)
    if active_only:
        query = query.where(Rating.active.is_(True))
    return list(db.session.scalars(query))


def current_site() -> SiteSettings:
    """The settings row, read once per request."""
    if "site" not in g:
        g.site = site_settings()
    return g.site


def all_ratings() -> list[Rating]:
    """Every rating, retired ones included (old verdicts keep theirs); read once per request."""
    if "all_ratings" not in g:
        g.all_ratings = rating_scale(active_only=False)
    return g.all_ratings


def update_site(settings: SiteSettings, actor: User, **fields) -> None:
    """Change the organisation's settings (its public details, the triage threshold); never
    raises."""
    changed = [k for k, v in fields.items() if getattr(settings, k) != v]
    for key, value in fields.items():
        setattr(settings, key, value)
    if changed:
        record("site_updated", actor=actor, data={"fields": changed})


def save_rating(
    rating: Rating | None,
    actor: User,
    *,
    label: str,
    value: int,
    tone: Tone,
    definition: str,
    position: int,
    active: bool,
) -> Rating:
    """Create or change a rating; raises ValidationError for a duplicate label."""
    label = label.strip()
    clash = db.session.scalar(select(Rating).where(func.lower(Rating.label) == label.lower()))
    if clash is not None and clash is not rating:
        raise ValidationError(f"There is already a rating called {clash.label}.")
    if rating is None:
        rating = Rating()
        db.session.add(rating)
    rating.label, rating.value, rating.tone = label, value, Tone(tone)
    rating.definition, rating.position, rating.active = definition.strip(), position, active
    db.session.flush()
    record("rating_saved", actor=actor, data={"rating": rating.id, "label": label})
    return rating


def check_http_url(url: str | None, field: str = "URL") -> str | None:
    """Return the URL if it is absolute http(s); raises ValidationError for anything else."""
    url = (url or "").strip()
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[": an unclosed IPv6 address
        raise ValidationError(f"The {field} is not a valid web address.") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValidationError(f"The {field} must start with http:// or https://.")
    return url


def check_fetch_url(url: str | None, field: str, missing: str) -> str:
    """The address of a page the desk is asked to fetch (an article, a feed): absolute http(s)
    as check_http_url says, and not, as written, inside our network (the fetch guard's checks
    that need no DNS, under the app's FETCH_* settings; the guard checks the addresses the name
    resolves to at the fetch). Raises ValidationError: `missing` when none is given, else the
    reason it is refused."""
    checked = check_http_url(url, field)
    if checked is None:
        raise ValidationError(missing)
    try:
        check_url(checked, settings_from(current_app.config))
    except FetchError as exc:
        raise ValidationError(exc.message) from exc
    return checked

"""Users, the rating scale and the organisation shown on public pages."""

from __future__ import annotations

from sqlalchemy import func, select

from ..audit import record
from ..errors import ValidationError
from ..extensions import db
from ..models import Rating, Role, SiteSettings, Tone, User
from ..security.passwords import check_new_password
from ..security.sessions import rotate_token

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


def validate_password(password: str, *, email: str | None = None, name: str | None = None) -> None:
    """Raise ValidationError unless the password has 8 to 128 characters and is not a common
    one (security/passwords.py)."""
    check_new_password(password, email=email, name=name)


def create_user(*, email: str, name: str, role: Role, password: str, actor: User | None) -> User:
    """Create an account; raises ValidationError for a taken email or a bad password."""
    email = email.strip().lower()
    if not email or "@" not in email:
        raise ValidationError("Give a valid email address.")
    if not name.strip():
        raise ValidationError("Give the person's name.")
    validate_password(password, email=email, name=name)
    if db.session.scalar(select(User).where(func.lower(User.email) == email)):
        raise ValidationError(f"There is already an account for {email}.")
    user = User(email=email, name=name.strip(), role=Role(role))
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record("user_created", actor=actor, data={"user": user.id, "role": user.role.value})
    return user


def update_user(user: User, actor: User, *, name: str, role: Role, active: bool) -> None:
    """Change name, role or activation. Raises ValidationError when it would leave the install
    without an active admin."""
    role = Role(role)
    if user.role == Role.ADMIN and (role != Role.ADMIN or not active) and user.active:
        admins = db.session.scalar(
            select(func.count(User.id)).where(User.role == Role.ADMIN, User.active.is_(True))
        )
        if admins <= 1:
            raise ValidationError("This is the last active admin; make someone else admin first.")
    changes = {}
    if user.role != role:
        changes["role"] = [user.role.value, role.value]
    if user.active != active:
        changes["active"] = [user.active, active]
    if user.name != name.strip():
        changes["name"] = [user.name, name.strip()]
    user.name, user.role, user.active = name.strip(), role, active
    if "role" in changes or "active" in changes:
        # Sessions opened under the old role, or before deactivation, end now.
        rotate_token(user)
    if changes:
        record("user_updated", actor=actor, data={"user": user.id, **changes})


def turn_off_two_factor(user: User, actor: User) -> None:
    """For someone who lost their device (or whose secret the server can no longer read): they
    sign in with their password alone until they set two-factor up again. Ends their sessions."""
    if not user.totp_secret:
        return
    user.totp_secret = None
    user.totp_last_step = None
    rotate_token(user)
    record("two_factor_reset", actor=actor, data={"user": user.id})


def set_password(user: User, actor: User, password: str) -> None:
    """Set a new password and end the user's sessions; raises ValidationError if it breaks the
    password policy."""
    validate_password(password, email=user.email, name=user.name)
    user.set_password(password)
    rotate_token(user)
    record("password_set", actor=actor, data={"user": user.id})


def update_site(settings: SiteSettings, actor: User, **fields) -> None:
    """Change the organisation's public details; never raises."""
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

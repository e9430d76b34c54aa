"""Accounts: creating them, roles and activation, passwords and two-factor resets."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from ..audit import record
from ..errors import ValidationError
from ..extensions import db
from ..models import Role, User
from ..security import passwords
from ..security.passwords import check_new_password
from ..security.sessions import rotate_token


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
    passwords.set_password(user, password)
    db.session.add(user)
    db.session.flush()
    record("user_created", actor=actor, data={"user": user.id, "role": user.role.value})
    return user


def update_user(user: User, actor: User, *, name: str, role: Role, active: bool) -> None:
    """Change name, role or activation. Raises ValidationError when it would leave the install
    without an active admin."""
    role = Role(role)
    if user.role == Role.ADMIN and (role != Role.ADMIN or not active) and user.active:
        # Lock the active admins' rows: two admins demoting each other at once each counted two
        # admins and left none (issue 13, finding 4). The second waits here, then counts again.
        admins = db.session.scalars(
            select(User.id).where(User.role == Role.ADMIN, User.active.is_(True)).with_for_update()
        ).all()
        if len(admins) <= 1:
            raise ValidationError("This is the last active admin; make someone else admin first.")
    changes: dict[str, list[Any]] = {}
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
    passwords.set_password(user, password)
    rotate_token(user)
    record("password_set", actor=actor, data={"user": user.id})

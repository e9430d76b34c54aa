"""Sign-in, passwords and two-factor codes. Services never commit; views do, once."""

from __future__ import annotations

from sqlalchemy import func, select

from ..audit import record
from ..errors import PermissionDenied, ValidationError
from ..extensions import db
from ..models import User
from ..models._types import utcnow
from ..security import events, passwords, sessions, totp


def find_user(email: str) -> User | None:
    email = (email or "").strip().lower()
    return db.session.scalar(select(User).where(func.lower(User.email) == email))


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None; a failure is audited. Unknown
    email, wrong password and deactivated account take the same time and give the same None.
    A correct password stored with a weaker hash than configured is re-hashed now."""
    email = (email or "").strip().lower()[: User.EMAIL_MAX]
    user = find_user(email)
    stored, user_id = (user.password_hash, user.id) if user else (None, None)
    # The hash takes a deliberate fraction of a second: end the read transaction first, so a
    # sign-in never holds the database (on SQLite, its single write lock) while it computes.
    # Found by the load test (.ci/loadtest.py): 50 people signing in at once timed out.
    db.session.rollback()
    ok = passwords.verify_password(stored, password)
    user = db.session.get(User, user_id) if user_id is not None else None
    if not ok or user is None or not user.active:
        record("login_failed", actor=None, data={"email": email})
        events.log("login_failed", email=email)
        return None
    if passwords.needs_rehash(user.password_hash):
        passwords.set_password(user, password)
        record("password_rehashed", actor=user, data={"user": user.id})
    return user


def complete_login(user: User, *, second_factor: bool = False) -> None:
    """Start a fresh session for `user` and audit the sign-in; never raises."""
    sessions.start(user)
    user.last_login_at = utcnow()
    record("login", actor=user, data={"second_factor": True} if second_factor else None)
    events.log("login", user=user.id, second_factor=second_factor)


def sign_out(user: User) -> None:
    """End every session of `user` (a copied cookie stops working too); never raises."""
    sessions.rotate_token(user)
    record("logout", actor=user)
    events.log("logout", user=user.id)


def change_password(user: User, current: str, new: str) -> None:
    """Change one's own password; other sessions of the user end. Raises PermissionDenied for a
    wrong current password, ValidationError for a new one that breaks the policy."""
    if not passwords.verify_password(user.password_hash, current):
        raise PermissionDenied("The current password is not right.")
    if new == current:
        raise ValidationError("Choose a password different from the current one.")
    passwords.check_new_password(new, email=user.email, name=user.name)
    passwords.set_password(user, new)
    sessions.rotate_token(user)
    record("password_changed", actor=user, data={"user": user.id})
    events.log("password_changed", user=user.id)


def enable_two_factor(user: User, secret: str, code: str) -> None:
    """Turn on two-factor sign-in once the person proves their app has `secret`. Raises
    PermissionDenied for checkers, ValidationError for a wrong code."""
    if not totp.may_enrol(user):
        raise PermissionDenied("Two-factor sign-in is offered to editors and admins.")
    step = totp.matching_step(secret, code)
    if step is None:
        raise ValidationError(
            "That code does not match; check your device's clock and try the next code."
        )
    user.totp_secret = totp.seal(secret)
    user.totp_last_step = step  # the code used to enrol cannot sign in as well
    sessions.rotate_token(user)
    record("two_factor_enabled", actor=user, data={"user": user.id})
    events.log("two_factor_enabled", user=user.id)


UNREADABLE = (
    "This server cannot read your two-factor settings (its secret key was changed). "
    "Ask an admin to turn two-factor sign-in off for your account, then set it up "
    "again."
)


def disable_two_factor(user: User, password: str, code: str) -> None:
    """Turn off two-factor sign-in; needs the password and a fresh code. Raises
    PermissionDenied for a wrong password or code."""
    try:
        right = passwords.verify_password(user.password_hash, password) and totp.consume_code(
            user, code
        )
    except totp.SecretUnreadable:
        raise PermissionDenied(UNREADABLE) from None
    if not right:
        raise PermissionDenied("The password or the code is not right.")
    user.totp_secret = None
    user.totp_last_step = None
    sessions.rotate_token(user)
    record("two_factor_disabled", actor=user, data={"user": user.id})
    events.log("two_factor_disabled", user=user.id)


def record_failure(action: str, user: User) -> None:
    """Audit a failed password or code check by a signed-in user; never raises."""
    record(action, actor=user, data={"user": user.id})
    events.log(action, user=user.id)


def verify_second_factor(user: User, code: str) -> bool:
    """True if `code` is a fresh one-time code of `user`; a failure is audited. Raises
    totp.SecretUnreadable when the server cannot read the person's secret."""
    try:
        if totp.consume_code(user, code):
            return True
    except totp.SecretUnreadable:
        record(
            "login_failed",
            actor=None,
            data={"email": user.email, "second_factor": True, "reason": "secret_unreadable"},
        )
        events.log("two_factor_secret_unreadable", user=user.id)
        raise
    record("login_failed", actor=None, data={"email": user.email, "second_factor": True})
    events.log("login_failed", email=user.email, second_factor=True)
    return False

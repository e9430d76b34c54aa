"""Optional two-factor sign-in with time-based one-time codes (RFC 6238, ASVS V2.8).

Editors and admins may turn it on. A code is accepted for the current 30-second step and one
step either side (clock drift), and only once: the step of the last accepted code is stored,
and a code from that step or an earlier one is refused. The store is a conditional UPDATE, so
two requests racing with the same code cannot both win.
"""
from __future__ import annotations

import hmac
import time

import pyotp
from sqlalchemy import or_, update

from ..extensions import db
from ..models import Role, User
from ..params import is_digits

ISSUER = "factcheck"
DRIFT_STEPS = 1


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, user: User, issuer: str = ISSUER) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=issuer)


def may_enrol(user: User) -> bool:
    """Two-factor sign-in is offered to editors and admins."""
    return user.has_role(Role.EDITOR)


def matching_step(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step whose code equals `code` (within the allowed drift), or None."""
    code = "".join((code or "").split())
    if len(code) != 6 or not is_digits(code):
        return None
    totp = pyotp.TOTP(secret)
    now = time.time() if now is None else now
    current = totp.timecode(_as_datetime(now))
    found = None
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        # Compare every candidate, so timing does not tell which step matched.
        if hmac.compare_digest(totp.generate_otp(step), code):
            found = step
    return found


def check_code(secret: str, code: str, now: float | None = None) -> bool:
    """True if `code` is valid now for `secret` (no single-use check; for enrolment)."""
    return matching_step(secret, code, now) is not None


def consume_code(user: User, code: str, now: float | None = None) -> bool:
    """Accept `code` for `user` once: True and the step recorded, or False for a wrong code or
    one already used (the caller commits)."""
    if not user.totp_secret:
        return False
    step = matching_step(user.totp_secret, code, now)
    if step is None:
        return False
    result = db.session.execute(
        update(User).where(User.id == user.id,
                           or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        return False
    db.session.expire(user, ["totp_last_step"])
    return True


def _as_datetime(now: float):
    import datetime as dt
    return dt.datetime.fromtimestamp(now, dt.UTC)

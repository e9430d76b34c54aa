"""Optional two-factor sign-in with time-based one-time codes (RFC 6238, ASVS V2.8).

Editors and admins may turn it on. A code is accepted for the current 30-second step and one
step either side (clock drift), and only once: the step of the last accepted code is stored,
and a code from that step or an earlier one is refused. The store is a conditional UPDATE, so
two requests racing with the same code cannot both win.

The shared secrets are stored sealed (AES-256-GCM under a key derived from SECRET_KEY), so a
copy of the database or of a backup alone cannot mint codes. Keys in SECRET_KEY_FALLBACKS
(Flask's own setting for rotating the secret key) still open secrets sealed before a rotation,
and a secret is sealed again under the current key when a code is next accepted.
"""

from __future__ import annotations

import base64
import hmac
import os
import re
import time

import pyotp
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from sqlalchemy import CursorResult, or_, update

from ..extensions import db
from ..models import Role, User
from ..web.inputs import is_digits

ISSUER = "factcheck"
DRIFT_STEPS = 1
# How secrets were stored before they were sealed (migration 0007 seals them).
_PLAIN_BASE32 = re.compile(r"[A-Z2-7]+=*")


class SecretUnreadable(Exception):
    """A stored secret that no configured key opens: the secret key changed without the old
    one kept in SECRET_KEY_FALLBACKS. An admin can turn two-factor sign-in off for the person."""


def new_secret() -> str:
    return pyotp.random_base32()


def _cipher(key: str | bytes) -> AESGCM:
    raw = key.encode() if isinstance(key, str) else key
    return AESGCM(
        HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"factcheck two-factor secrets"
        ).derive(raw)
    )


def _keys() -> list[AESGCM]:
    """The current key first, then the ones it replaced."""
    config = current_app.config
    return [_cipher(k) for k in [config["SECRET_KEY"], *(config.get("SECRET_KEY_FALLBACKS") or ())]]


def seal(secret: str) -> str:
    """`secret` as stored: a 12-byte nonce, then the 20-byte secret encrypted and its 16-byte
    tag, in URL-safe base64 (64 characters, the column's width)."""
    nonce = os.urandom(12)
    sealed = nonce + _keys()[0].encrypt(nonce, base64.b32decode(secret), None)
    return base64.urlsafe_b64encode(sealed).decode().rstrip("=")


def is_plain(stored: str) -> bool:
    """True for a secret stored in the clear (before migration 0007)."""
    return bool(_PLAIN_BASE32.fullmatch(stored))


def _opened(stored: str) -> tuple[str, int | None]:
    """The secret in `stored` and which key opened it (0 the current one, None for a secret
    in the clear); raises SecretUnreadable if no configured key opens it."""
    if is_plain(stored):
        return stored, None
    try:
        data = base64.urlsafe_b64decode(stored + "=" * (-len(stored) % 4))
    except ValueError:
        raise SecretUnreadable() from None
    for index, cipher in enumerate(_keys()):
        try:
            return base64.b32encode(cipher.decrypt(data[:12], data[12:], None)).decode(), index
        except InvalidTag:
            continue
    raise SecretUnreadable()


def unseal(stored: str) -> str:
    """The secret in `stored`; raises SecretUnreadable if no configured key opens it."""
    return _opened(stored)[0]


def is_sealed_under_current_key(stored: str) -> bool:
    try:
        return _opened(stored)[1] == 0
    except SecretUnreadable:
        return False


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


def consume_code(user: User, code: str, now: float | None = None) -> bool:
    """Accept `code` for `user` once: True and the step recorded, or False for a wrong code or
    one already used (the caller commits). Raises SecretUnreadable."""
    if not user.totp_secret:
        return False
    secret, key = _opened(user.totp_secret)
    step = matching_step(secret, code, now)
    if step is None:
        return False
    result: CursorResult = db.session.execute(  # type: ignore[assignment]
        update(User)
        .where(User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return False
    db.session.expire(user, ["totp_last_step"])
    if key != 0:
        user.totp_secret = seal(secret)  # after a key rotation, or a secret stored in the clear
    return True


def _as_datetime(now: float):
    import datetime as dt

    return dt.datetime.fromtimestamp(now, dt.UTC)

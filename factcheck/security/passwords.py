"""Password policy and hashing cost (ASVS V2.1, V2.4).

Passwords are 8 to 128 characters, taken exactly as typed: no trimming, no Unicode
normalisation, no truncation (scrypt and PBKDF2 read the whole string, unlike bcrypt's 72 bytes).
New passwords are checked against an offline list of common passwords shipped beside this file.
"""

from __future__ import annotations

import functools
import hmac
from pathlib import Path

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from ..errors import ValidationError
from ..models import User

MIN_LENGTH = 8
MAX_LENGTH = 128
COMMON_LIST = Path(__file__).with_name("common-passwords.txt")

# Today's recommended cost (OWASP password storage cheat sheet, 2023 onwards).
SCRYPT_MIN_N = 2**17
PBKDF2_MIN_ROUNDS = 600_000
STRONG_DEFAULT = "scrypt:131072:8:1"


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords, lower-cased; read once per process."""
    with COMMON_LIST.open(encoding="utf-8") as fh:
        return frozenset(
            line.rstrip("\n").lower() for line in fh if line.strip() and not line.startswith("#")
        )


def check_new_password(
    password: str | None, *, email: str | None = None, name: str | None = None
) -> None:
    """Raise ValidationError unless `password` is fit to be set as a new password."""
    password = password or ""
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise ValidationError(f"Passwords need {MIN_LENGTH} to {MAX_LENGTH} characters.")
    folded = password.lower()
    if folded in common_passwords():
        raise ValidationError(
            "That password is on a list of commonly used passwords; choose "
            "another (a few unrelated words work well)."
        )
    for own in (email, (email or "").split("@")[0], name):
        if own and len(own) >= 4 and folded == own.strip().lower():
            raise ValidationError("The password cannot be your name or email address.")


def hash_method() -> str:
    return current_app.config.get("PASSWORD_HASH_METHOD") or STRONG_DEFAULT


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=hash_method())


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Check `password` against `stored_hash`; with no hash, spend the same time and fail, so an
    unknown account cannot be told apart by how long the answer takes."""
    if not stored_hash:
        check_password_hash(_dummy_hash(hash_method()), password)
        return False
    return check_password_hash(stored_hash, password)


def set_password(user: User, password: str) -> None:
    """Store a hash of `password` for `user` (the policy is check_new_password's job)."""
    user.password_hash = hash_password(password)


def check_password(user: User, password: str) -> bool:
    """True if `password` is `user`'s."""
    return verify_password(user.password_hash, password)


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with other parameters than the configured method."""
    return not hmac.compare_digest(stored_hash.split("$", 1)[0], _canonical(hash_method()))


def is_strong(method: str) -> bool:
    """True if `method` meets today's cost: scrypt N >= 2^17 or PBKDF2-SHA256 >= 600,000."""
    parts = _canonical(method).split(":")
    try:
        if parts[0] == "scrypt":
            return int(parts[1]) >= SCRYPT_MIN_N
        if parts[0] == "pbkdf2":
            return parts[1] == "sha256" and int(parts[2]) >= PBKDF2_MIN_ROUNDS
    except (IndexError, ValueError):
        return False
    return False


@functools.cache
def _canonical(method: str) -> str:
    """Werkzeug's full method string ("scrypt" -> "scrypt:32768:8:1"), as hashes store it."""
    if method.count(":") == {"scrypt": 3, "pbkdf2": 2}.get(method.split(":")[0]):
        return method
    return generate_password_hash("x", method=method).split("$", 1)[0]


@functools.cache
def _dummy_hash(method: str) -> str:
    return generate_password_hash("not a password of anyone's", method=method)

"""Device cookies (OWASP, "Slow down online guessing attacks with device cookies").

The per-account sign-in limit stops guessing one person's password, but on its own it also
stops that person: once strangers have used up the account's failures, the right password is
refused too (issue 13, finding 6). A browser in which someone signed in to an account gets a
signed cookie naming that account (by a keyed hash, not the address) and a random id; sign-in
attempts that bring a valid cookie for the account typed are counted under that cookie, apart
from everyone else's. Guesses still count and are still refused past the limit, per cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "factcheck_device"
_SALT = "factcheck device cookie"


def _serializer() -> URLSafeTimedSerializer:
    config = current_app.config
    return URLSafeTimedSerializer(
        [*(config.get("SECRET_KEY_FALLBACKS") or ())[::-1], config["SECRET_KEY"]], salt=_SALT
    )


def _account_tag(email: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()[:32]


def device_id(email: str) -> str | None:
    """The id of this browser's device cookie if it is valid and for `email`, else None."""
    raw = request.cookies.get(COOKIE)
    if not raw or not email:
        return None
    max_age = current_app.config["DEVICE_COOKIE_DAYS"] * 86400
    try:
        data = _serializer().loads(raw, max_age=max_age)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    if not hmac.compare_digest(str(data.get("account", "")), _account_tag(email)):
        return None
    return data["id"]


def remember(response: Response, email: str) -> Response:
    """Give this browser a fresh device cookie for `email` (after a complete sign-in)."""
    config = current_app.config
    value = _serializer().dumps({"account": _account_tag(email), "id": secrets.token_urlsafe(16)})
    response.set_cookie(
        COOKIE,
        value,
        max_age=config["DEVICE_COOKIE_DAYS"] * 86400,
        path="/login",
        secure=request.is_secure or config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response

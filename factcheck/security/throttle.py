"""Sign-in throttling (ASVS V2.2.1) with Flask-Limiter.

Two limits guard every password or code check:
- per address: all sign-in posts from one IP (HTTP 429 past it), which slows a single machine
  trying many accounts;
- per account: failed attempts on one email address, which slows guessing one person's
  password from many machines, while everyone else still signs in.
Counters live in Redis when REDIS_URL is set, so every app server shares them, and otherwise in
the database (security/throttle_store.py), which every worker process shares too. If the store
goes away the limiter falls back to memory instead of failing sign-in. A browser that signed in
to an account before has its own count for it (security/devices.py), so strangers' guesses
cannot lock the person out.
"""

from __future__ import annotations

import os

from flask import Flask, current_app, request, session
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import current_user

from . import devices, throttle_store

EXTENSION = "factcheck.limiter"


def storage_uri(app: Flask) -> str:
    """REDIS_URL from the config, or from the environment outside tests; else the database,
    which every app process shares (memory would give each gunicorn worker its own counts)."""
    url = app.config.get("REDIS_URL")
    if not url and not app.testing:
        url = os.environ.get("REDIS_URL")
    return url or f"{throttle_store.SCHEME}://"


def limiter_for(app: Flask) -> Limiter:
    return app.extensions[EXTENSION]


def _account_key() -> str:
    """The account a sign-in post is about: the typed email, or the half-signed-in user at the
    second factor. Unknown and known emails are counted alike, so the limit reveals nothing."""
    if current_user.is_authenticated:  # changing one's own password
        return f"account:user:{current_user.id}"
    if request.endpoint == "auth.verify":
        # Only the session says whose code this is: a posted email field would give every
        # guess a fresh counter (issue 13, finding 5).
        return f"account:pending:{session.get('_2fa_user', '')}"
    email = (request.form.get("email") or "").strip().lower()[:254]
    device = devices.device_id(email)
    if device is not None:
        # A browser this person signed in with keeps its own count (security/devices.py).
        return f"account:{email}:device:{device}"
    return "account:" + email


def _failed(response) -> bool:
    """Count an attempt against the account only when it failed."""
    return response.status_code in (401, 422)


def _breach(limit) -> None:
    """Log a refused sign-in attempt (a log line, not an audit row: an attack must not be able
    to fill the database)."""
    from . import events

    events.log("signin_throttled", limit=str(limit.limit), key=limit.key)


def _ip_limit() -> str:
    return current_app.config["LOGIN_LIMIT_IP"]


def _account_limit() -> str:
    return current_app.config["LOGIN_LIMIT_ACCOUNT"]


# Public forms limited per client address, besides sign-in: endpoint -> (the setting holding
# the limit, the counters' scope). The address is request.remote_addr, which honours
# X-Forwarded-For only for PROXY_FIX_HOPS trusted proxies, so a forged header gets no fresh
# counter.
ADDRESS_LIMITS = {"tips.new": ("TIPS_LIMIT", "tips-ip")}


def limit_posts_per_address(app: Flask, endpoint: str, setting: str, scope: str) -> None:
    """Count POSTs to `endpoint` per client address in the shared store and answer 429 past
    the limit in `app.config[setting]` (read on each request, so tests and admins can
    change it). Does nothing for an endpoint that is not registered."""
    view = app.view_functions.get(endpoint)
    if view is None:
        return

    def limit() -> str:
        return current_app.config[setting]

    def breach(hit) -> None:
        from . import events

        events.log("post_throttled", endpoint=endpoint, limit=str(hit.limit), key=hit.key)

    wrap = limiter_for(app).limit(limit, methods=["POST"], scope=scope, on_breach=breach)
    app.view_functions[endpoint] = wrap(view)  # type: ignore[assignment]


def init_app(app: Flask) -> None:
    """Create the app's limiter and put the two limits on every endpoint that checks a
    password or a one-time code. Call after the blueprints are registered."""
    app.config.setdefault("RATELIMIT_STORAGE_URI", storage_uri(app))
    # One Limiter per app: Flask-Limiter keeps some settings on the instance, so a shared
    # module-level one would carry one app's configuration into the next.
    limiter = Limiter(
        key_func=get_remote_address,
        app=app,
        key_prefix=app.config.get("RATELIMIT_KEY_PREFIX", "factcheck"),
    )
    app.extensions[EXTENSION] = limiter
    # Every limit here is on POSTs; skipping the limiter's bookkeeping for reads saves a
    # tenth of a millisecond on each, which is a fifth of what a cached public page costs.
    limiter.request_filter(lambda: request.method in ("GET", "HEAD", "OPTIONS"))
    per_ip = limiter.limit(_ip_limit, methods=["POST"], scope="signin-ip", on_breach=_breach)
    per_account = limiter.limit(
        _account_limit,
        methods=["POST"],
        key_func=_account_key,
        deduct_when=_failed,
        scope="signin-account",
        on_breach=_breach,
    )
    for endpoint in (
        "auth.login",
        "auth.verify",
        "auth.account",
        "auth.two_factor",
        "auth.two_factor_off",
    ):
        view = app.view_functions.get(endpoint)
        if view is not None:
            app.view_functions[endpoint] = per_ip(per_account(view))  # type: ignore[assignment]
    for endpoint, (setting, scope) in ADDRESS_LIMITS.items():
        limit_posts_per_address(app, endpoint, setting, scope)

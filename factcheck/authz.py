"""View helpers: load or 404, then authorise or 403."""
from __future__ import annotations

from collections.abc import Callable

from flask import abort
from flask_login import current_user


def authorize(predicate: Callable[..., bool], *args) -> None:
    """Abort with 403 unless `predicate(current_user, *args)` holds."""
    if not predicate(current_user, *args):
        abort(403)


def actor():
    """The signed-in user as a real object (not the proxy), for services and audit rows."""
    return current_user._get_current_object()

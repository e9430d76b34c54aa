"""View helpers: load or 404, then authorise or 403."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort
from flask_login import current_user


def authorize(predicate: Callable[..., bool], *args) -> None:
    """Abort with 403 unless `predicate(current_user, *args)` holds."""
    if not predicate(current_user, *args):
        abort(403)


def authorize_fresh(predicate: Callable[..., bool], claim, version: int | None) -> None:
    """Like authorize(), but a refusal caused by a stale form is reported as the conflict it is
    (someone moved the claim on), not as a bare 403."""
    if predicate(current_user, claim):
        return
    if current_user.is_authenticated and version is not None and int(version) != claim.version:
        from .claims.services import check_version

        check_version(claim, version)
    abort(403)


def actor():
    """The signed-in user as a real object (not the proxy), for services and audit rows."""
    return current_user._get_current_object()

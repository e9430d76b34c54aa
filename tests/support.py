"""Helpers for tests that are not fixtures."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.extensions import db
from factcheck.models import User

# The shared evaluation data: ../shared next to the checkout, or where FACTCHECK_SHARED says.
SHARED = Path(os.environ.get("FACTCHECK_SHARED") or Path(__file__).resolve().parents[2] / "shared")
PASSWORD = "correct horse battery"


def login(client, user: User) -> None:
    """Sign `user` in for this test client without going through the form: the session holds
    what security.sessions.start() puts there (login id with the session token, timestamps)."""
    now = int(time.time())
    with client.session_transaction() as session:
        session.clear()
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session["_issued"] = now
        session["_seen"] = now


def fresh(model, ident):
    """Reload an object from the database in the current app context."""
    db.session.expire_all()
    return db.session.get(model, ident)


def work(fn: Callable[[], object]) -> int:
    """How many calls (Python functions, and C functions such as each regex search) `fn()`
    makes: a measure of work that does not depend on how busy the machine is."""
    calls = 0

    def count(frame, event, arg) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return calls


def grows_linearly(fn: Callable[[int], object], n: int, slack: float = 2.3) -> bool:
    """True when `fn(2 * n)` costs at most `slack` times the work of `fn(n)`: doubling the
    input should double the work, not square it."""
    small, large = work(lambda: fn(n)), work(lambda: fn(2 * n))
    return large <= slack * max(small, 1)


def needs_shared(path: Path, what: str) -> Path:
    """`path` under ../shared, which a user's clone may not have: there the test is skipped,
    but under CI (the CI variable set) a missing file fails it, so a quality gate cannot
    vanish without anyone noticing."""
    if path.exists():
        return path
    message = f"{what} is not here ({path})"
    if os.environ.get("CI"):
        pytest.fail(message + "; CI must run with ../shared next to the checkout")
    pytest.skip(message)


def approval(app, claim_id: int) -> dict:
    """What the claim page's Approve button posts: the claim's version and the digest of
    everything the public page would show, as the editor reads it now."""
    from factcheck.models import Claim
    from factcheck.revisions import digest_of, snapshot_of

    with app.app_context():
        claim = fresh(Claim, claim_id)
        return {"version": claim.version, "snapshot": digest_of(snapshot_of(claim))}


def setting_up() -> None:
    """Let a test's set-up change published claims directly (in the app context, before its
    commit), as the revisions hook lets an approved correction: tests build states fast."""
    from factcheck.revisions import allow_public_change

    allow_public_change("test set-up")

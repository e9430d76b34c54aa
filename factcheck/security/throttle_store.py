"""The sign-in limits' counters in the app's own database, for installs without Redis.

Counters in memory live in one process: under gunicorn with four workers each worker kept its
own, and twenty wrong passwords were checked where five were allowed (issue 13, finding 6).
Every worker shares the database, so this store (registered with the `limits` library under
the scheme "factcheck-db") makes them share the counts. One row per counted attempt, kept until
it leaves its window; a moving window is the rows of a key not yet expired.

Taking an entry is a count and an insert that must not interleave with another process's:
SQLite's write lock serialises them (a POST begins with BEGIN IMMEDIATE, see db/sqlite.py) and
on PostgreSQL a transaction-scoped advisory lock on the key does. The store uses the request's
own session and commits at once: a second connection would wait on SQLite's write lock that
the request may already hold.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from flask import has_app_context
from limits.storage import MovingWindowSupport, Storage
from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..models import ThrottleHit

SCHEME = "factcheck-db"


@contextmanager
def _committed() -> Iterator[None]:
    """Run a step in the request's session and end its transaction at once, whatever happens."""
    try:
        yield
    except BaseException:
        db.session.rollback()
        raise
    db.session.commit()


class DatabaseStorage(Storage, MovingWindowSupport):
    """Rate-limit counters in the `throttle_hits` table; works inside an app context only."""

    STORAGE_SCHEME = [SCHEME]  # noqa: RUF012 (the base class declares it a plain list)

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    # --- moving window: what the sign-in limits use ------------------------------------------

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        if amount > limit:
            return False
        now = time.time()
        with _committed():
            self._lock(key)
            self._forget_expired(now)
            if self._live(key, now) + amount > limit:
                return False
            db.session.execute(
                insert(ThrottleHit), [{"key": key, "expires": now + expiry}] * amount
            )
            return True

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        now = time.time()
        with _committed():
            oldest, count = db.session.execute(
                select(func.min(ThrottleHit.expires), func.count()).where(
                    ThrottleHit.key == key, ThrottleHit.expires > now
                )
            ).one()
        return (oldest - expiry, count) if count else (now, 0)

    # --- fixed window: the same rows, counted from the first live one ------------------------

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        with _committed():
            self._lock(key)
            self._forget_expired(now)
            first = db.session.scalar(
                select(func.min(ThrottleHit.expires)).where(
                    ThrottleHit.key == key, ThrottleHit.expires > now
                )
            )
            expires = first if first is not None else now + expiry
            db.session.execute(insert(ThrottleHit), [{"key": key, "expires": expires}] * amount)
            return self._live(key, now)

    def get(self, key: str) -> int:
        with _committed():
            return self._live(key, time.time())

    def get_expiry(self, key: str) -> float:
        now = time.time()
        with _committed():
            first = db.session.scalar(
                select(func.min(ThrottleHit.expires)).where(
                    ThrottleHit.key == key, ThrottleHit.expires > now
                )
            )
        return first if first is not None else now

    # --- upkeep -------------------------------------------------------------------------------

    def check(self) -> bool:
        if not has_app_context():
            return True
        try:
            with _committed():
                db.session.execute(select(1))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        with _committed():
            return db.session.execute(delete(ThrottleHit)).rowcount  # type: ignore[attr-defined]

    def clear(self, key: str) -> None:
        with _committed():
            db.session.execute(delete(ThrottleHit).where(ThrottleHit.key == key))

    # --- helpers ------------------------------------------------------------------------------

    def _lock(self, key: str) -> None:
        if db.session.get_bind().dialect.name == "postgresql":
            db.session.execute(
                text("SELECT pg_advisory_xact_lock(:id)"),
                {"id": zlib.crc32(f"throttle:{key}".encode())},
            )

    def _live(self, key: str, now: float) -> int:
        return (
            db.session.scalar(
                select(func.count()).where(ThrottleHit.key == key, ThrottleHit.expires > now)
            )
            or 0
        )

    def _forget_expired(self, now: float) -> None:
        # Every key's old rows, not only this one's: guesses at many made-up emails must not
        # leave rows behind for good. The index on `expires` keeps this a short range scan.
        db.session.execute(delete(ThrottleHit).where(ThrottleHit.expires <= now))

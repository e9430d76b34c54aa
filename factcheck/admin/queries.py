"""Read-side queries for the admin pages: people and the audit log."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from ..db.pagination import Key, KeysetPage, keyset_page
from ..extensions import db
from ..models import Event, User

# Events an admin reviews for security: sign-ins, accounts and roles, two-factor, and the
# editorial decisions that put words on the public site.
SECURITY_ACTIONS = (
    "login",
    "login_failed",
    "logout",
    "session_expired",
    "password_changed",
    "password_change_failed",
    "password_set",
    "password_rehashed",
    "two_factor_enabled",
    "two_factor_disabled",
    "two_factor_disable_failed",
    "two_factor_reset",
    "user_created",
    "user_updated",
    "site_updated",
    "rating_saved",
    "approve",
    "return",
    "reopen",
    "publish",
    "unpublish",
    "republish",
    "correct",
)


def everyone() -> list[User]:
    """Every account, active or not, by name."""
    return list(db.session.scalars(select(User).order_by(User.name)))


def audit_query(*, security_only: bool, action: str, actor_id: int | None) -> Select:
    """Audit events as the audit page filters them: only the security and editorial ones
    unless asked for all, of one action or one person if given (the page and the export)."""
    query = select(Event).options(joinedload(Event.actor))
    if security_only:
        query = query.where(Event.action.in_(SECURITY_ACTIONS))
    if action:
        query = query.where(Event.action == action)
    if actor_id is not None:
        query = query.where(Event.actor_id == actor_id)
    return query


def audit_page(
    *,
    security_only: bool,
    action: str,
    actor_id: int | None,
    cursor: str | None,
    per_page: int,
) -> KeysetPage:
    """Audit events newest first, filtered as audit_query."""
    query = audit_query(security_only=security_only, action=action, actor_id=actor_id)
    return keyset_page(
        query, (Key(Event.id, descending=True),), cursor, per_page, lambda e: (e.id,)
    )

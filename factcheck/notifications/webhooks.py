"""Outgoing webhooks for published fact-checks: Slack-compatible JSON, signed.

Each POST carries `X-Factcheck-Timestamp` (seconds since the epoch) and
`X-Factcheck-Signature: sha256=<hex>`, the HMAC-SHA256 with the hook's secret of
"<timestamp>.<body>". A receiver recomputes it and refuses a timestamp older than a few
minutes, so a captured request cannot be replayed later; `X-Factcheck-Delivery` names the
delivery, the same on every retry, so a receiver can also drop duplicates.

Every POST goes through the fetcher's SSRF guard (fetching.post): an address inside our network
is refused when the hook is added if it is written as an IP address, and at each delivery after
the name is resolved; a redirect is a failed delivery.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
import time

from flask import current_app
from sqlalchemy import select

from ..audit import record
from ..errors import ValidationError
from ..extensions import db
from ..fetching import (
    BlockedAddress,
    BlockedURL,
    FetchError,
    FetchSettings,
    Resolver,
    check_url,
    post,
    settings_from,
    system_resolver,
)
from ..jobs import queue_job
from ..jobs.services import unfinished_subjects
from ..models import Claim, User, Webhook, WebhookDelivery
from ..models._types import utcnow
from . import delivery
from .links import desk_url

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Factcheck-Signature"
TIMESTAMP_HEADER = "X-Factcheck-Timestamp"
DELIVERY_HEADER = "X-Factcheck-Delivery"
# Seconds a receiver should accept a timestamp for (verify() below).
TOLERANCE = 300
# After this many failures a delivery is no longer retried (it stays listed with its error).
MAX_ATTEMPTS = 8
WEBHOOK_JOB = "deliver_webhook"


class WebhookError(Exception):
    """The receiver did not take the delivery; it is kept for a retry."""


def destination_refusal(url: str, settings: FetchSettings | None = None) -> str | None:
    """Why nothing may be sent to `url` by what the guard knows without DNS (production policy
    unless `settings` say otherwise), or None; never raises."""
    try:
        check_url(url, settings)
    except BlockedAddress:
        return (
            "Webhooks cannot be sent to an address inside our network (private, loopback, "
            "link-local or cloud metadata). Give the receiver's public address."
        )
    except FetchError as exc:
        return f"{exc.message} Give the receiver's address as a plain http:// or https:// URL."
    return None


def is_allowed_destination(url: str, settings: FetchSettings | None = None) -> bool:
    """Whether `url` passes the guard's checks that need no DNS; never raises."""
    return destination_refusal(url, settings) is None


def add_webhook(name: str, url: str, actor: User) -> Webhook:
    """Add an active webhook with a new secret, audited; raises ValidationError for a
    destination the fetcher's guard refuses before DNS (see destination_refusal)."""
    url = url.strip()
    refusal = destination_refusal(url, settings_from(current_app.config))
    if refusal:
        raise ValidationError(refusal)
    hook = Webhook(name=name.strip() or url, url=url, secret=secrets.token_hex(32))
    db.session.add(hook)
    db.session.flush()
    record("webhook_add", actor=actor, data={"webhook": hook.id, "url": url})
    return hook


def delete_webhook(hook: Webhook, actor: User) -> None:
    """Remove a webhook and its deliveries, audited; never raises."""
    record("webhook_delete", actor=actor, data={"webhook": hook.id, "url": hook.url})
    db.session.delete(hook)


def queue_published(claim: Claim) -> list[WebhookDelivery]:
    """A delivery of `claim`'s publication to every active webhook, sent after the commit;
    never raises."""
    hooks = db.session.scalars(select(Webhook).where(Webhook.active.is_(True))).all()
    if not hooks:
        return []
    body = json.dumps(published_payload(claim), ensure_ascii=False, separators=(",", ":"))
    made = [WebhookDelivery(webhook=hook, claim_id=claim.id, body=body) for hook in hooks]
    db.session.add_all(made)
    db.session.flush()
    delivery.after_commit_send("webhook", [d.id for d in made])
    return made


def published_payload(claim: Claim) -> dict:
    """Slack's {"text": ...} plus our fields, for a receiver that is not Slack."""
    verdict = claim.verdict
    rating = verdict.rating.label if verdict and verdict.rating else None
    url = desk_url("public.factcheck", claim_id=claim.id)
    return {
        "text": f"Fact-check published: “{claim.text}” — {rating or 'no rating'}. {url}",
        "event": "published",
        "claim_id": claim.id,
        "claim": claim.text,
        "rating": rating,
        "summary": verdict.summary if verdict else None,
        "url": url,
        "published_at": claim.published_at.isoformat() if claim.published_at else None,
    }


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header's value for `body` sent at `timestamp`."""
    mac = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str, now: int) -> bool:
    """What a receiver checks: the signature matches and the timestamp is recent."""
    try:
        sent = int(timestamp)
    except ValueError:
        return False
    if abs(now - sent) > TOLERANCE:
        return False
    return hmac.compare_digest(sign(secret, sent, body), signature)


def post_delivery(delivery_id: int, resolve: Resolver = system_resolver) -> bool:
    """POST one delivery unless it was delivered already; True if delivered now. A destination
    the guard refuses is recorded and not retried (False). Never commits. Raises WebhookError
    after recording any other failure and when to try again."""
    item = db.session.get(WebhookDelivery, delivery_id, with_for_update=True)
    if item is None or item.delivered_at is not None or not item.webhook.active:
        return False
    hook = item.webhook
    body = item.body.encode()
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "factcheck-webhook",
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: sign(hook.secret, timestamp, body),
        DELIVERY_HEADER: str(item.id),
    }
    try:
        status, _ = post(hook.url, body, headers, settings_from(current_app.config), resolve)
    except (BlockedURL, BlockedAddress) as exc:
        # Refused before any connection; trying again would only knock on the same door.
        _failed(item, exc.message, retry=False)
        return False
    except FetchError as exc:
        _failed(item, exc.message, retry=True)
        raise WebhookError(f"webhook delivery {item.id}: {exc.message}") from exc
    if not 200 <= status < 300:
        _failed(item, f"HTTP {status}", retry=True)
        raise WebhookError(f"webhook delivery {item.id}: HTTP {status}")
    item.delivered_at = utcnow()
    item.next_attempt_at = None
    item.last_error = None
    db.session.flush()
    return True


def webhook_job(delivery_id: int) -> bool:
    """The "deliver_webhook" job: `post_delivery`, a failure recorded with its next attempt
    and not raised (a raise would roll that record back; the ten-minute retries send it)."""
    try:
        return post_delivery(delivery_id)
    except WebhookError:
        return False


def deliver_webhook(delivery_id: int, resolve: Resolver = system_resolver) -> bool:
    """`post_delivery` in its own transaction; raises WebhookError after committing the
    failure (for a caller that retries)."""
    try:
        delivered = post_delivery(delivery_id, resolve)
    except WebhookError:
        db.session.commit()
        raise
    db.session.commit()
    return delivered


def _failed(item: WebhookDelivery, reason: str, retry: bool) -> None:
    item.attempts += 1
    item.last_error = reason[: WebhookDelivery.ERROR_MAX]
    # Exponential backoff: 1, 2, 4 ... minutes, then no more tries.
    more = retry and item.attempts < MAX_ATTEMPTS
    item.next_attempt_at = (
        utcnow() + dt.timedelta(minutes=2 ** (item.attempts - 1)) if more else None
    )
    db.session.flush()
    log.warning("webhook %s: delivery %s failed: %s", item.webhook_id, item.id, reason)


def due_delivery_ids(now: dt.datetime) -> list[int]:
    """Failed deliveries whose next attempt is due at `now`. Never raises."""
    return list(
        db.session.scalars(
            select(WebhookDelivery.id).where(
                WebhookDelivery.delivered_at.is_(None),
                WebhookDelivery.next_attempt_at.is_not(None),
                WebhookDelivery.next_attempt_at <= now,
            )
        )
    )


def retry_webhooks(now: dt.datetime) -> int:
    """Deliver again every failed delivery whose next attempt is due at `now`; returns how
    many went through. Logs failures, never raises."""
    sent = 0
    for delivery_id in due_delivery_ids(now):
        try:
            sent += deliver_webhook(delivery_id)
        except WebhookError:
            pass  # recorded on the row, with its next attempt
    return sent


def queue_webhook_retries(now: dt.datetime) -> int:
    """Queue a "deliver_webhook" job for each delivery due again that has none waiting;
    returns how many. Never commits or raises."""
    ids = due_delivery_ids(now)
    waiting = unfinished_subjects(WEBHOOK_JOB, ids)
    fresh = [i for i in ids if i not in waiting]
    for delivery_id in fresh:
        queue_job(WEBHOOK_JOB, delivery_id, None)
    return len(fresh)

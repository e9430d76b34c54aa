"""Outgoing webhooks for published fact-checks: Slack-compatible JSON, signed.

Each POST carries `X-Factcheck-Timestamp` (seconds since the epoch) and
`X-Factcheck-Signature: sha256=<hex>`, the HMAC-SHA256 with the hook's secret of
"<timestamp>.<body>". A receiver recomputes it and refuses a timestamp older than a few
minutes, so a captured request cannot be replayed later; `X-Factcheck-Delivery` names the
delivery, the same on every retry, so a receiver can also drop duplicates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from sqlalchemy import select

from ..audit import record
from ..errors import ValidationError
from ..extensions import db
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
TIMEOUT = 10
# After this many failures a delivery is no longer retried (it stays listed with its error).
MAX_ATTEMPTS = 8


class WebhookError(Exception):
    """The receiver did not take the delivery; it is kept for a retry."""


def is_allowed_destination(url: str) -> bool:
    """Whether anything may be sent to `url`; never raises.

    TODO(issue 14): call the SSRF guard of factcheck/fetching here (no private, loopback,
    link-local or metadata address after DNS resolution, loopback allowed in tests only).
    Until it lands only the scheme and the host are checked."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def add_webhook(name: str, url: str, actor: User) -> Webhook:
    """Add an active webhook with a new secret, audited; raises ValidationError for a
    destination that is not allowed."""
    url = url.strip()
    if not is_allowed_destination(url):
        raise ValidationError("Give the webhook's address as an http:// or https:// URL.")
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


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect could lead past the destination check: it counts as a failure.
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def deliver_webhook(delivery_id: int) -> bool:
    """POST one delivery unless it was delivered already; True if delivered now. Raises
    WebhookError after recording the failure and when to try again (for a queue's retry)."""
    item = db.session.get(WebhookDelivery, delivery_id, with_for_update=True)
    if item is None or item.delivered_at is not None or not item.webhook.active:
        return False
    hook = item.webhook
    if not is_allowed_destination(hook.url):
        _failed(item, "destination not allowed", retry=False)
        db.session.commit()
        return False
    body = item.body.encode()
    timestamp = int(time.time())
    request = urllib.request.Request(  # noqa: S310 (http(s) only: is_allowed_destination)
        hook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "factcheck-webhook",
            TIMESTAMP_HEADER: str(timestamp),
            SIGNATURE_HEADER: sign(hook.secret, timestamp, body),
            DELIVERY_HEADER: str(item.id),
        },
    )
    try:
        # The scheme is http(s): is_allowed_destination() above.
        with _opener.open(request, timeout=TIMEOUT) as response:  # nosec B310
            response.read(1024)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = f"HTTP {exc.code}" if isinstance(exc, urllib.error.HTTPError) else repr(exc)
        _failed(item, reason, retry=True)
        db.session.commit()
        raise WebhookError(f"webhook delivery {item.id}: {reason}") from exc
    item.delivered_at = utcnow()
    item.next_attempt_at = None
    item.last_error = None
    db.session.commit()
    return True


def _failed(item: WebhookDelivery, reason: str, retry: bool) -> None:
    item.attempts += 1
    item.last_error = reason[: WebhookDelivery.ERROR_MAX]
    # Exponential backoff: 1, 2, 4 ... minutes, then no more tries.
    more = retry and item.attempts < MAX_ATTEMPTS
    item.next_attempt_at = (
        utcnow() + dt.timedelta(minutes=2 ** (item.attempts - 1)) if more else None
    )
    log.warning("webhook %s: delivery %s failed: %s", item.webhook_id, item.id, reason)


def retry_webhooks(now: dt.datetime) -> int:
    """Deliver again every failed delivery whose next attempt is due at `now`; returns how
    many went through. Logs failures, never raises."""
    ids = db.session.scalars(
        select(WebhookDelivery.id).where(
            WebhookDelivery.delivered_at.is_(None),
            WebhookDelivery.next_attempt_at.is_not(None),
            WebhookDelivery.next_attempt_at <= now,
        )
    ).all()
    sent = 0
    for delivery_id in ids:
        try:
            sent += deliver_webhook(delivery_id)
        except WebhookError:
            pass  # recorded on the row, with its next attempt
    return sent

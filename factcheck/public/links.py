"""Absolute public addresses: canonical fact-check URLs, slugs and the site's base URL."""

from __future__ import annotations

import re
import unicodedata

from flask import current_app, request, url_for

from ..models import Claim
from ..site.services import current_site
from .claimreview import Publisher


def slugify(text: str, limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "claim"


def base_url() -> str:
    """The public site's root, without a trailing slash: PUBLIC_URL when configured (behind a
    proxy or CDN the request's host may be an internal name), else the request's host."""
    configured = (current_app.config.get("PUBLIC_URL") or "").rstrip("/")
    # scheme + host rather than request.host_url, which rebuilds and re-encodes the whole URL
    # on every call (a measurable share of a cached page's cost).
    return configured or f"{request.scheme}://{request.host}"


def absolute(endpoint: str, **values) -> str:
    """An absolute URL for `endpoint` on the public site."""
    return base_url() + url_for(endpoint, **values)


def factcheck_path(claim_id: int, text: str) -> str:
    return url_for("public.factcheck", claim_id=claim_id, slug=slugify(text))


def factcheck_link(claim: Claim) -> str:
    """The canonical absolute URL of a fact-check page: the id plus the claim's slug."""
    return base_url() + factcheck_path(claim.id, claim.text)


def publisher() -> Publisher:
    """The organisation as ClaimReview's author and publisher, with absolute links."""
    return Publisher.of(
        current_site(),
        fallback_url=absolute("public.index"),
        fallback_logo=absolute("static", filename="favicon.svg"),
    )

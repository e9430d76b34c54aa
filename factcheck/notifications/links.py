"""Absolute links into the app for what leaves it (emails, webhooks), inside a request or not."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, has_request_context, request


def desk_url(endpoint: str, **values: object) -> str:
    """An absolute link into the desk for emails: on PUBLIC_URL when configured, else on the
    request's host, else on the first trusted host (outside a request, e.g. in a job)."""
    config = current_app.config
    base = (config.get("PUBLIC_URL") or "").rstrip("/")
    if not base and has_request_context():
        base = f"{request.scheme}://{request.host}"
    if not base:
        base = f"{config['PREFERRED_URL_SCHEME']}://{config['TRUSTED_HOSTS'][0]}"
    parts = urlsplit(base)
    adapter = current_app.url_map.bind(
        parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme
    )
    return adapter.build(endpoint, values, force_external=True)

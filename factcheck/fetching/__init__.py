"""Outbound HTTP for the desk: every fetch goes through `fetch()`, which refuses addresses inside
our network after resolving the name itself and connects to the address it checked.

Plain Python (no Flask, no database): services read the settings from the app's config with
`settings_from()` and pass them in.
"""

from .articles import FetchedArticle, article_from_page, article_from_url
from .errors import (
    BlockedAddress,
    BlockedURL,
    ContentTypeRefused,
    FetchError,
    FetchFailed,
    FetchTimeout,
    TooLarge,
    TooManyRedirects,
)
from .fetcher import FetchedPage, FetchSettings, fetch, settings_from
from .policy import AddressPolicy, public_only, public_or_loopback

__all__ = [
    "AddressPolicy",
    "BlockedAddress",
    "BlockedURL",
    "ContentTypeRefused",
    "FetchError",
    "FetchFailed",
    "FetchSettings",
    "FetchTimeout",
    "FetchedArticle",
    "FetchedPage",
    "TooLarge",
    "TooManyRedirects",
    "article_from_page",
    "article_from_url",
    "fetch",
    "public_only",
    "public_or_loopback",
    "settings_from",
]

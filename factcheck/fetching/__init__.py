"""Outbound HTTP for the desk: every fetch goes through `fetch()` and every webhook through
`post()`, which refuse addresses inside our network after resolving the name themselves and
connect to the address they checked.

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
from .fetcher import (
    FetchedPage,
    FetchSettings,
    Resolver,
    check_url,
    fetch,
    post,
    settings_from,
    system_resolver,
)
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
    "Resolver",
    "TooLarge",
    "TooManyRedirects",
    "article_from_page",
    "article_from_url",
    "check_url",
    "fetch",
    "post",
    "public_only",
    "public_or_loopback",
    "settings_from",
    "system_resolver",
]

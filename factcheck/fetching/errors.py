"""Why a fetch was refused or failed; each message is shown to the desk as is."""

from __future__ import annotations


class FetchError(Exception):
    """A fetch that did not give us a page; `message` says why in words for the desk."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BlockedURL(FetchError):
    """Not a web address we fetch: another scheme, credentials in it, an odd host form."""


class BlockedAddress(FetchError):
    """The name resolves to an address inside our network (or one nobody should reach)."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message or "This address points inside our network and cannot be fetched.")


class TooManyRedirects(FetchError):
    pass


class TooLarge(FetchError):
    pass


class ContentTypeRefused(FetchError):
    pass


class FetchTimeout(FetchError):
    pass


class FetchFailed(FetchError):
    """The server could not be reached or answered with an error status."""

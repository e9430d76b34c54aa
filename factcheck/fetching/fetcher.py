"""`fetch()`: one GET with the SSRF guard, bounded size, time and redirects; `post()`: one POST
(webhooks) through the same guard and limits, following no redirect; `check_url()`: the checks
that need no DNS, for an address stored now and requested later.

The guard resolves the host name itself, refuses it if any of its addresses is not allowed,
and then connects to the address it checked (urllib3 with the Host header and, for HTTPS, the
SNI name and certificate check set to the original name). A second DNS answer between check
and connect (rebinding) is therefore never used.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import certifi
import urllib3
from urllib3.exceptions import (
    HTTPError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    SSLError,
    TimeoutError,
)

from .errors import (
    BlockedAddress,
    BlockedURL,
    ContentTypeRefused,
    FetchFailed,
    FetchTimeout,
    TooLarge,
    TooManyRedirects,
)
from .policy import AddressPolicy, IPAddress, public_only, public_or_loopback

MB = 1024 * 1024
Resolver = Callable[[str, int], list[str]]

DEFAULT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
REDIRECTS = {301, 302, 303, 307, 308}
USER_AGENT = "factcheck-archiver/1 (+fact-check desk; archives cited sources)"
# Legacy IPv4 spellings that resolvers still accept: 2130706433, 0x7f.1, 0177.0.0.1, 127.1.
_NUMERIC_HOST = re.compile(r"^(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]*))*\.?$", re.I)


@dataclass(frozen=True)
class FetchSettings:
    max_bytes: int = 5 * MB
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    # The whole fetch, redirects included; checked between reads, each read bounded above.
    deadline: float = 30.0
    max_redirects: int = 5
    content_types: tuple[str, ...] = DEFAULT_TYPES
    policy: AddressPolicy = public_only
    user_agent: str = USER_AGENT
    # The CA bundle HTTPS certificates are checked against (None: certifi's).
    ca_bundle: str | None = None


def settings_from(config: Mapping[str, Any], **overrides: Any) -> FetchSettings:
    """The fetch settings from the app's config (`FETCH_*` keys)."""
    values: dict[str, Any] = {
        "max_bytes": config.get("FETCH_MAX_BYTES", 5 * MB),
        "connect_timeout": config.get("FETCH_CONNECT_TIMEOUT", 5.0),
        "read_timeout": config.get("FETCH_READ_TIMEOUT", 10.0),
        "deadline": config.get("FETCH_DEADLINE", 30.0),
        "max_redirects": config.get("FETCH_MAX_REDIRECTS", 5),
        "content_types": tuple(config.get("FETCH_CONTENT_TYPES", DEFAULT_TYPES)),
        "policy": public_or_loopback if config.get("FETCH_ALLOW_LOOPBACK") else public_only,
    }
    values.update(overrides)
    return FetchSettings(**values)


@dataclass(frozen=True)
class Exchange:
    """One request and its response as they went over the wire (for the WARC record)."""

    url: str
    address: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    response_headers: list[tuple[str, str]]
    # The body as sent (still compressed if the server compressed it).
    raw_body: bytes


@dataclass(frozen=True)
class FetchedPage:
    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    # The body decoded from any Content-Encoding, at most max_bytes.
    body: bytes
    exchange: Exchange
    redirects: list[str] = field(default_factory=list)

    def text(self) -> str:
        return self.body.decode(self.charset or "utf-8", errors="replace")


def system_resolver(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (IPv4 and IPv6)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchFailed(f"The name {host} could not be resolved.") from exc
    return [str(info[4][0]) for info in infos]


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str
    port: int
    path: str
    host_header: str


def _target(url: str) -> _Target:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise BlockedURL("This is not a valid web address.") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise BlockedURL("Only http:// and https:// addresses can be fetched.")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise BlockedURL("Addresses with a user name or password in them are not fetched.")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise BlockedURL("This web address has no host name.")
    if _NUMERIC_HOST.match(host) and not _dotted_quad(host):
        raise BlockedURL("Numeric host names other than a plain IP address are not fetched.")
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    default = 443 if scheme == "https" else 80
    port = port or default
    shown = f"[{host}]" if ":" in host else host
    host_header = shown if port == default else f"{shown}:{port}"
    return _Target(scheme, host, port, path, host_header)


def _dotted_quad(host: str) -> bool:
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        return False
    return True


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def check_url(url: str, settings: FetchSettings | None = None) -> None:
    """Refuse now what a request to `url` would refuse without asking DNS: raises BlockedURL
    (another scheme, credentials, an odd numeric host) or BlockedAddress (an IP address the
    policy refuses). A host name passes; its addresses are checked at each request."""
    settings = settings or FetchSettings()
    literal = _literal(_target(url).host)
    if literal is not None and not settings.policy(_without_zone(literal)):
        raise BlockedAddress()


def _without_zone(address: IPAddress) -> IPAddress:
    return ipaddress.ip_address(str(address).split("%", 1)[0])


def _checked_address(target: _Target, settings: FetchSettings, resolve: Resolver) -> str:
    """The address to connect to; BlockedAddress if any address of the host is not allowed."""
    literal = _literal(target.host)
    found = [str(literal)] if literal else resolve(target.host, target.port)
    if not found:
        raise FetchFailed(f"The name {target.host} could not be resolved.")
    addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in found]
    if not all(settings.policy(a) for a in addresses):
        raise BlockedAddress()
    return str(addresses[0])


def _pool(target: _Target, address: str, settings: FetchSettings) -> urllib3.HTTPConnectionPool:
    timeout = urllib3.Timeout(connect=settings.connect_timeout, read=settings.read_timeout)
    if target.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address,
            target.port,
            timeout=timeout,
            retries=False,
            maxsize=1,
            cert_reqs="CERT_REQUIRED",
            ca_certs=settings.ca_bundle or certifi.where(),
            server_hostname=target.host,
            assert_hostname=target.host,
        )
    return urllib3.HTTPConnectionPool(
        address, target.port, timeout=timeout, retries=False, maxsize=1
    )


def _read(response: Any, settings: FetchSettings, started: float) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > settings.max_bytes:
        raise TooLarge(_too_large(settings))
    chunks, size = [], 0
    for chunk in response.stream(64 * 1024, decode_content=False):
        size += len(chunk)
        if size > settings.max_bytes:
            raise TooLarge(_too_large(settings))
        if time.monotonic() - started > settings.deadline:
            raise FetchTimeout(_too_slow(settings))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(settings: FetchSettings) -> str:
    return f"The page is larger than {settings.max_bytes // 1024:,} kB and was not fetched."


def _too_slow(settings: FetchSettings) -> str:
    return f"The server did not send the page within {settings.deadline:g} seconds."


def _decoded(raw: bytes, encoding: str, settings: FetchSettings) -> bytes:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return raw
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchFailed(f"The page came compressed as {encoding}, which we cannot read.")
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    inflater = zlib.decompressobj(wbits)
    try:
        body = inflater.decompress(raw, settings.max_bytes + 1)
    except zlib.error as exc:
        raise FetchFailed("The page's compressed body is damaged.") from exc
    if len(body) > settings.max_bytes:
        raise TooLarge(_too_large(settings))
    return body


def _page_headers(settings: FetchSettings) -> dict[str, str]:
    return {
        "Accept": ", ".join(settings.content_types) + ";q=1.0, */*;q=0.1",
        # Identity first so the stored WARC is readable as is; gzip is still handled.
        "Accept-Encoding": "identity, gzip;q=0.5",
    }


def _request_headers(
    target: _Target, settings: FetchSettings, extra: Mapping[str, str]
) -> dict[str, str]:
    """Our Host (the name checked, never the caller's) and User-Agent, then `extra`."""
    headers = {"Host": target.host_header}
    if not any(name.lower() == "user-agent" for name in extra):
        headers["User-Agent"] = settings.user_agent
    headers.update((name, value) for name, value in extra.items() if name.lower() != "host")
    return headers


def _one_request(
    url: str,
    settings: FetchSettings,
    resolve: Resolver,
    started: float,
    method: str = "GET",
    body: bytes | None = None,
    extra_headers: Mapping[str, str] | None = None,
) -> tuple[Exchange, Any]:
    target = _target(url)
    address = _checked_address(target, settings, resolve)
    if extra_headers is None:
        extra_headers = _page_headers(settings)
    headers = _request_headers(target, settings, extra_headers)
    pool = _pool(target, address, settings)
    try:
        response = pool.urlopen(
            method,
            target.path,
            body=body,
            headers=headers,
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
        )
        try:
            raw = _read(response, settings, started)
        finally:
            response.release_conn()
    except NewConnectionError as exc:  # a subclass of the timeout error in urllib3
        raise FetchFailed(f"The server at {target.host} could not be reached.") from exc
    except TimeoutError as exc:
        raise FetchTimeout(_too_slow(settings)) from exc
    except SSLError as exc:
        raise FetchFailed("The site's HTTPS certificate could not be verified.") from exc
    except (MaxRetryError, ProtocolError, HTTPError, OSError) as exc:
        raise FetchFailed(f"The server at {target.host} could not be reached.") from exc
    finally:
        pool.close()
    exchange = Exchange(
        url=url,
        address=address,
        request_headers=list(headers.items()),
        status=response.status,
        reason=response.reason or "",
        response_headers=list(response.headers.items()),
        raw_body=raw,
    )
    return exchange, response


def fetch(
    url: str, settings: FetchSettings | None = None, resolve: Resolver = system_resolver
) -> FetchedPage:
    """GET `url` within the settings' limits; raises a FetchError subclass saying why not."""
    settings = settings or FetchSettings()
    started = time.monotonic()
    current, redirects = url, list[str]()
    while True:
        if time.monotonic() - started > settings.deadline:
            raise FetchTimeout(_too_slow(settings))
        exchange, response = _one_request(current, settings, resolve, started)
        location = response.headers.get("Location")
        if exchange.status in REDIRECTS and location:
            if len(redirects) >= settings.max_redirects:
                raise TooManyRedirects(
                    f"The address redirected more than {settings.max_redirects} times."
                )
            redirects.append(current)
            current = urljoin(current, location)
            continue
        break
    if exchange.status >= 400:
        raise FetchFailed(f"The server answered {exchange.status} {exchange.reason}.".strip())
    content_type, charset = _content_type(response.headers.get("Content-Type", ""))
    if content_type not in settings.content_types:
        shown = content_type or "no content type"
        raise ContentTypeRefused(f"The address serves {shown}, not a web page or text.")
    body = _decoded(exchange.raw_body, response.headers.get("Content-Encoding", ""), settings)
    return FetchedPage(
        url=url,
        final_url=current,
        status=exchange.status,
        content_type=content_type,
        charset=charset,
        body=body,
        exchange=exchange,
        redirects=redirects,
    )


def post(
    url: str,
    body: bytes,
    headers: Mapping[str, str],
    settings: FetchSettings | None = None,
    resolve: Resolver = system_resolver,
) -> tuple[int, str]:
    """POST `body` to `url` with the guard and limits of fetch(); returns the answer's status and
    reason, an error status included. A redirect is not followed: it raises TooManyRedirects;
    a refused address, an unreachable or slow server or too large an answer raise the other
    FetchError subclasses."""
    settings = settings or FetchSettings()
    exchange, _ = _one_request(url, settings, resolve, time.monotonic(), "POST", body, headers)
    if 300 <= exchange.status < 400:
        # Following it would send the body again to an address nobody checked when it was added.
        raise TooManyRedirects(
            f"The server answered {exchange.status} {exchange.reason}".strip()
            + ": a redirect, which is not followed when sending."
        )
    return exchange.status, exchange.reason


def _content_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.lower() == "charset" and value:
            charset = value.strip("\"' ").lower()
    return media.strip().lower(), charset

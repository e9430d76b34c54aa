"""The guarded fetcher: what it refuses in the production configuration, and the limits it
keeps against a real server on 127.0.0.1."""

from __future__ import annotations

import gzip
import ipaddress

import pytest

from factcheck.fetching import (
    BlockedAddress,
    BlockedURL,
    ContentTypeRefused,
    FetchFailed,
    FetchSettings,
    FetchTimeout,
    TooLarge,
    TooManyRedirects,
    fetch,
    public_only,
    settings_from,
)

from .server import Route, serving

PAGE = b"<html><head><title>Budget</title></head><body><p>Spending rose.</p></body></html>"
BLOCKED = "points inside our network"


def production() -> FetchSettings:
    return settings_from({"FETCH_ALLOW_LOOPBACK": False})


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:a9fe:a9fe]/",
        "http://[fd00:ec2::254]/",
        "http://[fe80::1]/",
        "http://0.0.0.0/",
        "http://[::]/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://100.64.0.1/",
        "http://100.100.100.200/",
        "http://localhost/",
        "https://127.0.0.1:8443/",
    ],
)
def test_addresses_inside_our_network_are_refused(url):
    with pytest.raises(BlockedAddress, match=BLOCKED):
        fetch(url, production())


@pytest.mark.parametrize(
    "url",
    [
        "http://2130706433/",
        "http://0x7f.1/",
        "http://0x7f000001/",
        "http://0177.0.0.1/",
        "http://127.1/",
        "http://evil@127.0.0.1/",
        "http://user:pass@example.org/",
        "ftp://example.org/file",
        "file:///etc/passwd",
        "gopher://127.0.0.1:6379/_INFO",
        "javascript:alert(1)",
        "http:///nohost",
        "http://[::1/",
    ],
)
def test_odd_spellings_and_other_schemes_are_refused(url):
    with pytest.raises(BlockedURL):
        fetch(url, production())


def test_a_name_resolving_to_a_private_address_is_refused_before_any_connection():
    asked = []

    def resolver(host, port):
        asked.append(host)
        return ["93.184.216.34", "10.1.2.3"]  # one public answer does not excuse a private one

    with pytest.raises(BlockedAddress, match=BLOCKED):
        fetch("http://news.example.org/story", production(), resolve=resolver)
    assert asked == ["news.example.org"]


def test_the_checked_address_is_the_one_connected_to():
    """DNS rebinding: the resolver is asked once; its (allowed) answer is where we connect, so a
    second, different answer can never be used."""
    answers = iter([["127.0.0.1"], ["10.9.9.9"]])
    calls = []

    def resolver(host, port):
        calls.append(host)
        return next(answers)

    with serving({"/": Route(body=PAGE)}) as server:
        settings = FetchSettings(policy=lambda a: a == ipaddress.ip_address("127.0.0.1"))
        page = fetch(f"http://rebind.test:{server.port}/", settings, resolve=resolver)
    assert page.body == PAGE
    assert page.exchange.address == "127.0.0.1"
    assert calls == ["rebind.test"]
    assert ("Host", f"rebind.test:{server.port}") in page.exchange.request_headers


def loopback_only(address) -> bool:
    """The test server's address allowed and nothing else inside: stands in for "the public
    internet" so a redirect from it to a private address can be tested for real."""
    return address == ipaddress.ip_address("127.0.0.1") or public_only(address)


@pytest.mark.parametrize(
    "target",
    ["http://127.0.0.2/", "http://10.0.0.1/", "http://169.254.169.254/", "http://[::1]/"],
)
def test_a_redirect_to_an_address_inside_is_refused(target):
    routes = {"/go": Route(status=302, headers={"Location": target})}
    with serving(routes) as server, pytest.raises(BlockedAddress, match=BLOCKED):
        fetch(server.url("/go"), FetchSettings(policy=loopback_only))


def test_redirects_are_followed_up_to_the_limit_and_no_further():
    routes = {f"/r{n}": Route(status=301, headers={"Location": f"/r{n + 1}"}) for n in range(6)}
    routes["/r6"] = Route(body=PAGE)
    with serving(routes) as server:
        settings = FetchSettings(policy=loopback_only, max_redirects=6)
        page = fetch(server.url("/r0"), settings)
        assert page.final_url == server.url("/r6")
        assert len(page.redirects) == 6
        with pytest.raises(TooManyRedirects):
            fetch(server.url("/r0"), FetchSettings(policy=loopback_only, max_redirects=5))


def test_loopback_allowed_only_by_the_test_switch():
    with serving({"/": Route(body=PAGE)}) as server:
        with pytest.raises(BlockedAddress):
            fetch(server.url("/"), production())
        page = fetch(server.url("/"), settings_from({"FETCH_ALLOW_LOOPBACK": True}))
    assert page.text().startswith("<html>")
    assert page.content_type == "text/html"


def test_a_body_over_the_limit_is_refused_whether_announced_or_not():
    big = b"<p>" + b"x" * 5000 + b"</p>"
    routes = {
        "/announced": Route(body=big),
        # No Content-Length: the limit is kept while reading.
        "/streamed": Route(
            body=big,
            headers={"Content-Type": "text/html", "Connection": "close", "Content-Length": ""},
        ),
    }
    with serving(routes) as server:
        settings = FetchSettings(policy=loopback_only, max_bytes=4096)
        for path in routes:
            with pytest.raises(TooLarge):
                fetch(server.url(path), settings)


def test_a_compressed_body_is_bounded_after_inflating():
    bomb = gzip.compress(b"a" * 200_000)
    headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
    with serving({"/": Route(body=bomb, headers=headers)}) as server:
        with pytest.raises(TooLarge):
            fetch(server.url("/"), FetchSettings(policy=loopback_only, max_bytes=50_000))
        page = fetch(server.url("/"), FetchSettings(policy=loopback_only))
    assert page.body == b"a" * 200_000
    assert page.exchange.raw_body == bomb


@pytest.mark.parametrize(
    "content_type", ["application/octet-stream", "image/png", "application/pdf", ""]
)
def test_other_content_types_are_refused(content_type):
    route = Route(body=b"\x89PNG", headers={"Content-Type": content_type})
    with serving({"/": route}) as server, pytest.raises(ContentTypeRefused):
        fetch(server.url("/"), FetchSettings(policy=loopback_only))


def test_plain_text_and_xhtml_are_accepted_with_their_charset():
    routes = {
        "/t": Route(
            body="Café".encode("latin-1"),
            headers={"Content-Type": "text/plain; charset=ISO-8859-1"},
        ),
        "/x": Route(body=PAGE, headers={"Content-Type": "application/xhtml+xml"}),
    }
    with serving(routes) as server:
        settings = FetchSettings(policy=loopback_only)
        assert fetch(server.url("/t"), settings).text() == "Café"
        assert fetch(server.url("/x"), settings).content_type == "application/xhtml+xml"


def test_a_stalled_server_ends_in_a_timeout_not_a_hang():
    with serving({"/slow": Route(body=PAGE, stall=30)}) as server:
        settings = FetchSettings(policy=loopback_only, read_timeout=0.3, deadline=1)
        with pytest.raises(FetchTimeout, match="did not send the page"):
            fetch(server.url("/slow"), settings)


def test_error_statuses_and_unreachable_servers_say_so():
    with serving({"/gone": Route(status=410, body=b"gone")}) as server:
        settings = FetchSettings(policy=loopback_only)
        with pytest.raises(FetchFailed, match="410"):
            fetch(server.url("/gone"), settings)
        port = server.port
    with pytest.raises(FetchFailed, match="could not be reached"):
        fetch(f"http://127.0.0.1:{port}/", FetchSettings(policy=loopback_only))

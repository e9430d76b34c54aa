"""`post()` and `check_url()`: the guard of fetch() for a POST (webhooks), which follows no
redirect, and the same checks without DNS for an address stored now and used later."""

from __future__ import annotations

import ipaddress

import pytest

from factcheck.fetching import (
    BlockedAddress,
    BlockedURL,
    FetchFailed,
    FetchSettings,
    TooLarge,
    TooManyRedirects,
    check_url,
    post,
    public_only,
    settings_from,
)

from .server import Route, serving

BLOCKED = "points inside our network"
JSON = {"Content-Type": "application/json"}


def production() -> FetchSettings:
    return settings_from({"FETCH_ALLOW_LOOPBACK": False})


def loopback_only(address) -> bool:
    return address == ipaddress.ip_address("127.0.0.1") or public_only(address)


def test_a_post_sends_its_body_and_headers_and_returns_the_status():
    with serving({"/hook": Route(status=202, body=b"queued")}) as server:
        status, reason = post(
            server.url("/hook"),
            b'{"text":"hi"}',
            {**JSON, "X-Sig": "abc", "Host": "evil.example"},
            FetchSettings(policy=loopback_only),
        )
        (got,) = server.posts
    assert (status, reason) == (202, "Accepted")
    assert got.path == "/hook"
    assert got.body == b'{"text":"hi"}'
    assert got.headers["Content-Type"] == "application/json"
    assert got.headers["X-Sig"] == "abc"
    # The Host header is the name that was checked, never one the caller passes.
    assert got.headers["Host"] == f"127.0.0.1:{server.port}"


def test_an_error_status_is_returned_for_the_caller_to_judge():
    with serving({"/hook": Route(status=500)}) as server:
        assert post(server.url("/hook"), b"{}", JSON, FetchSettings(policy=loopback_only))[0] == 500


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_a_failure_and_is_not_followed(status):
    with serving() as server:
        server.routes["/hook"] = Route(status=status, headers={"Location": server.url("/other")})
        server.routes["/other"] = Route()
        with pytest.raises(TooManyRedirects, match="redirect"):
            post(server.url("/hook"), b"{}", JSON, FetchSettings(policy=loopback_only))
        assert [r.path for r in server.posts] == ["/hook"]


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/", "http://10.0.0.1/", "http://169.254.169.254/", "http://[::1]/"],
)
def test_addresses_inside_are_refused_in_production(url):
    with pytest.raises(BlockedAddress, match=BLOCKED):
        post(url, b"{}", JSON, production())


def test_loopback_is_refused_in_production_and_nothing_is_sent():
    with serving({"/hook": Route()}) as server:
        with pytest.raises(BlockedAddress):
            post(server.url("/hook"), b"{}", JSON, production())
        assert server.posts == []


def test_a_name_resolving_inside_is_refused_before_any_connection():
    asked = []

    def resolver(host, port):
        asked.append((host, port))
        return ["93.184.216.34", "192.168.0.7"]

    with pytest.raises(BlockedAddress, match=BLOCKED):
        post("https://hooks.example.org/x", b"{}", JSON, production(), resolve=resolver)
    assert asked == [("hooks.example.org", 443)]


def test_a_large_answer_is_refused():
    with serving({"/hook": Route(body=b"x" * 5000)}) as server, pytest.raises(TooLarge):
        post(server.url("/hook"), b"{}", JSON, FetchSettings(policy=loopback_only, max_bytes=1024))


def test_an_unreachable_receiver_says_so():
    with serving() as server:
        port = server.port
    with pytest.raises(FetchFailed, match="could not be reached"):
        post(f"http://127.0.0.1:{port}/", b"{}", JSON, FetchSettings(policy=loopback_only))


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("http://127.0.0.1:8080/", BlockedAddress),
        ("http://10.0.0.1/", BlockedAddress),
        ("http://169.254.169.254/latest/meta-data/", BlockedAddress),
        ("http://[::1]/", BlockedAddress),
        ("http://[::ffff:10.0.0.1]/", BlockedAddress),
        ("http://[fe80::1%25eth0]/", BlockedAddress),
        ("http://100.100.100.200/", BlockedAddress),
        ("http://2130706433/", BlockedURL),
        ("http://0x7f.1/", BlockedURL),
        ("http://user:pass@example.org/", BlockedURL),
        ("ftp://example.org/", BlockedURL),
        ("http:///nohost", BlockedURL),
    ],
)
def test_check_url_refuses_without_dns_what_a_request_would_refuse(url, error):
    with pytest.raises(error):
        check_url(url, production())


def test_check_url_passes_names_and_public_addresses_and_follows_the_policy():
    for url in ("https://hooks.example.org/x", "http://93.184.216.34/", "http://localhost/"):
        check_url(url, production())  # names are checked at each request, after DNS
    check_url("http://127.0.0.1:8080/", settings_from({"FETCH_ALLOW_LOOPBACK": True}))
    with pytest.raises(BlockedAddress):
        check_url("http://127.0.0.1:8080/")  # no settings: production's policy

"""The per-address limit on tips, and attempts to get around it."""

from __future__ import annotations

import pytest

from tests.tips.conftest import all_tips


@pytest.fixture
def app_config():
    return {"TIPS_LIMIT": "3 per hour"}


def _send(client, tip_form, n, **kw):
    return [
        client.post("/tips", data=tip_form(text=f"Claim number {i}: prices rose {i}%."), **kw)
        for i in range(n)
    ]


def test_past_the_limit_an_address_gets_429(app, client, make, tip_form):
    make.user("admin")
    statuses = [r.status_code for r in _send(client, tip_form, 5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert len(all_tips(app)) == 3


def test_the_honeypot_and_invalid_posts_count_too(app, client, make, tip_form):
    make.user("admin")
    client.post("/tips", data=tip_form(website="spam"))
    client.post("/tips", data=tip_form(text=""))
    client.post("/tips", data=tip_form())
    assert client.post("/tips", data=tip_form(text="One more claim.")).status_code == 429


def test_a_forged_forwarded_for_does_not_reset_the_count(app, client, make, tip_form):
    """The app trusts no proxy (PROXY_FIX_HOPS 0): X-Forwarded-For is the sender's say-so."""
    make.user("admin")
    _send(client, tip_form, 3)
    for n, header in enumerate(["203.0.113.7", "198.51.100.1, 10.0.0.1", "::1"]):
        response = client.post(
            "/tips",
            data=tip_form(text=f"Forged {n}: unemployment doubled."),
            headers={"X-Forwarded-For": header, "X-Real-IP": header, "Forwarded": f"for={n}"},
        )
        assert response.status_code == 429
    assert len(all_tips(app)) == 3


def test_other_addresses_have_their_own_count(app, client, make, tip_form):
    make.user("admin")
    _send(client, tip_form, 3)
    other = _send(client, tip_form, 1, environ_base={"REMOTE_ADDR": "192.0.2.44"})
    assert other[0].status_code == 302


def test_reading_the_form_is_not_limited(client, make, tip_form):
    make.user("admin")
    _send(client, tip_form, 3)
    assert all(client.get("/tips").status_code == 200 for _ in range(5))


class TestBehindATrustedProxy:
    @pytest.fixture
    def app_config(self):
        return {"TIPS_LIMIT": "2 per hour", "PROXY_FIX_HOPS": 1}

    def test_the_proxy_reported_address_is_counted(self, app, client, make, tip_form):
        """Behind one trusted proxy, readers behind it are told apart by the address it
        reports; a second, forged hop does not help."""
        make.user("admin")
        ahead = {"X-Forwarded-For": "203.0.113.7"}
        assert [r.status_code for r in _send(client, tip_form, 3, headers=ahead)] == [
            302,
            302,
            429,
        ]
        forged = {"X-Forwarded-For": "1.2.3.4, 203.0.113.7"}
        response = client.post("/tips", data=tip_form(text="Forged hop."), headers=forged)
        assert response.status_code == 429
        other = {"X-Forwarded-For": "198.51.100.9"}
        assert client.post("/tips", data=tip_form(), headers=other).status_code == 302

"""site.services.check_fetch_url: the one check of an address the desk is asked to fetch (an
article by URL, a ClaimReview feed) before its job is queued."""

from __future__ import annotations

import re

import pytest

from factcheck.errors import ValidationError
from factcheck.site.services import check_fetch_url

MISSING = "Give the page's address."


def check(url):
    return check_fetch_url(url, "page address", MISSING)


def test_a_public_address_is_given_back_trimmed(app):
    with app.app_context():
        assert check("  https://example.org/story?id=4 ") == "https://example.org/story?id=4"


@pytest.mark.parametrize(
    "url,message",
    [
        (None, MISSING),
        ("   ", MISSING),
        ("ftp://example.org/file", "The page address must start with http:// or https://."),
        ("http://[::1", "The page address is not a valid web address."),
        ("http://127.0.0.1:8000/", "points inside our network"),
        ("http://169.254.169.254/latest/meta-data/", "points inside our network"),
        ("http://[::ffff:10.0.0.1]/", "points inside our network"),
    ],
)
def test_what_is_refused_says_why(app, url, message):
    with app.app_context(), pytest.raises(ValidationError, match=re.escape(message)):
        check(url)


def test_loopback_passes_where_the_configuration_allows_it(app):
    app.config["FETCH_ALLOW_LOOPBACK"] = True
    with app.app_context():
        assert check("http://127.0.0.1:8000/feed") == "http://127.0.0.1:8000/feed"

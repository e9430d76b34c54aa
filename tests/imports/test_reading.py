"""Reading ClaimReview files: both formats, our own API's and public pages' output, and files
refused whole with the element that is wrong named."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from factcheck.errors import ValidationError
from factcheck.imports.claimreview import Limits, Review, read_reviews
from tests.imports.support import LIMITS, data


def _read(payload) -> list[Review]:
    raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return read_reviews(raw, LIMITS)


def _refused(payload, limits: Limits = LIMITS) -> str:
    raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    with pytest.raises(ValidationError) as refused:
        read_reviews(raw, limits)
    return refused.value.message


def _review(**fields) -> dict:
    base = {
        "@type": "ClaimReview",
        "url": "https://checks.example.org/1",
        "claimReviewed": "The pier is 300 metres long.",
        "author": {"@type": "Organization", "name": "Pier Watch"},
    }
    return {**base, **fields}


def test_a_datafeed_is_read_with_every_field():
    reviews = _read(data("feed.json"))
    assert len(reviews) == 4
    ferry = reviews[0]
    assert ferry == Review(
        review_url="https://valleyverify.example.org/checks/ferry-fares",
        claim_text="Ferry fares on the island routes have doubled since 2024.",
        publisher_name="Valley Verify",
        publisher_url="https://valleyverify.example.org/",
        title="Did ferry fares double?",
        claimant="Morgan Hale",
        claim_date=dt.date(2026, 10, 28),
        review_date=dt.date(2026, 11, 2),
        rating_text="Mostly false",
        rating_value=2.0,
        best_rating=5.0,
        worst_rating=1.0,
        language="en",
    )


def test_feed_text_loses_html_and_control_characters_and_keeps_its_words():
    budget, dredging, rainfall = _read(data("feed.json"))[1:]
    assert budget.review_date == dt.date(2026, 11, 10)  # the date as the publisher wrote it
    assert budget.language == "en"  # a Language object's code
    assert budget.claimant == "Harbour Board"
    assert dredging.claim_text == "Harbour Board spending on dredging fell by half."
    assert dredging.rating_text == "Misleading & incomplete"
    assert dredging.rating_value is None and dredging.claimant == "Harbour Board"
    # A word as ratingValue is the publisher's textual rating.
    assert (rainfall.rating_text, rainfall.rating_value, rainfall.language) == ("Falso", None, "es")


def test_our_own_api_page_is_read():
    bus, meals = _read(data("api_page.json"))
    assert bus.publisher_name == "Harbour Fact Desk"
    assert (bus.rating_text, bus.rating_value, bus.best_rating, bus.worst_rating) == (
        "Mostly false",
        1.0,
        4.0,
        0.0,
    )
    assert bus.claimant == "Alex Moreau" and bus.claim_date == dt.date(2026, 9, 30)
    assert bus.review_date == dt.date(2026, 10, 5)
    assert meals.claimant == "Sam Okafor, Schools Trust"


def test_one_object_and_a_plain_list_are_read():
    assert len(_read(_review())) == 1
    assert [r.review_url for r in _read([_review(), _review(url="https://checks.example.org/2")])]


def test_a_graph_with_prefixed_types_and_lists_is_read_and_other_nodes_passed_over():
    (review,) = _read(data("graph.jsonld"))
    assert review.review_url == "https://lighthousecheck.example.com/c/7"
    assert review.claim_text == "The lighthouse was built in 1802."
    assert review.title == "When was the lighthouse built?"
    assert (review.rating_text, review.rating_value) == ("Roughly right", 3.5)
    assert review.publisher_name == "Lighthouse Check"


def test_a_public_page_is_read_from_its_json_ld_block():
    (review,) = _read(data("page.html"))
    assert review.claim_text == "Trams now run every five minutes at night."
    assert (review.rating_text, review.rating_value) == ("False", 0.0)
    assert review.claimant == "Rue Lindqvist"


def test_what_our_own_public_claimreview_emits_is_read_back(app, make):
    """The ClaimReview our public page embeds, as a file: imported without loss."""
    from factcheck.public.claimreview import Publisher, Scale, claim_review, to_json
    from factcheck.site.services import rating_scale
    from factcheck.workflow import State

    claim = make.claim(State.PUBLISHED)
    with app.app_context():
        from factcheck.extensions import db
        from factcheck.models import Claim

        loaded = db.session.get(Claim, claim.id)
        emitted = claim_review(
            loaded,
            url="https://desk.example.org/factchecks/1",
            publisher=Publisher("Our Desk", "https://desk.example.org/", None),
            scale=Scale.of(rating_scale()),
        )
        (review,) = read_reviews(to_json(emitted).encode(), LIMITS)
        assert review.claim_text == loaded.text
        assert review.rating_text == loaded.verdict.rating.label
        assert review.rating_value == loaded.verdict.rating.value
        assert review.publisher_name == "Our Desk"


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (b'{"@type": "ClaimReview",', "The file is not valid JSON at line 1, column 25"),
        (b"\xff\xfe\x00", "not UTF-8"),
        ({"@type": "Article", "name": "x"}, "No ClaimReview found"),
        ([], "No ClaimReview found"),
        (b"<html><body>No data here</body></html>", "No ClaimReview found"),
        ({"@type": "DataFeed", "dataFeedElement": "oops"}, "dataFeedElement is not a list"),
        (
            {
                "@type": "DataFeed",
                "dataFeedElement": [{"item": [_review()]}, {"item": [_review(url=None)]}],
            },
            "dataFeedElement[1].item[0]: url (the review's address) is missing",
        ),
        ([_review(url="javascript:alert(1)")], "[0]: url is not an http(s) address"),
        ([_review(claimReviewed=None)], "(https://checks.example.org/1): claimReviewed is missing"),
        ([_review(author=None)], "author (the publisher's name) is missing"),
        ([_review(datePublished="last Tuesday")], "datePublished is not a date"),
        ([_review(datePublished="2026-02-30")], "datePublished is not a date"),
        ([_review(itemReviewed="a claim")], "itemReviewed should be an object"),
        ([_review(reviewRating={"bestRating": "many"})], "reviewRating.bestRating is not a number"),
        ([_review(claimReviewed={"deep": 1})], "claimReviewed should be text"),
        ([_review(claimReviewed="x" * 6000)], "claimReviewed is longer than 5,000 characters"),
        ([[[[[[[[_review()]]]]]]]], "nested too deeply"),
        (b"[" * 5000 + b"]" * 5000, "nested too deeply"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_a_wrong_file_is_refused_naming_what_is_wrong(payload, expected):
    assert expected in _refused(payload)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    message = _refused(b" " * 2049, Limits(max_bytes=2048, max_reviews=10))
    assert message == "The file is larger than 2 KB, the most one import reads."


def test_a_file_with_too_many_reviews_is_refused():
    many = [_review(url=f"https://checks.example.org/{n}") for n in range(11)]
    assert "more than 10 ClaimReviews" in _refused(many, Limits(1024 * 1024, 10))


def test_unknown_fields_are_ignored():
    (review,) = _read(_review(sdPublisher={"name": "x"}, mystery=[1, 2, {"a": None}]))
    assert review.claim_text == "The pier is 300 metres long."


def test_markup_in_text_is_reduced_to_its_words():
    (review,) = _read(
        _review(
            claimReviewed="<script>alert(1)</script>The pier is <i>300</i>\u0000 metres long.",
            author={"name": "<b>Pier</b> Watch", "url": "https://pier.example.org/"},
        )
    )
    assert review.claim_text == "The pier is 300 metres long."
    assert review.publisher_name == "Pier Watch"

"""ClaimReview, correct in every field: one JSON-LD block per fact-check page, valid against
our JSON Schema (factcheck/api/claimreview.schema.json, written from schema.org's and
Google's documented properties), and well-formed JSON-LD."""

from __future__ import annotations

import copy
import datetime as dt
import json

import jsonschema
import pytest
from lxml import html as lxml_html
from pyld import jsonld

from factcheck.api.openapi import claimreview_schema
from factcheck.extensions import db
from factcheck.models import Article, Claim, Rating, SiteSettings, Speaker, SpeakerKind, Tone
from factcheck.models._types import utc_today
from factcheck.public.claimreview import to_json
from factcheck.workflow import State
from tests.support import setting_up

VALIDATOR = jsonschema.Draft202012Validator(claimreview_schema())

# JSON-LD expansion needs the context document behind "https://schema.org". Fetching it at test
# time is not allowed (no network, and a test must not depend on a remote file), so this loader
# serves a minimal local context that maps every term into the schema.org vocabulary. What the
# expansion then proves: the block is syntactically valid JSON-LD, every key is a term (none is
# dropped), and types and properties become schema.org IRIs. It does not prove that schema.org
# defines each term; the JSON Schema's closed property lists do that part.
SCHEMA_ORG_CONTEXT = {"@context": {"@vocab": "http://schema.org/"}}


def local_loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": SCHEMA_ORG_CONTEXT,
        }
    raise AssertionError(f"JSON-LD processing tried to load {url}")


def jsonld_blocks(page: str) -> list[dict]:
    tree = lxml_html.fromstring(page)
    return [json.loads(s.text) for s in tree.xpath('//script[@type="application/ld+json"]')]


def claimreview_of(client, claim) -> dict:
    response = client.get(f"/factchecks/{claim.id}")
    assert response.status_code == 200
    blocks = jsonld_blocks(response.get_data(as_text=True))
    assert len(blocks) == 1, "exactly one JSON-LD block per fact-check page"
    return blocks[0]


def check_rules(doc: dict) -> None:
    """What JSON Schema cannot say: the rating lies on the scale, the claim predates the check."""
    rating = doc["reviewRating"]
    assert rating["worstRating"] < rating["bestRating"]
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    said = doc["itemReviewed"].get("datePublished")
    if said:
        assert said <= doc["datePublished"][:10]


@pytest.fixture
def setup(app, as_role):
    as_role(None)
    with app.app_context():
        site = db.session.get(SiteSettings, 1)
        site.name, site.url = "Demo Fact Desk", "https://factdesk.example.org"
        site.logo_url = "https://factdesk.example.org/logo.png"
        db.session.commit()


def _speak(app, claim, name, kind, role=None):
    with app.app_context():
        speaker = Speaker(name=name, key=name.casefold(), kind=kind, role=role)
        db.session.add(speaker)
        db.session.flush()
        db.session.get(Claim, claim.id).speaker_id = speaker.id
        setting_up()
        db.session.commit()


def test_every_field_of_a_person_claim(app, client, make, setup):
    article = make.article(
        url="https://news.example.com/iraq",
        outlet="The Demo Gazette",
        published_on=dt.date(2021, 12, 10),
        title="Iraq mission ends",
    )
    claim = make.claim(State.PUBLISHED, article=article, text="About 2,500 US troops remain")
    _speak(app, claim, "John Kirby", SpeakerKind.PERSON, "Pentagon spokesman")
    doc = claimreview_of(client, claim)
    VALIDATOR.validate(doc)
    check_rules(doc)
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "ClaimReview"
    assert doc["claimReviewed"] == "About 2,500 US troops remain"
    assert doc["url"] == f"http://localhost/factchecks/{claim.id}-about-2-500-us-troops-remain"
    page = client.get(f"/factchecks/{claim.id}").get_data(as_text=True)
    assert f'<link rel="canonical" href="{doc["url"]}">' in page
    assert doc["author"] == {
        "@type": "Organization",
        "name": "Demo Fact Desk",
        "url": "https://factdesk.example.org",
        "logo": {"@type": "ImageObject", "url": "https://factdesk.example.org/logo.png"},
    }
    assert doc["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "True",
        "ratingExplanation": "Supported by the record.",
    }
    item = doc["itemReviewed"]
    assert item["author"] == {
        "@type": "Person",
        "name": "John Kirby",
        "jobTitle": "Pentagon spokesman",
    }
    # When the claim was made: the article's date, never the date of the check.
    assert item["datePublished"] == "2021-12-10"
    assert doc["datePublished"][:10] == utc_today().isoformat() != item["datePublished"]
    assert item["appearance"] == {
        "@type": "CreativeWork",
        "url": "https://news.example.com/iraq",
        "headline": "Iraq mission ends",
        "datePublished": "2021-12-10",
        "publisher": {"@type": "Organization", "name": "The Demo Gazette"},
    }
    assert "firstAppearance" not in item


def test_organisation_speaker_has_no_job_title(app, client, make, setup):
    claim = make.claim(State.PUBLISHED)
    _speak(app, claim, "Ministry of Defence", SpeakerKind.ORGANISATION, "the ministry")
    author = claimreview_of(client, claim)["itemReviewed"]["author"]
    assert author == {"@type": "Organization", "name": "Ministry of Defence"}


def test_said_on_and_first_appearance_where_known(app, client, make, setup):
    article = make.article(url="https://news.example.com/a", published_on=dt.date(2021, 12, 10))
    claim = make.claim(State.PUBLISHED, article=article)
    with app.app_context():
        c = db.session.get(Claim, claim.id)
        c.said_on = dt.date(2021, 12, 9)
        c.first_appearance_url = "https://video.example.com/briefing"
        setting_up()
        db.session.commit()
    doc = claimreview_of(client, claim)
    VALIDATOR.validate(doc)
    assert doc["itemReviewed"]["datePublished"] == "2021-12-09"
    assert doc["itemReviewed"]["firstAppearance"] == {
        "@type": "CreativeWork",
        "url": "https://video.example.com/briefing",
    }


def test_unknown_claim_date_is_left_out_not_guessed(app, client, make, setup):
    article = make.article()  # no publication date, no URL, no outlet
    claim = make.claim(State.PUBLISHED, article=article)
    doc = claimreview_of(client, claim)
    VALIDATOR.validate(doc)
    item = doc["itemReviewed"]
    assert "datePublished" not in item and "author" not in item
    assert item["appearance"] == {"@type": "CreativeWork", "headline": article.title}


def test_scale_ends_come_from_the_configured_active_ratings(app, client, make, setup):
    claim = make.claim(State.PUBLISHED)
    with app.app_context():
        db.session.add(Rating(label="Pants on fire", value=0, tone=Tone.FALSE, position=9))
        db.session.add(Rating(label="Retired top", value=9, tone=Tone.TRUE, active=False))
        db.session.commit()
    rating = claimreview_of(client, claim)["reviewRating"]
    assert (rating["bestRating"], rating["worstRating"]) == (5, 0)


def test_a_retired_rating_still_lies_on_the_scale(app, client, make, setup):
    claim = make.claim(State.PUBLISHED)
    with app.app_context():
        retired = Rating(label="Old scale top", value=7, tone=Tone.TRUE, active=False)
        db.session.add(retired)
        db.session.flush()
        db.session.get(Claim, claim.id).verdict.rating_id = retired.id
        setting_up()
        db.session.commit()
    doc = claimreview_of(client, claim)
    check_rules(doc)
    assert doc["reviewRating"]["bestRating"] == 7


def test_public_url_setting_makes_the_canonical_address(app, client, make, setup):
    app.config["PUBLIC_URL"] = "https://checks.example.org/"
    claim = make.claim(State.PUBLISHED, text="Canonical address claim")
    doc = claimreview_of(client, claim)
    assert doc["url"] == f"https://checks.example.org/factchecks/{claim.id}-canonical-address-claim"


def test_script_breaking_text_stays_inside_the_json(app, client, make, setup):
    text = 'He said "</script><script>alert(1)</script>" & <b>more</b>'
    claim = make.claim(State.PUBLISHED, text=text)
    page = client.get(f"/factchecks/{claim.id}").get_data(as_text=True)
    start = page.index('<script type="application/ld+json">')
    block = page[start : page.index("</script>", start)]
    assert "<" not in block[len('<script type="application/ld+json">') :]
    assert jsonld_blocks(page)[0]["claimReviewed"] == text
    assert json.loads(to_json({"t": "</script>&"})) == {"t": "</script>&"}


def test_it_expands_as_json_ld_without_network(app, client, make, setup):
    article = make.article(url="https://news.example.com/x", published_on=dt.date(2021, 1, 2))
    claim = make.claim(State.CORRECTED, article=article)
    _speak(app, claim, "Jane Roe", SpeakerKind.PERSON, "Minister")
    doc = claimreview_of(client, claim)
    expanded = jsonld.expand(doc, {"documentLoader": local_loader})
    assert len(expanded) == 1
    node = expanded[0]
    assert node["@type"] == ["http://schema.org/ClaimReview"]
    s = "http://schema.org/"
    assert node[s + "claimReviewed"] == [{"@value": claim.text}]
    rating = node[s + "reviewRating"][0]
    assert rating["@type"] == [s + "Rating"]
    assert rating[s + "alternateName"] == [{"@value": "True"}]
    item = node[s + "itemReviewed"][0]
    assert item["@type"] == [s + "Claim"]
    assert item[s + "author"][0][s + "jobTitle"] == [{"@value": "Minister"}]

    def count_keys(value) -> int:
        if isinstance(value, dict):
            return sum(1 + count_keys(v) for k, v in value.items() if k != "@context")
        if isinstance(value, list):
            return sum(count_keys(v) for v in value)
        return 0

    def count_expanded(value) -> int:
        if isinstance(value, dict):
            if "@value" in value:
                return 0
            return sum(1 + count_expanded(v) for k, v in value.items())
        if isinstance(value, list):
            return sum(count_expanded(v) for v in value)
        return 0

    # No term was dropped on the way: as many keys after expansion as before.
    assert count_expanded(expanded) == count_keys(doc)
    nquads = jsonld.to_rdf(doc, {"documentLoader": local_loader, "format": "application/n-quads"})
    assert (
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/ClaimReview>"
        in nquads
    )


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.pop("claimReviewed"),
        lambda d: d["reviewRating"].pop("alternateName"),
        lambda d: d.update(url="/factchecks/1"),
        lambda d: d.update(claimReviewd="typo"),
        lambda d: d["itemReviewed"].update(datePublished="10 December 2021"),
        lambda d: d["itemReviewed"]["author"].update({"@type": "Robot"}),
        lambda d: d["author"].pop("url"),
    ],
    ids=[
        "no-claim",
        "no-alternateName",
        "relative-url",
        "misspelt-property",
        "bad-date",
        "bad-author-type",
        "no-author-url",
    ],
)
def test_the_schema_rejects_broken_reviews(app, client, make, setup, mutate):
    claim = make.claim(State.PUBLISHED)
    _speak(app, claim, "Jane Roe", SpeakerKind.PERSON)
    doc = claimreview_of(client, claim)
    VALIDATOR.validate(doc)
    broken = copy.deepcopy(doc)
    mutate(broken)
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(broken)


def test_demo_data_validates(app, client, runner, make):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        public = list(
            db.session.scalars(
                db.select(Claim).where(Claim.state.in_([State.PUBLISHED, State.CORRECTED]))
            )
        )
        assert len(public) >= 2
        articles = db.session.scalar(db.select(db.func.count(Article.id)))
    assert articles >= 1
    for claim in public:
        doc = claimreview_of(client, claim)
        VALIDATOR.validate(doc)
        check_rules(doc)
        assert doc["itemReviewed"]["datePublished"] <= "2021-12-10"
    api = client.get("/api/v1/claimreviews").get_json()
    assert len(api["items"]) == len(public)
    for item in api["items"]:
        VALIDATOR.validate(item)
    assert any("firstAppearance" in i["itemReviewed"] for i in api["items"])

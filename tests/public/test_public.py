"""The public site: pages, access by state, corrections and typo fixes, tombstones, the feed,
HTTP caching (ETag, Last-Modified, 304s), the render cache, no cookies, and no N+1 queries."""

from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager

import feedparser
import pytest
from lxml import etree
from sqlalchemy import event, select

from factcheck import create_app
from factcheck.errors import ValidationError
from factcheck.extensions import db
from factcheck.models import (
    Article,
    Claim,
    Correction,
    Event,
    Proposal,
    Rating,
    Role,
    SiteSettings,
    Source,
    SourceKind,
    Speaker,
    SpeakerKind,
    User,
)
from factcheck.models._types import utc_today
from factcheck.review import services as rs
from factcheck.site.services import rating_scale
from factcheck.workflow import PUBLIC_STATES, State, WorkflowError
from tests.conftest import _config
from tests.support import fresh, login, setting_up

UNPUBLISHED = [s for s in State if s not in PUBLIC_STATES and s != State.WITHDRAWN]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def editor(app, make):
    return make.user(Role.EDITOR, name="Eli Editor")


@pytest.fixture
def world(app, make, editor):
    """One article with a published, a corrected, a withdrawn and a draft claim."""
    article = make.article(
        title="Troops stay in Iraq",
        outlet="The Demo Gazette",
        url="https://news.example/iraq",
        published_on=dt.date(2021, 12, 10),
        body="Kirby said about 2,500 troops remain.\n\nThe combat mission ends on December 31."
        "\n\nLawmakers voted in January.\n\nA secret fourth paragraph.",
    )
    published = _claim_at(make, article, State.PUBLISHED, "about 2,500 troops remain")
    corrected = _claim_at(make, article, State.CORRECTED, "The combat mission ends")
    withdrawn = _claim_at(make, article, State.WITHDRAWN, "Lawmakers voted in January.")
    draft = _claim_at(make, article, State.IN_REVIEW, "A secret fourth paragraph.")
    with make.app.app_context():
        ed = db.session.get(User, editor.id)
        db.session.add(
            Event(
                action="unpublish",
                actor_id=ed.id,
                claim_id=withdrawn.id,
                note="A source was retracted.",
            )
        )
        ratings = {r.label: r for r in rating_scale()}
        db.session.add(
            Correction(
                claim_id=corrected.id,
                editor_id=ed.id,
                reason="A later official figure differed.",
                old_rating_id=ratings["True"].id,
                new_rating_id=ratings["Mostly true"].id,
                old_summary="Supported by the record.",
                new_summary="Supported by the record.",
            )
        )
        c = db.session.get(Claim, corrected.id)
        c.verdict.rating_id = ratings["Mostly true"].id
        speaker = Speaker(
            name="John Kirby", key="john kirby", kind=SpeakerKind.PERSON, role="Pentagon spokesman"
        )
        db.session.add(speaker)
        db.session.flush()
        db.session.get(Claim, published.id).speaker_id = speaker.id
        setting_up()
        db.session.commit()
    return {
        "article": article,
        "published": published,
        "corrected": corrected,
        "withdrawn": withdrawn,
        "draft": draft,
    }


def _claim_at(make, article, state, text):
    claim = make.claim(state, article=article, text=text)
    with make.app.app_context():
        body = db.session.get(Article, article.id).body
        c = db.session.get(Claim, claim.id)
        c.start = body.index(text)
        c.end = c.start + len(text)
        setting_up()
        db.session.commit()
    return claim


PAGES = [
    "/factchecks/",
    "/factchecks/corrections",
    "/factchecks/methodology",
    "/factchecks/feed.atom",
]


def _all_public(client, world) -> dict[str, str]:
    urls = [
        *PAGES,
        f"/factchecks/articles/{world['article'].id}",
        f"/factchecks/{world['published'].id}",
        f"/factchecks/{world['corrected'].id}",
        "/api/v1/claimreviews",
        "/api/v1/claimreviews?since=2000-01-01",
    ]
    return {url: client.get(url).get_data(as_text=True) for url in urls}


# --- pages -------------------------------------------------------------------------------


def test_every_public_route_answers_without_signing_in(client, world):
    for url, status in [
        ("/factchecks/", 200),
        ("/factchecks/corrections", 200),
        ("/factchecks/methodology", 200),
        ("/factchecks/feed.atom", 200),
        (f"/factchecks/articles/{world['article'].id}", 200),
        (f"/factchecks/{world['published'].id}", 200),
        (f"/factchecks/{world['corrected'].id}", 200),
        (f"/factchecks/{world['withdrawn'].id}", 410),
        (f"/factchecks/{world['draft'].id}", 404),
        ("/api/v1/claimreviews", 200),
        ("/api/v1/openapi.json", 200),
    ]:
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize("state", UNPUBLISHED, ids=lambda s: s.value)
def test_unpublished_claims_appear_nowhere(app, client, make, as_role, state):
    """Drafts, claims in review and approved-but-unpublished claims: not on any page, feed or
    API answer, not even their article's verdict summary."""
    as_role(None)
    published = make.claim(State.PUBLISHED, text="A public claim")
    article = make.article(title="Only drafts here")
    hidden = make.claim(state, article=article, text="Leaky unpublished wording")
    pages = _all_public(
        client, {"article": article, "published": published, "corrected": published}
    )
    for url, body in pages.items():
        assert "Leaky unpublished wording" not in body, url
    assert client.get(f"/factchecks/{hidden.id}").status_code == 404
    assert client.get(f"/factchecks/{hidden.id}-leaky-unpublished-wording").status_code == 404
    assert client.get(f"/factchecks/articles/{article.id}").status_code == 404
    assert "Only drafts here" not in pages["/factchecks/"]


def test_index_is_newest_first_with_the_organisation(app, client, make, as_role):
    as_role(None)
    with app.app_context():
        site = db.session.get(SiteSettings, 1)
        site.name, site.logo_url = "Demo Fact Desk", "https://cdn.example.org/logo.png"
        db.session.commit()
    old = make.claim(State.PUBLISHED, text="Older check")
    new = make.claim(State.PUBLISHED, text="Newer check")
    with app.app_context():
        fresh(Claim, old.id).published_at = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
        db.session.commit()
    page = client.get("/factchecks/").get_data(as_text=True)
    assert page.index("Newer check") < page.index("Older check")
    assert "Demo Fact Desk" in page and 'src="https://cdn.example.org/logo.png"' in page
    assert f'href="/factchecks/{new.id}-newer-check"' in page


def test_index_filters_by_rating_speaker_and_article(app, client, world):
    with app.app_context():
        ratings = {r.label: r.id for r in rating_scale()}
        kirby = db.session.scalar(select(Speaker).where(Speaker.key == "john kirby")).id
    other = client.application.test_client()
    only_true = client.get(f"/factchecks/?rating={ratings['True']}").get_data(as_text=True)
    assert "about 2,500 troops remain" in only_true and "The combat mission ends" not in only_true
    mostly = client.get(f"/factchecks/?rating={ratings['Mostly true']}").get_data(as_text=True)
    assert "The combat mission ends" in mostly and "about 2,500 troops" not in mostly
    by_kirby = other.get(f"/factchecks/?speaker={kirby}").get_data(as_text=True)
    assert "about 2,500 troops remain" in by_kirby and "The combat mission" not in by_kirby
    by_article = client.get(f"/factchecks/?article={world['article'].id}").get_data(as_text=True)
    assert "about 2,500" in by_article and "The combat mission ends" in by_article
    none = client.get("/factchecks/?article=999999").get_data(as_text=True)
    assert "No fact-checks match" in none
    assert client.get("/factchecks/?rating=abc&speaker=-1").status_code == 200
    # Speakers and articles are filtered by following their links from each fact-check.
    index = client.get("/factchecks/").get_data(as_text=True)
    assert f"/factchecks/?speaker={kirby}" in index
    assert f"/factchecks/?article={world['article'].id}" in index
    assert "claims by <strong>John Kirby</strong>" in by_kirby


def test_index_is_paginated(app, client, make, as_role):
    app.config["PER_PAGE"] = 3
    as_role(None)
    for n in range(7):
        make.claim(State.PUBLISHED, text=f"Paged claim number {n}")
    seen, url, pages = [], "/factchecks/", 0
    while url:
        page = client.get(url).get_data(as_text=True)
        pages += 1
        seen += [
            int(c.split(">Paged claim number ")[1].split("<")[0])
            for c in page.split('class="claimtext"')[1:]
        ]
        nxt = [h for h in page.split('href="')[1:] if 'rel="next"' in h.split(">")[0]]
        url = nxt[0].split('"')[0].replace("&amp;", "&") if nxt else None
    assert pages == 3 and sorted(seen) == list(range(7)) and len(set(seen)) == 7
    assert client.get("/factchecks/?after=not-a-cursor").status_code == 200
    # Whatever a reader (or sqlmap) puts in the cursor, the ETag stays valid.
    for junk in ('1" AND "1"="1', "é\\x", "a,b;c", 'W/"x"'):
        response = client.get("/factchecks/", query_string={"after": junk})
        assert response.status_code == 200 and response.headers["ETag"].isascii(), junk


def test_fact_check_page_shows_everything_a_reader_needs(app, client, world):
    with app.app_context():
        db.session.add(
            Source(
                claim_id=world["published"].id,
                url="https://data.example/troops",
                title="Troop numbers",
                publisher="Ministry",
                excerpt="2,500 remain",
                archive_url="https://archive.example/troops",
                kind=SourceKind.DATA,
                accessed_on=dt.date(2021, 12, 11),
            )
        )
        setting_up()
        db.session.commit()
    page = client.get(f"/factchecks/{world['published'].id}").get_data(as_text=True)
    for text in (
        "about 2,500 troops remain",
        "John Kirby",
        "Pentagon spokesman",
        "Troops stay in Iraq",
        "https://news.example/iraq",
        "The Demo Gazette",
        "10 Dec 2021",
        "Supported by the record.",
        "The official record shows it.",
        "The claim is accurate and nothing significant is missing.",
        "Troop numbers",
        "2,500 remain",
        "https://archive.example/troops",
        "external archive",
        "accessed 11 Dec 2021",
        "published",
    ):
        assert text in page, text
    assert 'rel="canonical"' in page and page.count("application/ld+json") == 1
    assert "<script>" not in page and "style=" not in page


def test_slugs_redirect_and_the_id_alone_works(client, world):
    cid = world["published"].id
    assert client.get(f"/factchecks/{cid}").status_code == 200
    canonical = f"/factchecks/{cid}-about-2-500-troops-remain"
    assert client.get(canonical).status_code == 200
    moved = client.get(f"/factchecks/{cid}-an-old-slug")
    assert moved.status_code == 301 and moved.headers["Location"].endswith(canonical)
    assert client.get("/factchecks/99999999999").status_code == 404


def test_withdrawn_fact_check_is_a_410_tombstone_with_the_reason(client, world):
    cid = world["withdrawn"].id
    response = client.get(f"/factchecks/{cid}-lawmakers-voted-in-january")
    assert response.status_code == 410
    page = response.get_data(as_text=True)
    assert "This fact-check was withdrawn" in page and "A source was retracted." in page
    assert "Lawmakers voted in January." in page and "application/ld+json" not in page
    for url in ("/factchecks/", "/factchecks/feed.atom", "/api/v1/claimreviews"):
        assert "Lawmakers voted in January." not in client.get(url).get_data(as_text=True)
    assert "A source was retracted." in client.get("/factchecks/corrections").get_data(as_text=True)


def test_article_verdict_summary(client, world):
    response = client.get(f"/factchecks/articles/{world['article'].id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    tree = etree.HTML(page)
    marks = tree.xpath('//mark[contains(@class, "fc-claim")]')
    assert [m.text for m in marks] == ["about 2,500 troops remain", "The combat mission ends"]
    assert [m.get("id") for m in marks] == [
        f"claim-{world['published'].id}",
        f"claim-{world['corrected'].id}",
    ]
    badges = tree.xpath('//a[@class="inline-verdict"]/span')
    assert [b.text for b in badges] == ["True", "Mostly true"]
    rows = tree.xpath('//section[@id="summary"]//tbody/tr')
    assert len(rows) == 2 and "Corrected" in etree.tostring(rows[1], encoding="unicode")
    # Excerpts around the checked claims only: paragraphs holding none are not shown.
    assert "Kirby said about 2,500 troops remain." in "".join(tree.xpath("//blockquote//text()"))
    assert "Lawmakers voted in January." not in page and "A secret fourth paragraph." not in page
    assert "2 claims checked" in page
    assert client.get("/factchecks/articles/999999").status_code == 404


def test_methodology_shows_the_admins_text_and_the_scale(app, client, make, as_role):
    admin = as_role(Role.ADMIN)
    assert admin is not None
    client.post(
        "/desk/admin/site",
        data={
            "name": "Demo Fact Desk",
            "url": "",
            "logo_url": "",
            "methodology": "We pick claims by reach.\n\nTwo editors read every verdict.",
        },
    )
    with app.app_context():
        db.session.add(Rating(label="Retired label", value=3, active=False))
        db.session.commit()
    page = app.test_client().get("/factchecks/methodology").get_data(as_text=True)
    assert "<p>We pick claims by reach.</p>" in page and "Two editors" in page
    for rating in ("True", "Mostly true", "Half true", "Mostly false", "False"):
        assert f">{rating}</span>" in page
    assert "The claim is not accurate." in page and "Retired label" not in page


# --- corrections and typo fixes ----------------------------------------------------------


def test_corrections_log_lists_corrections_and_withdrawals(client, world):
    page = client.get("/factchecks/corrections").get_data(as_text=True)
    assert "Rating changed from True to Mostly true." in page
    assert "A later official figure differed." in page
    assert "Eli Editor" not in page  # the desk's people are named by role, not by name
    assert "The combat mission ends" in page and "Withdrawal" in page
    assert "about 2,500 troops remain" not in page


def test_correction_through_the_desk_shows_on_page_and_log(app, client, make, editor):
    claim = make.claim(State.PUBLISHED, text="A claim to correct")
    login(client, editor)
    with app.app_context():
        half = {r.label: r.id for r in rating_scale()}["Half true"]
    response = client.post(
        f"/desk/review/{claim.id}/correct",
        data={
            "rating_id": half,
            "summary": "Partly right.",
            "rationale": "A later figure differs.",
            "reason": "New official figures.",
            "version": 1,
        },
    )
    assert response.status_code == 302
    anon = app.test_client()
    assert "Partly right." not in anon.get(f"/factchecks/{claim.id}").get_data(as_text=True)
    with app.app_context():
        proposal = db.session.scalar(select(Proposal.id).where(Proposal.claim_id == claim.id))
    second = app.test_client()
    login(second, make.user(Role.EDITOR))
    assert second.post(f"/desk/review/proposals/{proposal}/approve").status_code == 302
    page = anon.get(f"/factchecks/{claim.id}").get_data(as_text=True)
    assert "Corrections" in page and "New official figures." in page
    assert "Rating changed from True to Half true." in page and "Partly right." in page
    log = anon.get("/factchecks/corrections").get_data(as_text=True)
    assert "New official figures." in log and "Summary was: “Supported by the record.”" in log


def test_typo_fix_is_in_the_history_but_not_a_correction(app, client, make, editor):
    claim = make.claim(State.PUBLISHED, text="A claim with a typo")
    with app.app_context():
        fresh(Claim, claim.id).verdict.rationale = "The offical record shows it."
        setting_up()
        db.session.commit()
    login(client, editor)
    before = app.test_client().get(f"/factchecks/{claim.id}")
    with app.app_context():
        version = fresh(Claim, claim.id).version
    response = client.post(
        f"/desk/review/{claim.id}/fix-typo",
        data={
            "summary": "Supported by the record.",
            "rationale": "The official record shows it.",
            "note": "offical",
            "version": version,
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    with app.app_context():
        c = fresh(Claim, claim.id)
        assert c.state == State.PUBLISHED and c.verdict.rationale == "The official record shows it."
        assert db.session.scalar(select(db.func.count(Correction.id))) == 0
        ev = db.session.scalar(select(Event).where(Event.action == "typo_fix"))
        assert ev.note == "offical" and ev.data["words_changed"] == 1
    anon = app.test_client()
    page = anon.get(f"/factchecks/{claim.id}").get_data(as_text=True)
    assert "The official record shows it." in page and 'id="corrections"' not in page
    assert "A claim with a typo" not in anon.get("/factchecks/corrections").get_data(as_text=True)
    # The page changed, so its version did: the old ETag no longer matches.
    again = anon.get(f"/factchecks/{claim.id}", headers={"If-None-Match": before.headers["ETag"]})
    assert again.status_code == 200
    desk = client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
    assert "typo fix" in desk and "offical" in desk


@pytest.mark.parametrize(
    "summary,rationale,message",
    [
        ("Supported by the record.", "The official record shows 2,600.", "Numbers changed"),
        ("Not supported by the record.", "The official record shows it.", "negation"),
        ("Backed by every record we hold.", "The official record shows it.", "words changed"),
        ("Supported by the record.", "", "cannot be empty"),
        ("Supported by the record.", "The official record shows it.", "Nothing changed"),
    ],
)
def test_typo_fix_refuses_substance(app, make, editor, summary, rationale, message):
    claim = make.claim(State.PUBLISHED)
    with app.app_context(), pytest.raises(ValidationError, match=message):
        rs.fix_typo(
            fresh(Claim, claim.id), fresh(User, editor.id), summary=summary, rationale=rationale
        )


def test_typo_fix_view_explains_a_refusal_and_checkers_cannot(app, client, make, editor):
    claim = make.claim(State.PUBLISHED)
    login(client, editor)
    response = client.post(
        f"/desk/review/{claim.id}/fix-typo",
        data={
            "summary": "Supported by the record.",
            "rationale": "Nothing at all supports 99.",
            "version": 1,
        },
    )
    assert response.status_code == 422 and "correction" in response.get_data(as_text=True)
    login(client, make.user(Role.CHECKER))
    assert (
        client.post(
            f"/desk/review/{claim.id}/fix-typo",
            data={"summary": "x", "rationale": "y", "version": 1},
        ).status_code
        == 403
    )
    draft = make.claim(State.APPROVED)
    with app.app_context(), pytest.raises(WorkflowError):
        rs.fix_typo(fresh(Claim, draft.id), fresh(User, editor.id), summary="a", rationale="b")


def test_claim_details_set_the_claim_date_and_first_appearance(app, client, make, editor):
    claim = make.claim(State.APPROVED, text="A claim with details")
    login(client, editor)
    page = client.get(f"/desk/claims/{claim.id}").get_data(as_text=True)
    assert "When and where it was said" in page
    response = client.post(
        f"/desk/review/{claim.id}/details",
        data={
            "said_on": "2021-12-09",
            "first_appearance_url": "https://video.example/briefing",
            "version": 1,
        },
    )
    assert response.status_code == 302
    with app.app_context():
        c = fresh(Claim, claim.id)
        assert c.said_on == dt.date(2021, 12, 9)
        assert c.first_appearance_url == "https://video.example/briefing"
        assert db.session.scalar(select(Event).where(Event.action == "details")) is not None
        tomorrow = utc_today() + dt.timedelta(days=1)
        with pytest.raises(ValidationError):
            rs.set_claim_details(
                c, fresh(User, editor.id), said_on=tomorrow, first_appearance_url=None
            )
        with pytest.raises(ValidationError):
            rs.set_claim_details(
                c, fresh(User, editor.id), said_on=None, first_appearance_url="javascript:alert(1)"
            )
    bad = client.post(
        f"/desk/review/{claim.id}/details",
        data={"first_appearance_url": "ftp://x", "version": _version(app, claim.id)},
    )
    assert bad.status_code == 422
    login(client, make.user(Role.CHECKER))
    assert (
        client.post(
            f"/desk/review/{claim.id}/details",
            data={"said_on": "2021-12-01", "version": _version(app, claim.id)},
        ).status_code
        == 403
    )


# --- the feed ----------------------------------------------------------------------------


def test_atom_feed_parses_back(client, world):
    response = client.get("/factchecks/feed.atom")
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    titles = [e.title for e in feed.entries]
    assert sorted(titles) == [
        "Corrected: Mostly true: The combat mission ends",
        "True: about 2,500 troops remain",
    ]
    for entry in feed.entries:
        assert entry.link.startswith("http://localhost/factchecks/")
        assert entry.updated_parsed and entry.published_parsed and entry.summary
    # RFC 4287's required elements, read strictly as XML.
    root = etree.fromstring(response.data)
    assert root.tag == ATOM + "feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(ATOM + tag) is not None, tag
    assert root.find(f"{ATOM}link[@rel='self']").get("href").endswith("/factchecks/feed.atom")
    for entry in root.findall(ATOM + "entry"):
        for tag in ("id", "title", "updated", "link"):
            assert entry.find(ATOM + tag) is not None, tag
    assert b"Lawmakers voted" not in response.data and b"secret fourth" not in response.data


# --- HTTP caching --------------------------------------------------------------------------


def _routes(world):
    return [
        *PAGES,
        f"/factchecks/articles/{world['article'].id}",
        f"/factchecks/{world['published'].id}",
        f"/factchecks/{world['withdrawn'].id}",
        "/api/v1/claimreviews",
        f"/api/v1/claimreviews/{world['published'].id}",
        "/api/v1/openapi.json",
    ]


def test_repeat_requests_get_304(client, world):
    for url in _routes(world):
        first = client.get(url)
        assert first.headers["ETag"].startswith('W/"'), url
        assert first.headers["Cache-Control"] == "public, max-age=60", url
        again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and again.data == b"", url
        assert again.headers["ETag"] == first.headers["ETag"]
        if "Last-Modified" in first.headers:
            by_date = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
            assert by_date.status_code == 304, url


def test_a_change_makes_a_new_version(app, client, world, editor, make):
    url = f"/factchecks/{world['published'].id}"
    first = client.get(url)
    index = client.get("/factchecks/")
    with app.app_context():
        proposal = rs.propose_correction(
            fresh(Claim, world["published"].id),
            fresh(User, editor.id),
            rating_id=rating_scale()[2].id,
            summary="Half of it.",
            rationale="Changed.",
            reason="New data.",
        ).id
        db.session.commit()
    second = make.user(Role.EDITOR)
    with app.app_context():
        rs.approve_proposal(db.session.get(Proposal, proposal), fresh(User, second.id))
        db.session.commit()
    after = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200 and "New data." in after.get_data(as_text=True)
    assert (
        client.get("/factchecks/", headers={"If-None-Match": index.headers["ETag"]}).status_code
        == 200
    )
    with app.app_context():
        db.session.get(SiteSettings, 1).name = "Renamed Desk"
        db.session.commit()
    renamed = client.get(url, headers={"If-None-Match": after.headers["ETag"]})
    assert renamed.status_code == 200 and "Renamed Desk" in renamed.get_data(as_text=True)


def test_rendered_pages_are_cached_per_version(client, world):
    url = f"/factchecks/{world['published'].id}"
    assert client.get(url).headers["X-Cache"] == "miss"
    assert client.get(url).headers["X-Cache"] == "hit"
    assert client.get(url + "-about-2-500-troops-remain").headers["X-Cache"] == "hit"


def test_public_responses_set_no_cookies(app, client, world, make):
    signed_in = app.test_client()
    login(signed_in, make.user(Role.EDITOR))
    for c in (client, signed_in):
        for url in _routes(world):
            response = c.get(url)
            assert response.status_code < 500, url
            assert "Set-Cookie" not in response.headers, url


def test_redis_is_used_when_redis_url_is_set(database):
    url, options = database
    app = create_app(_config(url, options, REDIS_URL="redis://127.0.0.1:1/0"))
    assert app.config["CACHE_TYPE"] == "RedisCache"
    assert app.config["CACHE_REDIS_URL"] == "redis://127.0.0.1:1/0"
    plain = create_app(_config(url, options))
    assert plain.config["CACHE_TYPE"] == "SimpleCache"


def test_pages_survive_a_cache_outage(database, make, as_role):
    """Redis down (nothing listens on port 1): pages are rendered uncached, not lost."""
    url, options = database
    app = create_app(
        _config(
            url,
            options,
            REDIS_URL="redis://127.0.0.1:1/0",
            CACHE_OPTIONS={"socket_connect_timeout": 0.2},
        )
    )
    as_role(None)
    claim = make.claim(State.PUBLISHED, text="Still readable without Redis")
    with app.app_context():
        response = app.test_client().get(f"/factchecks/{claim.id}")
    assert response.status_code == 200 and response.headers["X-Cache"] == "miss"
    assert "Still readable without Redis" in response.get_data(as_text=True)


# --- no N+1 ------------------------------------------------------------------------------


@contextmanager
def count_queries(app):
    """Counts SQL statements with a before_cursor_execute listener on the app's engine."""
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def listener(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def _count(app, url: str) -> int:
    client = app.test_client()
    with count_queries(app) as statements:
        response = client.get(url)
    assert response.status_code in (200, 410), (url, response.status_code)
    # "pass": a variant the render cache does not keep (a filter by article, say)
    assert response.headers.get("X-Cache") in ("miss", "pass"), "the render cache must be off"
    return len(
        [
            s
            for s in statements
            if not s.lstrip().upper().startswith(("PRAGMA", "SAVEPOINT", "RELEASE"))
        ]
    )


def _grow(app, make, article, claim_count, sources_each):
    with app.app_context():
        ratings = rating_scale()
    claims = []
    for n in range(claim_count):
        claim = make.claim(
            State.PUBLISHED if n % 2 else State.CORRECTED,
            article=article,
            text=f"Claim number {n} of the article",
        )
        claims.append(claim)
        with app.app_context():
            for s in range(sources_each):
                db.session.add(
                    Source(
                        claim_id=claim.id,
                        url=f"https://src.example/{n}/{s}",
                        title=f"Source {s}",
                        kind=SourceKind.DATA,
                    )
                )
            speaker = Speaker(name=f"Speaker {claim.id}", key=f"speaker {claim.id}")
            db.session.add(speaker)
            db.session.flush()
            c = db.session.get(Claim, claim.id)
            c.speaker_id = speaker.id
            setting_up()
            editor = db.session.scalar(select(User).where(User.role == Role.EDITOR))
            for k in range(sources_each // 2 + 1):
                db.session.add(
                    Correction(
                        claim_id=claim.id,
                        editor_id=editor.id,
                        reason=f"Reason {k}",
                        old_rating_id=ratings[0].id,
                        new_rating_id=ratings[k % len(ratings)].id,
                        old_summary="a",
                        new_summary="b",
                    )
                )
            db.session.commit()
    return claims


@pytest.mark.filterwarnings("ignore:Flask-Caching")
@pytest.mark.parametrize("app_config", [{"CACHE_TYPE": "NullCache"}])
def test_statements_per_page_do_not_grow_with_sources_or_claims(app, make, as_role, app_config):
    as_role(Role.EDITOR)
    app.test_client().get("/api/v1/openapi.json")  # first request: one-off set-up checks
    small, big = make.article(title="Small"), make.article(title="Big")
    few = _grow(app, make, small, 2, 1)
    many = _grow(app, make, big, 8, 6)
    with app.app_context():
        withdrawn_few = make.claim(State.WITHDRAWN, article=small)
        withdrawn_many = make.claim(State.WITHDRAWN, article=big)
        db.session.add(Event(action="unpublish", claim_id=withdrawn_few.id, note="r"))
        db.session.add(Event(action="unpublish", claim_id=withdrawn_many.id, note="r"))
        db.session.commit()
    pairs = [
        (f"/factchecks/{few[0].id}", f"/factchecks/{many[0].id}"),
        (f"/factchecks/articles/{small.id}", f"/factchecks/articles/{big.id}"),
        (f"/api/v1/claimreviews/{few[0].id}", f"/api/v1/claimreviews/{many[0].id}"),
        (f"/factchecks/?article={small.id}", f"/factchecks/?article={big.id}"),
    ]
    for a, b in pairs:
        assert _count(app, a) == _count(app, b), (a, b)
    # Whole-site lists: grow the site and count again.
    lists = [
        "/factchecks/",
        "/factchecks/corrections",
        "/factchecks/feed.atom",
        "/api/v1/claimreviews",
        "/api/v1/claimreviews?since=2000-01-01",
        "/factchecks/methodology",
    ]
    before = {url: _count(app, url) for url in lists}
    _grow(app, make, make.article(title="More"), 6, 4)
    after = {url: _count(app, url) for url in lists}
    assert before == after
    assert max(after.values()) <= 12, after


# --- the demo --------------------------------------------------------------------------------


def test_demo_data_exercises_every_public_route(app, client, runner):
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        states = {c.state: c for c in db.session.scalars(select(Claim))}
        article_id = db.session.scalar(select(Article.id))
    assert {State.PUBLISHED, State.CORRECTED, State.WITHDRAWN} <= set(states)
    expected = {
        "/factchecks/": 200,
        "/factchecks/corrections": 200,
        "/factchecks/methodology": 200,
        "/factchecks/feed.atom": 200,
        f"/factchecks/articles/{article_id}": 200,
        f"/factchecks/{states[State.PUBLISHED].id}": 200,
        f"/factchecks/{states[State.CORRECTED].id}": 200,
        f"/factchecks/{states[State.WITHDRAWN].id}": 410,
        "/api/v1/claimreviews": 200,
        f"/api/v1/claimreviews/{states[State.CORRECTED].id}": 200,
        f"/api/v1/claimreviews/{states[State.WITHDRAWN].id}": 410,
        "/api/v1/openapi.json": 200,
    }
    for url, status in expected.items():
        assert client.get(url).status_code == status, url
    log = client.get("/factchecks/corrections").get_data(as_text=True)
    assert "Correction" in log and "Withdrawal" in log
    with app.app_context():
        assert db.session.scalar(select(Event).where(Event.action == "typo_fix")) is not None
    assert re.search(
        r"\d+ claims? checked",
        client.get(f"/factchecks/articles/{article_id}").get_data(as_text=True),
    )


def test_public_version_moves_only_with_published_material(app, make, as_role):
    """Lists key their ETag on one counter; it must move with every public change and only
    then (otherwise every ingest would empty the public caches)."""
    from factcheck.claims import services as cs

    editor = as_role(Role.EDITOR)

    def version() -> int:
        with app.app_context():
            return db.session.scalar(select(SiteSettings.public_version))

    start = version()
    draft = make.claim(State.IN_PROGRESS)
    approved = make.claim(State.APPROVED)
    with app.app_context():
        cs.add_comment(db.session.get(Claim, draft.id), db.session.get(User, editor.id), "hi")
        setting_up()
        db.session.commit()
    assert version() == start
    with app.app_context():
        rs.publish_claim(db.session.get(Claim, approved.id), db.session.get(User, editor.id))
        setting_up()
        db.session.commit()
    after_publish = version()
    assert after_publish > start
    with app.app_context():
        claim = db.session.get(Claim, approved.id)
        claim.verdict.summary = "Reworded summary."
        setting_up()
        db.session.commit()
    assert version() > after_publish


def test_versions_are_rechecked_after_a_short_window(app, client, make, monkeypatch):
    """With PUBLIC_RECHECK_SECONDS a process reuses a page's version briefly (no query per
    request for a viral page); after the window the change shows."""
    import factcheck.public.queries as public_queries

    app.config["PUBLIC_RECHECK_SECONDS"] = 5
    clock = [1000.0]
    monkeypatch.setattr(public_queries.time, "monotonic", lambda: clock[0])
    make.user(Role.ADMIN)
    claim = make.claim(State.PUBLISHED, text="Window claim")
    assert "Supported by the record." in client.get(f"/factchecks/{claim.id}").get_data(
        as_text=True
    )
    with app.app_context():
        db.session.get(Claim, claim.id).verdict.summary = "Changed summary."
        setting_up()
        db.session.commit()
    clock[0] += 2
    assert "Supported by the record." in client.get(f"/factchecks/{claim.id}").get_data(
        as_text=True
    )
    clock[0] += 4
    assert "Changed summary." in client.get(f"/factchecks/{claim.id}").get_data(as_text=True)


def _version(app, claim_id: int) -> int:
    with app.app_context():
        return fresh(Claim, claim_id).version

"""XSS (issue #6): a corpus of payloads in every field a person can type renders inert, checked
in headless Chromium with the Content-Security-Policy switched off, so that escaping alone has
to hold (the CSP is a second wall, tested in security/test_headers.py)."""

from __future__ import annotations

import pytest

from factcheck.audit import record
from factcheck.extensions import db
from factcheck.models import Article, Claim, Comment, Correction, Role, Source, Speaker, User
from factcheck.site.services import rating_scale, site_settings
from factcheck.workflow import State
from tests.browser import pytestmark  # noqa: F401
from tests.support import PASSWORD, setting_up

# Each payload tries to run `window.__xss = 1` or to leave an element marked data-xss in the
# page, in the contexts our templates use: element text, attribute values (quoted), URLs,
# the JSON-LD block and <textarea>/<pre> content.
PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x data-xss onerror="window.__xss=1">',
    '"><svg data-xss onload=window.__xss=1>',
    "'><b data-xss='1'>bold</b>",
    "</textarea><b data-xss>t</b>",
    "</title><b data-xss>t</b>",
    "</script><script>window.__xss=1</script>",
    "javascript:window.__xss=1",
    "{{7*7}}<i data-xss>jinja</i>",
    '<a href="javascript:window.__xss=1" data-xss>link</a>',
    '\u2028<iframe data-xss srcdoc="<script>parent.__xss=1</script>"></iframe>',
]


def payload(i: int) -> str:
    return PAYLOADS[i % len(PAYLOADS)]


@pytest.fixture
def app_config():
    return {"SERVER_NAME": None}


STATES_POISONED = (
    State.CANDIDATE,
    State.IN_PROGRESS,
    State.IN_REVIEW,
    State.PUBLISHED,
    State.CORRECTED,
)


@pytest.fixture
def poisoned(app, make):
    """Data with a payload in every free-text field: names, titles, claims, sources, verdicts,
    comments, corrections, speakers, site settings. Returns (admin email, urls to visit)."""
    admin = make.user(Role.ADMIN, name=payload(0), email="admin@example.org")
    checker = make.user(Role.CHECKER, name=payload(1))
    editor = make.user(Role.EDITOR, name=payload(2))
    claims = {}
    _poison_site_settings(app)
    for n, state in enumerate(STATES_POISONED):
        claim = _poisoned_claim(make, n, state, checker)
        claims[state] = claim
        _poison_around_claim(app, n, claim, state, admin=admin, checker=checker, editor=editor)
    # A failed sign-in puts a payload into the audit log as the typed email.
    with app.test_client() as anonymous:
        anonymous.post("/login", data={"email": payload(6), "password": "wrong wrong"})
    return "admin@example.org", _pages_to_visit(claims, checker)


def _poison_site_settings(app):
    with app.app_context():
        settings = site_settings()
        settings.name = payload(3)
        settings.methodology = payload(4) + "\n\n" + payload(5)
        db.session.commit()


def _poisoned_claim(make, n, state, checker):
    """A claim in `state` with payloads in its text and in its article's."""
    body = f"{payload(n)} The ministry said 2,500 troops remain. {payload(n + 1)}"
    article = make.article(
        body=body, title=payload(n + 2), outlet=payload(n + 3), author=payload(n + 4)
    )
    return make.claim(state, article=article, assignee=checker, text=payload(n + 5))


def _poison_around_claim(app, n, claim, state, *, admin, checker, editor):
    """The claim's speaker, a source, a comment, its verdict, a correction when it is
    corrected, and an audit event, all carrying payloads."""
    with app.app_context():
        row = db.session.get(Claim, claim.id)
        _poison_speaker(row, n)
        db.session.add(
            Source(
                claim_id=claim.id,
                url="https://example.org/?q=" + payload(n),
                title=payload(n + 1),
                publisher=payload(n + 2),
                excerpt=payload(n + 3),
                archive_url=None,
                added_by_id=checker.id,
            )
        )
        db.session.add(
            Comment(
                claim_id=claim.id,
                author_id=editor.id,
                body=payload(n + 4) + "\n" + payload(n + 5),
            )
        )
        if row.verdict is not None:
            row.verdict.summary = payload(n + 6)[:280]
            row.verdict.rationale = payload(n + 7) + "\n\n" + payload(n + 8)
        if state == State.CORRECTED:
            db.session.add(_poisoned_correction(n, claim, editor))
        record(
            "comment",
            actor=db.session.get(User, admin.id),
            claim=row,
            note=payload(n + 9),
            data={"text": payload(n + 10)},
        )
        db.session.commit()


def _poison_speaker(row, n):
    speaker = Speaker(name=payload(n + 6), key=f"speaker {n}", role=payload(n + 7))
    db.session.add(speaker)
    row.speaker = speaker
    row.cue = payload(n + 8)[:60]
    setting_up()


def _poisoned_correction(n, claim, editor):
    rating = rating_scale()[0]
    return Correction(
        claim_id=claim.id,
        editor_id=editor.id,
        reason=payload(n + 9),
        old_rating_id=rating.id,
        new_rating_id=rating.id,
        old_summary=payload(n + 10),
        new_summary=payload(n),
    )


def _pages_to_visit(claims, checker):
    """Every page that shows some of the poisoned data."""
    article_ids = [c.article_id for c in claims.values()]
    urls = [
        "/desk/",
        "/desk/articles/",
        "/desk/claims/",
        "/desk/claims/?state=all",
        "/desk/review/",
        "/desk/admin/users",
        f"/desk/admin/users/{checker.id}",
        "/desk/admin/site",
        "/desk/admin/audit?scope=all",
        "/desk/admin/audit",
        "/account",
        "/factchecks/",
    ]
    urls += [f"/desk/articles/{a}" for a in article_ids]
    urls += [f"/desk/claims/{c.id}" for c in claims.values()]
    urls += [f"/factchecks/{claims[s].id}" for s in (State.PUBLISHED, State.CORRECTED)]
    return urls


def test_payloads_render_inert_in_the_browser(server, browser, poisoned):
    email, urls = poisoned
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    assert "/desk/" in page.url
    checked = 0
    for url in urls:
        response = page.goto(server + url)
        assert response.status < 400, url
        page.wait_for_load_state("load")
        found = page.evaluate("""() => ({
            xss: window.__xss === 1,
            marked: document.querySelectorAll('[data-xss]').length,
            jsLinks: [...document.querySelectorAll('a[href], form[action]')].filter(
                e => (e.getAttribute('href') || e.getAttribute('action') || '')
                     .trim().toLowerCase().startsWith('javascript:')).length,
            frames: document.querySelectorAll('iframe').length,
            text: document.body.innerText,
        })""")
        assert not found["xss"], f"a payload ran on {url}"
        assert found["marked"] == 0, f"a payload became markup on {url}"
        assert found["jsLinks"] == 0, f"a javascript: link on {url}"
        assert found["frames"] == 0, f"a payload became a frame on {url}"
        checked += "data-xss" in found["text"] or "__xss" in found["text"]
    assert dialogs == []
    # The payloads are on the pages, as text.
    assert checked >= len(urls) - 2
    context.close()


def test_payload_in_the_public_json_ld_stays_data(server, browser, poisoned, app):
    _, urls = poisoned
    public = [u for u in urls if u.startswith("/factchecks/") and u != "/factchecks/"]
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    for url in public:
        page.goto(server + url)
        blocks = page.evaluate("""() => [...document.querySelectorAll(
            'script[type="application/ld+json"]')].map(s => JSON.parse(s.textContent))""")
        scripts = page.evaluate("() => document.querySelectorAll('script:not([src])').length")
        assert scripts == len(blocks), f"an inline script other than JSON-LD on {url}"
        assert not page.evaluate("() => window.__xss === 1")
    context.close()


def test_article_html_is_reduced_to_text(app, client, as_role):
    as_role(Role.CHECKER)
    html = (
        "<html><body><article><h1>Head</h1><p>The army said 10 tanks left on May 3, 2020."
        "<script>window.__xss=1</script><img src=x onerror=alert(1)></p></article>"
        "</body></html>"
    )
    client.post("/desk/articles/new", data={"title": "T", "body": html})
    with app.app_context():
        article = db.session.scalars(db.select(Article)).one()
        assert "<" not in article.body and "__xss" not in article.body

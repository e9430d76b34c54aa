"""The public tip form: happy path, honeypot, size caps, control characters, folding."""

from __future__ import annotations

import io

import pytest
from werkzeug.test import EnvironBuilder

from factcheck.extensions import db
from factcheck.models import Tip
from tests.tips.conftest import TIP_TEXT, add_tip, all_tips


def test_form_is_public_and_linked_from_the_public_site(client, make):
    make.user("admin")  # past first-run setup
    page = client.get("/tips")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'name="text"' in html and 'name="website"' in html
    assert page.headers["Cache-Control"] == "no-store"
    index = client.get("/factchecks/").get_data(as_text=True)
    assert 'href="/tips"' in index


def test_a_tip_is_stored_and_the_reader_thanked(app, client, make, tip_form):
    make.user("admin")
    response = client.post("/tips", data=tip_form())
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/tips/thanks")
    assert client.get("/tips/thanks").status_code == 200
    [tip] = all_tips(app)
    assert tip.text == TIP_TEXT
    assert tip.seen_where == "A post on a social network"
    assert tip.url == "https://example.com/post/1"
    assert tip.contact == "reader@example.net"
    assert tip.reports == 1 and tip.state.value == "open"


def test_the_honeypot_gets_thanks_and_stores_nothing(app, client, make, tip_form):
    make.user("admin")
    response = client.post("/tips", data=tip_form(website="http://spam.example/"))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/tips/thanks")
    assert all_tips(app) == []


def test_missing_fields_are_refused_with_the_input_kept(app, client, make, tip_form):
    make.user("admin")
    response = client.post("/tips", data=tip_form(seen_where="", text="Ten per cent rise"))
    assert response.status_code == 422
    assert "Ten per cent rise" in response.get_data(as_text=True)
    assert all_tips(app) == []


@pytest.mark.parametrize(
    "field,limit",
    [("text", Tip.TEXT_MAX), ("seen_where", Tip.SEEN_MAX), ("contact", Tip.CONTACT_MAX)],
)
def test_each_field_has_a_size_cap(app, client, make, tip_form, field, limit):
    make.user("admin")
    response = client.post("/tips", data=tip_form(**{field: "x" * (limit + 1)}))
    assert response.status_code == 422
    assert all_tips(app) == []
    response = client.post("/tips", data=tip_form(**{field: "y" * limit}))
    assert response.status_code == 302


def test_a_url_that_is_not_a_web_address_is_refused(app, client, make, tip_form):
    make.user("admin")
    response = client.post("/tips", data=tip_form(url="javascript:alert(1)"))
    assert response.status_code == 422
    assert all_tips(app) == []


def test_an_oversized_body_gets_a_413_page(app, client, make, tip_form):
    make.user("admin")
    cap = app.config["TIPS_MAX_BYTES"]
    response = client.post("/tips", data=tip_form(text="a" * cap))
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "too long" in html and "16 KB" in html
    assert all_tips(app) == []


def test_the_cap_holds_without_a_content_length(app, client, make):
    """A streamed body (no Content-Length, as a server passes a chunked upload on) is cut at
    the cap as it is read."""
    make.user("admin")
    cap = app.config["TIPS_MAX_BYTES"]
    body = ("text=" + "a" * (cap * 2) + "&seen_where=x").encode()
    builder = EnvironBuilder(
        path="/tips",
        method="POST",
        input_stream=io.BytesIO(body),
        content_type="application/x-www-form-urlencoded",
    )
    environ = builder.get_environ()
    del environ["CONTENT_LENGTH"]
    environ["wsgi.input_terminated"] = True
    response = client.open(environ)
    assert response.status_code == 413, response.get_data(as_text=True)[-3000:]
    assert all_tips(app) == []


def test_the_desk_keeps_its_larger_cap(app):
    """The tips cap is the tips form's only: pasted articles may still be megabytes."""
    assert app.config["MAX_CONTENT_LENGTH"] > 100 * app.config["TIPS_MAX_BYTES"]


def test_control_characters_are_stripped(app, client, make, tip_form):
    make.user("admin")
    response = client.post(
        "/tips",
        data=tip_form(text="Crime\x00 rose\x07 by 40%\x1b", seen_where="TV\x0bnews", contact=None),
    )
    assert response.status_code == 302
    [tip] = all_tips(app)
    assert tip.text == "Crime rose by 40%"
    assert tip.seen_where == "TV news"
    assert tip.contact is None


def test_the_same_claim_folds_into_one_tip_counting_reports(app, client, make, tip_form):
    make.user("admin")
    client.post("/tips", data=tip_form(contact=None))
    # Case, spacing and surrounding quotes do not make a new claim.
    again = "  “" + TIP_TEXT.upper().replace(" ", "   ") + "”  "
    client.post("/tips", data=tip_form(text=again, contact="second@example.net"))
    client.post("/tips", data=tip_form())
    [tip] = all_tips(app)
    assert tip.reports == 3
    # A contact left by a later report is kept when the first had none.
    assert tip.contact == "second@example.net"
    client.post("/tips", data=tip_form(text="A different claim: taxes fell by 3%."))
    assert [t.reports for t in all_tips(app)] == [3, 1]


def test_folding_stops_after_the_window(app, client, make, tip_form):
    make.user("admin")
    days = app.config["TIP_FOLD_DAYS"]
    old = add_tip(app, age_days=days + 1)
    client.post("/tips", data=tip_form())
    tips = all_tips(app)
    assert len(tips) == 2 and tips[0].id == old.id and tips[0].reports == 1


def test_folding_counts_into_a_dismissed_tip_too(app, client, make, tip_form):
    make.user("admin")
    add_tip(app, state="dismissed")
    client.post("/tips", data=tip_form())
    [tip] = all_tips(app)
    assert tip.reports == 2 and tip.state.value == "dismissed"


def test_csrf_is_required_when_enabled(app, client, make, tip_form):
    make.user("admin")
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/tips", data=tip_form())
    assert response.status_code == 400
    assert all_tips(app) == []
    page = client.get("/tips").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    response = client.post("/tips", data=tip_form(csrf_token=token))
    assert response.status_code == 302
    with app.app_context():
        assert db.session.query(Tip).count() == 1

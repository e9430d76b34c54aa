"""Issue 13, finding 3: characters XML cannot carry (Word's manual line break \\x0b, escape,
backspace, ...) are dropped at input by every form and upload, and cleaned again at output,
so one stored control character cannot take the Atom feed down."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil

import pytest
from flask_wtf import FlaskForm
from lxml import etree
from werkzeug.datastructures import MultiDict
from wtforms import PasswordField, StringField, TextAreaField

import factcheck
from factcheck.articles.decoding import decode_bytes
from factcheck.extensions import db
from factcheck.models import Article, Claim, Role, SiteSettings, Speaker
from factcheck.web.forms import Form
from factcheck.web.inputs import clean_text
from factcheck.workflow import State
from tests.support import login, setting_up

# Every character XML 1.0 refuses that a reader could type, paste or upload.
BAD = [chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + ["\ud800", "\ufffe", "\uffff"]
MARKERS = ["\x0b", "\x1b", "\x08", "\x0c", "\x00", "\x1f"]


def _xml_safe(text: str) -> bool:
    return not any(ch in text for ch in BAD)


@pytest.mark.parametrize("char", BAD, ids=[f"U+{ord(c):04X}" for c in BAD])
def test_clean_text_drops_what_xml_refuses(char):
    cleaned = clean_text(f"Before{char}after\tand\r\nmore")
    assert _xml_safe(cleaned) and cleaned.startswith("Before") and "\tand\r\nmore" in cleaned
    if char in "\x0b\x0c":  # a manual line or page break still separates the words
        assert cleaned.startswith("Before\nafter")
        assert clean_text(f"a{char}b", multiline=False) == "a b"
    else:
        assert cleaned.startswith("Beforeafter")


@pytest.mark.parametrize("char", MARKERS, ids=[f"U+{ord(c):04X}" for c in MARKERS])
def test_a_stored_control_character_cannot_break_the_feed(app, client, make, char):
    """Rows written before the input filter (or by any other route) still give valid XML."""
    if char == "\x00" and app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("PostgreSQL cannot store a NUL in text, so no row can carry one")
    claim = make.claim(State.PUBLISHED, text=f"Troops{char} remain in the country")
    with app.app_context():
        row = db.session.get(Claim, claim.id)
        speaker = Speaker(name=f"John{char}Kirby", key=f"john kirby {ord(char)}")
        db.session.add(speaker)
        db.session.flush()
        row.speaker_id = speaker.id
        row.verdict.summary = f"Line one{char}line two \x1b[31m red \x08 back"
        db.session.get(SiteSettings, 1).name = f"The{char}Gazette"
        setting_up()
        db.session.commit()
    response = client.get("/factchecks/feed.atom")
    assert response.status_code == 200
    root = etree.fromstring(response.data)  # raises on any character XML refuses
    assert "Line one" in etree.tostring(root, encoding="unicode")
    assert _xml_safe(response.get_data(as_text=True))
    for url in ("/factchecks/", f"/factchecks/{claim.id}", "/api/v1/claimreviews"):
        assert client.get(url).status_code == 200, url
    items = json.loads(client.get("/api/v1/claimreviews").data)["items"]
    assert items and items[0]["claimReviewed"].startswith("Troops")


def _form_classes() -> list[type[FlaskForm]]:
    for info in pkgutil.walk_packages(factcheck.__path__, "factcheck."):
        if info.name.endswith(".forms"):
            importlib.import_module(info.name)
    found, todo = set(), [FlaskForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub.__module__.startswith("factcheck.") and sub not in found:
                found.add(sub)
                todo.append(sub)
    return sorted(found, key=lambda c: c.__qualname__)


FORMS = _form_classes()


def test_every_form_of_the_app_is_built_on_the_cleaning_base():
    assert len(FORMS) > 20
    assert [f.__qualname__ for f in FORMS if not issubclass(f, Form)] == []


@pytest.mark.parametrize("form_class", FORMS, ids=lambda f: f.__qualname__)
def test_every_text_field_of_every_form_drops_them(app, form_class):
    with app.test_request_context(method="POST"):
        fields = [
            (name, field.field_class)
            for name, field in vars(form_class).items()
            if hasattr(field, "field_class")
        ]
        texts = [
            (name, kind)
            for name, kind in fields
            if issubclass(kind, StringField) and not issubclass(kind, PasswordField)
        ]
        data = MultiDict({name: "A" + "".join(BAD) + "B" for name, _ in texts})
        kwargs = {}
        if "choices" in inspect.signature(form_class).parameters:
            kwargs["choices"] = []
        form = form_class(formdata=data, meta={"csrf": False}, **kwargs)
        for name, kind in texts:
            value = form[name].data
            assert isinstance(value, str) and _xml_safe(value), (name, value)
            joined = "\n\n" if issubclass(kind, TextAreaField) else "  "
            assert value == f"A{joined}B", (name, value)  # \x0b and \x0c kept as breaks


def test_pasted_article_is_stored_clean(app, client, make):
    login(client, make.user(Role.CHECKER))
    body = "The minister\x0bsaid 2,500 troops\x1b remain.\x08\n\nOfficials met on July 26, 2021."
    response = client.post(
        "/desk/articles/new", data={"title": "Troops\x1b stay", "body": body}, follow_redirects=True
    )
    assert response.status_code == 200
    with app.app_context():
        article = db.session.scalar(db.select(Article).order_by(Article.id.desc()))
        assert article.title == "Troops stay"
        assert article.body.startswith("The minister\nsaid 2,500 troops remain.")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1252"])
def test_uploaded_text_is_cleaned(encoding):
    rest = " Les troupes quittent le pays en décembre, selon le ministère." * 3
    text = "Le ministre\x0ba dit\x1b que 2 500 soldats\x08 restent. Été." + rest
    decoded = decode_bytes(text.encode(encoding), "article.txt")
    assert decoded.text == "Le ministre\na dit que 2 500 soldats restent. Été." + rest

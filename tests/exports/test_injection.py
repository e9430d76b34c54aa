"""Formula injection: a CSV cell a spreadsheet would run is neutralised in every export;
JSON carries the text as it is."""

from __future__ import annotations

import pytest

from factcheck.audit import record
from factcheck.exports.writers import neutralise
from factcheck.extensions import db
from factcheck.models import Role
from factcheck.workflow import State
from tests.exports.conftest import read_csv, read_json

DANGEROUS = [
    '=HYPERLINK("http://evil.example","x")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "   =1+1",
    " \t@SUM(A1)",
]
SAFE = ["The ministry said 2,500 troops", "", "a = b", "e-mail @ home", "100%"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_dangerous_cells_get_a_quote(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", SAFE)
def test_ordinary_text_is_left_alone(value):
    assert neutralise(value) == value


def test_numbers_and_empty_values():
    assert neutralise(-3) == "-3" and neutralise(0.5) == "0.5" and neutralise(None) == ""


def _claim_text(value: str, n: int) -> str:
    # Claims hold text a person could see; it must keep the leading character under test.
    return value + f" claim {n}"


@pytest.fixture
def hostile(app, make, as_role):
    """Every dangerous start in a queued claim, a published claim's text and an audit note."""
    admin = as_role(Role.ADMIN)
    article = make.article()
    texts = [_claim_text(v, n) for n, v in enumerate(DANGEROUS)]
    for text in texts:
        make.claim(State.QUEUED, article=article, text=text)
        make.claim(State.PUBLISHED, text=text)
    with app.app_context():
        from factcheck.models import User

        for text in texts:
            record("comment", actor=db.session.get(User, admin.id), note=text)
        db.session.commit()
    return article, texts


def _kinds(article_id):
    return {
        "queue": ("/desk/exports/queue.{}", "text"),
        "article": (f"/desk/exports/articles/{article_id}.{{}}", "text"),
        "published": ("/factchecks/export.{}", "claim"),
        "audit": ("/desk/exports/audit.{}?scope=all&action=comment", "note"),
    }


@pytest.mark.parametrize("kind", ["queue", "article", "published", "audit"])
def test_every_export_neutralises_every_leading_character(client, hostile, kind):
    article, texts = hostile
    path, column = _kinds(article.id)[kind]
    csv_cells = sorted(r[column] for r in read_csv(client.get(path.format("csv"))))
    assert csv_cells == sorted("'" + t for t in texts)
    json_cells = sorted(r[column] for r in read_json(client.get(path.format("json"))))
    assert json_cells == sorted(texts)  # JSON is data: as it is

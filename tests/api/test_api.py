"""The public JSON API: ClaimReview list and detail, incremental pulls, errors in JSON, the
OpenAPI 3.1 document, and every route fuzzed against that document with schemathesis."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate as validate_openapi

from factcheck.api.openapi import claimreview_schema, document
from factcheck.extensions import db
from factcheck.models import Claim, Role
from factcheck.review import services as rs
from factcheck.workflow import PUBLIC_STATES, State
from tests.support import fresh

UNPUBLISHED = [s for s in State if s not in PUBLIC_STATES and s != State.WITHDRAWN]


@pytest.fixture
def world(make, as_role):
    """A published, a corrected and a withdrawn fact-check, and one draft."""
    as_role(None)
    return {
        "published": make.claim(State.PUBLISHED, text="Published claim about 2,500 troops"),
        "corrected": make.claim(State.CORRECTED, text="Corrected claim about July 26"),
        "withdrawn": make.claim(State.WITHDRAWN, text="Withdrawn claim about Baghdad"),
        "draft": make.claim(State.IN_REVIEW, text="Secret draft about the airport"),
    }


def _texts(items):
    return {item["claimReviewed"] for item in items}


def test_list_holds_published_and_corrected_only(client, world):
    response = client.get("/api/v1/claimreviews")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert _texts(body["items"]) == {
        "Published claim about 2,500 troops",
        "Corrected claim about July 26",
    }
    assert body["total"] == 2 and body["withdrawn"] == [] and body["since"] is None
    validator = jsonschema.Draft202012Validator(claimreview_schema())
    for item in body["items"]:
        validator.validate(item)
    assert "Secret draft" not in response.get_data(as_text=True)


@pytest.mark.parametrize("state", UNPUBLISHED, ids=lambda s: s.value)
def test_no_unpublished_claim_in_any_api_answer(client, make, as_role, state):
    as_role(None)
    claim = make.claim(state, text="Leaky unpublished wording")
    for url in (
        "/api/v1/claimreviews",
        "/api/v1/claimreviews?since=2000-01-01",
        f"/api/v1/claimreviews/{claim.id}",
    ):
        response = client.get(url)
        assert "Leaky unpublished wording" not in response.get_data(as_text=True), url
    assert client.get(f"/api/v1/claimreviews/{claim.id}").status_code == 404


def test_detail_and_errors_answer_in_json(client, world):
    ok = client.get(f"/api/v1/claimreviews/{world['published'].id}")
    assert ok.status_code == 200
    assert ok.get_json()["url"].startswith("http://localhost/factchecks/")
    gone = client.get(f"/api/v1/claimreviews/{world['withdrawn'].id}")
    assert gone.status_code == 410 and gone.mimetype == "application/json"
    assert gone.get_json()["withdrawn"]["claimReviewed"] == "Withdrawn claim about Baghdad"
    for url in (
        f"/api/v1/claimreviews/{world['draft'].id}",
        "/api/v1/claimreviews/0",
        "/api/v1/claimreviews/abc",
        "/api/v1/claimreviews/99999999999",
        "/api/v1/nothing-here",
    ):
        response = client.get(url)
        assert response.status_code == 404 and response.mimetype == "application/json", url
        assert response.get_json()["error"]["status"] == 404


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=x",
        "page=2",
        "per_page=0",
        "per_page=101",
        "since=yesterday",
        "since=2024-13-01",
        "cursor=not-a-cursor",
    ],
)
def test_bad_parameters_are_400_in_json(client, world, query):
    response = client.get(f"/api/v1/claimreviews?{query}")
    assert response.status_code == 400 and response.mimetype == "application/json"
    assert response.get_json()["error"]["message"]


def test_pagination_links(client, make, as_role):
    as_role(None)
    for n in range(5):
        make.claim(State.PUBLISHED, text=f"Paged claim {n}")
    first = client.get("/api/v1/claimreviews?per_page=2").get_json()
    assert first["total"] == 5 and len(first["items"]) == 2
    assert "/api/v1/claimreviews?per_page=2&cursor=" in first["next"]
    seen, pages = [i["claimReviewed"] for i in first["items"]], 1
    url = first["next"]
    while url:
        page = client.get(url.replace("http://localhost", "")).get_json()
        seen += [i["claimReviewed"] for i in page["items"]]
        url, pages = page["next"], pages + 1
    assert pages == 3 and sorted(seen) == [f"Paged claim {n}" for n in range(5)]


def test_since_pulls_only_what_changed_and_reports_withdrawals(app, client, world, make):
    editor = make.user(Role.EDITOR)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    with app.app_context():
        db.session.execute(db.update(Claim).values(updated_at=later - dt.timedelta(days=1)))
        db.session.commit()
        claim = fresh(Claim, world["published"].id)
        rs.unpublish_claim(claim, fresh(type(editor), editor.id), "A source went offline.")
        corrected = fresh(Claim, world["corrected"].id)
        rs.fix_typo(
            corrected,
            fresh(type(editor), editor.id),
            summary=corrected.verdict.summary.replace("record", "records"),
            rationale=corrected.verdict.rationale,
        )
        db.session.commit()
    since = (later - dt.timedelta(hours=1)).isoformat().replace("+00:00", "Z")
    body = client.get(f"/api/v1/claimreviews?since={since}").get_json()
    assert _texts(body["items"]) == {"Corrected claim about July 26"}
    assert [w["claimReviewed"] for w in body["withdrawn"]] == ["Published claim about 2,500 troops"]
    assert body["withdrawn"][0]["reason"] == "A source went offline."
    assert body["since"].startswith(since[:16])
    # Nothing changed after now: an empty pull.
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).date().isoformat()
    assert client.get(f"/api/v1/claimreviews?since={future}").get_json()["items"] == []


def test_conditional_requests_and_cors(client, world):
    first = client.get("/api/v1/claimreviews")
    assert first.headers["Access-Control-Allow-Origin"] == "*"
    assert first.headers["Cache-Control"].startswith("public")
    again = client.get("/api/v1/claimreviews", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    item = client.get(f"/api/v1/claimreviews/{world['published'].id}")
    again = client.get(
        f"/api/v1/claimreviews/{world['published'].id}",
        headers={"If-None-Match": item.headers["ETag"]},
    )
    assert again.status_code == 304
    assert "Set-Cookie" not in first.headers and "Set-Cookie" not in item.headers


def test_openapi_document_is_valid_openapi_31(client, as_role):
    as_role(None)
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = response.get_json()
    assert doc["openapi"].startswith("3.1")
    validate_openapi(doc)
    assert json.loads(json.dumps(document())) == doc
    # Every route of the api blueprint is documented (the catch-all 404 aside).
    from flask import current_app

    with client.application.app_context():
        rules = {
            r.rule
            for r in current_app.url_map.iter_rules()
            if r.endpoint.startswith("api.") and r.endpoint != "api.not_found"
        }
    documented = {"/api/v1" + path.replace("{id}", "<claim_id>") for path in doc["paths"]}
    assert rules == documented


# --- schemathesis: every documented operation, positive and negative inputs ------------------
# schemathesis' own pytest plug-in (schema.parametrize) does not run under pytest 9 (it reads a
# node attribute pytest removed), so each operation gets a Hypothesis test built here from the
# strategies schemathesis derives from the document; the checks are schemathesis' own.

POSITIVE, NEGATIVE = schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE
# Negative inputs only where there are inputs to break (the document itself takes none).
CASES = [
    (f"{method.upper()} {path}", mode)
    for path, ops in document()["paths"].items()
    for method, op in ops.items()
    for mode in ((POSITIVE, NEGATIVE) if op.get("parameters") else (POSITIVE,))
]


@pytest.mark.parametrize("label,mode", CASES, ids=[f"{lbl} {m.value}" for lbl, m in CASES])
def test_api_answers_as_documented(app, world, label, mode):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operation = schema.find_operation_by_label(label)
    assert operation is not None, label
    calls = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def check(case):
        if mode is POSITIVE and case.query:
            # A cursor is opaque: no schema can generate a valid one. Real cursors are walked
            # in test_pagination_links, hand-made ones in tests/public/test_cursors.py.
            case.query.pop("cursor", None)
        calls.append(case.call_and_validate())

    check()
    assert calls, "schemathesis generated no request"


def test_known_fact_checks_answer_as_documented(app, world):
    """Random ids mostly hit 404s; these are the 200 and 410 answers, checked the same way."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    detail = schema.find_operation_by_label("GET /claimreviews/{id}")
    statuses = []
    for key in ("published", "corrected", "withdrawn", "draft"):
        response = detail.Case(path_parameters={"id": world[key].id}).call_and_validate()
        statuses.append(response.status_code)
    assert statuses == [200, 200, 410, 404]
    listing = schema.find_operation_by_label("GET /claimreviews")
    response = listing.Case(query={"since": "2000-01-01T00:00:00Z"}).call_and_validate()
    assert len(response.json()["items"]) == 2

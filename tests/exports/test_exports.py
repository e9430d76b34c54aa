"""Each export in CSV and JSON against the database, its headers, permissions and bad input."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import Claim, Event, Role
from factcheck.workflow import CLOSED_STATES, PUBLIC_STATES, State
from tests.exports.conftest import read_csv, read_json


def _db_claims(app, *where) -> dict[int, Claim]:
    with app.app_context():
        found = db.session.scalars(select(Claim).where(*where)).all()
        return {c.id: (c.text, c.state.value, c.kind.value, c.article_id) for c in found}


def _as_rows(rows) -> dict[int, tuple]:
    return {int(r["id"]): (r["text"], r["state"], r["kind"], int(r["article_id"])) for r in rows}


@pytest.fixture
def desk(make):
    """Claims in many states; three of the queued ones mention "tariffs"."""
    article = make.article()
    for state in (State.CANDIDATE, State.QUEUED, State.IN_PROGRESS, State.DISMISSED):
        make.claim(state, article=article)
    for n in range(10):
        make.claim(State.QUEUED, text=f"Queued claim {n} about {'tariffs' if n < 3 else 'rain'}")
    make.claim(State.PUBLISHED)
    return article


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_queue_export_is_the_open_queue(app, client, as_role, desk, fmt):
    as_role(Role.CHECKER)
    response = client.get(f"/desk/exports/queue.{fmt}")
    assert response.status_code == 200
    rows = read_csv(response) if fmt == "csv" else read_json(response)
    assert _as_rows(rows) == _db_claims(app, Claim.state.not_in(CLOSED_STATES))


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_queue_export_keeps_the_filters_and_the_search(app, client, as_role, desk, fmt):
    as_role(Role.CHECKER)
    response = client.get(f"/desk/exports/queue.{fmt}?state=queued&q=tariffs&sort=age")
    rows = read_csv(response) if fmt == "csv" else read_json(response)
    expected = _db_claims(app, Claim.state == State.QUEUED, Claim.text.contains("tariffs"))
    assert len(expected) == 3 and _as_rows(rows) == expected
    assert [int(r["id"]) for r in rows] == sorted(expected)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_article_export_has_all_its_claims(app, client, as_role, desk, make, fmt):
    as_role(Role.CHECKER)
    response = client.get(f"/desk/exports/articles/{desk.id}.{fmt}")
    rows = read_csv(response) if fmt == "csv" else read_json(response)
    expected = _db_claims(app, Claim.article_id == desk.id)
    assert len(expected) == 4 and _as_rows(rows) == expected
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="article-{desk.id}-claims.{fmt}"'
    )


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_published_export_is_public_and_only_published(app, client, make, fmt):
    published = [make.claim(State.PUBLISHED) for _ in range(4)]
    for state in (State.APPROVED, State.WITHDRAWN, State.IN_REVIEW, State.QUEUED):
        make.claim(state)
    response = client.get(f"/factchecks/export.{fmt}")
    assert response.status_code == 200
    rows = read_csv(response) if fmt == "csv" else read_json(response)
    assert [int(r["id"]) for r in rows] == [c.id for c in published]
    from factcheck.public.links import factcheck_link

    with app.test_request_context():
        for row in rows:
            claim = db.session.get(Claim, int(row["id"]))
            assert claim.state in PUBLIC_STATES
            assert row["claim"] == claim.text
            assert row["rating"] == claim.verdict.rating.label
            assert row["url"] == factcheck_link(claim)
    assert response.headers["Cache-Control"].startswith("public")


def _events(app, n, someone):
    from factcheck.audit import record
    from factcheck.models import User

    with app.app_context():
        who = db.session.get(User, someone.id)
        for i in range(n):
            action = "login" if i % 2 else "comment"
            record(action, actor=who if i % 3 == 0 else None, note=f"event {i}")
        db.session.commit()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_audit_export_follows_the_audit_pages_filters(app, client, as_role, fmt):
    admin = as_role(Role.ADMIN)
    _events(app, 9, admin)
    with app.app_context():
        every = db.session.scalars(select(Event).order_by(Event.id.desc())).all()
        logins = [e.id for e in every if e.action == "login"]
        all_ids = [e.id for e in every]
    scoped = client.get(f"/desk/exports/audit.{fmt}")
    rows = read_csv(scoped) if fmt == "csv" else read_json(scoped)
    assert [int(r["id"]) for r in rows] == logins  # security events only, newest first
    everything = client.get(f"/desk/exports/audit.{fmt}?scope=all")
    rows = read_csv(everything) if fmt == "csv" else read_json(everything)
    assert [int(r["id"]) for r in rows] == all_ids
    mine = client.get(f"/desk/exports/audit.{fmt}?scope=all&actor={admin.id}")
    rows = read_csv(mine) if fmt == "csv" else read_json(mine)
    assert len(rows) == 3 and {r["actor"] for r in rows} == {admin.name}


@pytest.mark.parametrize(
    "path,content_type,filename",
    [
        ("/desk/exports/queue.csv", "text/csv; charset=utf-8", "queue.csv"),
        ("/desk/exports/queue.json", "application/json", "queue.json"),
        ("/desk/exports/audit.csv", "text/csv; charset=utf-8", "audit-log.csv"),
    ],
)
def test_staff_exports_are_downloads_never_stored(client, as_role, path, content_type, filename):
    as_role(Role.ADMIN)
    response = client.get(path)
    assert response.headers["Content-Type"] == content_type
    assert response.headers["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response.headers["Cache-Control"] == "no-store"


# --- permissions ------------------------------------------------------------------------

STAFF = ["/desk/exports/queue.csv", "/desk/exports/queue.json"]
ADMIN_ONLY = ["/desk/exports/audit.csv", "/desk/exports/audit.json"]
PUBLIC = [
    "/factchecks/export.csv",
    "/factchecks/export.json",
    "/factchecks/claimreview-feed.json",
]


@pytest.mark.parametrize("role", [None, Role.CHECKER, Role.EDITOR, Role.ADMIN])
def test_who_may_export_what(client, as_role, make, role):
    as_role(role)
    article = make.article()
    staff = [*STAFF, f"/desk/exports/articles/{article.id}.csv"]
    for path in staff:
        response = client.get(path)
        if role is None:  # a reader without an account is sent to sign in
            assert response.status_code == 302 and "/login" in response.headers["Location"]
        else:
            assert response.status_code == 200, path
        response.get_data()  # read to its end, as a download is
    for path in ADMIN_ONLY:
        response = client.get(path)
        response.get_data()
        expected = {None: 302, Role.CHECKER: 403, Role.EDITOR: 403, Role.ADMIN: 200}[role]
        assert response.status_code == expected, path
    for path in PUBLIC:
        response = client.get(path)
        assert response.status_code == 200 and response.get_data(), path


def test_audit_link_only_for_admins_and_queue_link_for_staff(client, as_role):
    as_role(Role.CHECKER)
    assert "/desk/exports/queue.csv" in client.get("/desk/claims/").get_data(as_text=True)
    as_role(Role.ADMIN)
    page = client.get("/desk/admin/audit?scope=all").get_data(as_text=True)
    assert "/desk/exports/audit.csv?scope=all" in page


def test_sorting_by_due_date_exports_the_dated_claims_as_the_page_lists(
    app, client, as_role, make, today
):
    as_role(Role.CHECKER)
    dated = make.claim(State.QUEUED)
    make.claim(State.QUEUED)
    with app.app_context():
        db.session.get(Claim, dated.id).due_on = today
        db.session.commit()
    rows = read_csv(client.get("/desk/exports/queue.csv?sort=due"))
    assert [int(r["id"]) for r in rows] == [dated.id]
    assert rows[0]["due_on"] == today.isoformat()


def test_article_page_links_its_export(client, as_role, make):
    as_role(Role.CHECKER)
    article = make.article()
    page = client.get(f"/desk/articles/{article.id}").get_data(as_text=True)
    assert f"/desk/exports/articles/{article.id}.csv" in page


def test_public_index_links_the_downloads(client, make):
    make.claim(State.PUBLISHED)
    page = client.get("/factchecks/").get_data(as_text=True)
    assert "/factchecks/claimreview-feed.json" in page and "/factchecks/export.csv" in page


def test_unknown_article_is_404(client, as_role):
    as_role(Role.CHECKER)
    assert client.get("/desk/exports/articles/999999.csv").status_code == 404


# --- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/desk/exports/queue.csv?q=" + "a" * 201,
        "/desk/exports/queue.json?speaker=" + "b" * 201,
        "/desk/exports/audit.csv?action=" + "c" * 201,
        "/desk/exports/queue.xlsx",
        "/desk/exports/audit.xml",
        "/factchecks/export.txt",
    ],
)
def test_bad_input_is_a_clear_400(client, as_role, path):
    as_role(Role.ADMIN)
    response = client.get(path)
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "longer than 200 characters" in text or ".csv or .json" in text


def test_a_filter_of_200_characters_is_fine(client, as_role):
    as_role(Role.CHECKER)
    assert client.get("/desk/exports/queue.csv?q=" + "a" * 200).status_code == 200

"""Migrations keep data (issue #6): a database created by the first migration, with rows in
every table, upgraded to head, still has every row and every value, and the app works on it."""

from __future__ import annotations

import copy
import datetime as dt

import pyotp
import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import MetaData, func, select, text
from sqlalchemy.exc import DBAPIError
from werkzeug.security import generate_password_hash

from factcheck.articles.near_duplicates import sketch
from factcheck.extensions import db
from factcheck.security import totp

T0 = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC)
PASSWORD = "migrated passphrase"
LATER = T0 + dt.timedelta(hours=5)

# The rows of every table at revision 0001, with awkward values where it matters; the tests
# take them through rows_at_first_revision.

RATINGS = [
    dict(
        id=1,
        label="True",
        value=5,
        definition="Accurate.",
        tone="true",
        position=0,
        active=True,
    ),
    dict(
        id=2,
        label="False",
        value=1,
        definition="Not accurate.",
        tone="false",
        position=1,
        active=False,
    ),
]


SITE_SETTINGS = [
    dict(
        id=1,
        name="Gazette “Checks”",
        url="https://gazette.example",
        logo_url=None,
        methodology="How we check.\nLine two.",
    )
]


SPEAKERS = [
    dict(id=1, name="John Kirby", key="john kirby", kind="person", role="Pentagon spokesman")
]


USERS = [
    dict(
        id=1,
        email="ann@example.org",
        name="Ann <Admin>",
        role="admin",
        password_hash=None,  # a fresh hash of PASSWORD per rows_at_first_revision()
        active=True,
        created_at=T0,
        last_login_at=LATER,
    ),
    dict(
        id=2,
        email="chris@example.org",
        name="Chris Ünïcode",
        role="checker",
        password_hash=None,
        active=True,
        created_at=T0,
        last_login_at=None,
    ),
    dict(
        id=3,
        email="eli@example.org",
        name="Eli",
        role="editor",
        password_hash=None,
        active=False,
        created_at=T0,
        last_login_at=None,
    ),
]


ARTICLES = [
    dict(
        id=1,
        title="Troops remain",
        outlet="Press",
        url="https://x.example/a",
        author=None,
        published_on=dt.date(2021, 12, 10),
        body="The ministry said 2,500 troops remain. 'Quote' & <tag>.",
        text_hash="a" * 64,
        created_at=T0,
        created_by_id=2,
    )
]


# Claims 1..8, one in each of these states.
STATES_OF_CLAIMS = (
    "candidate",
    "queued",
    "in_progress",
    "in_review",
    "approved",
    "published",
    "dismissed",
    "returned",
)
CLAIMS = [
    dict(
        id=i,
        article_id=1,
        text=f"Claim {state}",
        start=0,
        end=20,
        score=0.5,
        kind="quantity",
        state=state,
        state_changed_at=T0,
        speaker_id=1,
        cue="said",
        assignee_id=2
        if state in ("in_progress", "in_review", "returned", "approved", "published")
        else None,
        due_on=dt.date(2024, 4, 1) if i == 1 else None,
        created_at=T0,
        updated_at=LATER,
        published_at=LATER if state == "published" else None,
        version=i + 2,
    )
    for i, state in enumerate(STATES_OF_CLAIMS, start=1)
]


CLAIM_ATTRIBUTIONS = [
    dict(
        id=1,
        claim_id=1,
        speaker_id=1,
        speaker_text="Kirby",
        role=None,
        cue="said",
        direct=True,
        content="2,500 troops",
        content_start=4,
        content_end=16,
    )
]


CLAIM_DATES = [
    dict(
        id=1,
        claim_id=2,
        text="last summer",
        start=1,
        end=12,
        value="2021-06",
        relative=True,
    )
]


CLAIM_QUANTITIES = [
    dict(
        id=1,
        claim_id=1,
        text="2,500 troops",
        start=17,
        end=29,
        value=2500.0,
        unit="troops",
        approximate=False,
        qualifier=None,
    )
]


COMMENTS = [dict(id=1, claim_id=4, author_id=3, body="Check the date\nplease", created_at=T0)]


CORRECTIONS = [
    dict(
        id=1,
        claim_id=6,
        editor_id=1,
        created_at=LATER,
        reason="Typo",
        old_rating_id=2,
        new_rating_id=1,
        old_summary="Old",
        new_summary="New",
    )
]


EVENTS = [
    dict(
        id=1,
        created_at=T0,
        actor_id=1,
        action="login",
        claim_id=None,
        article_id=None,
        from_state=None,
        to_state=None,
        note=None,
        data=None,
    ),
    dict(
        id=2,
        created_at=T0,
        actor_id=2,
        action="accept",
        claim_id=2,
        article_id=1,
        from_state="candidate",
        to_state="queued",
        note="ok",
        data={"verdict_version": 3, "text": "ünï"},
    ),
]


SOURCES = [
    dict(
        id=1,
        claim_id=4,
        url="https://record.example/doc",
        title="Record",
        publisher=None,
        kind="primary document",
        excerpt="2,500",
        archive_url=None,
        accessed_on=dt.date(2024, 2, 1),
        added_by_id=2,
        created_at=T0,
    )
]


VERDICTS = [
    dict(
        id=i,
        claim_id=claim_id,
        rating_id=1,
        summary=f"Summary {claim_id}",
        rationale="Because.",
        author_id=2,
        last_editor_id=2,
        submitted_at=T0,
        approved_by_id=1 if claim_id in (5, 6) else None,
        approved_at=LATER if claim_id in (5, 6) else None,
        updated_at=LATER,
        version=7,
    )
    for i, claim_id in enumerate((4, 5, 6, 8), start=1)
]


def rows_at_first_revision() -> dict[str, list[dict]]:
    """Rows for every table of revision 0001, fresh for each call, with a new password hash."""
    pw = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
    return copy.deepcopy(
        {
            "ratings": RATINGS,
            "site_settings": SITE_SETTINGS,
            "speakers": SPEAKERS,
            "users": [{**user, "password_hash": pw} for user in USERS],
            "articles": ARTICLES,
            "claims": CLAIMS,
            "claim_attributions": CLAIM_ATTRIBUTIONS,
            "claim_dates": CLAIM_DATES,
            "claim_quantities": CLAIM_QUANTITIES,
            "comments": COMMENTS,
            "corrections": CORRECTIONS,
            "events": EVENTS,
            "sources": SOURCES,
            "verdicts": VERDICTS,
        }
    )


def snapshot(conn, tables: dict[str, list[str]]) -> dict[str, list[tuple]]:
    meta = MetaData()
    meta.reflect(conn, only=list(tables))
    out = {}
    for name, columns in tables.items():
        table = meta.tables[name]
        out[name] = [
            tuple(r)
            for r in conn.execute(select(*(table.c[c] for c in columns)).order_by(table.c.id))
        ]
    return out


@pytest.fixture
def app_at_first_revision(app_on):
    app = app_on(
        PASSWORD_HASH_METHOD="pbkdf2:sha256:1000", WTF_CSRF_ENABLED=False, SERVER_NAME="localhost"
    )
    with app.app_context():
        upgrade(revision="0001")
        db.engine.dispose()
    return app


def load_first_revision_rows(app) -> dict[str, list[str]]:
    """Insert the rows; returns the columns of each table at revision 0001."""
    data = rows_at_first_revision()
    with app.app_context(), db.engine.begin() as conn:
        meta = MetaData()
        meta.reflect(conn)
        for table in meta.sorted_tables:
            if table.name in data:
                conn.execute(table.insert(), data[table.name])
                if conn.dialect.name == "postgresql":  # explicit ids: move the sequences on
                    top = conn.execute(select(func.max(table.c.id))).scalar()
                    conn.execute(
                        text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v)"),
                        {"t": table.name, "v": top},
                    )
    return {name: list(rows[0]) for name, rows in data.items()}


def upgrade_to_head(app) -> None:
    with app.app_context():
        upgrade()
        db.engine.dispose()


def test_upgrade_from_the_first_revision_keeps_every_row(app_at_first_revision):
    app = app_at_first_revision
    columns = load_first_revision_rows(app)
    with app.app_context(), db.engine.connect() as conn:
        before = snapshot(conn, columns)
    assert sum(len(v) for v in before.values()) == sum(
        len(v) for v in rows_at_first_revision().values()
    )

    upgrade_to_head(app)

    with app.app_context(), db.engine.connect() as conn:
        after = snapshot(conn, columns)
        assert after == before
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        tokens = [r[0] for r in conn.execute(text("SELECT session_token FROM users"))]
        approved = {
            r[0]: r[1]
            for r in conn.execute(text("SELECT claim_id, approved_version FROM verdicts"))
        }
    assert revision >= "0004"
    # Every existing user gets a random session token of their own.
    assert all(len(t) >= 40 for t in tokens) and len(set(tokens)) == len(tokens)
    # Approvals given before the upgrade stay bound to the version that was approved.
    assert approved == {4: None, 5: 7, 6: 7, 8: None}


def test_app_works_on_the_upgraded_data(app_at_first_revision):
    app = app_at_first_revision
    load_first_revision_rows(app)
    upgrade_to_head(app)
    client = app.test_client()
    response = client.post("/login", data={"email": "ann@example.org", "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert client.get("/desk/").status_code == 200
    assert client.get("/desk/claims/4").status_code == 200
    assert client.get("/desk/admin/audit?scope=all").status_code == 200
    # The claim approved before the upgrade can be published.
    with app.app_context(), db.engine.connect() as conn:
        version = conn.execute(text("SELECT version FROM claims WHERE id = 5")).scalar()
    response = client.post("/desk/review/5/publish", data={"version": version})
    assert response.status_code == 302
    with app.app_context(), db.engine.connect() as conn:
        assert conn.execute(text("SELECT state FROM claims WHERE id = 5")).scalar() == "published"
        # And the audit table is append-only on the upgraded database.
        with pytest.raises(DBAPIError, match="append-only"):
            conn.execute(text("DELETE FROM events WHERE id = 1"))


def test_two_factor_secrets_stored_in_the_clear_are_sealed_and_still_work(app_at_first_revision):
    app = app_at_first_revision
    load_first_revision_rows(app)
    secret = pyotp.random_base32()
    with app.app_context():
        upgrade(revision="0006")
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE users SET totp_secret = :s WHERE id = 1"), {"s": secret})
        db.engine.dispose()
    upgrade_to_head(app)
    with app.app_context():
        with db.engine.connect() as conn:
            stored = conn.execute(text("SELECT totp_secret FROM users WHERE id = 1")).scalar()
        assert stored != secret and totp.unseal(stored) == secret
    client = app.test_client()
    response = client.post("/login", data={"email": "ann@example.org", "password": PASSWORD})
    assert response.headers["Location"].endswith("/login/code")
    assert client.post("/login/code", data={"code": pyotp.TOTP(secret).now()}).status_code == 302
    assert client.get("/desk/").status_code == 200
    with app.app_context():
        downgrade(revision="0006")  # the older code reads the secret again
        with db.engine.connect() as conn:
            assert (
                conn.execute(text("SELECT totp_secret FROM users WHERE id = 1")).scalar() == secret
            )
        db.engine.dispose()


def test_articles_from_before_the_sketches_get_theirs_on_upgrade(app_at_first_revision):
    app = app_at_first_revision
    load_first_revision_rows(app)
    upgrade_to_head(app)
    with app.app_context(), db.engine.connect() as conn:
        bodies = {row.id: row.body for row in conn.execute(text("SELECT id, body FROM articles"))}
        stored: dict[int, list[int]] = {i: [] for i in bodies}
        for article_id, value in conn.execute(
            text("SELECT article_id, value FROM article_sketches")
        ):
            stored[article_id].append(value)
    assert bodies
    assert {i: sorted(v) for i, v in stored.items()} == {
        i: sorted(sketch(body)) for i, body in bodies.items()
    }

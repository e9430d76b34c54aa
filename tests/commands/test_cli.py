"""flask --app factcheck commands."""

from __future__ import annotations

from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Article, Claim, Role, User
from factcheck.security import passwords
from factcheck.workflow import State
from tests.support import SHARED, needs_shared


def test_create_user_reads_the_password_from_stdin(app, runner):
    result = runner.invoke(
        args=[
            "create-user",
            "--email",
            "E@example.org",
            "--name",
            "Eve",
            "--role",
            "editor",
            "--password-stdin",
        ],
        input="a good password\n",
    )
    assert result.exit_code == 0, result.output
    assert "a good password" not in result.output
    with app.app_context():
        user = db.session.scalar(select(User))
        assert (user.email, user.role) == ("e@example.org", Role.EDITOR)
        assert passwords.check_password(user, "a good password")


def test_create_user_refuses_a_short_password(app, runner):
    result = runner.invoke(
        args=[
            "create-user",
            "--email",
            "e@example.org",
            "--name",
            "Eve",
            "--role",
            "checker",
            "--password-stdin",
        ],
        input="short\n",
    )
    assert result.exit_code != 0 and "8 to 128" in result.output


def test_ingest_a_file(app, runner, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("The ministry said on Monday that 300 troops arrived on May 3, 2020.")
    args = [
        "ingest",
        str(path),
        "--title",
        "Arrivals",
        "--outlet",
        "Wire",
        "--url",
        "https://wire.example/a",
        "--published",
        "2020-05-05",
    ]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert "candidate claims" in result.output
    again = runner.invoke(args=[*args[:3], "Other title", *args[4:]])
    assert "Already ingested" in again.output and "'Arrivals'; unchanged" in again.output
    assert "Differs from it: headline" in again.output
    with app.app_context():
        article = db.session.scalar(select(Article))
        assert (article.title, article.outlet, str(article.published_on)) == (
            "Arrivals",
            "Wire",
            "2020-05-05",
        )
        assert db.session.scalar(select(func.count(Article.id))) == 1


def test_ingest_a_page_takes_its_metadata_and_encoding(app, runner, tmp_path):
    path = tmp_path / "page.html"
    page = (
        '<html><head><meta charset="windows-1252"><title>Arriv\u00e9es | Wire</title>'
        '<meta property="og:site_name" content="Wire"></head>'
        "<body><p>The minist\u00e8re said 300 troops arrived.</p></body></html>"
    )
    path.write_bytes(page.encode("cp1252"))
    result = runner.invoke(args=["ingest", str(path), "--outlet", "Typed"])
    assert result.exit_code == 0, result.output
    assert "Read as Windows-1252." in result.output  # as the page declares
    assert "From the page's metadata: headline." in result.output
    with app.app_context():
        article = db.session.scalar(select(Article))
        assert (article.title, article.outlet) == ("Arriv\u00e9es", "Typed")


def test_ingest_refuses_binary(app, runner, tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(args=["ingest", str(path)])
    assert result.exit_code != 0 and "binary" in result.output


def test_ingest_the_seed_article(app, runner):
    seed = needs_shared(SHARED / "eval" / "seed" / "article.txt", "the seed article")
    result = runner.invoke(args=["ingest", str(seed), "--published", "2021-12-10"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        title = db.session.scalar(select(Article.title))
        assert title == "US military claims end of Iraq combat role but keeps 2500 troops"
        claims = db.session.scalars(select(Claim)).all()
        assert len(claims) >= 10
        assert any(q.value == 2500 for c in claims for q in c.quantities)


def test_demo_loads_every_state_once(app, runner):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert first.output.count("password: ") == 5
    with app.app_context():
        states = set(db.session.scalars(select(Claim.state)))
        assert states == set(State)
        claims = db.session.scalar(select(func.count(Claim.id)))
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0 and "password: " not in second.output
    assert "already loaded" in second.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Claim.id))) == claims
        assert db.session.scalar(select(func.count(Article.id))) == 1

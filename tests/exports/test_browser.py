"""An editor filters the queue in Chromium, clicks Export CSV, and the download, read back
with Python's csv module, is the filtered queue row by row as the database has it."""

from __future__ import annotations

import csv

import pytest
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import Claim, Role
from factcheck.workflow import State
from tests.browser import pytestmark  # noqa: F401
from tests.cross.test_browser import sign_in
from tests.exports.conftest import BATCH
from tests.support import PASSWORD


@pytest.fixture
def app_config(browser_config):
    return {**browser_config, "EXPORT_BATCH_SIZE": BATCH}


def test_editor_exports_the_filtered_queue(app, server, browser, make, shoot, tmp_path):
    editor = make.user(Role.EDITOR, email="editor@example.org")
    article = make.article()
    for n in range(8):
        word = "tariffs" if n % 2 else "rainfall"
        make.claim(State.QUEUED, article=article, text=f"=SUM({n}) Minister on {word} #{n}")
    make.claim(State.IN_PROGRESS, text="The minister on tariffs, in progress")
    make.claim(State.DISMISSED, text="Dismissed claim on tariffs")

    page = browser.new_context(accept_downloads=True).new_page()
    sign_in(page, server, editor.email, PASSWORD)
    page.goto(f"{server}/desk/claims/")
    page.fill("#q", "tariffs")
    page.select_option("#state", "queued")
    page.click("button:has-text('Filter')")
    page.wait_for_url("**state=queued**")
    shoot(page, "export-queue-filtered")
    with page.expect_download() as info:
        page.click("text=Export CSV")
    download = info.value
    assert download.suggested_filename == "queue.csv"
    saved = tmp_path / "queue.csv"
    download.save_as(saved)

    with saved.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with app.app_context():
        expected = db.session.scalars(
            select(Claim)
            .where(Claim.state == State.QUEUED, Claim.text.contains("tariffs"))
            .order_by(Claim.id)
        ).all()
        assert len(expected) == 4 and len(rows) == len(expected)
        for row, claim in zip(rows, expected, strict=True):
            assert int(row["id"]) == claim.id
            assert row["text"] == "'" + claim.text  # neutralised: it starts with "="
            assert row["state"] == claim.state.value and row["kind"] == claim.kind.value
            assert row["article_title"] == claim.article.title
            assert float(row["score"]) == pytest.approx(claim.score)

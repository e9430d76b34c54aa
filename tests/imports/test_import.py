"""Importing: every review stored once, a second import changes nothing, a changed rating
updates its row, pruning marks removed, and a bad file writes nothing (service and command)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factcheck.errors import ValidationError
from factcheck.extensions import db
from factcheck.imports.services import import_file
from factcheck.models import ClaimReviewImport, Event, ImportedFactCheck
from tests.imports.support import DATA, data, feed_with


def _counts() -> tuple[int, int, int]:
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (ImportedFactCheck, ClaimReviewImport, Event)
    )


def _imported(payload: bytes, origin: str = "feed.json", **kw):
    run, result = import_file(payload, origin, None, **kw)
    db.session.commit()
    return run, result


def _lower_ferry_rating(feed: dict) -> None:
    feed["dataFeedElement"][0]["item"][0]["reviewRating"]["alternateName"] = "False"
    feed["dataFeedElement"][0]["item"][0]["reviewRating"]["ratingValue"] = "1"


def test_a_feed_is_stored_once_and_a_second_import_changes_nothing(app):
    with app.app_context():
        run, first = _imported(data("feed.json"))
        assert (len(first.created), len(first.updated), len(first.unchanged)) == (4, 0, 0)
        assert (run.created, run.updated, run.unchanged, run.removed) == (4, 0, 0, 0)
        # One review page rating two claims is two rows.
        budget = db.session.scalars(
            select(ImportedFactCheck).where(ImportedFactCheck.review_url.like("%budget-night"))
        ).all()
        assert len(budget) == 2
        stamps = {row.id: row.updated_at for row in db.session.scalars(select(ImportedFactCheck))}

        again, second = _imported(data("feed.json"))
        assert (len(second.created), len(second.updated), len(second.unchanged)) == (0, 0, 4)
        assert sorted(second.unchanged) == sorted(first.created)
        assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
        db.session.expire_all()
        assert {r.id: r.updated_at for r in db.session.scalars(select(ImportedFactCheck))} == stamps


def test_a_changed_rating_updates_its_row_only(app):
    with app.app_context():
        _, first = _imported(data("feed.json"))
        ferry_id = first.created[0]
        _, result = _imported(feed_with(_lower_ferry_rating))
        assert (result.created, result.updated, len(result.unchanged)) == ([], [ferry_id], 3)
        assert result.changed == [ferry_id]
        ferry = db.session.get(ImportedFactCheck, ferry_id)
        assert (ferry.rating_text, ferry.rating_value) == ("False", 1.0)
        assert db.session.scalar(select(func.count()).select_from(ImportedFactCheck)) == 4


def test_a_claim_whose_spacing_or_case_changes_is_the_same_review(app):
    def recase(feed: dict) -> None:
        item = feed["dataFeedElement"][1]["item"][0]
        item["claimReviewed"] = "the harbour budget grew  by 12 percent this year."

    with app.app_context():
        _imported(data("feed.json"))
        _, result = _imported(feed_with(recase))
        assert (len(result.created), len(result.updated)) == (0, 1)


def test_an_audit_event_records_each_import(app):
    with app.app_context():
        run, _ = _imported(data("api_page.json"), "api_page.json")
        event = db.session.scalars(
            select(Event).where(Event.action == "claimreviews_imported")
        ).one()
        assert event.data == {
            "import": run.id,
            "origin": "api_page.json",
            "created": 2,
            "updated": 0,
            "unchanged": 0,
            "removed": 0,
        }


def test_pruning_marks_removed_what_the_origin_no_longer_has_and_brings_it_back(app):
    def drop_rainfall(feed: dict) -> None:
        del feed["dataFeedElement"][2]

    with app.app_context():
        _, first = _imported(data("feed.json"))
        _imported(data("api_page.json"), "other.json")
        _, without = _imported(feed_with(drop_rainfall))
        assert without.removed == []  # not asked to prune
        _, pruned = _imported(feed_with(drop_rainfall), prune=True)
        rainfall_id = first.created[3]
        assert pruned.removed == [rainfall_id]  # the other origin's rows are not touched
        assert db.session.get(ImportedFactCheck, rainfall_id).removed_at is not None
        _, back = _imported(data("feed.json"), prune=True)
        assert back.updated == [rainfall_id] and back.removed == []
        assert db.session.get(ImportedFactCheck, rainfall_id).removed_at is None


@pytest.mark.parametrize(
    "payload",
    [
        b'{"@type": "DataFeed", "dataFeedElement": '
        b'[{"item": []}, {"item": {"@type": "ClaimReview"}}]}',
        b"not json at all",
        feed_with(lambda f: f["dataFeedElement"][2]["item"].update(datePublished="soon")),
    ],
)
def test_a_bad_file_writes_nothing(app, payload):
    with app.app_context():
        _imported(data("api_page.json"), "api_page.json")
        before = _counts()
        with pytest.raises(ValidationError):
            import_file(payload, "bad.json", None)
        db.session.rollback()
        assert _counts() == before


def test_the_command_imports_and_reports_counts(app, runner):
    path = str(DATA / "feed.json")
    first = runner.invoke(args=["import-claimreviews", path])
    assert first.exit_code == 0, first.output
    assert "4 created, 0 updated, 0 unchanged, 0 removed" in first.output
    second = runner.invoke(args=["import-claimreviews", path])
    assert "0 created, 0 updated, 4 unchanged, 0 removed" in second.output


def test_the_command_refuses_a_bad_or_oversize_file_and_writes_nothing(app, runner, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"@type": "ClaimReview", "url": "ftp://x.example/1"}]')
    answer = runner.invoke(args=["import-claimreviews", str(bad)])
    assert answer.exit_code == 1
    assert "[0]: url is not an http(s) address: 'ftp://x.example/1'." in answer.output
    app.config["IMPORT_MAX_BYTES"] = 1024
    answer = runner.invoke(args=["import-claimreviews", str(DATA / "feed.json")])
    assert answer.exit_code == 1
    assert "The file is larger than 1 KB" in answer.output
    with app.app_context():
        assert _counts() == (0, 0, 0)

"""Every version of what a fact-check shows is kept, listed with diffs, and the database
refuses to change or delete one."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from factcheck.extensions import db
from factcheck.models import Claim, Proposal, Revision, Role
from factcheck.site.services import rating_scale
from factcheck.workflow import State
from tests.support import approval, fresh, login


def _client(app, user):
    client = app.test_client()
    login(client, user)
    return client


def test_three_edits_and_a_correction_are_five_versions_the_database_keeps(app, make):
    checker = make.user(Role.CHECKER)
    editor, second = make.user(Role.EDITOR), make.user(Role.EDITOR)
    claim = make.claim(State.IN_PROGRESS, assignee=checker, with_source=True)
    with app.app_context():
        ratings = {r.label: r.id for r in rating_scale()}
    as_checker = _client(app, checker)
    rationales = [
        "First draft of the reasoning.",
        "Second draft of the reasoning, with the ministry's figure.",
        "Third draft: the ministry's figure and the UN's agree.",
        "Final: the ministry's figure and the UN's count agree on 2,500.",
    ]
    for n, rationale in enumerate(rationales):
        response = as_checker.post(
            f"/desk/claims/{claim.id}/verdict",
            data={
                "rating_id": ratings["True"],
                "summary": "Supported by two counts.",
                "rationale": rationale,
                "verdict_version": n,
                **({"then": "submit"} if n == len(rationales) - 1 else {}),
            },
        )
        assert response.status_code == 302
    _approve_publish_and_correct(app, claim.id, editor, second, ratings)

    with app.app_context():
        revisions = list(
            db.session.scalars(
                select(Revision).where(Revision.claim_id == claim.id).order_by(Revision.number)
            )
        )
        assert [r.number for r in revisions] == [1, 2, 3, 4, 5]
        assert [r.snapshot["verdict"]["rationale"] for r in revisions] == [
            *rationales,
            "The counts differ by a hundred.",
        ]
        assert revisions[-1].action == "correction" and revisions[-1].actor_id == editor.id
        assert fresh(Claim, claim.id).verdict.approved_revision == 5

    _the_claim_page_lists_them_with_diffs(as_checker, claim.id)
    _the_database_refuses_to_change_them(app)


def _the_claim_page_lists_them_with_diffs(client, claim_id: int) -> None:
    page = client.get(f"/desk/claims/{claim_id}").get_data(as_text=True)
    assert page.count('name="b" value=') == 5  # the claim page lists all five
    diff = client.get(f"/desk/claims/{claim_id}/versions?a=1&b=5").get_data(as_text=True)
    assert "<del>First draft of the reasoning.</del>" in diff.replace("\n", "")
    assert "<ins>The counts differ by a hundred.</ins>" in diff.replace("\n", "")
    assert "<del>True</del>" in diff and "<ins>Mostly true</ins>" in diff


def _the_database_refuses_to_change_them(app) -> None:
    with app.app_context(), db.engine.connect() as conn:
        for statement in (
            "UPDATE claim_revisions SET action = 'forged'",
            "DELETE FROM claim_revisions",
        ):
            with pytest.raises(DBAPIError, match="append-only"):
                conn.execute(text(statement))
            conn.rollback()
        assert conn.execute(text("SELECT count(*) FROM claim_revisions")).scalar() == 5


def _approve_publish_and_correct(app, claim_id: int, editor, second, ratings) -> None:
    """One editor approves and publishes; a correction they propose is approved by another."""
    as_editor = _client(app, editor)
    assert (
        as_editor.post(f"/desk/review/{claim_id}/approve", data=approval(app, claim_id)).status_code
        == 302
    )
    assert (
        as_editor.post(
            f"/desk/review/{claim_id}/publish", data={"version": approval(app, claim_id)["version"]}
        ).status_code
        == 302
    )
    as_editor.post(
        f"/desk/review/{claim_id}/correct",
        data={
            "rating_id": ratings["Mostly true"],
            "summary": "Supported, give or take a hundred.",
            "rationale": "The counts differ by a hundred.",
            "reason": "The UN revised its count.",
        },
    )
    with app.app_context():
        proposal = db.session.scalar(select(Proposal.id).where(Proposal.claim_id == claim_id))
    assert (
        _client(app, second).post(f"/desk/review/proposals/{proposal}/approve").status_code == 302
    )

"""The first verdict draft of a claim saved by several requests at once, on PostgreSQL (issue
13, finding 4): autosaves and the verdict form together made one verdict and 500s for the
rest (a unique key on the claim). Each request waits at a barrier after it read "no verdict
yet", so all of them race on the code before the fix; see tests/admin/test_races.py."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Role, Verdict
from factcheck.site.services import rating_scale
from factcheck.workflow import State
from tests.admin.test_races import at_once, pause_before
from tests.support import login

SAVES = 6


@pytest.fixture(autouse=True)
def _postgresql_only(database):
    if not database[0].startswith("postgresql"):
        pytest.skip("needs PostgreSQL (set TEST_DATABASE_URL)")


def test_parallel_first_drafts_make_one_verdict_and_no_error(app, make, monkeypatch):
    from factcheck.claims import services

    checker = make.user(Role.CHECKER)
    claim = make.claim(State.IN_PROGRESS, assignee=checker)
    with app.app_context():
        rating = rating_scale()[0].id
    clients = [app.test_client() for _ in range(SAVES)]
    for client in clients:
        login(client, checker)
    pause_before(monkeypatch, services, "rating_on_scale", SAVES)

    def save(i: int) -> int:
        # Half autosave while typing, half press the form's Save button.
        path = f"/desk/claims/{claim.id}/verdict" + ("/draft" if i % 2 else "")
        data = {"rating_id": rating, "summary": f"S{i}", "rationale": f"R{i}", "verdict_version": 0}
        return clients[i].post(path, data=data).status_code

    statuses = at_once(SAVES, save)
    with app.app_context():
        assert db.session.scalar(select(func.count(Verdict.id))) == 1
    assert 500 not in statuses, statuses
    # One save made the verdict; the others were told someone saved meanwhile.
    assert sum(status in (200, 302) for status in statuses) == 1, statuses
    assert statuses.count(409) == SAVES - 1, statuses

"""A mail server that is down never fails the user's action: the email is kept for a retry."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import Notification, Role
from factcheck.notifications import tasks
from factcheck.workflow import State
from tests.notifications.conftest import _free_port, mail_config
from tests.support import login


@pytest.fixture
def app_config() -> dict:
    return mail_config(_free_port())  # nothing listens there


def test_a_failed_email_keeps_the_assignment_and_is_kept_for_retry(app, client, make):
    editor = make.user(Role.EDITOR)
    checker = make.user(Role.CHECKER)
    claim = make.claim(State.QUEUED)
    login(client, editor)

    response = client.post(f"/desk/claims/{claim.id}/assign", data={"assignee_id": checker.id})

    assert response.status_code == 302
    with app.app_context():
        row = db.session.scalars(select(Notification)).one()
        assert row.claim.assignee_id == checker.id
        assert row.sent_at is None and row.attempts == 1
        assert "ConnectionRefusedError" in row.last_error
        assert tasks.retry_unsent_emails() == 0  # still down: counted, not raised
        db.session.refresh(row)
        assert row.attempts == 2

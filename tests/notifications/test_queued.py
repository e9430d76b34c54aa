"""Notifications through the job queue (immediate mode): the schedules the workers run, the
reminders and digests they make, and emails as "deliver_email" jobs."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from factcheck.extensions import db
from factcheck.jobs import queue_of
from factcheck.jobs.registry import SCHEDULES
from factcheck.models import Channel, Claim, Job, JobState, Notification, NotificationEvent, Role
from factcheck.notifications import tasks
from factcheck.workflow import State
from tests.notifications.conftest import choose
from tests.support import login


def jobs_of(kind: str) -> list[Job]:
    return list(db.session.scalars(select(Job).where(Job.kind == kind).order_by(Job.id)))


def test_the_schedules_are_daily_reminders_and_digests_and_retries_every_ten_minutes(app):
    when = {name: (s.minute, s.hour) for name, s in SCHEDULES.items()}
    assert when["due-reminders"] == ("0", "7")
    assert when["digests"] == ("5", "7")
    assert when["delivery-retries"] == ("*/10", "*")


def test_an_assignment_queues_its_email_as_a_job(app, client, make, inbox):
    checker = make.user(Role.CHECKER, email="queued@example.org")
    claim = make.claim(State.QUEUED)
    login(client, make.user(Role.EDITOR))
    client.post(f"/desk/claims/{claim.id}/assign", data={"assignee_id": checker.id})
    with app.app_context():
        notification_id = db.session.scalar(select(Notification.id))
        [job] = jobs_of(tasks.EMAIL_JOB)
        assert (job.subject_id, job.state) == (notification_id, JobState.DONE)
    assert len(inbox.to("queued@example.org")) == 1


def test_the_reminder_schedule_reminds_once_and_emails_through_a_job(app, make, inbox, today):
    checker = make.user(Role.CHECKER, email="due@example.org")
    choose(app, checker, NotificationEvent.DUE_TOMORROW, Channel.EMAIL)
    claim = make.claim(State.IN_PROGRESS, assignee=checker)
    with app.app_context():
        db.session.get(Claim, claim.id).due_on = today + dt.timedelta(days=1)
        db.session.commit()
    queue = queue_of(app)
    queue.run_scheduled(SCHEDULES["due-reminders"])
    queue.run_scheduled(SCHEDULES["due-reminders"])  # the same day again: nothing new
    with app.app_context():
        [notification] = db.session.scalars(select(Notification)).all()
        assert notification.event is NotificationEvent.DUE_TOMORROW
        assert notification.sent_at is not None
        assert [j.state for j in jobs_of(tasks.EMAIL_JOB)] == [JobState.DONE]
    assert len(inbox.to("due@example.org")) == 1


def test_the_digest_schedule_sends_each_person_one_digest_as_a_job(app, client, make, inbox):
    checker = make.user(Role.CHECKER, email="digest-job@example.org")
    choose(app, checker, NotificationEvent.ASSIGNED, Channel.DIGEST)
    login(client, make.user(Role.EDITOR))
    for text in ("A first claim.", "A second claim."):
        claim = make.claim(State.QUEUED, text=text)
        client.post(f"/desk/claims/{claim.id}/assign", data={"assignee_id": checker.id})
    assert inbox.messages == []
    queue = queue_of(app)
    queue.run_scheduled(SCHEDULES["digests"])
    queue.run_scheduled(SCHEDULES["digests"])  # nothing left to send: no job
    with app.app_context():
        [job] = jobs_of(tasks.DIGEST_JOB)
        assert (job.subject_id, job.state) == (checker.id, JobState.DONE)
        assert (
            db.session.scalar(select(Notification.id).where(Notification.sent_at.is_(None))) is None
        )
    (digest,) = inbox.to("digest-job@example.org")
    assert "2 notifications" in digest["Subject"]


def test_without_a_mail_server_no_email_job_is_queued(app, client, make, inbox):
    app.config.update(MAIL_SERVER=None, MAIL_BACKEND=None)
    checker = make.user(Role.CHECKER)
    claim = make.claim(State.QUEUED)
    login(client, make.user(Role.EDITOR))
    client.post(f"/desk/claims/{claim.id}/assign", data={"assignee_id": checker.id})
    with app.app_context():
        assert db.session.scalar(select(Notification.channel)) is Channel.EMAIL
        assert jobs_of(tasks.EMAIL_JOB) == []
    assert inbox.messages == []

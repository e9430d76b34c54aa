"""Notifications: made at the workflow's events, shown by the bell, emailed through a real
SMTP server on 127.0.0.1, as each person chose; due-date reminders and digests run twice
without doing anything twice."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from factcheck.claims import services as claim_services
from factcheck.extensions import db
from factcheck.jobs import queue_job
from factcheck.models import (
    Channel,
    Claim,
    Job,
    JobState,
    Notification,
    NotificationEvent,
    Role,
    User,
)
from factcheck.notifications import services, tasks
from factcheck.notifications.delivery import send_ready
from factcheck.review import services as review_services
from factcheck.workflow import State
from tests.notifications.conftest import choose
from tests.support import fresh, login

E = NotificationEvent


def count(**where) -> int:
    query = select(func.count()).select_from(Notification)
    for name, value in where.items():
        query = query.where(getattr(Notification, name) == value)
    return db.session.scalar(query)


def assign(client, claim: Claim, to: User):
    return client.post(f"/desk/claims/{claim.id}/assign", data={"assignee_id": to.id})


def test_assignment_emails_the_assignee_through_smtp(app, client, make, inbox):
    editor = make.user(Role.EDITOR, name="Erin Editor")
    checker = make.user(Role.CHECKER, name="Chris Checker", email="chris@example.org")
    claim = make.claim(State.QUEUED, text="Unemployment fell to 3 percent last year.")
    login(client, editor)

    assert assign(client, claim, checker).status_code == 302

    (message,) = inbox.to("chris@example.org")
    assert message["From"] == "desk@example.org"
    assert message["Subject"] == f"[factcheck] Assigned to you: claim #{claim.id}"
    body = message.get_content()
    assert "Erin Editor assigned a claim to you." in body
    assert "Unemployment fell to 3 percent last year." in body
    # The link uses the configured public base URL, not the test's request host.
    assert f"https://desk.example.org/desk/claims/{claim.id}" in body
    assert "https://desk.example.org/desk/account/notifications" in body
    with app.app_context():
        (row,) = db.session.scalars(select(Notification)).all()
        assert (row.user_id, row.event, row.channel) == (checker.id, E.ASSIGNED, Channel.EMAIL)
        assert row.sent_at is not None


def test_the_bell_counts_unread_and_the_list_links_the_claims(app, client, make, inbox):
    editor = make.user(Role.EDITOR)
    checker = make.user(Role.CHECKER)
    first, second = make.claim(State.QUEUED), make.claim(State.QUEUED)
    login(client, editor)
    assign(client, first, checker)
    assign(client, second, checker)

    login(client, checker)
    desk = client.get("/desk/").get_data(as_text=True)
    assert 'alt="" width="16" height="16"> Notifications (2 unread)</a>' in desk
    assert 'href="/desk/notifications/"' in desk
    page = client.get("/desk/notifications/").get_data(as_text=True)
    # Newest first, each linking its claim.
    assert page.index(f'href="/desk/claims/{second.id}"') < page.index(
        f'href="/desk/claims/{first.id}"'
    )
    assert page.count("Assigned to you") == 2


def test_marking_one_and_then_all_read(app, client, make, inbox):
    editor = make.user(Role.EDITOR)
    checker = make.user(Role.CHECKER)
    claims = [make.claim(State.QUEUED) for _ in range(3)]
    login(client, editor)
    for claim in claims:
        assign(client, claim, checker)
    with app.app_context():
        first_id = db.session.scalars(select(Notification.id).order_by(Notification.id)).first()

    login(client, checker)
    assert client.post(f"/desk/notifications/{first_id}/read").status_code == 302
    assert "Notifications (2 unread)" in client.get("/desk/").get_data(as_text=True)
    assert client.post("/desk/notifications/read-all").status_code == 302
    desk = client.get("/desk/").get_data(as_text=True)
    assert 'height="16"> Notifications</a>' in desk and "unread)" not in desk
    with app.app_context():
        assert count(read_at=None) == 0


@pytest.mark.parametrize("who", ["other checker", "admin"])
def test_nobody_reads_or_marks_another_persons_notifications(app, client, make, inbox, who):
    editor = make.user(Role.EDITOR)
    checker = make.user(Role.CHECKER)
    claim = make.claim(State.QUEUED, text="Only the assignee hears of this one.")
    login(client, editor)
    assign(client, claim, checker)
    with app.app_context():
        notification_id = db.session.scalar(select(Notification.id))

    login(client, make.user(Role.ADMIN if who == "admin" else Role.CHECKER))
    assert client.post(f"/desk/notifications/{notification_id}/read").status_code == 403
    assert "Only the assignee" not in client.get("/desk/notifications/").get_data(as_text=True)
    client.post("/desk/notifications/read-all")  # marks the reader's own, none of these
    with app.app_context():
        assert fresh(Notification, notification_id).read_at is None


def test_a_missing_notification_is_404_and_signed_out_people_are_sent_to_sign_in(client, make):
    login(client, make.user(Role.CHECKER))
    assert client.post("/desk/notifications/999/read").status_code == 404
    anonymous = make.app.test_client()
    assert anonymous.get("/desk/notifications/").status_code == 302
    assert anonymous.get("/desk/account/notifications").status_code == 302


def test_nobody_is_told_about_their_own_action(app, make, inbox):
    editor = make.user(Role.EDITOR, email="self@example.org")
    claim = make.claim(State.QUEUED)
    with app.app_context():
        me = fresh(User, editor.id)
        claim_services.assign_claim(fresh(Claim, claim.id), me, me)
        db.session.commit()
        send_ready()
        assert count() == 0
    assert inbox.messages == []


def test_each_workflow_event_reaches_its_people(app, make, inbox):
    author = make.user(Role.CHECKER, email="author@example.org")
    first_editor = make.user(Role.EDITOR)
    second_editor = make.user(Role.EDITOR)
    claim = make.claim(State.IN_REVIEW, assignee=author)
    with app.app_context():
        c, editor = fresh(Claim, claim.id), fresh(User, first_editor.id)
        review_services.return_verdict(c, editor, "The second source is a blog; find the report.")
        db.session.commit()
        (returned,) = db.session.scalars(select(Notification)).all()
        assert (returned.user_id, returned.event) == (author.id, E.RETURNED)
        assert returned.note == "The second source is a blog; find the report."

        claim_services.submit_verdict(fresh(Claim, claim.id), fresh(User, author.id))
        db.session.commit()
        told = set(
            db.session.scalars(
                select(Notification.user_id).where(Notification.event == E.SUBMITTED)
            )
        )
        # Both editors; not the author who submitted it.
        assert told == {first_editor.id, second_editor.id}
        send_ready()
    # The editor's note travels in the returned email (email by default for "returned").
    (returned_mail,) = inbox.to("author@example.org")
    assert "The second source is a blog; find the report." in returned_mail.get_content()


def test_approval_and_publication_tell_the_author_and_assignee(app, make):
    author = make.user(Role.CHECKER)
    assignee = make.user(Role.CHECKER)
    editor = make.user(Role.EDITOR)
    claim = make.claim(State.APPROVED, author=author, assignee=assignee)
    with app.app_context():
        review_services.publish_claim(fresh(Claim, claim.id), fresh(User, editor.id))
        db.session.commit()
        told = set(
            db.session.scalars(
                select(Notification.user_id).where(Notification.event == E.PUBLISHED)
            )
        )
        assert told == {author.id, assignee.id}


def test_off_means_nothing_at_all(app, client, make, inbox):
    editor = make.user(Role.EDITOR)
    checker = make.user(Role.CHECKER)
    choose(app, checker, E.ASSIGNED, Channel.OFF)
    login(client, editor)
    assign(client, make.claim(State.QUEUED), checker)
    with app.app_context():
        assert count() == 0
    assert inbox.messages == []


def test_in_app_only_sends_no_email(app, client, make, inbox):
    editor = make.user(Role.EDITOR)
    checker = make.user(Role.CHECKER)
    choose(app, checker, E.ASSIGNED, Channel.IN_APP)
    login(client, editor)
    assign(client, make.claim(State.QUEUED), checker)
    with app.app_context():
        assert count(user_id=checker.id) == 1
    assert inbox.messages == []


def test_digest_waits_then_one_email_carries_both_and_a_rerun_sends_nothing(
    app, client, make, inbox, today
):
    editor = make.user(Role.EDITOR)
    checker = make.user(Role.CHECKER, email="digest@example.org")
    choose(app, checker, E.ASSIGNED, Channel.DIGEST)
    first = make.claim(State.QUEUED, text="The first claim in the digest.")
    second = make.claim(State.QUEUED, text="The second claim in the digest.")
    login(client, editor)
    assign(client, first, checker)
    assign(client, second, checker)
    assert inbox.messages == []  # nothing at once

    with app.app_context():
        assert tasks.send_digests(today) == 1
        assert tasks.send_digests(today) == 0
        assert count(sent_at=None) == 0
    (digest,) = inbox.to("digest@example.org")
    assert "2 notifications" in digest["Subject"]
    body = digest.get_content()
    assert "The first claim in the digest." in body
    assert "The second claim in the digest." in body


def test_deliver_email_sends_once_however_often_it_runs(app, make, inbox):
    editor = make.user(Role.EDITOR)
    checker = make.user(Role.CHECKER, email="once@example.org")
    claim = make.claim(State.QUEUED)
    with app.app_context():
        claim_services.assign_claim(
            fresh(Claim, claim.id), fresh(User, checker.id), fresh(User, editor.id)
        )
        db.session.commit()  # its "deliver_email" job runs now (immediate mode)
        notification_id = db.session.scalar(select(Notification.id))
        job = db.session.scalars(select(Job).where(Job.kind == tasks.EMAIL_JOB)).one()
        assert (job.subject_id, job.state) == (notification_id, JobState.DONE)
        assert fresh(Notification, notification_id).sent_at is not None
        assert tasks.deliver_email(notification_id) is False
        queue_job(tasks.EMAIL_JOB, notification_id, None)  # the job again: it sends nothing
        db.session.commit()
    assert len(inbox.to("once@example.org")) == 1


def test_due_reminders_once_per_claim_and_day(app, make, today):
    checker = make.user(Role.CHECKER)
    tomorrow_claim = make.claim(State.IN_PROGRESS, assignee=checker)
    late_claim = make.claim(State.RETURNED, assignee=checker)
    today_claim = make.claim(State.IN_PROGRESS, assignee=checker)
    later_claim = make.claim(State.IN_PROGRESS, assignee=checker)
    with app.app_context():
        for claim, days in (
            (tomorrow_claim, 1),
            (late_claim, -2),
            (today_claim, 0),
            (later_claim, 5),
        ):
            db.session.get(Claim, claim.id).due_on = today + dt.timedelta(days=days)
        db.session.commit()

        assert tasks.send_due_reminders(today) == 2
        assert tasks.send_due_reminders(today) == 0
        made = {
            (n.claim_id, n.event)
            for n in db.session.scalars(
                select(Notification).where(Notification.reminder_on == today)
            )
        }
        assert made == {(tomorrow_claim.id, E.DUE_TOMORROW), (late_claim.id, E.OVERDUE)}
        # The next day the late claim and yesterday's "due today" are overdue, one each; the
        # one due that day itself gets nothing (it was told "tomorrow" the day before).
        assert tasks.send_due_reminders(today + dt.timedelta(days=1)) == 2
        assert count() == 4


def test_settings_page_saves_each_choice(app, client, make):
    checker = make.user(Role.CHECKER)
    login(client, checker)
    page = client.get("/desk/account/notifications").get_data(as_text=True)
    assert '<option value="email" selected>' in page  # the default for "assigned"
    choices = {event.value: Channel.IN_APP.value for event in NotificationEvent}
    choices["overdue"] = Channel.DIGEST.value
    assert client.post("/desk/account/notifications", data=choices).status_code == 302
    with app.app_context():
        prefs = services.preferences_of(fresh(User, checker.id))
    assert prefs[E.OVERDUE] == Channel.DIGEST
    assert prefs[E.ASSIGNED] == Channel.IN_APP
    bad = client.post("/desk/account/notifications", data={**choices, "overdue": "sms"})
    assert bad.status_code == 200 and "Not a valid choice" in bad.get_data(as_text=True)


def test_a_rolled_back_action_mails_nobody(app, make, inbox):
    editor = make.user(Role.EDITOR)
    checker = make.user(Role.CHECKER, email="rolled@example.org")
    claim = make.claim(State.QUEUED)
    with app.app_context():
        claim_services.assign_claim(
            fresh(Claim, claim.id), fresh(User, checker.id), fresh(User, editor.id)
        )
        db.session.rollback()
        db.session.commit()  # a later, unrelated commit does not revive the email
        assert send_ready() == 0
        assert count() == 0
    assert inbox.messages == []


def test_a_deactivated_person_is_not_notified(app, make, inbox):
    editor = make.user(Role.EDITOR)
    gone = make.user(Role.CHECKER, active=False)
    claim = make.claim(State.QUEUED)
    with app.app_context():
        made = services.notify(
            E.ASSIGNED, fresh(Claim, claim.id), fresh(User, editor.id), [fresh(User, gone.id)]
        )
        assert made == []


def test_the_daily_command_reminds_and_sends_digests_once(app, runner, make, inbox, today):
    checker = make.user(Role.CHECKER, email="daily@example.org")
    choose(app, checker, E.DUE_TOMORROW, Channel.DIGEST)
    claim = make.claim(State.IN_PROGRESS, assignee=checker)
    with app.app_context():
        db.session.get(Claim, claim.id).due_on = today + dt.timedelta(days=1)
        db.session.commit()
    first = runner.invoke(args=["notify-daily", "--day", today.isoformat()])
    assert first.exit_code == 0, first.output
    assert "1 reminder(s), 1 digest(s)" in first.output
    second = runner.invoke(args=["notify-daily", "--day", today.isoformat()])
    assert "0 reminder(s), 0 digest(s)" in second.output
    (digest,) = inbox.to("daily@example.org")
    assert "is due tomorrow" in digest.get_content()

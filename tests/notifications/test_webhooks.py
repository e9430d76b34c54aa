"""Outgoing webhooks for published fact-checks: a receiver started by the test on 127.0.0.1
gets Slack-compatible JSON with a signature it can check; deliveries are sent once, failures
are kept with a time to try again, and only web addresses outside our network are accepted:
written as an IP address, refused when the hook is added; a name, refused at delivery after it
is resolved. A redirect is a failed delivery."""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from factcheck.errors import ValidationError
from factcheck.extensions import db
from factcheck.models import Claim, Event, Job, JobState, Role, User, Webhook, WebhookDelivery
from factcheck.notifications import delivery, webhooks
from factcheck.notifications.queued import queue_retries, use_queue
from factcheck.review import services as review_services
from factcheck.workflow import State
from tests.support import fresh, login

INSIDE = "inside our network"


@pytest.fixture
def app_config(app_config) -> dict:
    # The receiver runs on 127.0.0.1, which production refuses: the fetcher's test switch.
    return {**app_config, "FETCH_ALLOW_LOOPBACK": True}


@pytest.fixture(autouse=True)
def sent_after_commit(app):
    """Most tests here call deliver_webhook themselves: the app's deliveries go after the
    commit, as before the job queue, instead of as jobs (the queue's tests call use_queue)."""
    delivery.set_sender(app, "webhook", webhooks.deliver_webhook)


@pytest.fixture
def production(app):
    """The app with the production fetch policy (no loopback)."""
    app.config["FETCH_ALLOW_LOOPBACK"] = False
    return app


class Receiver:
    """What the receiving server got, and the status (and Location) it answers with."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.paths: list[str] = []
        self.status = 200
        self.location: str | None = None


@pytest.fixture
def receiver():
    got = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            got.requests.append((dict(self.headers), body))
            got.paths.append(self.path)
            self.send_response(got.status)
            if got.location:
                self.send_header("Location", got.location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield got, f"http://127.0.0.1:{server.server_port}/hook"
    server.shutdown()
    thread.join(timeout=5)


def add_hook(app, make, url: str) -> Webhook:
    admin = make.user(Role.ADMIN)
    with app.app_context():
        made = webhooks.add_webhook("Slack #desk", url, fresh(User, admin.id))
        db.session.commit()
        return fresh(Webhook, made.id)


@pytest.fixture
def hook(app, make, receiver) -> Webhook:
    return add_hook(app, make, receiver[1])


def publish(app, make) -> int:
    claim = make.claim(State.APPROVED, text="Exports doubled in ten years.")
    editor = make.user(Role.EDITOR)
    with app.app_context():
        review_services.publish_claim(fresh(Claim, claim.id), fresh(User, editor.id))
        db.session.commit()
    return claim.id


def test_publishing_posts_signed_slack_json_once(app, make, receiver, hook):
    got, _ = receiver
    claim_id = publish(app, make)
    with app.app_context():
        delivery_id = db.session.scalar(select(WebhookDelivery.id))
        assert webhooks.deliver_webhook(delivery_id) is True
        assert webhooks.deliver_webhook(delivery_id) is False  # a retried job sends nothing

    ((headers, body),) = got.requests
    payload = json.loads(body)
    assert payload["text"].startswith("Fact-check published: “Exports doubled in ten years.”")
    assert payload["claim_id"] == claim_id
    assert payload["url"] == f"https://desk.example.org/factchecks/{claim_id}"
    assert payload["url"] in payload["text"]
    assert headers["Content-Type"] == "application/json"
    assert headers[webhooks.DELIVERY_HEADER] == str(delivery_id)
    stamp = headers[webhooks.TIMESTAMP_HEADER]
    signature = headers[webhooks.SIGNATURE_HEADER]
    assert webhooks.verify(hook.secret, stamp, body, signature, now=int(stamp))
    # Another secret, a changed body, or the same request replayed ten minutes later: refused.
    assert not webhooks.verify("0" * 64, stamp, body, signature, now=int(stamp))
    assert not webhooks.verify(hook.secret, stamp, body + b" ", signature, now=int(stamp))
    assert not webhooks.verify(hook.secret, stamp, body, signature, now=int(stamp) + 600)


def test_a_publication_queues_a_delivery_job_which_delivers_once(app, make, receiver, hook):
    got, _ = receiver
    use_queue(app)
    publish(app, make)  # immediate mode: the job runs on the commit
    with app.app_context():
        delivery_id = db.session.scalar(select(WebhookDelivery.id))
        job = db.session.scalars(select(Job).where(Job.kind == webhooks.WEBHOOK_JOB)).one()
        assert (job.subject_id, job.state) == (delivery_id, JobState.DONE)
        assert fresh(WebhookDelivery, delivery_id).delivered_at is not None
    assert len(got.requests) == 1


def test_a_failed_delivery_job_is_recorded_and_queued_again_when_due(app, make, receiver, hook):
    got, _ = receiver
    got.status = 500
    use_queue(app)
    publish(app, make)
    with app.app_context():
        item = db.session.scalars(select(WebhookDelivery)).one()
        assert (item.attempts, item.last_error) == (1, "HTTP 500")  # kept by the job's commit
        delivering = select(Job.state).where(Job.kind == webhooks.WEBHOOK_JOB)
        assert db.session.scalars(delivering).all() == [JobState.DONE]
        assert queue_retries() == 0  # not due yet
        got.status = 200
        item.next_attempt_at = item.next_attempt_at - dt.timedelta(hours=1)
        db.session.commit()
        assert queue_retries() == 1
        db.session.commit()  # the retry job runs now
        assert fresh(WebhookDelivery, item.id).delivered_at is not None
    assert len(got.requests) == 2


def test_a_publication_through_the_desk_is_delivered_after_the_commit(
    app, client, make, receiver, hook
):
    got, _ = receiver
    claim = make.claim(State.APPROVED)
    login(client, make.user(Role.EDITOR))
    assert client.post(f"/desk/review/{claim.id}/publish").status_code == 302
    assert len(got.requests) == 1
    with app.app_context():
        assert db.session.scalar(select(WebhookDelivery.delivered_at)) is not None


def test_a_failed_delivery_is_kept_with_its_next_attempt(app, make, receiver, hook):
    got, _ = receiver
    got.status = 500
    publish(app, make)
    with app.app_context():
        delivery_id = db.session.scalar(select(WebhookDelivery.id))
        with pytest.raises(webhooks.WebhookError, match="HTTP 500"):
            webhooks.deliver_webhook(delivery_id)
        item = fresh(WebhookDelivery, delivery_id)
        assert (item.attempts, item.delivered_at, item.last_error) == (1, None, "HTTP 500")
        assert item.next_attempt_at is not None
        due = item.next_attempt_at
        # Not due yet: nothing is tried.
        assert webhooks.retry_webhooks(due - dt.timedelta(seconds=1)) == 0
        got.status = 200
        assert webhooks.retry_webhooks(due) == 1
        assert webhooks.retry_webhooks(due + dt.timedelta(days=1)) == 0
    assert len(got.requests) == 2


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)", "http://", "gopher://x"],
)
def test_only_web_addresses_are_accepted(app, client, make, url):
    assert not webhooks.is_allowed_destination(url)
    login(client, make.user(Role.ADMIN))
    page = client.post("/desk/admin/webhooks", data={"name": "x", "url": url})
    assert page.status_code == 200
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Webhook)) == 0


def test_admins_add_and_remove_webhooks_audited(app, client, make):
    login(client, make.user(Role.ADMIN))
    added = client.post(
        "/desk/admin/webhooks", data={"name": "Newsroom", "url": "https://hooks.example.org/x"}
    )
    assert added.status_code == 302
    page = client.get("/desk/admin/webhooks").get_data(as_text=True)
    assert "Newsroom" in page and "https://hooks.example.org/x" in page
    with app.app_context():
        hook_id = db.session.scalar(select(Webhook.id))
    assert client.post(f"/desk/admin/webhooks/{hook_id}/delete").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Webhook)) == 0
        actions = set(db.session.scalars(select(Event.action)))
        assert {"webhook_add", "webhook_delete"} <= actions


@pytest.mark.parametrize("role", [Role.CHECKER, Role.EDITOR])
def test_only_admins_see_webhooks(client, make, role):
    login(client, make.user(role))
    assert client.get("/desk/admin/webhooks").status_code == 403
    assert client.post("/desk/admin/webhooks", data={"url": "https://x.example"}).status_code == 403


def test_a_stale_delivery_of_a_removed_hook_sends_nothing(app, make, receiver, hook):
    got, _ = receiver
    publish(app, make)
    with app.app_context():
        delivery_id = db.session.scalar(select(WebhookDelivery.id))
        fresh(Webhook, hook.id).active = False
        db.session.commit()
        assert webhooks.deliver_webhook(delivery_id) is False
    assert got.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/hook",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:192.168.0.1]/",
    ],
)
def test_an_address_inside_our_network_is_refused_when_added(
    production, client, make, receiver, url
):
    got, receiver_url = receiver
    url = url.format(port=urlsplit(receiver_url).port)
    assert not webhooks.is_allowed_destination(url)
    login(client, make.user(Role.ADMIN))
    page = client.post("/desk/admin/webhooks", data={"name": "x", "url": url})
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    assert "Webhooks cannot be sent to an address inside our network" in text
    with production.app_context():
        assert db.session.scalar(select(func.count()).select_from(Webhook)) == 0
    assert got.requests == []


@pytest.mark.parametrize(
    "url", ["http://2130706433/", "http://0x7f.1/", "http://admin:pw@hooks.example.org/"]
)
def test_odd_host_spellings_and_credentials_are_refused_when_added(production, make, url):
    with production.app_context(), pytest.raises(ValidationError, match="plain http"):
        webhooks.add_webhook("x", url, fresh(User, make.user(Role.ADMIN).id))


@pytest.mark.parametrize(
    "answer", [["10.0.0.7"], ["93.184.216.34", "192.168.1.9"], ["127.0.0.1"], ["::1"]]
)
def test_a_name_resolving_inside_fails_at_delivery_and_nothing_is_sent(
    production, make, receiver, answer
):
    got, receiver_url = receiver
    # A name passes when the hook is added: only DNS, at delivery, tells where it leads. The
    # port is the receiver's, so a connection to 127.0.0.1 would reach it.
    hook = add_hook(production, make, receiver_url.replace("127.0.0.1", "hooks.example.org"))
    asked = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return answer

    publish(production, make)
    with production.app_context():
        delivery_id = db.session.scalar(select(WebhookDelivery.id))
        assert webhooks.deliver_webhook(delivery_id, resolve=resolver) is False
        item = fresh(WebhookDelivery, delivery_id)
        assert (item.attempts, item.delivered_at, item.next_attempt_at) == (1, None, None)
        assert INSIDE in item.last_error
        assert fresh(Webhook, hook.id).active
    assert asked == ["hooks.example.org"]
    assert got.requests == []


def test_a_receiver_that_redirects_is_a_failed_delivery(app, make, receiver, hook):
    got, receiver_url = receiver
    got.status = 302
    got.location = receiver_url.replace("/hook", "/elsewhere")
    publish(app, make)
    with app.app_context():
        delivery_id = db.session.scalar(select(WebhookDelivery.id))
        with pytest.raises(webhooks.WebhookError, match="redirect"):
            webhooks.deliver_webhook(delivery_id)
        item = fresh(WebhookDelivery, delivery_id)
        assert (item.attempts, item.delivered_at) == (1, None)
        assert "302" in item.last_error and "redirect" in item.last_error
        assert item.next_attempt_at is not None
    assert got.paths == ["/hook"]  # the redirect was not followed

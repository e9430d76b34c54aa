"""What the public sees of tips: "Suggested by a reader" only as approved, never a contact;
contacts deleted after their time."""

from __future__ import annotations

from factcheck.extensions import db
from factcheck.models import Tip
from factcheck.revisions import latest
from factcheck.workflow import State
from tests.tips.conftest import add_tip, all_tips

CONTACT = "secret-reader@example.net"


def _from_tip(app, make, contact=CONTACT):
    """An article a converted tip created, and the tip."""
    article = make.article()
    tip = add_tip(app, contact=contact, state="converted")
    with app.app_context():
        stored = db.session.get(Tip, tip.id)
        stored.article_id = article.id
        stored.created_article = True
        db.session.commit()
    return article, tip


def test_the_flag_is_in_the_approved_snapshot_and_on_the_public_page(app, client, make):
    article, _ = _from_tip(app, make)
    claim = make.claim(State.PUBLISHED, article=article)
    other = make.claim(State.PUBLISHED)
    with app.app_context():
        from factcheck.models import Claim

        assert latest(db.session.get(Claim, claim.id)).snapshot.get("reader_tip") is True
        assert "reader_tip" not in latest(db.session.get(Claim, other.id)).snapshot
    page = client.get(f"/factchecks/{claim.id}").get_data(as_text=True)
    assert "Suggested by a reader" in page
    assert CONTACT not in page
    assert "Suggested by a reader" not in client.get(f"/factchecks/{other.id}").get_data(
        as_text=True
    )


def test_a_tip_linked_after_approval_does_not_reach_the_public_page(app, client, make):
    """The page shows what an editor approved: a flag that was not in it stays off."""
    article = make.article()
    claim = make.claim(State.PUBLISHED, article=article)
    tip = add_tip(app, state="converted")
    with app.app_context():
        stored = db.session.get(Tip, tip.id)
        stored.article_id, stored.created_article = article.id, True
        db.session.commit()
    page = client.get(f"/factchecks/{claim.id}").get_data(as_text=True)
    assert "Suggested by a reader" not in page


def test_contacts_never_reach_public_pages_or_feeds(app, client, make):
    article, _ = _from_tip(app, make)
    claim = make.claim(State.PUBLISHED, article=article)
    for url in (
        f"/factchecks/{claim.id}",
        "/factchecks/",
        f"/factchecks/articles/{article.id}",
        "/factchecks/feed.atom",
        "/api/v1/claimreviews",
    ):
        response = client.get(url)
        assert CONTACT not in response.get_data(as_text=True), url


def test_purge_deletes_contacts_past_their_time(app, make):
    from factcheck.tips.services import purge_contacts

    days = app.config["TIP_CONTACT_DAYS"]
    old = add_tip(app, "Old claim about rents.", age_days=days + 1)
    recent = add_tip(app, "Recent claim about rents.", age_days=days - 1)
    with app.app_context():
        assert purge_contacts() == 1
        db.session.commit()
    contacts = {t.id: t.contact for t in all_tips(app)}
    assert contacts == {old.id: None, recent.id: "reader@example.net"}
    assert old.text  # the tip itself stays


def test_the_purge_command_takes_days(app, runner, make):
    add_tip(app, "Claim one about buses.", age_days=3)
    add_tip(app, "Claim two about trains.", age_days=1)
    result = runner.invoke(args=["purge-tip-contacts", "--days", "2"])
    assert result.exit_code == 0, result.output
    assert "1 contact(s) deleted." in result.output
    assert sorted(t.contact is None for t in all_tips(app)) == [False, True]
    result = runner.invoke(args=["purge-tip-contacts"])
    assert "0 contact(s) deleted." in result.output


def test_the_purge_runs_nightly(app):
    from factcheck.jobs.registry import SCHEDULES

    schedule = SCHEDULES["purge-tip-contacts"]
    assert (schedule.minute, schedule.hour, schedule.day_of_week) == ("45", "3", "*")
    add_tip(app, "Old claim about ferries.", age_days=app.config["TIP_CONTACT_DAYS"] + 5)
    with app.app_context():
        schedule.run()
        db.session.commit()
    assert [t.contact for t in all_tips(app)] == [None]


def test_the_inbox_says_how_long_a_contact_is_kept(app, client, as_role):
    from factcheck.models import Role

    add_tip(app)
    as_role(Role.CHECKER)
    page = client.get("/desk/tips/").get_data(as_text=True)
    assert "reader@example.net" in page
    assert f"deleted {app.config['TIP_CONTACT_DAYS']} days after" in page

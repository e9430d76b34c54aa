"""A small desk history made through the real services, on a clock the test sets."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.claims import services as cs
from factcheck.extensions import db
from factcheck.models import Article, Claim, Proposal, Role, User
from factcheck.models._types import utc_today
from factcheck.review import services as rs
from factcheck.site.services import rating_scale
from tests.support import fresh

# Monday 2026-01-05 00:00 UTC: the first of the three weeks the dataset covers.
BASE = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
RANGE = {"from": "2026-01-05", "to": "2026-01-25"}


class Clock:
    def __init__(self) -> None:
        self.now = BASE

    def __call__(self) -> dt.datetime:
        return self.now

    def at(self, days: float) -> None:
        self.now = BASE + days * DAY


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """The time milestones are stamped with (the rest of the app keeps the real clock)."""
    c = Clock()
    monkeypatch.setattr("factcheck.models.milestone.utcnow", c)
    return c


class Desk:
    """Steps of the workflow, each at a time on the clock, committed."""

    def __init__(self, app, clock: Clock) -> None:
        self.app, self.clock = app, clock

    def add(self, article: Article, actor: User, day: float) -> int:
        self.clock.at(day)
        claim = cs.add_claim(fresh(Article, article.id), 0, 20, fresh(User, actor.id))
        db.session.commit()
        return claim.id

    def take(self, claim_id: int, checker: User, day: float) -> None:
        self.clock.at(day)
        cs.take_claim(fresh(Claim, claim_id), fresh(User, checker.id))
        db.session.commit()

    def submit(self, claim_id: int, checker: User, day: float, rating: int = 0) -> None:
        self.clock.at(day)
        claim, who = fresh(Claim, claim_id), fresh(User, checker.id)
        if not claim.sources:
            cs.add_source(claim, who, url="https://example.org/record")
        cs.save_verdict(claim, who, rating_id=rating_scale()[rating].id, summary="S", rationale="R")
        cs.submit_verdict(claim, who)
        db.session.commit()

    def give_back(self, claim_id: int, editor: User, day: float) -> None:
        self.clock.at(day)
        rs.return_verdict(fresh(Claim, claim_id), fresh(User, editor.id), note="More sources.")
        db.session.commit()

    def resume(self, claim_id: int, checker: User, day: float) -> None:
        self.clock.at(day)
        cs.resume_claim(fresh(Claim, claim_id), fresh(User, checker.id))
        db.session.commit()

    def approve(self, claim_id: int, editor: User, day: float) -> None:
        self.clock.at(day)
        claim = fresh(Claim, claim_id)
        rs.approve_verdict(claim, fresh(User, editor.id), snapshot=rs.current_digest(claim))
        db.session.commit()

    def publish(self, claim_id: int, editor: User, day: float) -> None:
        self.clock.at(day)
        rs.publish_claim(fresh(Claim, claim_id), fresh(User, editor.id))
        db.session.commit()

    def correct(self, claim_id: int, proposer: User, second: User, day: float) -> None:
        self.clock.at(day)
        proposal = rs.propose_correction(
            fresh(Claim, claim_id),
            fresh(User, proposer.id),
            rating_id=rating_scale()[2].id,
            summary="Half of it.",
            rationale="Changed.",
            reason="New data.",
        ).id
        db.session.commit()
        rs.approve_proposal(db.session.get(Proposal, proposal), fresh(User, second.id))
        db.session.commit()


@pytest.fixture
def history(app, make, clock):
    """Four claims over the weeks of 5, 12 and 19 January 2026 (days counted from the 5th):

    1 (article A, Ana): added 0, taken 0.5, submitted 2, approved 3, published 5 (rating 0)
    2 (article A, Ana): added 1, taken 1.5, submitted 2, returned 2.5, resumed 3, submitted 8,
      approved 10, published 11 (rating 0)
    3 (article B, Ben): added 7, taken 7.5, submitted 9, approved 9.5, published 14
      (rating 1), corrected 16
    4 (article B, Ben): added 15, taken 15.5, due yesterday: open and overdue now
    """
    a, b = make.article(title="Article A"), make.article(title="Article B")
    ana = make.user(Role.CHECKER, name="Ana Checker")
    ben = make.user(Role.CHECKER, name="Ben Checker")
    ed1, ed2 = make.user(Role.EDITOR, name="Edna"), make.user(Role.EDITOR, name="Eddie")
    with app.app_context():
        desk = Desk(app, clock)
        c1 = desk.add(a, ana, 0)
        desk.take(c1, ana, 0.5)
        desk.submit(c1, ana, 2)
        desk.approve(c1, ed1, 3)
        desk.publish(c1, ed1, 5)
        c2 = desk.add(a, ana, 1)
        desk.take(c2, ana, 1.5)
        desk.submit(c2, ana, 2)
        desk.give_back(c2, ed1, 2.5)
        desk.resume(c2, ana, 3)
        desk.submit(c2, ana, 8)
        desk.approve(c2, ed1, 10)
        desk.publish(c2, ed1, 11)
        c3 = desk.add(b, ben, 7)
        desk.take(c3, ben, 7.5)
        desk.submit(c3, ben, 9, rating=1)
        desk.approve(c3, ed2, 9.5)
        desk.publish(c3, ed2, 14)
        desk.correct(c3, ed1, ed2, 16)
        c4 = desk.add(b, ben, 15)
        desk.take(c4, ben, 15.5)
        cs.set_due(fresh(Claim, c4), utc_today() - dt.timedelta(days=1), fresh(User, ben.id))
        db.session.commit()
        ratings = [r.label for r in rating_scale()]
    return {
        "claims": [c1, c2, c3, c4],
        "articles": {"A": a.id, "B": b.id},
        "ana": ana,
        "ben": ben,
        "editors": (ed1, ed2),
        "ratings": ratings,
    }

"""Fixtures for reader tips: a tip in any state, and the form's fields."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.extensions import db
from factcheck.models import Tip, TipState
from factcheck.models._types import utcnow
from factcheck.tips.services import tip_key

TIP_TEXT = "The ministry said 2,500 troops remain in the country."


def add_tip(
    app,
    text: str = TIP_TEXT,
    *,
    state: str = "open",
    contact: str | None = "reader@example.net",
    age_days: float = 0,
    url: str | None = "https://example.com/post/1",
) -> Tip:
    """A tip stored as the form stores one, `age_days` old."""
    when = utcnow() - dt.timedelta(days=age_days)
    with app.app_context():
        tip = Tip(
            text=text,
            text_key=tip_key(text),
            seen_where="A post on a social network",
            url=url,
            contact=contact,
            state=TipState(state),
            created_at=when,
            last_reported_at=when,
        )
        db.session.add(tip)
        db.session.commit()
        return db.session.get(Tip, tip.id)


@pytest.fixture
def tip_form():
    def fields(**changes) -> dict:
        data = {
            "text": TIP_TEXT,
            "seen_where": "A post on a social network",
            "url": "https://example.com/post/1",
            "contact": "reader@example.net",
            "website": "",
        }
        data.update(changes)
        return {k: v for k, v in data.items() if v is not None}

    return fields


def all_tips(app) -> list[Tip]:
    from sqlalchemy import select

    with app.app_context():
        return list(db.session.scalars(select(Tip).order_by(Tip.id)))

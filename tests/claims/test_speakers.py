"""Speakers: one reusable record per person or organisation."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factcheck.claims.speakers import get_or_create_speaker, guess_kind
from factcheck.extensions import db
from factcheck.models import Speaker, SpeakerKind


@pytest.mark.parametrize(
    "name,kind",
    [
        ("John Kirby", SpeakerKind.PERSON),
        ("Nasr al-Shammari", SpeakerKind.PERSON),
        ("US military", SpeakerKind.ORGANISATION),
        ("Iraqi lawmakers", SpeakerKind.ORGANISATION),
        ("Armed groups that fought Daesh", SpeakerKind.ORGANISATION),
        ("the Ministry of Health", SpeakerKind.ORGANISATION),
        ("The United States", SpeakerKind.ORGANISATION),
        ("the Kata'ib Hezbollah group", SpeakerKind.ORGANISATION),
        ("the Biden administration", SpeakerKind.ORGANISATION),
        ("Theo Anand", SpeakerKind.PERSON),
        ("Anna Theron", SpeakerKind.PERSON),
    ],
)
def test_guess_kind(name, kind):
    assert guess_kind(name) == kind


def test_same_speaker_whatever_the_case_and_spacing(app):
    with app.app_context():
        cache: dict = {}
        first = get_or_create_speaker("John  Kirby", "Pentagon spokesman", cache)
        again = get_or_create_speaker("john kirby", None, {})
        assert first is again or first.id == again.id
        assert get_or_create_speaker("he", None) is None
        assert get_or_create_speaker("   ", None) is None
        db.session.commit()
        assert db.session.scalar(select(func.count(Speaker.id))) == 1
        assert db.session.scalar(select(Speaker.role)) == "Pentagon spokesman"


def test_the_seed_article_ingested_with_an_empty_headline(app):
    """The issue's yardstick: the headline is the article's own, the joint statement's
    speakers are two organisations, Biden and Al-Kadhimi two people, no outlet labels."""
    import datetime as dt

    from factcheck.articles.services import ingest_article
    from tests.support import SHARED, needs_shared

    body = needs_shared(SHARED / "eval" / "seed" / "article.txt", "the seed article").read_text()
    with app.app_context():
        article = ingest_article(
            title="", body=body, actor=None, published_on=dt.date(2021, 12, 10)
        ).article
        db.session.commit()
        assert article.title == "US military claims end of Iraq combat role but keeps 2500 troops"
        groups = [[(s.name, s.kind) for s in c.speakers] for c in article.claims if c.speakers]
        assert [
            ("Baghdad", SpeakerKind.ORGANISATION),
            ("Washington", SpeakerKind.ORGANISATION),
        ] in groups
        assert [
            ("Joe Biden", SpeakerKind.PERSON),
            ("Mustafa Al-Kadhimi", SpeakerKind.PERSON),
        ] in groups
        names = set(db.session.scalars(select(Speaker.name)))
        assert names and not any("anti-terror" in n for n in names)
        assert not any(" and " in n and n != "US military officials and observers" for n in names)

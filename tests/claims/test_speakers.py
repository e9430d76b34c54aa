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

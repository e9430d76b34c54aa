"""Editors fix speaker records: split "A and B" into two, merge two records of one person;
published checks show the fix (and their ClaimReview lists both speakers), each claim's
history says so."""

from __future__ import annotations

from sqlalchemy import select

from factcheck.claims.speakers import set_speakers
from factcheck.extensions import db
from factcheck.models import Claim, Event, Role, Speaker, SpeakerKind
from factcheck.workflow import State
from tests.public.test_claimreview import VALIDATOR, claimreview_of
from tests.support import fresh, login, setting_up


def _named(app, claim_id: int, *names: str) -> list[int]:
    with app.app_context():
        records = [Speaker(name=n, key=n.casefold()) for n in names]
        db.session.add_all(records)
        setting_up()
        set_speakers(fresh(Claim, claim_id), records)
        db.session.commit()
        return [s.id for s in records]


def test_a_pair_split_into_two_people_reaches_claimreview(app, client, make):
    claim = make.claim(State.PUBLISHED)
    (pair,) = _named(app, claim.id, "Joe Biden and Mustafa Al-Kadhimi")
    login(client, make.user(Role.EDITOR))
    response = client.post(
        f"/desk/speakers/{pair}/split", data={"names": "Joe Biden\nMustafa Al-Kadhimi"}
    )
    assert response.status_code == 302
    with app.app_context():
        names = [(s.name, s.kind) for s in fresh(Claim, claim.id).speakers]
        assert names == [
            ("Joe Biden", SpeakerKind.PERSON),
            ("Mustafa Al-Kadhimi", SpeakerKind.PERSON),
        ]
        assert db.session.scalar(
            select(Event.id).where(Event.claim_id == claim.id, Event.action == "speaker_split")
        )
    review = claimreview_of(app.test_client(), claim)
    VALIDATOR.validate(review)
    assert review["itemReviewed"]["author"] == [
        {"@type": "Person", "name": "Joe Biden"},
        {"@type": "Person", "name": "Mustafa Al-Kadhimi"},
    ]


def test_two_records_of_one_person_merge_into_one(app, client, make):
    first = make.claim(State.PUBLISHED)
    second = make.claim(State.IN_REVIEW)
    (kirby,) = _named(app, first.id, "John Kirby")
    (typo,) = _named(app, second.id, "Jon Kirby")
    login(client, make.user(Role.EDITOR))
    response = client.post(f"/desk/speakers/{typo}/merge", data={"into": "john kirby"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Speaker, typo) is None
        for claim in (first, second):
            assert [s.id for s in fresh(Claim, claim.id).speakers] == [kirby]


def test_a_checker_cannot_change_a_shared_speaker(app, client, make):
    claim = make.claim(State.PUBLISHED)
    (speaker,) = _named(app, claim.id, "Ann Example")
    login(client, make.user(Role.CHECKER))
    data = {"name": "Ann Example", "kind": "person", "role": "a convicted fraudster"}
    assert client.post(f"/desk/speakers/{speaker}", data=data).status_code == 403
    assert client.post(f"/desk/speakers/{speaker}/split", data={"names": "A\nB"}).status_code == 403
    with app.app_context():
        assert db.session.get(Speaker, speaker).role is None

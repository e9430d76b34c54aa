"""Merging ticked claims: only a run of neighbours, in the service as in the article view; and a
claim merged away cannot be restored (its text lives on in the claim it was merged into)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factcheck.claims import services
from factcheck.errors import ValidationError
from factcheck.extensions import db
from factcheck.models import Claim, Event, Role, User
from factcheck.workflow import State
from tests.support import fresh

SENTENCES = [
    "The army said 10 tanks crossed the border.",
    "Then 20 more followed on May 3, 2020.",
    "Officials said 300 soldiers were wounded.",
    "The ministry counted 45 drones.",
    "Nearly 2,500 troops remain in the country.",
]
BODY = " ".join(SENTENCES)


@pytest.fixture
def checker(as_role):
    return as_role(Role.CHECKER)


@pytest.fixture
def row(app, make):
    """One claim per sentence of BODY, in the states given; returns their ids in order."""

    def _row(*states: State) -> list[int]:
        article = make.article(body=BODY)
        ids = [make.claim(state, article=article).id for state in states]
        with app.app_context():
            pos = 0
            for claim_id, sentence in zip(ids, SENTENCES, strict=False):
                claim = db.session.get(Claim, claim_id)
                claim.start, claim.end, claim.text = pos, pos + len(sentence), sentence
                pos += len(sentence) + 1
            db.session.commit()
        return ids

    return _row


def triage(client, claim_ids: list[int], action: str = "merge", **data):
    with client.application.app_context():
        article_id = db.session.get(Claim, claim_ids[0]).article_id
    return client.post(
        f"/desk/articles/{article_id}/triage",
        data={"action": action, "claim_id": claim_ids, **data},
        follow_redirects=True,
    )


def spans(app, ids: list[int]) -> list[tuple[int, int, State]]:
    with app.app_context():
        return [(c.start, c.end, c.state) for c in (fresh(Claim, i) for i in ids)]


def merge_events(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Event.id)).where(Event.action == "merge"))


def test_ticked_claims_with_another_between_are_refused(app, client, row, checker):
    a, b, c = row(State.CANDIDATE, State.QUEUED, State.CANDIDATE)
    before = spans(app, [a, b, c])
    response = triage(client, [a, c])
    assert f"#{b} lies between #{a} and #{c}; merge neighbours only." in response.get_data(
        as_text=True
    )
    assert spans(app, [a, b, c]) == before
    assert merge_events(app) == 0


def test_the_refusal_names_every_claim_in_between_whatever_its_state(app, client, row, checker):
    a, b, c, d = row(State.CANDIDATE, State.QUEUED, State.DISMISSED, State.CANDIDATE)
    page = triage(client, [d, a]).get_data(as_text=True)
    assert f"#{b} and #{c} lie between #{a} and #{d}; merge neighbours only." in page
    assert spans(app, [a, d])[0][:2] == (0, len(SENTENCES[0]))


def test_a_run_of_neighbours_merges_into_the_first(app, client, row, checker):
    a, b, c, d = row(State.CANDIDATE, State.CANDIDATE, State.QUEUED, State.QUEUED)
    page = triage(client, [c, a, b]).get_data(as_text=True)
    assert f"Merged 3 claims into #{a}." in page
    merged = " ".join(SENTENCES[:3])
    assert spans(app, [a])[0] == (0, len(merged), State.CANDIDATE)
    assert [s[2] for s in spans(app, [b, c, d])] == [State.DISMISSED] * 2 + [State.QUEUED]
    with app.app_context():
        assert fresh(Claim, a).text == merged


def test_claims_merged_away_do_not_block_the_next_merge(app, client, row, checker):
    a, b, c = row(State.CANDIDATE, State.CANDIDATE, State.CANDIDATE)
    triage(client, [a, b])
    # #b is inside #a now; ticking #a and #c merges neighbours, #b stands for nothing.
    page = triage(client, [a, c]).get_data(as_text=True)
    assert f"Merged 2 claims into #{a}." in page
    assert spans(app, [a])[0][:2] == (0, len(" ".join(SENTENCES[:3])))


def test_a_claim_dismissed_for_itself_still_blocks(app, client, row, checker):
    a, b, c = row(State.CANDIDATE, State.CANDIDATE, State.CANDIDATE)
    triage(client, [b], action="dismiss")
    page = triage(client, [a, c]).get_data(as_text=True)
    assert f"#{b} lies between #{a} and #{c}" in page
    assert merge_events(app) == 0


def test_the_service_refuses_non_neighbours_for_every_caller(app, row, make):
    a, b, c = row(State.CANDIDATE, State.CANDIDATE, State.CANDIDATE)
    actor = make.user(Role.CHECKER)
    with app.app_context():
        me = db.session.get(User, actor.id)
        first, third = db.session.get(Claim, a), db.session.get(Claim, c)
        with pytest.raises(ValidationError, match=f"#{b} lies between #{a} and #{c}"):
            services.merge_claims(first, third, me)
        with pytest.raises(ValidationError, match="merge neighbours only"):
            services.merge_run([third, first], me)
        db.session.rollback()
    assert merge_events(app) == 0


def test_a_claim_that_overlaps_the_run_blocks_it(app, row, make):
    a, b = row(State.CANDIDATE, State.CANDIDATE)
    actor = make.user(Role.CHECKER)
    with app.app_context():
        # Someone selected a passage across the two sentences as a claim of its own.
        across = Claim(
            article_id=db.session.get(Claim, a).article_id,
            state=State.QUEUED,
            start=20,
            end=len(SENTENCES[0]) + 10,
            text="across",
            score=1.0,
            kind=db.session.get(Claim, a).kind,
        )
        db.session.add(across)
        db.session.flush()
        with pytest.raises(ValidationError, match=f"#{across.id} lies between #{a} and #{b}"):
            services.merge_run(
                [db.session.get(Claim, a), db.session.get(Claim, b)],
                db.session.get(User, actor.id),
            )
        db.session.rollback()


def test_a_claim_merged_away_cannot_be_restored(app, client, row, checker):
    a, b = row(State.CANDIDATE, State.CANDIDATE)
    triage(client, [a, b])
    page = client.get(f"/desk/claims/{b}").get_data(as_text=True)
    assert "Restore" not in page
    assert f'Merged into <a href="/desk/claims/{a}">claim #{a}</a>' in page
    assert client.post(f"/desk/claims/{b}/do/restore", data={}).status_code == 403
    with app.app_context():
        assert fresh(Claim, b).state == State.DISMISSED
        with pytest.raises(
            ValidationError, match=rf"Claim #{b} was merged into #{a}; split #{a} instead\."
        ):
            services.restore_claim(fresh(Claim, b), db.session.get(User, checker.id))


def test_a_claim_dismissed_for_itself_can_still_be_restored(app, client, row, checker):
    (a,) = row(State.DISMISSED)
    page = client.get(f"/desk/claims/{a}").get_data(as_text=True)
    assert "Restore" in page and "Merged into" not in page
    client.post(f"/desk/claims/{a}/do/restore", data={})
    with app.app_context():
        assert fresh(Claim, a).state == State.CANDIDATE

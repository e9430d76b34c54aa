"""The transition table, and its enforcement by services and by the database."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError

from factcheck.claims import services as cs
from factcheck.extensions import db
from factcheck.models import Claim, Event, Role
from factcheck.review import services as rs
from factcheck.site.services import rating_scale
from factcheck.workflow import (
    TRANSITIONS,
    State,
    WorkflowError,
    actions_from,
    can_transition,
    transition_for,
)
from tests.support import fresh


def test_every_state_is_reachable_from_candidate():
    reached, frontier = {State.CANDIDATE}, [State.CANDIDATE]
    while frontier:
        state = frontier.pop()
        for t in TRANSITIONS:
            if t.source == state and t.target not in reached:
                reached.add(t.target)
                frontier.append(t.target)
    assert reached == set(State)


def test_an_action_has_one_target_per_source_state():
    seen = {}
    for t in TRANSITIONS:
        assert seen.setdefault((t.action, t.source), t.target) == t.target


@pytest.mark.parametrize(
    "action,source,target",
    [
        ("accept", State.CANDIDATE, State.QUEUED),
        ("submit", State.RETURNED, State.IN_REVIEW),
        ("approve", State.IN_REVIEW, State.APPROVED),
        ("publish", State.APPROVED, State.PUBLISHED),
        ("correct", State.PUBLISHED, State.CORRECTED),
        ("unpublish", State.CORRECTED, State.WITHDRAWN),
    ],
)
def test_transition_for_known_moves(action, source, target):
    assert transition_for(action, source).target == target


@pytest.mark.parametrize(
    "action,source",
    [
        ("publish", State.IN_REVIEW),
        ("approve", State.CANDIDATE),
        ("submit", State.QUEUED),
        ("accept", State.PUBLISHED),
        ("take", State.DISMISSED),
        ("nonsense", State.QUEUED),
    ],
)
def test_transition_for_refuses_unknown_moves(action, source):
    assert not can_transition(action, source)
    with pytest.raises(WorkflowError):
        transition_for(action, source)


def test_terminal_looking_states_still_have_a_way_out():
    assert actions_from(State.DISMISSED) == ["restore"]
    assert actions_from(State.WITHDRAWN) == ["republish"]


def test_service_refuses_transition_not_in_table(app, make):
    claim = make.claim(State.CANDIDATE)
    editor = make.user(Role.EDITOR)
    with app.app_context():
        claim = fresh(Claim, claim.id)
        with pytest.raises(WorkflowError):
            rs.publish_claim(claim, fresh(type(editor), editor.id))


def test_every_transition_writes_an_audit_event(app, make):
    checker = make.user(Role.CHECKER)
    editor = make.user(Role.EDITOR)
    claim = make.claim(State.CANDIDATE)
    with app.app_context():
        claim, checker, editor = (
            fresh(Claim, claim.id),
            fresh(type(checker), checker.id),
            fresh(type(editor), editor.id),
        )
        cs.accept_claim(claim, checker)
        cs.take_claim(claim, checker)
        cs.add_source(claim, checker, url="https://example.org/a")
        rating = rating_scale()[0]
        cs.save_verdict(claim, checker, rating_id=rating.id, summary="S", rationale="R")
        cs.submit_verdict(claim, checker)
        rs.approve_verdict(claim, editor, snapshot=rs.current_digest(claim))
        rs.publish_claim(claim, editor)
        ids = claim.id, checker.id, editor.id
        db.session.commit()
        moves = [
            (e.from_state, e.to_state, e.actor_id)
            for e in db.session.scalars(
                db.select(Event)
                .where(Event.claim_id == ids[0], Event.to_state.is_not(None))
                .order_by(Event.id)
            )
        ]
    c, e = ids[1], ids[2]
    assert moves == [
        ("candidate", "queued", c),
        ("queued", "in_progress", c),
        ("in_progress", "in_review", c),
        ("in_review", "approved", e),
        ("approved", "published", e),
    ]


@pytest.mark.parametrize(
    "source,target",
    [
        (State.CANDIDATE, State.PUBLISHED),
        (State.QUEUED, State.APPROVED),
        (State.DISMISSED, State.PUBLISHED),
        (State.IN_REVIEW, State.PUBLISHED),
    ],
)
def test_database_trigger_refuses_a_skipped_step(app, make, source, target):
    claim = make.claim(source)
    with app.app_context():
        with pytest.raises((IntegrityError, DBAPIError)):
            db.session.execute(
                text(
                    "UPDATE claims SET state = :s, published_at = CURRENT_TIMESTAMP WHERE id = :id"
                ),
                {"s": target.value, "id": claim.id},
            )
            db.session.flush()
        db.session.rollback()
        assert fresh(Claim, claim.id).state == source


def test_database_trigger_allows_a_table_step(app, make):
    claim = make.claim(State.CANDIDATE)
    with app.app_context():
        db.session.execute(
            text("UPDATE claims SET state = 'queued' WHERE id = :id"), {"id": claim.id}
        )
        db.session.commit()
        assert fresh(Claim, claim.id).state == State.QUEUED


def test_events_table_refuses_a_transition_not_in_the_table(app, make):
    claim = make.claim(State.CANDIDATE)
    with app.app_context():
        db.session.add(
            Event(action="forged", claim_id=claim.id, from_state="candidate", to_state="published")
        )
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_constraint_requires_assignee_while_in_progress(app, make):
    claim = make.claim(State.QUEUED)
    with app.app_context():
        with pytest.raises(IntegrityError):
            db.session.execute(
                text("UPDATE claims SET state = 'in_progress', assignee_id = NULL WHERE id = :id"),
                {"id": claim.id},
            )
            db.session.flush()
        db.session.rollback()

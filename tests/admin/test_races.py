"""Races on PostgreSQL (issue 13, finding 4): real concurrent requests, each with its own
session and connection. SQLite serialises writers, so these run on PostgreSQL only
(TEST_DATABASE_URL=postgresql+psycopg://...).

Each race is made certain rather than left to luck: every request waits at a barrier just
before it writes, so on the code before the fix all of them have passed their checks first.
With the fix the first one holds a lock the others wait for; the barrier then gives up
waiting (BARRIER_WAIT) and the requests go on one after another."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Role, User

BARRIER_WAIT = 2  # seconds a request waits for the others at the barrier; never asserted on


@pytest.fixture(autouse=True)
def _postgresql_only(database):
    if not database[0].startswith("postgresql"):
        pytest.skip("needs PostgreSQL (set TEST_DATABASE_URL)")


def at_once(count: int, request: Callable[[int], object]) -> list:
    """Run request(0..count-1) in threads started together; their results in order."""
    results: list = [None] * count
    start = threading.Barrier(count)

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = request(i)
        except Exception as exc:  # reported as the request's result
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def pause_before(monkeypatch, module, name: str, parties: int) -> None:
    """Make every call of module.name wait (at most BARRIER_WAIT) until `parties` calls came."""
    barrier = threading.Barrier(parties)
    real = getattr(module, name)

    def waiting(*args, **kwargs):
        try:
            barrier.wait(timeout=BARRIER_WAIT)
        except threading.BrokenBarrierError:
            pass
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, waiting)


SETUPS = 8


def test_parallel_first_run_setups_make_exactly_one_admin(app, monkeypatch):
    from factcheck.auth import views

    pause_before(monkeypatch, views, "create_user", SETUPS)

    def setup(i: int) -> int:
        response = app.test_client().post(
            "/setup",
            data={
                "org_name": f"Gazette {i}",
                "name": f"Admin {i}",
                "email": f"admin{i}@example.org",
                "password": "a long passphrase",
                "confirm": "a long passphrase",
            },
        )
        return response.status_code

    statuses = at_once(SETUPS, setup)
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 1
    assert statuses.count(302) == 1, statuses
    # The others are told someone else set the newsroom up (or, arriving later, find no setup).
    assert all(status in (409, 404) for status in statuses if status != 302), statuses


ROUNDS = 6


def test_two_admins_demoting_each_other_leave_one(app, make, monkeypatch):
    from factcheck.admin import services
    from tests.support import login

    pause_before(monkeypatch, services, "rotate_token", 2)
    for round_ in range(ROUNDS):
        first = make.user(Role.ADMIN, email=f"first{round_}@example.org")
        second = make.user(Role.ADMIN, email=f"second{round_}@example.org")
        clients = [app.test_client(), app.test_client()]
        login(clients[0], first)
        login(clients[1], second)
        targets = [second, first]

        def demote(i: int, clients=clients, targets=targets) -> str:
            target = targets[i]
            response = clients[i].post(
                f"/desk/admin/users/{target.id}",
                data={"name": target.name, "role": "checker", "active": "y"},
            )
            if response.status_code == 302 and "/login" in response.headers["Location"]:
                return "signed out"  # demoted first: the session was ended before the check
            return str(response.status_code)

        statuses = at_once(2, demote)
        with app.app_context():
            admins = db.session.scalar(
                select(func.count(User.id)).where(User.role == Role.ADMIN, User.active.is_(True))
            )
        assert admins == 1, (round_, statuses)
        # One demotion wins; the other is refused (422), or finds its admin already demoted
        # (signed out, or no longer allowed), depending on which request gets there first.
        assert sorted(statuses) in (["302", "422"], ["302", "signed out"], ["302", "403"])
        # Hand the admin role back to nobody: the next round starts with two fresh admins only.
        with app.app_context():
            for user in db.session.scalars(select(User).where(User.role == Role.ADMIN)):
                user.role = Role.CHECKER
            db.session.commit()

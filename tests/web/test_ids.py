"""Ids beyond what an id column holds (2^31 on PostgreSQL's integer, 2^63 on SQLite's) are
not found, never a 500 (issue 13, finding 10). Every route with an integer in its address is
asked, as an admin, with each method it accepts; on PostgreSQL when TEST_DATABASE_URL is set."""

from __future__ import annotations

import pytest

from factcheck.models import Role

HUGE = (2**31, 2**63, 2**64 + 5, 10**40)


def _int_rules(app):
    for rule in app.url_map.iter_rules():
        ints = [name for name, conv in rule._converters.items() if conv.regex == r"\d+"]
        if ints:
            yield rule, ints


def _path(rule, ints, value: int) -> str:
    parts = []
    for is_dynamic, data in rule._trace:
        if not is_dynamic:
            parts.append(data)
        else:
            parts.append(str(value) if data in ints else "x")
    return "".join(parts).split("|", 1)[1]


def test_every_route_with_an_integer_id_is_walked(app):
    assert len(list(_int_rules(app))) >= 27


def test_ids_out_of_range_are_not_found(app, client, as_role):
    as_role(Role.ADMIN)
    asked = 0
    for rule, ints in _int_rules(app):
        for value in HUGE:
            path = _path(rule, ints, value)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                response = client.open(path, method=method, data={"version": "1"})
                assert response.status_code < 500, (method, path)
                # 405: with no id rule matching, the address is another route's (a speaker's
                # page by name, GET only)
                assert response.status_code in (404, 405), (method, path, response.status_code)
                asked += 1
    assert asked >= 4 * 27


@pytest.mark.parametrize("value", [2**31 - 1, 1])
def test_ids_in_range_still_route(client, as_role, value):
    as_role(Role.ADMIN)
    response = client.get(f"/desk/claims/{value}")
    assert response.status_code == 404  # routed to the view, which finds no such claim
    assert b"There is nothing at this address" in response.data

"""Triage sorts and pre-selects by the newsroom's check-worthiness threshold; it never hides."""

from __future__ import annotations

import re

import pytest

from factcheck.extensions import db
from factcheck.models import Claim, Role, SiteSettings
from factcheck.site.services import site_settings
from factcheck.workflow import State

BODY = (
    "The council said 400 homes were built in 2023. Some residents were unhappy. "
    "Rents rose 7 percent last year. Is that fair? Nobody knows."
)


@pytest.fixture
def scored(app, make):
    """An article with candidates scored 0.9, 0.2, 0.6 and 0.45 in the order of the text."""
    article = make.article(body=BODY)
    ids = []
    for i, score in enumerate((0.9, 0.2, 0.6, 0.45)):
        claim = make.claim(State.CANDIDATE, article=article)
        with app.app_context():
            c = db.session.get(Claim, claim.id)
            c.start, c.end, c.text, c.score = i * 10, i * 10 + 5, BODY[i * 10 : i * 10 + 5], score
            db.session.commit()
        ids.append(claim.id)
    return article, ids


def set_threshold(app, value: float) -> None:
    with app.app_context():
        site_settings().checkworthiness_threshold = value
        db.session.commit()


def boxes(page: str) -> list[tuple[int, bool]]:
    """(claim id, ticked) of each candidate checkbox, in page order."""
    return [
        (int(m.group(1)), "checked" in m.group(0))
        for m in re.finditer(r'<input type="checkbox" name="claim_id" value="(\d+)"[^>]*>', page)
    ]


def test_candidates_at_or_above_the_threshold_come_first_and_ticked(app, client, scored, as_role):
    article, (a, b, c, d) = scored
    as_role(Role.CHECKER)
    set_threshold(app, 0.6)
    page = client.get(f"/desk/articles/{article.id}").get_data(as_text=True)
    assert boxes(page) == [(a, True), (c, True), (b, False), (d, False)]
    folded = page[page.index('<details class="more below-threshold"') :]
    assert f'value="{b}"' in folded and f'value="{d}"' in folded
    assert f'value="{a}"' not in folded
    assert "Show 2 below the threshold" in page
    assert page.index(f'value="{c}"') < page.index('<details class="more below-threshold"')


def test_the_default_threshold_is_one_half(app, client, scored, as_role):
    article, (a, b, c, d) = scored
    as_role(Role.EDITOR)
    with app.app_context():
        assert site_settings().checkworthiness_threshold == SiteSettings.THRESHOLD_DEFAULT == 0.5
    page = client.get(f"/desk/articles/{article.id}").get_data(as_text=True)
    assert boxes(page) == [(a, True), (c, True), (b, False), (d, False)]
    # "Dismiss below" (an editor's) offers the same threshold.
    assert re.search(r'name="score"[^>]*value="0.50"', page)


def test_nothing_is_hidden_when_all_are_below(app, client, scored, as_role):
    article, ids = scored
    as_role(Role.CHECKER)
    set_threshold(app, 0.95)
    page = client.get(f"/desk/articles/{article.id}").get_data(as_text=True)
    assert sorted(i for i, _ in boxes(page)) == sorted(ids)
    assert not any(ticked for _, ticked in boxes(page))
    # With nothing above, the fold starts open.
    assert '<details class="more below-threshold" open>' in page


def test_a_threshold_of_zero_ticks_everything(app, client, scored, as_role):
    article, _ = scored
    as_role(Role.CHECKER)
    set_threshold(app, 0.0)
    page = client.get(f"/desk/articles/{article.id}").get_data(as_text=True)
    assert all(ticked for _, ticked in boxes(page))
    assert "below-threshold" not in page


def test_the_admin_sets_the_threshold(app, client, as_role):
    as_role(Role.ADMIN)
    form = client.get("/desk/admin/site").get_data(as_text=True)
    assert 'name="checkworthiness_threshold"' in form
    response = client.post(
        "/desk/admin/site", data={"name": "Desk", "checkworthiness_threshold": "0.65"}
    )
    assert response.status_code == 302
    with app.app_context():
        assert site_settings().checkworthiness_threshold == 0.65


@pytest.mark.parametrize("value", ["1.5", "-0.1", "high"])
def test_a_threshold_outside_0_1_is_refused(app, client, as_role, value):
    as_role(Role.ADMIN)
    response = client.post(
        "/desk/admin/site", data={"name": "Desk", "checkworthiness_threshold": value}
    )
    assert response.status_code == 422
    with app.app_context():
        assert site_settings().checkworthiness_threshold == 0.5


def test_left_empty_the_threshold_stays(app, client, as_role):
    as_role(Role.ADMIN)
    set_threshold(app, 0.7)
    client.post("/desk/admin/site", data={"name": "Desk", "checkworthiness_threshold": ""})
    with app.app_context():
        assert site_settings().checkworthiness_threshold == 0.7


@pytest.mark.parametrize("role", [Role.CHECKER, Role.EDITOR])
def test_only_admins_set_it(app, client, as_role, role):
    as_role(role)
    response = client.post(
        "/desk/admin/site", data={"name": "Desk", "checkworthiness_threshold": "0.1"}
    )
    assert response.status_code == 403
    with app.app_context():
        assert site_settings().checkworthiness_threshold == 0.5

"""Issue 13, finding 2: the public index must not name, or reveal the existence of, articles
and speakers that have no published fact-check."""

from __future__ import annotations

import pytest

from factcheck.extensions import db
from factcheck.models import Claim, Speaker
from factcheck.workflow import PUBLIC_STATES, State
from tests.support import setting_up

NOT_PUBLIC = [s for s in State if s not in PUBLIC_STATES]
UNKNOWN = 2_000_000_000


def _hidden_speaker(app, claim_id: int, name: str) -> int:
    with app.app_context():
        speaker = Speaker(name=name, key=name.lower())
        db.session.add(speaker)
        db.session.flush()
        db.session.get(Claim, claim_id).speaker_id = speaker.id
        setting_up()  # as fixtures do: the revision hook guards published wording
        db.session.commit()
        return speaker.id


def _shape(body: str, param: str, ident: int) -> str:
    """The page with the id it was asked about (kept in the filter form) blanked out."""
    return body.replace(f'name="{param}" value="{ident}"', f'name="{param}" value="ID"')


@pytest.mark.parametrize("state", NOT_PUBLIC)
def test_unpublished_article_and_speaker_answer_like_unknown_ids(app, client, make, state):
    make.claim(State.PUBLISHED, text="A published claim everyone may read")
    article = make.article(title="Secret merger talks at the ministry")
    claim = make.claim(state, article=article, text="Leaky unpublished claim wording")
    speaker = _hidden_speaker(app, claim.id, "Hidden Whistleblower")
    for param, ident in (("article", article.id), ("speaker", speaker)):
        hidden = client.get(f"/factchecks/?{param}={ident}")
        unknown = client.get(f"/factchecks/?{param}={UNKNOWN}")
        body = hidden.get_data(as_text=True)
        assert "Secret merger" not in body and "Hidden Whistleblower" not in body
        assert "Leaky unpublished" not in body
        assert hidden.status_code == unknown.status_code == 200
        assert _shape(body, param, ident) == _shape(
            unknown.get_data(as_text=True), param, UNKNOWN
        ), param
    for url in (
        "/factchecks/feed.atom",
        "/api/v1/claimreviews",
        f"/factchecks/articles/{article.id}",
    ):
        body = client.get(url).get_data(as_text=True)
        assert "Secret merger" not in body and "Hidden Whistleblower" not in body, url


def test_published_article_and_speaker_are_still_named(app, client, make):
    article = make.article(title="Troops stay in the country")
    claim = make.claim(State.PUBLISHED, article=article)
    speaker = _hidden_speaker(app, claim.id, "Public Spokesperson")
    by_article = client.get(f"/factchecks/?article={article.id}").get_data(as_text=True)
    by_speaker = client.get(f"/factchecks/?speaker={speaker}").get_data(as_text=True)
    assert "from <strong>Troops stay in the country</strong>" in by_article
    assert "claims by <strong>Public Spokesperson</strong>" in by_speaker

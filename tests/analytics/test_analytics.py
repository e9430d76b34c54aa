"""The analytics page: each chart's numbers against a small history made through the services,
filters, permissions, the 400s, CSV, the cache, and the strict-CSP shape of the SVG."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest

from factcheck.analytics import services as an
from factcheck.analytics.csvout import neutralise, to_csv
from factcheck.extensions import db
from factcheck.models import Milestone, Role
from tests.analytics.conftest import BASE, RANGE
from tests.support import login

WEEKS = ["2026-01-05", "2026-01-12", "2026-01-19"]


def charts(app, **args):
    with app.test_request_context():
        return an.compute(an.parse_filters({**RANGE, **args}))


def column(chart, name):
    i = chart.columns.index(name)
    return [row[i] for row in chart.rows]


def test_flow_counts_per_week(app, history):
    flow = charts(app)["flow"]
    assert column(flow, "Week of") == WEEKS
    assert column(flow, "Ingested") == [2, 1, 1]
    assert column(flow, "Accepted") == [2, 1, 1]
    assert column(flow, "Published") == [1, 1, 1]


def test_wait_medians_and_p90_in_days(app, history):
    waits = charts(app)["waits"]
    # accept -> publish: claim 1 took 5 days (week 1), claim 2 ten (week 2), claim 3 seven.
    assert column(waits, "Accept→publish median") == [5.0, 10.0, 7.0]
    assert column(waits, "Published") == [1, 1, 1]
    # submit -> approval: claim 1 one day; claims 2 (2 days, since its second submission) and
    # 3 (half a day) in week 2: median 1.25, p90 0.5 + 0.9 * 1.5 = 1.85.
    assert column(waits, "Submit→approval median") == [1.0, 1.25, None]
    assert column(waits, "Submit→approval p90") == [1.0, 1.85, None]
    assert column(waits, "Approved") == [1, 2, 0]


def test_verdicts_by_rating(app, history):
    rows = dict(charts(app)["ratings"].rows)
    first, second = history["ratings"][:2]
    assert rows[first] == 2 and rows[second] == 1
    assert sum(rows.values()) == 3


def test_returns_per_submission(app, history):
    returns = charts(app)["returns"]
    assert column(returns, "Submitted") == [2, 2, 0]
    assert column(returns, "Returned") == [1, 0, 0]
    assert column(returns, "Returns per submission") == [0.5, 0.0, None]


def test_corrections_per_month(app, history):
    assert charts(app)["corrections"].rows == [["2026-01", 1]]
    wide = charts(app, **{"from": "2025-12-01", "to": "2026-02-10"})["corrections"]
    assert wide.rows == [["2025-12", 0], ["2026-01", 1], ["2026-02", 0]]


def test_workload_and_overdue_now(app, history):
    rows = charts(app)["workload"].rows
    assert rows == [["Ben Checker", 1, 1]]  # claim 4; Ana's are all published


def test_article_filter(app, history):
    result = charts(app, article=str(history["articles"]["B"]))
    assert column(result["flow"], "Ingested") == [0, 1, 1]
    assert column(result["flow"], "Published") == [0, 0, 1]
    assert result["corrections"].rows == [["2026-01", 1]]
    assert charts(app, article=str(history["articles"]["A"]))["workload"].rows == []


def test_checker_filter(app, history):
    result = charts(app, checker=str(history["ana"].id))
    assert column(result["flow"], "Published") == [1, 1, 0]
    assert column(result["returns"], "Returned") == [1, 0, 0]
    assert result["workload"].rows == []
    assert charts(app, checker=str(history["ben"].id))["workload"].rows == [["Ben Checker", 1, 1]]


def test_date_range_bounds_the_weeks(app, history):
    result = charts(app, **{"from": "2026-01-12", "to": "2026-01-18"})
    assert column(result["flow"], "Week of") == ["2026-01-12"]
    assert column(result["flow"], "Ingested") == [1]


def test_defaults_are_the_last_weeks(app):
    with app.test_request_context():
        f = an.parse_filters({}, today=dt.date(2026, 3, 31))
    # Whole weeks from a Monday, the last one (31 March is a Tuesday) still open.
    assert f.end == dt.date(2026, 3, 31)
    assert f.start.weekday() == 0 and f.start == dt.date(2026, 3, 30) - dt.timedelta(weeks=11)
    assert len(an._weeks(f)) == app.config["ANALYTICS_DEFAULT_WEEKS"]


def test_milestones_on_each_move(app, history):
    c1, c2, c3, c4 = history["claims"]
    with app.app_context():
        rows = db.session.execute(
            db.select(
                Milestone.claim_id, Milestone.kind, Milestone.at, Milestone.wait_seconds
            ).order_by(Milestone.id)
        ).all()
    steps = {c: [(r.kind.value, r.at) for r in rows if r.claim_id == c] for c in (c1, c2, c3)}
    day = 24 * 3600
    t0 = int(BASE.timestamp())
    assert steps[c2] == [
        ("ingested", t0 + day),
        ("accepted", t0 + day),
        ("submitted", t0 + 2 * day),
        ("returned", t0 + int(2.5 * day)),
        ("submitted", t0 + 8 * day),
        ("approved", t0 + 10 * day),
        ("published", t0 + 11 * day),
    ]
    assert [k for k, _ in steps[c3]][-1] == "corrected"
    waits = {(r.claim_id, r.kind.value): r.wait_seconds for r in rows if r.wait_seconds}
    assert waits[(c2, "approved")] == 2 * day
    assert waits[(c2, "published")] == 10 * day
    assert [r.kind.value for r in rows if r.claim_id == c4] == ["ingested", "accepted"]


def test_bulk_candidates_are_ingested(app, make):
    from factcheck.articles.services import save_candidates
    from factcheck.extraction import extract
    from factcheck.models import Article

    article = make.article()
    with app.app_context():
        a = db.session.get(Article, article.id)
        ids = save_candidates(a, extract(a.body).claims, None)
        db.session.commit()
        rows = db.session.execute(db.select(Milestone.claim_id, Milestone.kind)).all()
    assert ids
    assert sorted(rows) == sorted((i, an.M.INGESTED) for i in ids)


def test_percentile_interpolates_like_percentile_cont():
    assert an.percentile([], 0.5) is None
    assert an.percentile([4], 0.9) == 4
    assert an.percentile([1, 2, 3, 4], 0.5) == 2.5
    assert an.percentile([10, 0, 20], 0.9) == pytest.approx(18.0)


# --- the page ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role,status", [(Role.CHECKER, 403), (Role.EDITOR, 200), (Role.ADMIN, 200)]
)
def test_who_may_see_it(client, as_role, role, status):
    as_role(role)
    assert client.get("/desk/analytics").status_code == status
    assert client.get("/desk/analytics/flow.csv").status_code == status


def test_anonymous_is_sent_to_sign_in(client, as_role):
    as_role(None)
    response = client.get("/desk/analytics")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_dashboard_links_it_for_editors_only(client, make):
    editor, checker = make.user(Role.EDITOR), make.user(Role.CHECKER)
    login(client, checker)
    assert "/desk/analytics" not in client.get("/desk/").get_data(as_text=True)
    client.get("/logout")
    login(client, editor)
    assert "/desk/analytics" in client.get("/desk/").get_data(as_text=True)


@pytest.mark.parametrize(
    "query,message",
    [
        ("from=yesterday", "“from” must be a date"),
        ("to=2026-13-01", "“to” must be a date"),
        ("from=2026-02-01&to=2026-01-01", "must not be after"),
        ("from=2020-01-01&to=2026-01-01", "at most 731 days"),
        ("article=abc", "“article” must be a positive whole number"),
        ("article=-3", "“article” must be a positive whole number"),
        ("article=999999", "There is no article 999999"),
        ("checker=1e3", "“checker” must be a positive whole number"),
        ("checker=424242", "There is no person 424242"),
    ],
)
def test_bad_filters_answer_400_and_say_why(client, as_role, query, message):
    as_role(Role.EDITOR)
    page = client.get(f"/desk/analytics?{query}")
    assert page.status_code == 400
    assert message in page.get_data(as_text=True)
    assert "<svg" not in page.get_data(as_text=True)
    sheet = client.get(f"/desk/analytics/flow.csv?{query}")
    assert sheet.status_code == 400 and message in sheet.get_data(as_text=True)


def test_unknown_chart_csv_is_404(client, as_role):
    as_role(Role.EDITOR)
    assert client.get("/desk/analytics/secrets.csv").status_code == 404


def test_page_has_every_chart_with_table_and_csv_link(client, history):
    login(client, history["editors"][0])
    body = client.get("/desk/analytics?" + "&".join(f"{k}={v}" for k, v in RANGE.items()))
    html = body.get_data(as_text=True)
    assert body.status_code == 200
    for name in an.CHARTS:
        section = html.split(f'id="chart-{name}"', 1)[1].split("</section>", 1)[0]
        assert "<svg" in section and "<caption>" in section and "<table>" in section
        assert f"/desk/analytics/{name}.csv?from=2026-01-05" in section.replace("&amp;", "&")
    assert html.count("<rect ") >= 9  # bars are drawn


def test_no_inline_style_or_script(client, history):
    login(client, history["editors"][0])
    html = client.get("/desk/analytics").get_data(as_text=True)
    assert not re.search(r"\sstyle\s*=", html)
    assert "<style" not in html
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag  # files from static/, nothing inline
    assert not re.search(r"\son[a-z]+\s*=", html)  # no event-handler attributes
    for drawing in re.findall(r"<svg.*?</svg>", html, flags=re.S):
        assert "<script" not in drawing and "style" not in drawing
        assert 'viewBox="0 0 480 ' in drawing


def test_csv_matches_the_table_and_neutralises_formulas(app, client, history):
    with app.app_context():
        from factcheck.models import User

        db.session.get(User, history["ben"].id).name = "=HYPERLINK(1)"
        db.session.commit()
    login(client, history["editors"][0])
    query = "&".join(f"{k}={v}" for k, v in RANGE.items())
    flow = client.get(f"/desk/analytics/flow.csv?{query}")
    assert flow.mimetype == "text/csv"
    assert "attachment" in flow.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(flow.get_data(as_text=True))))
    assert rows[0] == ["Week of", "Ingested", "Accepted", "Published"]
    assert rows[1:] == [
        ["2026-01-05", "2", "2", "1"],
        ["2026-01-12", "1", "1", "1"],
        ["2026-01-19", "1", "1", "1"],
    ]
    load = client.get(f"/desk/analytics/workload.csv?{query}&fresh=1")
    rows = list(csv.reader(io.StringIO(load.get_data(as_text=True))))
    assert rows[1] == ["'=HYPERLINK(1)", "1", "1"]


def test_neutralise():
    for bad in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(bad) == "'" + bad
    assert neutralise("plain") == "plain" and neutralise(-1) == "-1"  # a number is data
    assert neutralise("  =1") == "'  =1"
    assert to_csv(["a", "b"], [[None, 1], ["=x", 2]]) == "a,b\r\n,1\r\n'=x,2\r\n"


def test_results_are_cached_per_filter_set_until_fresh(app, client, history, clock):
    login(client, history["editors"][0])
    query = "&".join(f"{k}={v}" for k, v in RANGE.items())
    first = client.get(f"/desk/analytics/flow.csv?{query}").get_data(as_text=True)
    with app.app_context():
        from factcheck.claims import services as cs
        from factcheck.models import Article, User

        clock.at(3)
        cs.add_claim(
            db.session.get(Article, history["articles"]["A"]),
            0,
            20,
            db.session.get(User, history["ana"].id),
        )
        db.session.commit()
    assert client.get(f"/desk/analytics/flow.csv?{query}").get_data(as_text=True) == first
    # That week has ended: only recomputing from the milestones themselves sees a change in it
    # (which only a test's clock can make).
    client.get(f"/desk/analytics?{query}&fresh=1")
    assert client.get(f"/desk/analytics/flow.csv?{query}").get_data(as_text=True) == first
    fresh_page = client.get(f"/desk/analytics?{query}&fresh=all")
    assert fresh_page.status_code == 200
    again = client.get(f"/desk/analytics/flow.csv?{query}").get_data(as_text=True)
    assert again != first and "2026-01-05,3,3,1" in again


def test_closed_weeks_are_rolled_up_and_the_open_week_is_not(app, make, clock):
    from factcheck.claims import services as cs
    from factcheck.models import Article, User
    from factcheck.models._types import utc_today, utcnow

    article, checker = make.article(), make.user(Role.CHECKER)
    args = {"from": BASE.date().isoformat(), "to": utc_today().isoformat()}

    def add(when):
        clock.now = when
        cs.add_claim(db.session.get(Article, article.id), 0, 20, db.session.get(User, checker.id))
        db.session.commit()

    def ingested():
        with app.test_request_context():
            f = an.parse_filters(args)
            rolled, scanned = an.compute(f)["flow"], an.compute(f, rollups=False)["flow"]
        return [column(chart, "Ingested") for chart in (rolled, scanned)]

    with app.app_context():
        add(BASE)
        add(utcnow())
        rolled, scanned = ingested()
        assert rolled == scanned and rolled[0] == 1 and rolled[-1] == 1
        add(BASE)  # into a week that has ended: only a test's clock can do that
        add(utcnow())
        rolled, scanned = ingested()
    assert rolled[0] == 1 and scanned[0] == 2  # the ended week came from its rollup
    assert rolled[-1] == scanned[-1] == 2  # the open week is always counted afresh


def test_a_checker_named_like_markup_is_text_in_the_chart(app, client, history):
    """Names reach the SVG (labels and tooltips) only through the template's escaping."""
    with app.app_context():
        from factcheck.models import User

        db.session.get(User, history["ben"].id).name = '<img src=x onerror="alert(1)">'
        db.session.commit()
    login(client, history["editors"][0])
    query = "&".join(f"{k}={v}" for k, v in RANGE.items())
    html = client.get(f"/desk/analytics?{query}&fresh=1").get_data(as_text=True)
    workload = html.split('id="chart-workload"', 1)[1].split("</svg>", 1)[0]
    assert "&lt;img src=x" in workload  # the label, shortened, as text
    assert "<img src=x" not in html and 'onerror="' not in html

"""The analytics page's numbers: filters in, one table of rows per chart out.

Everything over time reads the milestones table (models/milestone.py) with range scans on its
indexes; the workload chart reads the open claims now. Percentiles are PostgreSQL's
percentile_cont there, and the same linear interpolation in Python elsewhere (SQLite), over
the bounded range. Results are cached per filter set for ANALYTICS_CACHE_SECONDS in the app's
render cache (memory, or Redis when REDIS_URL is set), so a desk of editors opening the page
costs one computation per five minutes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import and_, case, func, literal, select

from ..extensions import db
from ..models import Article, Claim, Milestone, MilestoneKind, Rating, User
from ..models._types import utc_today
from ..public.cache import cache
from ..workflow import State

M = MilestoneKind
WEEK = 7 * 24 * 3600
MONDAY = 4 * 24 * 3600  # 1970-01-05, the first Monday after the epoch
DAY = 24 * 3600
# Open work on someone's desk: assigned and not yet through review.
OPEN_STATES = (State.QUEUED, State.IN_PROGRESS, State.RETURNED, State.IN_REVIEW)


class FilterError(ValueError):
    """A filter value the page cannot use; the message says which and why."""


@dataclass(frozen=True)
class Filters:
    start: dt.date
    end: dt.date  # inclusive
    article_id: int | None = None
    checker_id: int | None = None

    def key(self) -> str:
        raw = f"{self.start}|{self.end}|{self.article_id}|{self.checker_id}"
        return "analytics:" + hashlib.sha256(raw.encode()).hexdigest()[:32]

    def args(self) -> dict[str, str]:
        """The filters as query arguments, for links (CSV) that keep them."""
        out = {"from": self.start.isoformat(), "to": self.end.isoformat()}
        if self.article_id:
            out["article"] = str(self.article_id)
        if self.checker_id:
            out["checker"] = str(self.checker_id)
        return out


def _date(name: str, raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise FilterError(f"“{name}” must be a date like 2026-01-31.") from None


def _id(name: str, raw: str) -> int | None:
    if raw in ("", None):
        return None
    if not raw.isdigit() or len(raw) > 12 or int(raw) < 1:
        raise FilterError(f"“{name}” must be a positive whole number.")
    return int(raw)


def parse_filters(args: Mapping[str, str], today: dt.date | None = None) -> Filters:
    """Filters from query arguments, with defaults (the last ANALYTICS_DEFAULT_WEEKS weeks);
    raises FilterError for a malformed date or id, a reversed or too long range, or an
    article or checker that does not exist."""
    config = current_app.config
    today = today or utc_today()
    end = _date("to", args["to"]) if args.get("to") else today
    start = (
        _date("from", args["from"])
        if args.get("from")
        else end - dt.timedelta(weeks=config["ANALYTICS_DEFAULT_WEEKS"]) + dt.timedelta(days=1)
    )
    if start > end:
        raise FilterError("“from” must not be after “to”.")
    longest = config["ANALYTICS_MAX_DAYS"]
    if (end - start).days + 1 > longest:
        raise FilterError(f"The date range can be at most {longest} days.")
    article_id = _id("article", args.get("article", ""))
    checker_id = _id("checker", args.get("checker", ""))
    if article_id and db.session.get(Article, article_id) is None:
        raise FilterError(f"There is no article {article_id}.")
    if checker_id and db.session.get(User, checker_id) is None:
        raise FilterError(f"There is no person {checker_id}.")
    return Filters(start, end, article_id, checker_id)


@dataclass
class Chart:
    """One chart's data: what the SVG draws and the table and CSV show."""

    name: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    # Which columns are drawn as series (indexes into columns), and the unit of their values.
    series: list[int] = field(default_factory=list)
    unit: str = ""
    horizontal: bool = False
    note: str = ""


CHARTS = ("flow", "waits", "ratings", "workload", "returns", "corrections")


def _epoch(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def week_of(at: int) -> int:
    """The epoch second of the Monday 00:00 UTC starting the week of `at`."""
    return at - ((at - MONDAY) % WEEK)


def _weeks(f: Filters) -> list[int]:
    first = week_of(_epoch(f.start))
    last = week_of(_epoch(f.end))
    return list(range(first, last + 1, WEEK))


def _label(week: int) -> str:
    return dt.datetime.fromtimestamp(week, dt.UTC).date().isoformat()


def _scope(f: Filters, kinds: Sequence[MilestoneKind]):
    where = [
        Milestone.kind.in_(list(kinds)),
        Milestone.at >= _epoch(f.start),
        Milestone.at < _epoch(f.end) + DAY,
    ]
    if f.article_id:
        where.append(Milestone.article_id == f.article_id)
    if f.checker_id:
        where.append(Milestone.checker_id == f.checker_id)
    return and_(*where)


def _week_expr():
    return Milestone.at - ((Milestone.at - MONDAY) % WEEK)


def percentile(values: Sequence[float], p: float) -> float | None:
    """Linear interpolation between the closest ranks, as percentile_cont; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    pos = p * (len(ordered) - 1)
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def weekly_counts(f: Filters) -> dict[tuple[MilestoneKind, int], int]:
    week = _week_expr().label("week")
    kinds = (M.INGESTED, M.ACCEPTED, M.SUBMITTED, M.PUBLISHED, M.RETURNED)
    rows = db.session.execute(
        select(Milestone.kind, week, func.count())
        .where(_scope(f, kinds))
        .group_by(Milestone.kind, week)
    )
    return {(M(k), int(w)): n for k, w, n in rows}


def weekly_waits(f: Filters) -> dict[tuple[MilestoneKind, int], tuple[float, float, int]]:
    """Per wait kind (published: since accepted; approved: since submitted) and week: the
    median and p90 in seconds and how many."""
    week = _week_expr().label("week")
    scope = and_(_scope(f, (M.PUBLISHED, M.APPROVED)), Milestone.wait_seconds.is_not(None))
    if db.engine.dialect.name == "postgresql":
        rows = db.session.execute(
            select(
                Milestone.kind,
                week,
                func.percentile_cont(0.5).within_group(Milestone.wait_seconds),
                func.percentile_cont(0.9).within_group(Milestone.wait_seconds),
                func.count(),
            )
            .where(scope)
            .group_by(Milestone.kind, week)
        )
        return {(M(k), int(w)): (float(p50), float(p90), n) for k, w, p50, p90, n in rows}
    values: dict[tuple[MilestoneKind, int], list[int]] = defaultdict(list)
    for k, w, wait in db.session.execute(
        select(Milestone.kind, week, Milestone.wait_seconds).where(scope)
    ):
        values[(M(k), int(w))].append(wait)
    return {
        key: (percentile(v, 0.5) or 0.0, percentile(v, 0.9) or 0.0, len(v))
        for key, v in values.items()
    }


def ratings(f: Filters) -> list[list]:
    counts = dict(
        db.session.execute(
            select(Milestone.rating_id, func.count())
            .where(_scope(f, (M.PUBLISHED,)))
            .group_by(Milestone.rating_id)
        ).all()
    )
    rows = []
    for r in db.session.scalars(select(Rating).order_by(Rating.position, Rating.id)):
        if r.active or counts.get(r.id):
            rows.append([r.label, counts.pop(r.id, 0)])
    unrated = sum(counts.values())
    if unrated:
        rows.append(["(no rating)", unrated])
    return rows


def workload(f: Filters, today: dt.date) -> list[list]:
    """Open claims per assignee now, and how many are past their due date."""
    overdue = func.sum(case((Claim.due_on < today, 1), else_=0))
    where = [Claim.assignee_id.is_not(None), Claim.state.in_(OPEN_STATES)]
    if f.article_id:
        where.append(Claim.article_id == f.article_id)
    if f.checker_id:
        where.append(Claim.assignee_id == f.checker_id)
    counts = db.session.execute(
        select(Claim.assignee_id, func.count(), overdue).where(*where).group_by(Claim.assignee_id)
    ).all()
    names = dict(
        db.session.execute(
            select(User.id, User.name).where(User.id.in_([c[0] for c in counts] or [literal(0)]))
        ).all()
    )
    rows = [[names.get(uid, f"#{uid}"), n, int(late or 0)] for uid, n, late in counts]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def corrections(f: Filters) -> list[list]:
    months: dict[str, int] = {}
    day = f.start.replace(day=1)
    while day <= f.end:
        months[day.strftime("%Y-%m")] = 0
        day = (day + dt.timedelta(days=32)).replace(day=1)
    for (at,) in db.session.execute(select(Milestone.at).where(_scope(f, (M.CORRECTED,)))):
        key = dt.datetime.fromtimestamp(at, dt.UTC).strftime("%Y-%m")
        if key in months:
            months[key] += 1
    return [[m, n] for m, n in months.items()]


def _days(seconds: float | None) -> float | None:
    return round(seconds / DAY, 2) if seconds is not None else None


def compute(f: Filters, today: dt.date | None = None) -> dict[str, Chart]:
    """Every chart's data for `f`, computed now."""
    today = today or utc_today()
    weeks = _weeks(f)
    counts = weekly_counts(f)
    waits = weekly_waits(f)
    flow = Chart(
        "flow",
        "Claims ingested, accepted and published per week",
        ["Week of", "Ingested", "Accepted", "Published"],
        [
            [_label(w), counts.get((M.INGESTED, w), 0), counts.get((M.ACCEPTED, w), 0)]
            + [counts.get((M.PUBLISHED, w), 0)]
            for w in weeks
        ],
        series=[1, 2, 3],
    )
    wait_rows = []
    for w in weeks:
        pub = waits.get((M.PUBLISHED, w))
        app = waits.get((M.APPROVED, w))
        wait_rows.append(
            [_label(w)]
            + ([_days(pub[0]), _days(pub[1]), pub[2]] if pub else [None, None, 0])
            + ([_days(app[0]), _days(app[1]), app[2]] if app else [None, None, 0])
        )
    wait_chart = Chart(
        "waits",
        "Days from accept to publish and from submit to approval, per week",
        [
            "Week of",
            "Accept→publish median",
            "Accept→publish p90",
            "Published",
            "Submit→approval median",
            "Submit→approval p90",
            "Approved",
        ],
        wait_rows,
        series=[1, 2, 4, 5],
        unit="days",
    )
    returns = Chart(
        "returns",
        "Returns per verdict submitted, per week",
        ["Week of", "Submitted", "Returned", "Returns per submission"],
        [
            [_label(w), s, r, round(r / s, 2) if s else None]
            for w in weeks
            for s, r in [(counts.get((M.SUBMITTED, w), 0), counts.get((M.RETURNED, w), 0))]
        ],
        series=[1, 2],
    )
    return {
        "flow": flow,
        "waits": wait_chart,
        "ratings": Chart(
            "ratings",
            "Verdicts published, by rating",
            ["Rating", "Published"],
            ratings(f),
            series=[1],
            horizontal=True,
        ),
        "workload": Chart(
            "workload",
            "Open claims and overdue per checker, now",
            ["Checker", "Open", "Overdue"],
            workload(f, today),
            series=[1, 2],
            horizontal=True,
            note="Claims assigned and not yet through review, whatever the dates.",
        ),
        "returns": returns,
        "corrections": Chart(
            "corrections",
            "Corrections per month",
            ["Month", "Corrections"],
            corrections(f),
            series=[1],
        ),
    }


def charts(f: Filters, fresh: bool = False) -> dict[str, Chart]:
    """Every chart's data for `f`, from the cache when it was computed in the last
    ANALYTICS_CACHE_SECONDS (unless `fresh`); a cache outage only costs the computation."""
    key = f.key()
    if not fresh:
        try:
            hit = cache.get(key)
        except Exception:  # the cache is an optimisation, never a reason to fail
            current_app.logger.warning("analytics cache unavailable", exc_info=True)
            hit = None
        if isinstance(hit, dict) and set(hit) == set(CHARTS):
            return hit
    result = compute(f)
    try:
        cache.set(key, result, timeout=current_app.config["ANALYTICS_CACHE_SECONDS"])
    except Exception:
        current_app.logger.warning("analytics cache unavailable", exc_info=True)
    return result


def checkers() -> list[User]:
    """The people the checker filter offers: active accounts, by name."""
    return list(db.session.scalars(select(User).where(User.active.is_(True)).order_by(User.name)))

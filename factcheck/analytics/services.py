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
from sqlalchemy import ColumnElement, and_, case, func, literal, select, text

from ..extensions import db
from ..models import Article, Claim, Milestone, MilestoneKind, Rating, User
from ..models._types import utc_today, utcnow
from ..public.cache import cache
from ..workflow import WORKLOAD_STATES

M = MilestoneKind
WEEK = 7 * 24 * 3600
MONDAY = 4 * 24 * 3600  # 1970-01-05, the first Monday after the epoch
DAY = 24 * 3600


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
    # By default whole weeks, the last one open: the ended ones are all rollups.
    monday = end - dt.timedelta(days=end.weekday())
    start = (
        _date("from", args["from"])
        if args.get("from")
        else monday - dt.timedelta(weeks=config["ANALYTICS_DEFAULT_WEEKS"] - 1)
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


@dataclass
class Week:
    """One week's numbers for one scope (article, checker): milestones per kind, the waits'
    median, p90 and count per kind, and verdicts published per rating."""

    counts: dict[str, int] = field(default_factory=dict)
    waits: dict[str, tuple[float, float, int]] = field(default_factory=dict)
    ratings: dict[int | None, int] = field(default_factory=dict)


COUNTED = (M.INGESTED, M.ACCEPTED, M.SUBMITTED, M.PUBLISHED, M.RETURNED)
# A week is closed (its numbers can no longer change, as milestones are stamped with the time
# they happen) this long after it ends: room for clocks that differ between servers.
CLOSED_AFTER = 3600


def _scope(f: Filters, kinds: Sequence[MilestoneKind], lo: int, hi: int):
    where: list[ColumnElement[bool]] = [
        Milestone.kind.in_(list(kinds)),
        Milestone.at >= lo,
        Milestone.at < hi,
    ]
    if f.article_id:
        where.append(Milestone.article_id == f.article_id)
    if f.checker_id:
        where.append(Milestone.checker_id == f.checker_id)
    return and_(*where)


def _range(f: Filters) -> tuple[int, int]:
    return _epoch(f.start), _epoch(f.end) + DAY


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


def compute_weeks(f: Filters, lo: int, hi: int) -> dict[int, Week]:
    """Every week's numbers for milestones in [lo, hi) in `f`'s scope: three grouped range
    scans on the milestones indexes."""
    weeks: dict[int, Week] = defaultdict(Week)
    week = _week_expr().label("week")
    for k, w, n in db.session.execute(
        select(Milestone.kind, week, func.count())
        .where(_scope(f, COUNTED, lo, hi))
        .group_by(Milestone.kind, week)
    ):
        weeks[int(w)].counts[M(k).value] = n
    for w, rating, n in db.session.execute(
        select(week, Milestone.rating_id, func.count())
        .where(_scope(f, (M.PUBLISHED,), lo, hi))
        .group_by(week, Milestone.rating_id)
    ):
        weeks[int(w)].ratings[rating] = n
    waited = and_(_scope(f, (M.PUBLISHED, M.APPROVED), lo, hi), Milestone.wait_seconds.is_not(None))
    if db.engine.dialect.name == "postgresql":
        for k, w, p50, p90, n in db.session.execute(
            select(
                Milestone.kind,
                week,
                func.percentile_cont(0.5).within_group(Milestone.wait_seconds),
                func.percentile_cont(0.9).within_group(Milestone.wait_seconds),
                func.count(),
            )
            .where(waited)
            .group_by(Milestone.kind, week)
        ):
            weeks[int(w)].waits[M(k).value] = (float(p50), float(p90), n)
    else:
        values: dict[tuple[str, int], list[int]] = defaultdict(list)
        for k, w, wait in db.session.execute(
            select(Milestone.kind, week, Milestone.wait_seconds).where(waited)
        ):
            values[(M(k).value, int(w))].append(wait)
        for (k, w), v in values.items():
            weeks[w].waits[k] = (percentile(v, 0.5) or 0.0, percentile(v, 0.9) or 0.0, len(v))
    return dict(weeks)


def _week_key(f: Filters, week: int) -> str:
    return f"analytics-week:{week}:{f.article_id or 0}:{f.checker_id or 0}"


def _cache_get(key: str):
    try:
        return cache.get(key)
    except Exception:  # the cache is an optimisation, never a reason to fail
        current_app.logger.warning("analytics cache unavailable", exc_info=True)
        return None


def _cache_set(key: str, value, timeout: int) -> None:
    try:
        cache.set(key, value, timeout=timeout)
    except Exception:
        current_app.logger.warning("analytics cache unavailable", exc_info=True)


def weekly(f: Filters, rollups: bool = True) -> dict[int, Week]:
    """Each week's numbers in `f`. A whole week of the range that has closed is the same for
    ever, so it is kept in the cache (ANALYTICS_WEEK_CACHE_SECONDS) as a rollup per scope;
    only the open week and weeks not kept yet are scanned (all of them unless `rollups`)."""
    lo_all, hi_all = _range(f)
    now = int(utcnow().timestamp())
    found: dict[int, Week] = {}
    missing: list[tuple[int, int, int, str | None]] = []
    for w in _weeks(f):
        lo, hi = max(w, lo_all), min(w + WEEK, hi_all)
        closed = lo == w and hi == w + WEEK and hi + CLOSED_AFTER <= now
        key = _week_key(f, w) if closed else None
        hit = _cache_get(key) if key and rollups else None
        if isinstance(hit, Week):
            found[w] = hit
        else:
            missing.append((w, lo, hi, key))
    timeout = current_app.config["ANALYTICS_WEEK_CACHE_SECONDS"]
    # One scan per run of consecutive missing weeks (typically the range's partial first
    # week and its open last one: two small scans, not one over everything between).
    runs: list[list[tuple[int, int, int, str | None]]] = []
    for piece in missing:
        if runs and runs[-1][-1][0] + WEEK == piece[0]:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    for run in runs:
        computed = compute_weeks(f, run[0][1], run[-1][2])
        for w, _, _, key in run:
            found[w] = computed.get(w, Week())
            if key:
                _cache_set(key, found[w], timeout)
    return found


def workload(f: Filters, today: dt.date) -> list[list]:
    """Open claims per assignee now, and how many are past their due date."""
    overdue = func.sum(case((Claim.due_on < today, 1), else_=0))
    where: list[ColumnElement[bool]] = [
        Claim.assignee_id.is_not(None),
        Claim.state.in_(WORKLOAD_STATES),
    ]
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
    if db.engine.dialect.name == "postgresql":
        month = func.to_char(func.timezone("UTC", func.to_timestamp(Milestone.at)), "YYYY-MM")
    else:
        month = func.strftime("%Y-%m", Milestone.at, "unixepoch")
    scope = _scope(f, (M.CORRECTED,), *_range(f))
    for key, n in db.session.execute(select(month, func.count()).where(scope).group_by(month)):
        if key in months:
            months[key] += n
    return [[m, n] for m, n in months.items()]


def _days(seconds: float | None) -> float | None:
    return round(seconds / DAY, 2) if seconds is not None else None


def rating_rows(stats: Sequence[Week]) -> list[list]:
    """Verdicts published per rating over the weeks: every active rating, and any other
    that was used; a verdict without a rating as "(no rating)"."""
    counts: dict[int | None, int] = defaultdict(int)
    for week in stats:
        for rating, n in week.ratings.items():
            counts[rating] += n
    rows = []
    for r in db.session.scalars(select(Rating).order_by(Rating.position, Rating.id)):
        if r.active or counts.get(r.id):
            rows.append([r.label, counts.pop(r.id, 0)])
    unrated = sum(counts.values())
    if unrated:
        rows.append(["(no rating)", unrated])
    return rows


WAIT_COLUMNS = [
    "Week of",
    "Accept→publish median",
    "Accept→publish p90",
    "Published",
    "Submit→approval median",
    "Submit→approval p90",
    "Approved",
]


def _flow(weeks: list[int], stats: dict[int, Week]) -> Chart:
    rows = [
        [_label(w)]
        + [stats[w].counts.get(k.value, 0) for k in (M.INGESTED, M.ACCEPTED, M.PUBLISHED)]
        for w in weeks
    ]
    return Chart(
        "flow",
        "Claims ingested, accepted and published per week",
        ["Week of", "Ingested", "Accepted", "Published"],
        rows,
        series=[1, 2, 3],
    )


def _waits(weeks: list[int], stats: dict[int, Week]) -> Chart:
    rows = []
    for w in weeks:
        row: list = [_label(w)]
        for kind in (M.PUBLISHED, M.APPROVED):
            wait = stats[w].waits.get(kind.value)
            row += [_days(wait[0]), _days(wait[1]), wait[2]] if wait else [None, None, 0]
        rows.append(row)
    return Chart(
        "waits",
        "Days from accept to publish and from submit to approval, per week",
        WAIT_COLUMNS,
        rows,
        series=[1, 2, 4, 5],
        unit="days",
    )


def _returns(weeks: list[int], stats: dict[int, Week]) -> Chart:
    rows = []
    for w in weeks:
        sent = stats[w].counts.get(M.SUBMITTED.value, 0)
        back = stats[w].counts.get(M.RETURNED.value, 0)
        rows.append([_label(w), sent, back, round(back / sent, 2) if sent else None])
    return Chart(
        "returns",
        "Returns per verdict submitted, per week",
        ["Week of", "Submitted", "Returned", "Returns per submission"],
        rows,
        series=[1, 2],
    )


def compute(f: Filters, today: dt.date | None = None, rollups: bool = True) -> dict[str, Chart]:
    """Every chart's data for `f`, computed now (closed weeks from their rollups, unless
    `rollups` is false)."""
    today = today or utc_today()
    if db.engine.dialect.name == "postgresql":
        # These scans are short: compiling them (PostgreSQL's JIT, on by cost) takes longer.
        db.session.execute(text("SET LOCAL jit = off"))
    weeks = _weeks(f)
    stats = weekly(f, rollups)
    return {
        "flow": _flow(weeks, stats),
        "waits": _waits(weeks, stats),
        "ratings": Chart(
            "ratings",
            "Verdicts published, by rating",
            ["Rating", "Published"],
            rating_rows([stats[w] for w in weeks]),
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
        "returns": _returns(weeks, stats),
        "corrections": Chart(
            "corrections",
            "Corrections per month",
            ["Month", "Corrections"],
            corrections(f),
            series=[1],
        ),
    }


def charts(f: Filters, fresh: str = "") -> dict[str, Chart]:
    """Every chart's data for `f`, from the cache when it was computed in the last
    ANALYTICS_CACHE_SECONDS. `fresh` "1" computes it again (closed weeks still from their
    rollups), "all" computes everything from the milestones (and renews the rollups); a
    cache outage only costs the computation."""
    key = f.key()
    if fresh not in ("1", "all"):
        hit = _cache_get(key)
        if isinstance(hit, dict) and set(hit) == set(CHARTS):
            return hit
    result = compute(f, rollups=fresh != "all")
    _cache_set(key, result, current_app.config["ANALYTICS_CACHE_SECONDS"])
    return result


def checkers() -> list[User]:
    """The people the checker filter offers: active accounts, by name."""
    return list(db.session.scalars(select(User).where(User.active.is_(True)).order_by(User.name)))

"""The analytics page and each chart's CSV, for editors and admins."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from ..extensions import db
from ..models import Article, User
from ..permissions import can_view_analytics
from ..web.guard import authorize
from . import services
from .charts import drawing
from .csvout import to_csv

bp = Blueprint("analytics", __name__)


@bp.get("/desk/analytics")
def index():
    authorize(can_view_analytics)
    try:
        filters = services.parse_filters(request.args)
    except services.FilterError as exc:
        page = render_template(
            "analytics/index.html",
            error=str(exc),
            filters=None,
            args=request.args,
            checkers=services.checkers(),
        )
        return page, 400
    charts = services.charts(filters, fresh=request.args.get("fresh", ""))
    return render_template(
        "analytics/index.html",
        error=None,
        filters=filters,
        args=filters.args(),
        charts=[(c, drawing(c)) for c in charts.values()],
        checkers=services.checkers(),
        article=db.session.get(Article, filters.article_id) if filters.article_id else None,
        checker=db.session.get(User, filters.checker_id) if filters.checker_id else None,
    )


@bp.get("/desk/analytics/<name>.csv")
def chart_csv(name: str):
    authorize(can_view_analytics)
    if name not in services.CHARTS:
        abort(404)
    try:
        filters = services.parse_filters(request.args)
    except services.FilterError as exc:
        return Response(str(exc) + "\n", status=400, mimetype="text/plain")
    chart = services.charts(filters)[name]
    body = to_csv(chart.columns, chart.rows)
    filename = f"analytics-{name}-{filters.start}-{filters.end}.csv"
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )

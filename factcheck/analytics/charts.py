"""Server-rendered SVG charts: no script, no style attributes (the CSP allows neither).

Colours and type come from classes in static/css/app.css; sizes are SVG attributes in a
viewBox, so a chart scales to the width of a phone. Each chart is drawn from the same rows
its data table and CSV show (services.Chart).
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from .services import Chart

WIDTH = 480  # narrow enough that the labels stay legible when a phone scales it down
LEFT, RIGHT, TOP, BOTTOM = 52, 10, 14, 36


def _nice_max(value: float) -> float:
    """A round number at or above `value` for the top of the axis (1, 2, 2.5, 5 x 10^n)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _num(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:,.1f}"


def _values(chart: Chart, row: list) -> list[float | None]:
    return [row[i] if isinstance(row[i], (int, float)) else None for i in chart.series]


def svg(chart: Chart) -> Markup:
    """The chart as an SVG element; an empty chart says so in place of bars."""
    if chart.horizontal:
        return _horizontal(chart)
    return _vertical(chart)


def _open(chart: Chart, height: int) -> list[str]:
    title = escape(chart.title)
    return [
        f'<svg class="chart-svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="chart-{chart.name}-t" preserveAspectRatio="xMidYMid meet" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-{chart.name}-t">{title} (the table below has the figures)</title>',
    ]


def _vertical(chart: Chart) -> Markup:
    height = 250
    parts = _open(chart, height)
    rows = chart.rows
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = height - TOP - BOTTOM
    top = _nice_max(max((v or 0 for r in rows for v in _values(chart, r)), default=0))
    for frac in (0, 0.5, 1):
        y = TOP + plot_h * (1 - frac)
        parts.append(
            f'<line class="chart-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        parts.append(
            f'<text class="chart-axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{_num(top * frac)}</text>"
        )
    if rows:
        group = plot_w / len(rows)
        k = len(chart.series)
        bar = group * 0.8 / k
        every = max(1, math.ceil(len(rows) / 6))
        for n, row in enumerate(rows):
            x0 = LEFT + n * group + group * 0.1
            for s, value in enumerate(_values(chart, row)):
                if not value:
                    continue
                h = plot_h * value / top
                parts.append(
                    f'<rect class="series-{s}" x="{x0 + s * bar:.1f}" y="{TOP + plot_h - h:.1f}" '
                    f'width="{max(bar - 1, 1):.1f}" height="{h:.1f}"><title>'
                    f"{escape(row[0])}: {escape(chart.columns[chart.series[s]])} {_num(value)}"
                    "</title></rect>"
                )
            if n % every == 0:
                label = str(row[0])[5:] if len(str(row[0])) == 10 else str(row[0])
                parts.append(
                    f'<text class="chart-axis" x="{x0 + group * 0.4:.1f}" y="{height - 14}" '
                    f'text-anchor="middle">{escape(label)}</text>'
                )
    if not any(v for r in rows for v in _values(chart, r)):
        parts.append(
            f'<text class="chart-empty" x="{WIDTH / 2}" y="{TOP + plot_h / 2}" '
            'text-anchor="middle">Nothing in this range</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 (every text and label above went through escape)


def _horizontal(chart: Chart) -> Markup:
    rows = chart.rows
    band = 26
    height = TOP + BOTTOM // 2 + band * max(1, len(rows))
    parts = _open(chart, height)
    label_w = 150
    plot_w = WIDTH - label_w - RIGHT - 40
    top = _nice_max(max((v or 0 for r in rows for v in _values(chart, r)), default=0))
    k = len(chart.series)
    bar = (band - 6) / k
    for n, row in enumerate(rows):
        y0 = TOP + n * band
        name = str(row[0])
        short = name if len(name) <= 16 else name[:15] + "…"
        parts.append(
            f'<text class="chart-axis" x="{label_w - 6}" y="{y0 + band / 2 + 4:.1f}" '
            f'text-anchor="end">{escape(short)}</text>'
        )
        for s, value in enumerate(_values(chart, row)):
            w = plot_w * (value or 0) / top
            y = y0 + 3 + s * bar
            parts.append(
                f'<rect class="series-{s}" x="{label_w}" y="{y:.1f}" width="{w:.1f}" '
                f'height="{max(bar - 1, 1):.1f}"><title>{escape(name)}: '
                f"{escape(chart.columns[chart.series[s]])} {_num(value or 0)}</title></rect>"
            )
            parts.append(
                f'<text class="chart-value" x="{label_w + w + 4:.1f}" y="{y + bar - 2:.1f}">'
                f"{_num(value or 0)}</text>"
            )
    if not rows:
        parts.append(
            f'<text class="chart-empty" x="{WIDTH / 2}" y="{TOP + band / 2 + 4}" '
            'text-anchor="middle">Nothing to show</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 (every text and label above went through escape)

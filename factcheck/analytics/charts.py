"""Server-rendered SVG charts: no script, no style attributes (the CSP allows neither).

This module only measures: a chart becomes a Drawing (grid lines, bars, labels in viewBox
units), and templates/analytics/_chart.svg.html writes the SVG, so every label is escaped by
the template engine rather than by hand. Colours and type come from classes in
static/css/app.css; the viewBox lets a chart scale to the width of a phone. Each chart is drawn
from the same rows its data table and CSV show (services.Chart).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    cls: str = "chart-axis"
    anchor: str = "start"


@dataclass(frozen=True)
class Bar:
    series: int
    x: float
    y: float
    width: float
    height: float
    tip: str


@dataclass
class Drawing:
    """What the SVG template draws, in viewBox units."""

    name: str
    title: str
    width: int
    height: int
    grid: list[tuple[float, float, float]] = field(default_factory=list)  # x1, x2, y
    bars: list[Bar] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)


def drawing(chart: Chart) -> Drawing:
    """The chart measured out; an empty chart says so in place of bars."""
    if chart.horizontal:
        return _horizontal(chart)
    return _vertical(chart)


def _vertical(chart: Chart) -> Drawing:
    height = 250
    out = Drawing(chart.name, chart.title, WIDTH, height)
    rows = chart.rows
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = height - TOP - BOTTOM
    top = _nice_max(max((v or 0 for r in rows for v in _values(chart, r)), default=0))
    for frac in (0, 0.5, 1):
        y = TOP + plot_h * (1 - frac)
        out.grid.append((LEFT, WIDTH - RIGHT, y))
        out.texts.append(Text(LEFT - 6, y + 4, _num(top * frac), anchor="end"))
    if rows:
        group = plot_w / len(rows)
        bar = group * 0.8 / len(chart.series)
        every = max(1, math.ceil(len(rows) / 6))
        for n, row in enumerate(rows):
            x0 = LEFT + n * group + group * 0.1
            for s, value in enumerate(_values(chart, row)):
                if not value:
                    continue
                h = plot_h * value / top
                tip = f"{row[0]}: {chart.columns[chart.series[s]]} {_num(value)}"
                out.bars.append(Bar(s, x0 + s * bar, TOP + plot_h - h, max(bar - 1, 1), h, tip))
            if n % every == 0:
                label = str(row[0])[5:] if len(str(row[0])) == 10 else str(row[0])
                out.texts.append(Text(x0 + group * 0.4, height - 14, label, anchor="middle"))
    if not any(v for r in rows for v in _values(chart, r)):
        out.texts.append(
            Text(WIDTH / 2, TOP + plot_h / 2, "Nothing in this range", "chart-empty", "middle")
        )
    return out


def _horizontal(chart: Chart) -> Drawing:
    rows = chart.rows
    band = 26
    height = TOP + BOTTOM // 2 + band * max(1, len(rows))
    out = Drawing(chart.name, chart.title, WIDTH, height)
    label_w = 150
    plot_w = WIDTH - label_w - RIGHT - 40
    top = _nice_max(max((v or 0 for r in rows for v in _values(chart, r)), default=0))
    bar = (band - 6) / len(chart.series)
    for n, row in enumerate(rows):
        y0 = TOP + n * band
        name = str(row[0])
        short = name if len(name) <= 16 else name[:15] + "…"
        out.texts.append(Text(label_w - 6, y0 + band / 2 + 4, short, anchor="end"))
        for s, value in enumerate(_values(chart, row)):
            w = plot_w * (value or 0) / top
            y = y0 + 3 + s * bar
            tip = f"{name}: {chart.columns[chart.series[s]]} {_num(value or 0)}"
            out.bars.append(Bar(s, label_w, y, w, max(bar - 1, 1), tip))
            out.texts.append(Text(label_w + w + 4, y + bar - 2, _num(value or 0), "chart-value"))
    if not rows:
        out.texts.append(
            Text(WIDTH / 2, TOP + band / 2 + 4, "Nothing to show", "chart-empty", "middle")
        )
    return out

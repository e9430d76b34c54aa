"""What every template may use: the permission predicates, states, the site's settings and
filters for dates, numbers and paragraphs."""

from __future__ import annotations

import datetime as dt
import re

from flask import Flask
from markupsafe import Markup, escape

from .. import permissions
from ..config import size_label
from ..models import Kind, Role
from ..revisions.diff import Op, word_diff
from ..site.services import current_site
from ..workflow import State


def init_app(app: Flask) -> None:
    @app.context_processor
    def _globals() -> dict[str, object]:
        return {
            "can": permissions.PREDICATES,
            "State": State,
            "Kind": Kind,
            "Role": Role,
            "site": current_site(),
        }

    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = format_datetime
    app.jinja_env.filters["ago"] = ago
    app.jinja_env.filters["paragraphs"] = paragraphs
    app.jinja_env.filters["number"] = format_number
    app.jinja_env.globals["word_diff"] = render_word_diff
    app.jinja_env.globals["diff_runs"] = render_diff_runs
    app.jinja_env.globals["max_article_size"] = size_label(app.config["ARTICLE_MAX_BYTES"])


def format_date(value: dt.date | dt.datetime | None, fmt: str = "%-d %b %Y") -> str:
    return value.strftime(fmt) if value else ""


def format_datetime(value: dt.datetime | None) -> str:
    return value.strftime("%-d %b %Y, %H:%M UTC") if value else ""


def ago(value: dt.datetime | None) -> str:
    """How long ago, in the largest whole unit: "3 days ago", "just now"."""
    if value is None:
        return ""
    seconds = (dt.datetime.now(dt.UTC) - value).total_seconds()
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = int(seconds // size)
            return f"{n} {unit}{'s' if n != 1 else ''} ago"
    return "just now"


def paragraphs(text: str | None) -> Markup:
    """Plain text as escaped paragraphs; the text itself is never treated as HTML."""
    if not text:
        return Markup("")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    return Markup("").join(
        Markup("<p>{}</p>").format(Markup("<br>").join(escape(line) for line in b.split("\n")))
        for b in blocks
    )


def format_number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


# Literal markup around each run; the run's text goes in through format(), which escapes it.
_DIFF_MARKUP = {
    "same": Markup("{}"),
    "removed": Markup("<del>{}</del>"),
    "added": Markup("<ins>{}</ins>"),
}


def render_diff_runs(runs: list[tuple[Op, str]]) -> Markup:
    """Diff runs as escaped text with <del> and <ins>."""
    inner = Markup("").join(_DIFF_MARKUP[op].format(text) for op, text in runs)
    return Markup('<span class="diff">{}</span>').format(inner)


def render_word_diff(old: str | None, new: str | None) -> Markup:
    return render_diff_runs(word_diff(old, new))

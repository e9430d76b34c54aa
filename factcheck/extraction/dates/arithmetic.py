"""Calendar arithmetic and the ISO forms of values: months, ISO weeks, month ends, quarters."""

from __future__ import annotations

import datetime as dt


def year_month(y: int, m: int) -> str:
    """'2021-07'."""
    return f"{y:04d}-{m:02d}"


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    """(year, month) k months after (y, m); k may be negative."""
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    """The date, or None for days that do not exist ("February 30")."""
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def iso_week(d: dt.date) -> str:
    """'2021-W49': the ISO week holding the day."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def month_end(y: int, m: int) -> dt.date:
    """The last day of the month."""
    return dt.date(*add_months(y, m, 1), 1) - dt.timedelta(days=1)


def quarter_of(d: dt.date) -> int:
    """1-4: the calendar quarter holding the day."""
    return (d.month - 1) // 3 + 1


def shifted(base: dt.date, unit: str, k: int) -> str:
    """The value k units from `base`, at the unit's granularity (a day, a month, a year or a
    decade); units are day, week, month, year and decade."""
    if unit == "day" or unit == "week":
        return (base + dt.timedelta(days=k * (7 if unit == "week" else 1))).isoformat()
    if unit == "month":
        return year_month(*add_months(base.year, base.month, k))
    if unit == "year":
        return str(base.year + k)
    return str(base.year // 10 + k)

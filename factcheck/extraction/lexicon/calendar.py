"""Month, weekday and season names, in lower case; patterns are built from them."""

from __future__ import annotations

MONTHS: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# Short forms as news prints them; "may" is its own short form and "sept" is common.
MONTH_ABBREVIATIONS: tuple[str, ...] = (
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
)
MONTH_NUMBERS: dict[str, int] = {name: i for i, name in enumerate(MONTHS, start=1)}
MONTH_NUMBERS.update(
    {
        short: MONTH_NUMBERS[m]
        for m in MONTHS
        for short in MONTH_ABBREVIATIONS
        if m.startswith(short)
    }
)

WEEKDAYS: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
WEEKDAY_ABBREVIATIONS: tuple[str, ...] = (
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
)

# Season -> (first month, last month), northern hemisphere as in TimeML.
SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5),
    "summer": (6, 8),
    "fall": (9, 11),
    "autumn": (9, 11),
    "winter": (12, 2),
}


def month_number(name: str) -> int:
    """1-12 for a month's name or short form in any case, with or without a full stop;
    raises KeyError for anything else."""
    return MONTH_NUMBERS[name.lower().rstrip(".")]

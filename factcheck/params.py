"""Numbers from request input. str.isdigit() accepts "²" and other digits int() refuses, so a
hand-typed URL could raise; these accept ASCII digits only."""

from __future__ import annotations

MAX_ID = 2**31 - 1


def is_digits(value: str | None) -> bool:
    """True for a non-empty string of ASCII digits."""
    return bool(value) and value.isascii() and value.isdigit()


def as_id(value: str | None) -> int | None:
    """A positive database id from input, or None for anything else."""
    if not is_digits(value):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None

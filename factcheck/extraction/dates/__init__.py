"""Dates: absolute and relative expressions normalised to ISO values (TimeML granularity).

`find_dates(text, published)` returns `DateMention`s. Values follow TimeML: a day "2021-12-10",
a month "2021-12", a year "2021", an ISO week "2021-W49" (a weekend "2021-W49-WE"), a quarter
"2021-Q3", a half "2021-H1", a decade "198", a century "10", a time "2021-12-10T21:00", and the
vague "PAST_REF" / "FUTURE_REF". A mention resolved against the publication date is `relative`;
without a publication date its value keeps X's ("XXXX-07-26") or is None.

How: each pattern (patterns.py) runs only in windows around its trigger words (triggers.py);
of overlapping matches the longest wins (selection.py); a resolver per kind (finder.RESOLVERS)
turns the match into a value or drops it by its named rules, reading the publication date, the
latest resolved date (the anchor, for "that year" and "two days later") and the clause's tense
(reference.py, tense.py).
"""

from .finder import find_dates

__all__ = ["find_dates"]

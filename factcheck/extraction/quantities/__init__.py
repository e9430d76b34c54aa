"""Quantities: numbers in digits or words with their unit and qualifiers.

Conventions (see tests/extraction/test_quantities.py):
- Not quantities: years, days of the month, clock times, phone numbers, ordinals, ages in
  apposition to a name ("Smith, 45,"), numbers inside names and identifiers ("F-16",
  "COVID-19", "G7", "iPhone 11", "Big 12", "Boeing 737"), labels ("category 4", "No. 1"),
  sports scores ("2-0") and decades ("the 1990s").
- Ranges ("10 to 15", "between 5% and 6%", "from $1m to $2m", "3-4") are not reported as
  separate quantities; with ``ranges=True`` each is reported once, value None, with low/high.
- Vague amounts ("thousands of troops", "dozens of") have value None and vague=True.
- Fractions count when they quantify something: "half of", "a third of", "two-thirds",
  "one in five", "1/16 of"; "twice"/"double" and "the second half" do not.
- `approximate` is True for hedges (about, nearly, some, ~) and vague amounts; bounds such
  as "more than" or "up to" keep approximate False and are reported in `qualifier`.

How it reads (one module per step): `scan` finds where numbers may start and skips phone
numbers; `digits` (with `before_digits`) and `words` read one number each into a `Mention`;
`following` attaches what comes after it (unit, rate, counted noun) and `nearby` what comes
before (qualifier, "from"/"between"); `digit_rules` and `word_rules` reject what is no
quantity; `ranges` pairs the ends of ranges. Word lists are in `lexicon` and the shared
`factcheck/extraction/lexicon/` (numbers, units, calendar).
"""

from __future__ import annotations

from .scan import find_quantities

__all__ = ["find_quantities"]

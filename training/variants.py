"""The check-worthiness judges one at a time, for the shared scorer (README, "Check-worthiness"):

    python ../shared/eval/checkworthy/score_checkworthy.py ../shared/eval/checkworthy/dev.tsv \
        --py training.variants:model_only --json

`factcheck.extraction:checkworthiness` is the hybrid the app ships; these are its two parts.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.extraction.worthiness import rule_logit
from factcheck.extraction.worthiness.model import loaded, logistic


def rules_only(sentences: Sequence[str]) -> list[float]:
    """The hand-set rules alone, each sentence's parts found in it (the score before issue 15)."""
    return [round(logistic(rule_logit(s)), 3) for s in sentences]


def model_only(sentences: Sequence[str]) -> list[float]:
    """The learned model alone: its own probability, class-balanced as trained."""
    model = loaded()
    return [round(logistic(model.logit(s)), 4) for s in sentences]

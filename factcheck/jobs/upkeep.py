"""The queue's own schedule: old job rows are deleted nightly so the table stays small."""

from __future__ import annotations

from .registry import every
from .services import prune_finished_jobs

every("prune-jobs", prune_finished_jobs, minute="30", hour="3")

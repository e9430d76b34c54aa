from __future__ import annotations

import csv
import io
import json

import pytest

# Small batches, so every export here crosses batch boundaries (10 rows = 4 batches of 3).
BATCH = 3


@pytest.fixture
def app_config() -> dict:
    return {"EXPORT_BATCH_SIZE": BATCH}


def read_csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True), newline="")))


def read_json(response):
    return json.loads(response.get_data(as_text=True))
